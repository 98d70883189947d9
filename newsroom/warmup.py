"""Work every gunicorn worker would otherwise do on its first request, done
once in the master before it forks (gunicorn.conf.py, `when_ready`).

A new worker's first article page took 360 ms: importing redis-py, building
the URL resolver, loading the translation catalogues, compiling the Jinja2
templates and the comment form's widget templates. Workers
start new every GUNICORN_MAX_REQUESTS requests, so under load that was a
reader waiting a third of a second every few seconds (the p99 of the
benchmarks). Done in the master, the workers inherit the result.

Nothing here opens a database or cache connection: a socket opened before
the fork would be shared by every worker.
"""

import importlib

from django.conf import settings
from django.db.utils import load_backend
from django.template import engines
from django.template.backends.jinja2 import Jinja2
from django.urls import get_resolver
from django.utils import translation

from articles.models import Article
from comments.forms import CommentForm
from reader.comments import form_fields


def warm():
    # Modules imported on first use: the database drivers and redis-py (its
    # import alone, asyncio client and all, took 120 ms).
    for database in settings.DATABASES.values():
        load_backend(database["ENGINE"])
    if settings.REDIS_URL:
        importlib.import_module("redis")
    get_resolver().reverse_dict  # noqa: B018 (imports every URLconf and view, builds the tables)
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("Home")  # loads the catalogues
        # The empty comment form, the same under every story: its widget
        # templates compiled, its HTML kept (reader.comments.form_fields).
        form_fields(CommentForm(article=Article(pk=0)))
    for engine in engines.all():
        if isinstance(engine, Jinja2):
            for name in engine.env.list_templates():
                engine.env.get_template(name)
