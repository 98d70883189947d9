"""Translations in the story admin: "Translate into …" (a linked draft in
another edition, editorial.services.translate) and the list of published
originals whose translations are missing or stale.

Stale: the original's text (headline, standfirst, dateline, body) changed
after the translation's text last did, by Article.content_updated_at.
The last-updated time would not do: publishing, unpublishing or a
breaking-news banner move it without a word of the text changing."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from articles.models import Article
from editions.models import Edition
from editorial import permissions, services

PER_PAGE = 50


class TranslationViewsMixin:
    change_list_template = "admin/editorial/article_change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "translations/",
                view(self.translations_view),
                name="articles_article_translations",
            ),
            path(
                "<path:object_id>/translate/",
                view(self.translate_view),
                name="articles_article_translate",
            ),
            *super().get_urls(),
        ]

    # The group -------------------------------------------------------------

    @staticmethod
    def group_of(article):
        """The group's original and its translations, the original first."""
        original = article.translation_of or article
        translations = list(original.translations.select_related("edition").order_by("edition"))
        return original, translations

    def group_summary(self, article):
        original, translations = self.group_of(article)
        rows = [(original, "original")] + [(t, "translation") for t in translations]
        items = format_html_join(
            "",
            '<li>{}: <a href="{}" lang="{}" dir="auto">{}</a> ({}, {}){}</li>',
            (
                (
                    story.edition.english_name,
                    reverse("admin:articles_article_change", args=[story.pk]),
                    story.edition_id,
                    story.headline,
                    kind,
                    story.get_status_display().lower(),
                    " · this story" if story.pk == article.pk else "",
                )
                for story, kind in rows
            ),
        )
        translate = reverse("admin:articles_article_translate", args=[article.pk])
        return format_html(
            '<ul class="translation-group">{}</ul><p><a href="{}">Translate into …</a></p>',
            items,
            translate,
        )

    # "Translate into …" ------------------------------------------------------

    def _readable(self, request, object_id):
        """The story to translate from: one the user may read (any
        published story, or one they may open)."""
        if not str(object_id).isdigit():
            raise Http404("No such story.")
        article = (
            permissions.visible_articles(request.user)
            .select_related("edition")
            .filter(pk=int(object_id))
            .first()
        )
        if article is None:
            raise Http404("No such story, or not one you may read.")
        return article

    def translate_view(self, request, object_id):
        article = self._readable(request, unquote(object_id))
        original, translations = self.group_of(article)
        taken = {original.edition_id} | {t.edition_id for t in translations}
        if not request.user.has_perm("articles.add_article"):
            raise PermissionDenied
        offered = [
            edition
            for edition in permissions.in_editions(request.user, Edition.objects.all(), "pk")
            if edition.pk not in taken and permissions.may_translate_into(request.user, edition)
        ]
        if request.method == "POST":
            code = request.POST.get("edition", "")
            edition = next((e for e in offered if e.pk == code), None)
            if edition is None:
                existing = next((t for t in translations if t.edition_id == code), None)
                if existing is not None:
                    self.message_user(
                        request,
                        f"This story already has a {existing.edition.english_name} "
                        f"translation: “{existing}”.",
                        messages.WARNING,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:articles_article_change", args=[existing.pk])
                    )
                self.message_user(
                    request, "Choose an edition to translate the story into.", messages.ERROR
                )
                return HttpResponseRedirect(request.path)
            try:
                draft = services.translate(article, into=edition, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, text, messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.message_user(
                request,
                f"A {edition.english_name} draft is ready, linked to “{original}”. Replace "
                "the text with your translation, then choose its section and byline.",
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[draft.pk]))
        return TemplateResponse(
            request,
            "admin/editorial/translate.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": article,
                "group_original": original,
                "translations": translations,
                "title": "Translate into …",
                "subtitle": str(article),
                "offered": offered,
                "has_view_permission": True,
                "may_open": permissions.can_view(request.user, article),
            },
        )

    # Missing or stale ----------------------------------------------------------

    def translations_view(self, request):
        if not permissions.may_open_articles(request.user):
            raise PermissionDenied
        columns = list(
            permissions.in_editions(request.user, Edition.objects.filter(enabled=True), "pk")
        )
        codes = [edition.pk for edition in columns]
        wanted = Case(
            When(edition_id__in=codes, then=Value(len(codes) - 1)),
            default=Value(len(codes)),
            output_field=IntegerField(),
        )
        fresh = Count(
            "translations",
            filter=Q(translations__edition__in=codes)
            & Q(translations__content_updated_at__gte=F("content_updated_at")),
        )
        originals = (
            Article.objects.published()
            .filter(translation_of=None, edition__enabled=True)
            .annotate(fresh=fresh, wanted=wanted)
            .filter(fresh__lt=F("wanted"))
            .select_related("edition")
            .order_by("-publish_at", "-pk")
        )
        page = Paginator(originals, PER_PAGE).get_page(request.GET.get("p"))
        stories = list(page.object_list)
        found = Article.objects.filter(translation_of__in=stories, edition__in=codes).only(
            "pk", "headline", "status", "edition", "translation_of", "content_updated_at"
        )
        by_original = {}
        for translation in found:
            by_original.setdefault(translation.translation_of_id, {})[translation.edition_id] = (
                translation
            )
        rows = []
        for story in stories:
            cells = []
            mine = by_original.get(story.pk, {})
            for edition in columns:
                translation = mine.get(edition.pk)
                if edition.pk == story.edition_id:
                    state = "original"
                elif translation is None:
                    state = "missing"
                elif translation.content_updated_at < story.content_updated_at:
                    state = "stale"
                else:
                    state = "current"
                cells.append(
                    {
                        "edition": edition,
                        "state": state,
                        "translation": translation,
                        "may_translate": state == "missing"
                        and permissions.may_translate_into(request.user, edition),
                    }
                )
            rows.append({"story": story, "cells": cells})
        return TemplateResponse(
            request,
            "admin/editorial/translations.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Missing or stale translations",
                "columns": columns,
                "rows": rows,
                "page": page,
                "has_view_permission": True,
            },
        )
