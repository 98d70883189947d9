"""Read the admin's article form the way a browser would, so tests can post it back."""

from html.parser import HTMLParser

from django.contrib.auth.models import Group
from django.urls import reverse

from editorial.roles import ROLES, sync_roles
from tests.factories import make_user


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside = form_id, False
        self.data = {}
        self._select = self._textarea = None
        self._select_first = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select, self._select_first = name, None
            self._select_multiple = "multiple" in attrs
            self._selected = False
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                self._add(self._select, value)
                self._selected = True
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select:
            if not self._selected and not self._select_multiple and self._select_first is not None:
                self._add(self._select, self._select_first)
            self._select = None
        elif tag == "textarea":
            if self._textarea and self.data[self._textarea][-1].startswith("\n"):
                self.data[self._textarea][-1] = self.data[self._textarea][-1][1:]
            self._textarea = None


def read_form(html, form_id="article_form"):
    reader = _FormReader(form_id)
    reader.feed(html)
    return {k: v if len(v) > 1 else v[0] for k, v in reader.data.items()}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def admin_form(client, article=None):
    url = change_url(article) if article else reverse("admin:articles_article_add")
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return read_form(response.content.decode())


def new_article_data(section, author, **overrides):
    data = {
        "edition": section.edition_id,
        "headline": "Council votes on the new bridge",
        "slug": "council-votes-bridge",
        "standfirst": "The vote follows two years of debate.",
        "dateline": "RIVERTON",
        "body": "<p>The council voted on Tuesday.</p>",
        "section": str(section.pk),
        "lead_image_caption": "",
        "comments_open": "on",
        "status": "draft",
        "transition_note": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-author": str(author.pk),
        "bylines-0-order": "0",
    }
    data.update(overrides)
    return data


def member(group_name, username, **extra):
    if group_name in ROLES and not Group.objects.filter(name=group_name).exists():
        # A transactional test flushed the groups the migration made.
        sync_roles()
    user = make_user(username, **extra)
    user.groups.add(Group.objects.get(name=group_name))
    return user
