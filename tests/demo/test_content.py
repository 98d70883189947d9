import ast
import io
import re
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


# A second edition: Sorani, with its own sections and authors, one translation of the
# English story and one story of its own.
CKB_STORY = """\
+++
headline = "هەولێر شەش هێڵی نوێی پاس دەخاتە کار"
standfirst = "هێڵەکان گەڕەکەکان بە زانکۆکانەوە دەبەستنەوە."
dateline = "هەولێر، هەرێمی کوردستان"
section = "kurdistan"
authors = ["لەیلا-نووری"]
topics = ["هەولێر", "گواستنەوە"]
image = "citadel"
caption = "قەڵایەکی کۆن لە ئێوارەدا."
hours_ago = 8
translation_of = "erbil-bus-routes"
+++
لە ڕۆژی یەکشەممەوە شەش هێڵی نوێی پاس لە هەولێر دەکەونە کار.
"""

CKB_OWN_STORY = CKB_STORY.replace('translation_of = "erbil-bus-routes"\n', "").replace(
    'section = "kurdistan"', 'section = "culture"'
)

CKB_FILES = {
    "ckb/sections.toml": '[kurdistan]\nname = "کوردستان"\n\n[culture]\nname = "کولتوور"\n',
    "ckb/authors.toml": '["لەیلا-نووری"]\nname = "لەیلا نووری"\nhandle = "@lnuri"\n',
    "ckb/stories/هەولێر-شەش-هێڵی-نوێی-پاس.md": CKB_STORY,
    "ckb/stories/کتێبخانەی-گەڕەک.md": CKB_OWN_STORY,
    "ckb/comments/هەولێر-شەش-هێڵی-نوێی-پاس.toml": (
        '[[comments]]\nname = "@hawre.erbil"\nstatus = "approved"\nbody = "زۆر باشە."\n'
    ),
}
CKB_TRANSLATION = "ckb/stories/هەولێر-شەش-هێڵی-نوێی-پاس.md"
CKB_OWN = "ckb/stories/کتێبخانەی-گەڕەک.md"


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
    write_tree(tree, CKB_FILES)
    demo = content.read(tree)
    assert demo.languages == ("ckb", "en")
    stories = {story.slug: story for story in demo.stories}
    translation = stories["هەولێر-شەش-هێڵی-نوێی-پاس"]
    assert translation.language == "ckb"
    assert translation.translation_of == "erbil-bus-routes"
    assert translation.caption == "قەڵایەکی کۆن لە ئێوارەدا."
    assert translation.comments[0].language == "ckb"
    assert stories["کتێبخانەی-گەڕەک"].translation_of is None
    assert stories["erbil-bus-routes"].comments[0].language == "en"
    # Both editions have a section "kurdistan", each its own.
    assert [(s.language, s.slug, s.name) for s in demo.sections] == [
        ("ckb", "kurdistan", "کوردستان"),
        ("ckb", "culture", "کولتوور"),
        ("en", "kurdistan", "Kurdistan"),
    ]
    assert {(a.language, a.slug) for a in demo.authors} == {
        ("ckb", "لەیلا-نووری"),
        ("en", "layla-nuri"),
    }


def test_only_keeps_the_named_editions(tree):
    write_tree(tree, CKB_FILES)
    demo = content.read(tree).only(("en",))
    assert demo.languages == ("en",)
    assert [s.slug for s in demo.stories] == ["erbil-bus-routes"]
    assert [(s.language, s.slug) for s in demo.sections] == [("en", "kurdistan")]
    assert [a.slug for a in demo.authors] == ["layla-nuri"]
    assert [p.key for p in demo.pictures] == ["citadel"]  # pictures are shared


def test_the_demo_content_reads_without_error():
    """Every edition's folder parses and keeps its rules, loaded or not."""
    demo = content.read()
    assert demo.languages == ("ar", "ckb", "en", "kmr", "tr")
    assert len(demo.stories) == len({story.slug for story in demo.stories})
    english = {story.slug for story in demo.stories if story.language == "en"}
    for language, at_least, translations in (
        ("ckb", 8, 3),
        ("ar", 8, 3),
        ("kmr", 4, 2),
        ("tr", 4, 2),
    ):
        stories = [story for story in demo.stories if story.language == language]
        published = [s for s in stories if s.status == "published" and not s.scheduled]
        assert len(stories) >= at_least, language
        assert sum(s.translation_of in english for s in stories) >= translations, language
        assert any(s.status == "draft" for s in stories), language
        assert sum(s.scheduled for s in stories) == 1, language
        assert any(s.updated_after_hours for s in published), language
        # Over the last four weeks.
        assert max(s.hours_ago for s in published) > 21 * 24, language
        assert max(s.hours_ago for s in published) < 28 * 24, language
        statuses = {c.status for story in stories for c in story.comments}
        assert statuses == {"approved", "pending", "rejected"}, language
        sections = {s.slug for s in demo.sections if s.language == language}
        assert {s.section for s in stories} <= sections
    originals = [story.translation_of for story in demo.stories if story.translation_of]
    assert any(originals.count(slug) == 4 for slug in originals)


def test_the_right_to_left_editions_keep_their_digits_and_letters():
    """Sorani prints Arabic-Indic digits and its own letters; the Arabic edition
    Western digits (demo/content/README.md)."""
    demo = content.read()
    for story in demo.stories:
        text = " ".join((story.headline, story.standfirst, story.body))
        if story.language == "ckb":
            assert not re.search("[0-9\u0643\u064a]", text), story.slug
        if story.language == "ar":
            assert not re.search("[\u0660-\u0669\u06f0-\u06f9\u06a9\u06cc\u06d5]", text), story.slug


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
        broken(
            COMMENTS_FILE, "hours_ago = 2.5\n", 'hours_ago = 2.5\nreports = [{ reason = "spam" }]\n'
        ),
        f"{COMMENTS_FILE}: comment 2 reports: only for approved comments",
    ),
    (
        broken(COMMENTS_FILE, 'body = "Good news."', 'body = "Good news."\nreports = ["spam"]'),
        f"{COMMENTS_FILE}: comment 1 reports: must be a list of tables",
    ),
    (
        broken(
            COMMENTS_FILE,
            'body = "Good news."',
            'body = "Good news."\nreports = [{ reason = "rude" }]',
        ),
        f'{COMMENTS_FILE}: comment 1 report 1 reason: must be one of "abuse", "threat"',
    ),
    (
        broken(
            COMMENTS_FILE,
            'body = "Good news."',
            'body = "Good news."\nreports = [{ note = "Hm." }]',
        ),
        f"{COMMENTS_FILE}: comment 1 report 1 reason: missing",
    ),
    (
        broken(
            COMMENTS_FILE,
            'body = "Good news."',
            'body = "Good news."\nreports = [{ reason = "spam", when = 2 }]',
        ),
        f"{COMMENTS_FILE}: comment 1 report 1 when: unknown field",
    ),
    (
        broken(
            COMMENTS_FILE,
            'body = "Good news."',
            'body = "Good news."\nreports = [{ reason = "spam", note = "' + "x" * 501 + '" }]',
        ),
        f"{COMMENTS_FILE}: comment 1 report 1 note: longer than 500 characters",
    ),
    (
        broken(COMMENTS_FILE, 'body = "Good news."', 'body = "Good news."\nnotify = "yes"'),
        f"{COMMENTS_FILE}: comment 1 notify: must be true or false",
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
        {"fr/authors.toml": FILES["en/authors.toml"]},
        "fr/authors.toml: author 'layla-nuri' is also defined in",
    ),
    (
        {"fr/pictures.toml": FILES["en/pictures.toml"]},
        "fr/pictures.toml: picture 'citadel' is also defined in",
    ),
    (
        broken(STORY_FILE, "hours_ago = 9.5", 'hours_ago = 9.5\nlanguage = "ckb"'),
        f"{STORY_FILE}: language: unknown field",
    ),
    (
        {"en/stories/Erbil bus routes.md": STORY},
        "en/stories/Erbil bus routes.md: file name: 'Erbil bus routes' is not a slug: "
        "lower-case letters of any script, digits and single hyphens only "
        "(e.g. 'erbil-bus-routes')",
    ),
    (
        broken("en/authors.toml", "[layla-nuri]", '["Layla Nuri"]'),
        "en/authors.toml: [Layla Nuri]: 'Layla Nuri' is not a slug",
    ),
    # The editions and their translations.
    (
        {
            **CKB_FILES,
            CKB_OWN: CKB_OWN_STORY.replace('section = "culture"', 'section = "world"'),
        },
        f"{CKB_OWN}: section: no section 'world' in sections.toml (there are: kurdistan, culture)",
    ),
    (
        {
            **CKB_FILES,
            CKB_OWN: CKB_OWN_STORY.replace('authors = ["لەیلا-نووری"]', 'authors = ["layla-nuri"]'),
        },
        f"{CKB_OWN}: authors: author 'layla-nuri' belongs to the en edition: a story "
        "takes its authors from its own edition's, ckb/authors.toml",
    ),
    (
        broken(STORY_FILE, 'section = "kurdistan"', 'section = "culture"') | CKB_FILES,
        f"{STORY_FILE}: section: section 'culture' belongs to the ckb edition: a story "
        "takes its sections from its own edition's, en/sections.toml",
    ),
    (
        {**CKB_FILES, "ckb/authors.toml": CKB_FILES["ckb/authors.toml"] + FILES["en/authors.toml"]},
        # Folders are read in name order: ckb/ before en/.
        "en/authors.toml: author 'layla-nuri' is also defined in ckb/authors.toml",
    ),
    (
        {
            **CKB_FILES,
            CKB_TRANSLATION: CKB_STORY.replace('"erbil-bus-routes"', '"erbil-bus-route"'),
        },
        f"{CKB_TRANSLATION}: translation_of: no story 'erbil-bus-route': name an English "
        "story, the file name of en/stories/<slug>.md",
    ),
    (
        {
            **CKB_FILES,
            CKB_TRANSLATION: CKB_STORY.replace('"erbil-bus-routes"', '"کتێبخانەی-گەڕەک"'),
        },
        f"{CKB_TRANSLATION}: translation_of: 'کتێبخانەی-گەڕەک' is in the ckb edition: a "
        "translation is of an English story, in another edition",
    ),
    (
        broken(
            STORY_FILE, "hours_ago = 9.5", 'hours_ago = 9.5\ntranslation_of = "erbil-bus-routes"'
        ),
        f"{STORY_FILE}: translation_of: a story cannot be a translation of itself",
    ),
    (
        {
            "en/stories/erbil-bus-routes-again.md": STORY.replace(
                "hours_ago = 9.5", 'hours_ago = 9.5\ntranslation_of = "erbil-bus-routes"'
            )
        },
        "en/stories/erbil-bus-routes-again.md: translation_of: 'erbil-bus-routes' is in the en "
        "edition: a translation is of an English story, in another edition",
    ),
    (
        # Files are read in name order: the second translation is the one named.
        {**CKB_FILES, CKB_OWN: CKB_STORY},
        f"{CKB_OWN}: translation_of: 'erbil-bus-routes' already has a ckb "
        f"translation: {CKB_TRANSLATION}",
    ),
]


@pytest.mark.parametrize(("changes", "message"), MALFORMED)
def test_a_malformed_file_is_named_with_its_field(tree, changes, message):
    write_tree(tree, changes)
    with pytest.raises(ContentError) as raised:
        content.read(tree)
    shown = str(raised.value).replace(str(tree) + "/", "")
    assert shown.startswith(message), shown


def test_a_comment_may_carry_readers_reports_and_ask_to_be_told(tree):
    write_tree(
        tree,
        broken(
            COMMENTS_FILE,
            'body = "Good news."',
            'body = "Good news."\nnotify = true\n'
            'reports = [{ reason = "off-topic", note = "Not about buses." }, { reason = "spam" }]',
        ),
    )
    (story,) = content.read(tree).stories
    approved, rejected = story.comments
    assert approved.notify is True and rejected.notify is False
    assert approved.reports == (
        content.ReaderReport(reason="off-topic", note="Not about buses."),
        content.ReaderReport(reason="spam"),
    )
    assert rejected.reports == ()


def test_editions_may_share_section_slugs(tree):
    write_tree(tree, {"fr/sections.toml": FILES["en/sections.toml"]})
    assert [s.language for s in content.read(tree).sections] == ["en", "fr"]


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
