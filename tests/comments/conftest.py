import pytest


@pytest.fixture(autouse=True)
def _comment_settings(settings):
    # The defaults, pinned: tests must not depend on the environment.
    settings.COMMENTS_MIN_FILL_SECONDS = 3
    settings.COMMENTS_FORM_MAX_AGE = 24 * 3600
    settings.COMMENTS_RATE_WINDOW = 600
    settings.COMMENTS_RATE_PER_IP = 10
    settings.COMMENTS_RATE_PER_EMAIL = 5
    settings.COMMENTS_MAX_LINKS = 2
    settings.COMMENTS_DUPLICATE_WINDOW = 24 * 3600
    settings.TRUSTED_PROXY_COUNT = 0
    settings.TRUSTED_PROXIES = []
