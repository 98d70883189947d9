"""Helpers for the comments tests: comments, moderators and valid form data."""

import itertools
import time

from django.contrib.auth.models import Group

from comments.forms import sign_timestamp
from comments.models import Comment
from tests.factories import make_article, make_user

_seq = itertools.count(1)


def make_comment(article=None, *, status=Comment.Status.PENDING, **extra):
    n = next(_seq)
    extra.setdefault("name", f"Reader {n}")
    extra.setdefault("email", f"reader{n}@example.net")
    extra.setdefault("body", f"A considered comment, number {n}.")
    return Comment.objects.create(article=article or make_article(), status=status, **extra)


def make_moderator(username=None):
    user = make_user(username)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def make_journalist(username=None):
    group, _ = Group.objects.get_or_create(name="Journalists")
    user = make_user(username)
    user.groups.add(group)
    return user


def form_data(article, *, seconds_ago=30, **overrides):
    """What a person's browser posts after a while on the page."""
    n = next(_seq)
    data = {
        "name": f"Reader {n}",
        "email": f"poster{n}@example.net",
        "body": f"I read the story and have a thought, number {n}.",
        "website": "",
        "ts": sign_timestamp(article.pk, at=time.time() - seconds_ago),
    }
    data.update(overrides)
    return data
