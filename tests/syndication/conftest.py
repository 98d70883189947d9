import re
from html.parser import HTMLParser

import pytest

from tests.factories import make_article, make_author, make_image, make_section


@pytest.fixture
def section(db):
    return make_section("World", slug="world", description="News from around the world.")


@pytest.fixture
def story(section):
    """A published story with everything a feed item can show."""
    return make_article(
        headline="Missiles moved across the border",
        standfirst="Officials say the launchers arrived overnight.",
        body="<p>Trucks carrying launchers crossed at dawn.</p>",
        dateline="ERBIL, Kurdistan Region",
        section=section,
        authors=[
            make_author("Holly Johnston", slug="holly-johnston", social_handle="@hyjohnston"),
            make_author("Sam Rahimi", slug="sam-rahimi", social_handle=""),
        ],
        tags=["Iraq", "Defence"],
        lead_image=make_image(alt_text="Launchers on a truck"),
    )


class _ScriptCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.meta, self.links, self._in_ld = [], [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.scripts.append("")
        elif tag == "meta":
            self.meta.append(attrs)
        elif tag == "link":
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.scripts[-1] += data


def parse_head(html):
    collector = _ScriptCollector()
    collector.feed(html)
    return collector


def strip_ws(text):
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://news.example.org"
    settings.SITE_NAME = "The Newsroom"
