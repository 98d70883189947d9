import io
import json
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from gunicorn.config import Config

CONFIG = str(settings.BASE_DIR / "gunicorn.conf.py")
ENV = (
    "BIND",
    "PORT",
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_PRELOAD",
    "GUNICORN_CONTROL_SOCKET",
    "LOG_FORMAT",
    "DEBUG",
)


@pytest.fixture
def load(monkeypatch):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)

    def load(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        namespace = {"__file__": CONFIG}
        exec(compile(open(CONFIG).read(), CONFIG, "exec"), namespace)
        config = Config()
        for key, value in namespace.items():
            if key in config.settings:
                config.set(key, value)
        return config

    return load


def test_defaults(load, monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1})
    config = load()
    assert config.bind == ["127.0.0.1:8000"]
    assert config.workers == 5  # 2 x 2 cores + 1
    assert config.worker_class_str == "sync"
    assert config.timeout == 30
    assert config.max_requests == 2000 and config.max_requests_jitter == 200
    assert config.preload_app is True
    assert config.accesslog == "-"
    assert config.logger_class.__name__ == "JSONLogger"
    # Two instances on one machine must not fight over one control socket.
    assert config.control_socket_disable is True


def test_workers_are_capped_on_big_machines(load, monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(64)))
    assert load().workers == 8


def test_environment_overrides(load):
    config = load(
        PORT="8610",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="4",
        GUNICORN_PRELOAD="0",
        LOG_FORMAT="plain",
        GUNICORN_CONTROL_SOCKET="/tmp/newsroom-a.ctl",
    )
    assert config.bind == ["127.0.0.1:8610"]
    assert config.workers == 2
    assert config.threads == 4 and config.worker_class_str == "gthread"
    assert config.preload_app is False
    assert config.logger_class.__name__ == "Logger"
    assert config.control_socket == "/tmp/newsroom-a.ctl"
    assert load(BIND="0.0.0.0:9000").bind == ["0.0.0.0:9000"]


def test_access_log_lines_are_json(load):
    config = load()
    logger = config.logger_class(config)
    stream = io.StringIO()
    for handler in logger.access_log.handlers:
        handler.setStream(stream)
    response = SimpleNamespace(status="200 OK", sent=5120, headers=[])
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/news/a-story/",
        "QUERY_STRING": "page=2",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_USER_AGENT": "curl/8",
        "HTTP_X_REQUEST_ID": "abc123",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "RAW_URI": "/news/a-story/?page=2",
    }
    logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=12.5))
    entry = json.loads(stream.getvalue())
    assert entry["logger"] == "gunicorn.access"
    assert entry["message"] == "GET /news/a-story/ 200"
    assert entry["status"] == 200
    assert entry["path"] == "/news/a-story/" and entry["query"] == "page=2"
    assert entry["bytes"] == 5120
    assert entry["duration_ms"] == 12.5
    assert entry["request_id"] == "abc123"
    logging.getLogger("gunicorn.access").handlers.clear()


@pytest.mark.django_db
def test_the_master_does_each_workers_first_request_work_before_forking(
    load, client, django_assert_num_queries
):
    """A new worker's first page compiled every template it used (360 ms in
    all, with the other first-use work): the master does it once, opening no
    database or cache connection a forked worker would share."""
    from unittest import mock

    from django.core.cache import caches
    from django.template import engines

    from comments.forms import CommentForm
    from pagecache import memos
    from tests.factories import make_article

    story = make_article()
    reader_env = engines["jinja2"].env
    form_env = CommentForm.default_renderer.engine.env
    for env in (reader_env, form_env):
        env.cache.clear()
    memos.clear_all()

    config = load()
    with (
        django_assert_num_queries(0),
        mock.patch.object(type(caches), "__getitem__", side_effect=AssertionError("cache used")),
    ):
        config.settings["when_ready"].get()(SimpleNamespace(cfg=config))

    with (
        mock.patch.object(reader_env, "compile", wraps=reader_env.compile) as reader_compile,
        mock.patch.object(form_env, "compile", wraps=form_env.compile) as form_compile,
    ):
        assert client.get(story.get_absolute_url()).status_code == 200
    assert reader_compile.call_count == 0
    assert form_compile.call_count == 0
