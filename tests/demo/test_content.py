import ast
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article
from demo import content
from demo.content import ContentError

STORY = """\
+++
headline = "Erbil opens six new bus routes"
standfirst = "The routes use the new lanes."
dateline = "ERBIL"
section = "kurdistan"
authors = ["layla-nuri"]
topics = ["Erbil", "Transport"]
image = "citadel"
hours_ago = 9.5
+++
Erbil will run six new bus routes from Sunday.

## Fares

- One fare for every route.
"""

COMMENTS = """\
[[comments]]
name = "Soran B."
status = "approved"
body = "Good news."

[[comments]]
name = "Angry reader"
status = "rejected"
hours_ago = 2.5
reason = "personal-attack"
body = "Rude words."
"""

FILES = {
    "users.toml": '[reporter]\nfirst_name = "Layla"\ngroup = "Journalists"\nauthor = "layla-nuri"\n',
    "commenters.toml": 'ip_addresses = ["192.0.2.14"]\nuser_agents = ["Firefox"]\n',
    "en/sections.toml": '[kurdistan]\nname = "Kurdistan"\ndescription = "The region."\n',
    "en/authors.toml": '[layla-nuri]\nname = "Layla Nuri"\nhandle = "@lnuri"\nbio = "Reporter."\n',
    "en/pictures.toml": '[citadel]\ntitle = "Citadel"\nalt_text = "Illustration: a citadel."\n'
    'credit = "Illustration: Newsroom"\nfocal_y = 60\n',
    "en/stories/erbil-bus-routes.md": STORY,
    "en/comments/erbil-bus-routes.toml": COMMENTS,
}


def write_tree(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def tree(tmp_path):
    return write_tree(tmp_path / "content", FILES)


def test_a_story_file_reads_into_a_story(tree):
    demo = content.read(tree)
    (story,) = demo.stories
    assert story.slug == "erbil-bus-routes"
    assert story.language == "en"
    assert story.authors == ("layla-nuri",) and story.topics == ("Erbil", "Transport")
    assert story.status == "published" and story.hours_ago == 9.5
    assert story.html == (
        "<p>Erbil will run six new bus routes from Sunday.</p>\n<h2>Fares</h2>\n"
        "<ul><li>One fare for every route.</li></ul>"
    )
    assert [(c.name, c.status, c.reason) for c in story.comments] == [
        ("Soran B.", "approved", ""),
        ("Angry reader", "rejected", "personal-attack"),
    ]
    assert demo.pictures[0].focal_y == 60 and demo.pictures[0].focal_x == 50
    assert demo.users[0].author == "layla-nuri"


def test_every_language_folder_is_an_edition(tree):
    story = STORY.replace("hours_ago = 9.5", 'hours_ago = 2\nlanguage = "kmr-Latn"')
    write_tree(
        tree,
        {
            "ar/stories/erbil-bus-routes-ar.md": STORY,
            "kmr/stories/erbil-bus-routes-kmr.md": story,
        },
    )
    languages = {story.slug: story.language for story in content.read(tree).stories}
    assert languages == {
        "erbil-bus-routes-ar": "ar",
        "erbil-bus-routes": "en",
        "erbil-bus-routes-kmr": "kmr-Latn",  # the front matter says otherwise
    }


def test_the_demo_content_reads_without_error():
    demo = content.read()
    assert {story.language for story in demo.stories} == {"en"}
    assert len(demo.stories) == len({story.slug for story in demo.stories})


PAGE = """+++
title = "About us"
summary = "Who we are."
order = 10
+++
We are a newsroom.

## How we work

- Every story is read by an editor.
"""


def test_a_page_file_reads_into_a_publication_page(tree):
    write_tree(tree, {"en/pages/about.md": PAGE})
    (page,) = content.read(tree).pages
    assert (page.slug, page.language, page.title, page.summary) == (
        "about",
        "en",
        "About us",
        "Who we are.",
    )
    assert (page.order, page.footer, page.published) == (10, True, True)
    assert page.html == (
        "<p>We are a newsroom.</p>\n<h2>How we work</h2>\n"
        "<ul><li>Every story is read by an editor.</li></ul>"
    )


def test_a_malformed_page_file_is_named_with_its_field(tree):
    write_tree(tree, {"en/pages/about.md": PAGE.replace("order = 10", 'order = "ten"')})
    with pytest.raises(content.ContentError, match="en/pages/about.md: order: must be a whole"):
        content.read(tree)


def broken(name, old, new):
    """FILES with one file's text changed."""
    assert old in FILES[name], (name, old)
    return {name: FILES[name].replace(old, new, 1)}


STORY_FILE = "en/stories/erbil-bus-routes.md"
COMMENTS_FILE = "en/comments/erbil-bus-routes.toml"

MALFORMED = [
    (
        broken(STORY_FILE, 'headline = "Erbil opens six new bus routes"\n', ""),
        f"{STORY_FILE}: headline: missing",
    ),
    (
        broken(STORY_FILE, "hours_ago = 9.5", 'hours_ago = "nine"'),
        f"{STORY_FILE}: hours_ago: must be a number, not 'nine'",
    ),
    (
        broken(STORY_FILE, "hours_ago = 9.5", "hours_ago = nan"),
        f"{STORY_FILE}: hours_ago: must be a number, not nan",
    ),
    (
        broken(STORY_FILE, 'section = "kurdistan"', 'section = "kurdstan"'),
        f"{STORY_FILE}: section: no section 'kurdstan' in sections.toml (there are: kurdistan)",
    ),
    (
        broken(STORY_FILE, 'authors = ["layla-nuri"]', 'authors = ["layla-nuri", "nobody"]'),
        f"{STORY_FILE}: authors: no author 'nobody' in authors.toml",
    ),
    (
        broken(STORY_FILE, 'image = "citadel"', 'image = "castle"'),
        f"{STORY_FILE}: image: no picture 'castle' in pictures.toml",
    ),
    (
        broken(STORY_FILE, "hours_ago = 9.5", "hours_ago = 9.5\nhours_go = 3"),
        f"{STORY_FILE}: hours_go: unknown field (the fields are: headline,",
    ),
    (
        broken(STORY_FILE, "hours_ago = 9.5", 'hours_ago = 9.5\nstatus = "publshed"'),
        f'{STORY_FILE}: status: must be one of "draft", "review", "published", "unpublished"',
    ),
    (
        broken(STORY_FILE, 'topics = ["Erbil", "Transport"]', 'topics = "Erbil"'),
        f"{STORY_FILE}: topics: must be a list of text",
    ),
    (
        # The line is the file's own: the dateline is on line 4, after the +++ line.
        broken(STORY_FILE, 'dateline = "ERBIL"', "dateline = ERBIL"),
        f"{STORY_FILE}: the fields are not valid TOML: Invalid value (at line 4, column 12)",
    ),
    (
        broken(STORY_FILE, "hours_ago = 9.5\n+++", "hours_ago = 9.5\n"),
        f"{STORY_FILE}: no closing +++ line after the story's fields",
    ),
    (
        broken(STORY_FILE, "+++\nheadline", "headline"),
        f"{STORY_FILE}: must start with a line +++",
    ),
    (
        broken(
            STORY_FILE,
            "Erbil will run six new bus routes from Sunday.\n\n## Fares\n\n- "
            "One fare for every route.\n",
            "\n",
        ),
        f"{STORY_FILE}: body: the story has no text after its fields",
    ),
    (
        broken(COMMENTS_FILE, 'reason = "personal-attack"\n', ""),
        f"{COMMENTS_FILE}: comment 2 reason: missing (a rejected comment needs it)",
    ),
    (
        broken(COMMENTS_FILE, "hours_ago = 2.5\n", ""),
        f"{COMMENTS_FILE}: comment 2 hours_ago: missing (a rejected comment needs it)",
    ),
    (
        broken(COMMENTS_FILE, 'status = "approved"', 'status = "approved"\nhours_ago = 3'),
        f"{COMMENTS_FILE}: comment 1 hours_ago: only for pending and rejected comments",
    ),
    (
        broken(COMMENTS_FILE, 'reason = "personal-attack"', 'reason = "rude"'),
        f'{COMMENTS_FILE}: comment 2 reason: must be one of "profanity", "threat"',
    ),
    (
        broken(STORY_FILE, "hours_ago = 9.5", 'hours_ago = 9.5\nstatus = "draft"'),
        f"{COMMENTS_FILE}: readers cannot see the story yet",
    ),
    (
        {"en/comments/no-such-story.toml": COMMENTS},
        "en/comments/no-such-story.toml: there is no story stories/no-such-story.md",
    ),
    (
        broken("en/authors.toml", 'name = "Layla Nuri"\n', ""),
        "en/authors.toml: [layla-nuri] name: missing",
    ),
    (
        broken("en/pictures.toml", "[citadel]", "[castle]"),
        "en/pictures.toml: [castle]: no drawing of that name in demo/pictures.py",
    ),
    (
        broken("en/pictures.toml", "focal_y = 60", "focal_y = 160"),
        "en/pictures.toml: [citadel] focal_y: a percentage, from 0 to 100",
    ),
    (
        broken("users.toml", 'author = "layla-nuri"', 'author = "layla"'),
        "users.toml: [reporter] author: no author 'layla'",
    ),
    (
        {"fr/sections.toml": FILES["en/sections.toml"]},
        "fr/sections.toml: section 'kurdistan' is also defined in",
    ),
]


@pytest.mark.parametrize(("changes", "message"), MALFORMED)
def test_a_malformed_file_is_named_with_its_field(tree, changes, message):
    write_tree(tree, changes)
    with pytest.raises(ContentError) as raised:
        content.read(tree)
    shown = str(raised.value).replace(str(tree) + "/", "")
    assert shown.startswith(message), shown


@pytest.mark.django_db
def test_load_demo_stops_on_a_malformed_file_and_writes_nothing(tree, monkeypatch):
    write_tree(tree, broken(STORY_FILE, "hours_ago = 9.5", 'hours_ago = "nine"'))
    monkeypatch.setattr(content, "CONTENT_DIR", tree)
    with pytest.raises(CommandError) as raised:
        call_command("load_demo", stdout=io.StringIO())
    assert str(raised.value) == (
        f"Demo content not loaded: {tree / STORY_FILE}: hours_ago: must be a number, not 'nine'"
    )
    assert not Article.objects.exists()


def test_nothing_outside_demo_imports_it():
    """demo/ is a leaf: the project runs without it (bench/ and tests/ may use it)."""
    root = Path(settings.BASE_DIR)
    importers = []
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if parts[0] in {"demo", "tests", "bench", ".venv", "var"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            if any(name == "demo" or name.startswith("demo.") for name in names):
                importers.append(str(path.relative_to(root)))
    assert importers == []
