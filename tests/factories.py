"""Small factories for tests: real objects, sensible defaults, override anything."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, Author, Byline, Section
from images.models import Image

_seq = itertools.count(1)


def png_bytes(width=64, height=48, color=(140, 28, 19), fmt="PNG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, fmt)
    return buffer.getvalue()


def upload(name="photo.png", **kwargs):
    fmt = "JPEG" if name.endswith((".jpg", ".jpeg")) else "PNG"
    content_type = "image/jpeg" if fmt == "JPEG" else "image/png"
    return SimpleUploadedFile(name, png_bytes(fmt=fmt, **kwargs), content_type=content_type)


def make_user(username=None, *, staff=True, superuser=False, password="pw-for-tests-1", **extra):
    username = username or f"user{next(_seq)}"
    user = get_user_model().objects.create_user(
        username=username,
        password=password,
        email=f"{username}@example.org",
        is_staff=staff or superuser,
        is_superuser=superuser,
        **extra,
    )
    return user


def make_section(name=None, **extra):
    n = next(_seq)
    name = name or f"Section {n}"
    extra.setdefault("slug", f"section-{n}")
    return Section.objects.create(name=name, order=n, **extra)


def make_author(name=None, **extra):
    n = next(_seq)
    name = name or f"Author {n}"
    extra.setdefault("slug", f"author-{n}")
    extra.setdefault("social_handle", f"@author{n}")
    return Author.objects.create(name=name, **extra)


def make_image(**extra):
    n = next(_seq)
    extra.setdefault("title", f"Image {n}")
    extra.setdefault("alt_text", f"Alt text {n}")
    extra.setdefault("caption", f"Caption {n}")
    extra.setdefault("credit", "Photo: Newsroom")
    return Image.objects.create(file=upload(f"image{n}.png", width=120, height=80), **extra)


def make_article(
    *,
    headline=None,
    status=Article.Status.PUBLISHED,
    publish_at=None,
    ago=None,
    section=None,
    authors=None,
    tags=(),
    **extra,
):
    """A published article from an hour ago unless told otherwise.

    `ago` is a timedelta before now (negative for the future).
    """
    n = next(_seq)
    if status in (Article.Status.DRAFT, Article.Status.REVIEW) and "lead_image" not in extra:
        # Complete, so that it may be sent for review and published
        # (Article.missing_for_review); pass lead_image=None for one that may not.
        extra["lead_image"] = make_image()
    if publish_at is None and status == Article.Status.PUBLISHED:
        publish_at = timezone.now() - (ago if ago is not None else timedelta(hours=1))
    article = Article.objects.create(
        headline=headline or f"Headline number {n}",
        slug=extra.pop("slug", f"story-{n}"),
        standfirst=extra.pop("standfirst", f"Standfirst of story {n}."),
        body=extra.pop("body", f"<p>Body of story {n}.</p>"),
        section=section or make_section(),
        status=status,
        publish_at=publish_at,
        **extra,
    )
    for order, author in enumerate(authors if authors is not None else [make_author()]):
        Byline.objects.create(article=article, author=author, order=order)
    if tags:
        article.tags.set(list(tags))
    if publish_at is not None and "updated_at" not in extra:
        # As if written before publication and untouched since.
        Article.objects.filter(pk=article.pk).update(updated_at=publish_at)
        article.updated_at = publish_at
    return article


def forget_page(url, host="testserver"):
    """Drop one page from the page cache, nothing else: the next request
    renders it with the shared pieces (reader/shared.py) still cached."""
    from urllib.parse import parse_qsl, urlencode, urlsplit

    from django.core.cache import cache

    from pagecache import store

    parts = urlsplit(url)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    cache.delete(store.page_key(host, parts.path, query))
