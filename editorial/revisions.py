"""Revisions of articles, kept by django-reversion: snapshots, diffs, restore.

Every save through the admin that changes something, and every workflow move,
stores a revision with the article, its byline rows and its tag links, with
who saved it and when; a save with no change stores none. Two versions with
the same content compare as a sentence saying so, never as a table of
unchanged fields.
Restoring brings back the content (headline, standfirst, dateline, body,
section, lead image, byline, tags) as a new revision; it never changes the
workflow state, so restoring cannot publish or unpublish anything.
"""

import difflib
import re
from dataclasses import dataclass, field
from html import unescape

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, Byline, Section, TaggedArticle
from editorial import permissions
from images.models import Image

CONTENT_FIELDS = [
    "headline",
    "standfirst",
    "dateline",
    "body",
    "section_id",
    "lead_image_id",
    "lead_image_caption",
]


# What a revision keeps of each library image the story shows, with labels.
# Width and height come along so a stored version reads back without opening
# the file.
IMAGE_RECORD = {
    "title": "Title",
    "alt_text": "Alt text",
    "caption": "Caption",
    "credit": "Credit",
    "file": "File",
    "focal_x": "Focal point",
    "focal_y": "Focal point",
}


def register_models():
    if reversion.is_registered(Article):
        return
    # "authors" (through Byline) and "tags" (through TaggedArticle) are stored
    # as the rows that link them, followed below; the library images as what
    # readers saw of them then.
    reversion.register(
        Article,
        exclude=["authors", "tags"],
        follow=["bylines", "tagged_items", "library_images"],
    )
    reversion.register(Image, fields=[*IMAGE_RECORD, "width", "height"])
    reversion.register(Byline)
    reversion.register(TaggedArticle, follow=["tag"])
    # Revisions saved before topics moved to TaggedArticle (articles
    # migration 0003) hold taggit's generic rows: snapshot() reads both.
    reversion.register(TaggedItem, follow=["tag"])
    reversion.register(Tag)


def versions_of(article):
    """The article's versions, newest first, with who saved them."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


@dataclass
class Snapshot:
    """An article as one version stored it, in readable form."""

    version: Version
    fields: dict
    author_ids: list = field(default_factory=list)
    tag_names: list = field(default_factory=list)
    # Library images as the version recorded them, by id (none in versions
    # saved before images were recorded).
    images: dict = field(default_factory=dict)

    @property
    def headline(self):
        return self.fields.get("headline", "")

    @property
    def status(self):
        value = self.fields.get("status", "")
        return Article.Status(value).label if value in Article.Status.values else value

    def author_names(self):
        names = dict(Author.objects.filter(pk__in=self.author_ids).values_list("pk", "name"))
        return [names.get(pk, f"(deleted author #{pk})") for pk in self.author_ids]

    def section_name(self):
        section = Section.objects.filter(pk=self.fields.get("section_id")).first()
        return section.name if section else "(deleted section)"

    def lead_image(self):
        """Which library image leads the story, and its caption here if set."""
        pk = self.fields.get("lead_image_id")
        if pk is None:
            return ""
        title = self.images.get(pk, {}).get("title")
        if title is None:
            title = Image.objects.filter(pk=pk).values_list("title", flat=True).first()
        text = f"“{title}”" if title is not None else f"(deleted image #{pk})"
        if caption := self.fields.get("lead_image_caption"):
            text += f"\nCaption in this story: {caption}"
        return text


def describe_image(record):
    """A library image as a revision recorded it, one field a line."""
    lines = [
        f"{IMAGE_RECORD[name]}: {record.get(name) or ''}"
        for name in IMAGE_RECORD
        if not name.startswith("focal_")
    ]
    lines.append(
        f"Focal point: {record.get('focal_x')}% from the left, "
        f"{record.get('focal_y')}% from the top"
    )
    return "\n".join(lines)


def image_field_labels(names):
    """Labels of changed image fields, once each, in IMAGE_RECORD's order."""
    labels = [IMAGE_RECORD[name].lower() for name in IMAGE_RECORD if name in names]
    return list(dict.fromkeys(labels))


def snapshot(version):
    """Read a version and the byline and tag rows saved with it."""
    revision_versions = list(version.revision.version_set.all())
    article_pk = str(version.object_id)
    byline_ct = ContentType.objects.get_for_model(Byline)
    tagged_ct = ContentType.objects.get_for_model(TaggedArticle)
    legacy_tagged_ct = ContentType.objects.get_for_model(TaggedItem)
    tag_ct = ContentType.objects.get_for_model(Tag)
    article_ct = ContentType.objects.get_for_model(Article)
    image_ct = ContentType.objects.get_for_model(Image)
    bylines, tag_ids, tag_names, images = [], [], {}, {}
    for other in revision_versions:
        if other.content_type_id == byline_ct.pk:
            data = other.field_dict
            if str(data["article_id"]) == article_pk:
                bylines.append((data["order"], int(other.object_id), data["author_id"]))
        elif other.content_type_id == tagged_ct.pk:
            data = other.field_dict
            if str(data["content_object_id"]) == article_pk:
                tag_ids.append(data["tag_id"])
        elif other.content_type_id == legacy_tagged_ct.pk:
            data = other.field_dict
            if data["content_type_id"] == article_ct.pk and str(data["object_id"]) == article_pk:
                tag_ids.append(data["tag_id"])
        elif other.content_type_id == tag_ct.pk:
            tag_names[int(other.object_id)] = other.field_dict["name"]
        elif other.content_type_id == image_ct.pk:
            data = other.field_dict
            images[int(other.object_id)] = {
                name: str(data.get(name) or "") if name == "file" else data.get(name)
                for name in IMAGE_RECORD
            }
    missing = [pk for pk in tag_ids if pk not in tag_names]
    if missing:
        tag_names.update(Tag.objects.filter(pk__in=missing).values_list("pk", "name"))
    return Snapshot(
        version=version,
        fields=version.field_dict,
        author_ids=[author_id for _order, _pk, author_id in sorted(bylines)],
        tag_names=sorted(tag_names[pk] for pk in tag_ids if pk in tag_names),
        images=images,
    )


# Diffs -----------------------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figure|figcaption|div|pre)>|<br\s*/?>", re.I)
_TOKENS = re.compile(r"\n|[^\S\n]+|[^\s]+")


def html_to_text(html):
    """The text readers see, one paragraph a line."""
    text = strip_tags(_BLOCK_END.sub("\n", html or ""))
    lines = (" ".join(unescape(line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def diff_text(old, new):
    """Word-by-word diff as HTML: removed words in <del>, added ones in <ins>.

    Every piece of text is escaped: a version's content cannot inject markup
    into the admin.
    """
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[a1:a2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[b1:b2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


@dataclass
class FieldDiff:
    label: str
    html: str
    changed: bool


def compare(old: Snapshot, new: Snapshot):
    """Readable differences between two snapshots, field by field."""
    pairs = [
        ("Headline", old.headline, new.headline),
        ("Standfirst", old.fields.get("standfirst"), new.fields.get("standfirst")),
        ("Dateline", old.fields.get("dateline"), new.fields.get("dateline")),
        ("Section", old.section_name(), new.section_name()),
        ("Authors", ", ".join(old.author_names()), ", ".join(new.author_names())),
        ("Tags", ", ".join(old.tag_names), ", ".join(new.tag_names)),
        ("Body", html_to_text(old.fields.get("body")), html_to_text(new.fields.get("body"))),
        ("Lead image", old.lead_image(), new.lead_image()),
    ]
    return [
        FieldDiff(label, diff_text(before or "", after or ""), (before or "") != (after or ""))
        for label, before, after in pairs
    ]


def compare_images(old: Snapshot, new: Snapshot):
    """What changed in the library images both snapshots recorded (caption,
    credit, alt text, file, focal point): shared by other stories, so not
    part of the story's own content, and not restored with it."""
    rows = []
    for pk in sorted(old.images.keys() & new.images.keys()):
        before, after = describe_image(old.images[pk]), describe_image(new.images[pk])
        if before != after:
            label = f"Library image “{new.images[pk]['title']}”"
            rows.append(FieldDiff(label, diff_text(before, after), True))
    return rows


# Restore ---------------------------------------------------------------------


def restore(article: Article, version: Version, *, by) -> Article:
    """Bring back the content of `version` as a new revision.

    A Journalist may restore only on their own draft; editors on any article.
    The workflow state (status, publish time, breaking) stays as it is.
    """
    if str(version.object_id) != str(article.pk) or version.content_type.model_class() != Article:
        raise PermissionDenied("That version belongs to another article.")
    if not permissions.can_edit(by, article):
        raise PermissionDenied("You may not change this story.")
    old = snapshot(version)
    saved_at = timezone.localtime(version.revision.date_created)
    with transaction.atomic(), reversion.create_revision():
        for name in CONTENT_FIELDS:
            if name in old.fields:
                setattr(article, name, old.fields[name])
        if not Section.objects.filter(pk=article.section_id).exists():
            # The old section is gone: keep the current one.
            article.section_id = Article.objects.values_list("section_id", flat=True).get(
                pk=article.pk
            )
        if article.lead_image_id and not _image_exists(article.lead_image_id):
            article.lead_image_id = None
        article.save()
        authors = set(Author.objects.filter(pk__in=old.author_ids).values_list("pk", flat=True))
        kept = [pk for pk in old.author_ids if pk in authors]
        if kept:
            article.bylines.all().delete()
            Byline.objects.bulk_create(
                Byline(article=article, author_id=pk, order=n) for n, pk in enumerate(kept)
            )
        article.tags.set(old.tag_names)
        reversion.set_user(by)
        reversion.set_comment(f"Restored the version of {saved_at:%d %b %Y %H:%M}")
        reversion.add_to_revision(article)
    return article


def _image_exists(pk):
    return Image.objects.filter(pk=pk).exists()
