"""The demo newsroom's content, read from the plain files in `demo/content/`.

    users.toml, commenters.toml   shared by every edition
    <language>/                   one folder per edition: en, ckb, kmr, ar, tr
        sections.toml, authors.toml, pictures.toml
        stories/<slug>.md         the story's fields as TOML between +++ lines, then its body
        comments/<slug>.toml      the comments on that story
        pages/<slug>.md           a publication page (about, contact...), as a story is written

Every section, author, story and comment read carries its edition's
`language`, the name of its folder. Sections belong to their edition (two
editions may both have a `kurdistan`); author, picture and story slugs are
shared by all of them. A story in another edition may be the translation of
an English one (`translation_of`).

`demo/content/README.md` describes every field for the journalists and
moderators who edit them. A file that breaks a rule stops the load with a
`ContentError` naming the file and the field.

All text is our own writing. People, organisations and companies quoted are
fictional; officials are generic ("a ministry spokesperson").
"""

import math
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from django.utils.text import slugify

from articles.models import Article
from comments.models import Comment as CommentModel
from comments.models import CommentReport as ReportModel
from comments.models import RejectionReason, ReportReason
from demo.markup import render_body, typographic
from demo.pictures import DRAWINGS

CONTENT_DIR = Path(__file__).resolve().parent / "content"
# The edition whose stories the others translate.
ORIGINALS = "en"


class ContentError(Exception):
    """A content file breaks a rule: the message names the file and the field."""

    def __init__(self, path, field, problem):
        self.path, self.field, self.problem = path, field, problem
        super().__init__(
            f"{_shown(path)}: {field}: {problem}" if field else f"{_shown(path)}: {problem}"
        )


def _shown(path):
    path = Path(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Section:
    """A section of one edition: its slug is unique within that edition only."""

    slug: str
    language: str
    name: str
    description: str


@dataclass(frozen=True)
class Author:
    """An author writes for one edition, under a name in its script; the slug is
    unique across all editions."""

    slug: str
    language: str
    name: str
    handle: str
    bio: str


@dataclass(frozen=True)
class Picture:
    """A lead image's words; its drawing is `pictures.DRAWINGS[key]`."""

    key: str
    title: str
    alt_text: str
    caption: str
    credit: str
    focal_x: int
    focal_y: int


@dataclass(frozen=True)
class Comment:
    """An approved comment shows under the story at a time in its first three
    days; a pending or rejected one came in `hours_ago` hours before the load."""

    name: str
    body: str
    status: str
    language: str
    hours_ago: float | None = None
    reason: str = ""
    note: str = ""
    # Readers' open reports on an approved comment (the reported queue).
    reports: tuple = ()
    # The commenter asked to be e-mailed the moderator's decision.
    notify: bool = False


@dataclass(frozen=True)
class ReaderReport:
    """A reader's report of an approved comment, still open: it waits in the
    moderators' reported queue."""

    reason: str
    note: str = ""


@dataclass(frozen=True)
class Story:
    """One demo article, as written in `<language>/stories/<slug>.md`.

    `hours_ago` is hours before the load (negative: scheduled in the future);
    `updated_after_hours` is hours after publication for the stories that show
    an "Updated" stamp. `language` is the edition: the story's folder.
    `translation_of` is the slug of the English story this one translates.
    """

    slug: str
    language: str
    headline: str
    standfirst: str
    dateline: str
    section: str
    authors: tuple
    topics: tuple
    image: str | None
    hours_ago: float
    body: str
    status: str = Article.Status.PUBLISHED
    updated_after_hours: float | None = None
    breaking_for_hours: float | None = None
    caption: str = ""
    translation_of: str | None = None
    comments: tuple = ()

    @property
    def html(self):
        return render_body(self.body)

    @property
    def title(self):
        return typographic(self.headline)

    @property
    def summary(self):
        return typographic(self.standfirst)

    @property
    def scheduled(self):
        return self.status == Article.Status.PUBLISHED and self.hours_ago < 0

    def comments_with(self, status):
        return [comment for comment in self.comments if comment.status == status]


@dataclass(frozen=True)
class Page:
    """A publication page, as written in `<language>/pages/<slug>.md`."""

    slug: str
    language: str
    title: str
    summary: str
    order: int
    footer: bool
    published: bool
    body: str

    @property
    def html(self):
        return render_body(self.body)


@dataclass(frozen=True)
class User:
    """A staff login made with DEBUG on; `author` links it to an author's page."""

    username: str
    first_name: str
    last_name: str
    group: str = ""
    superuser: bool = False
    author: str = ""


@dataclass(frozen=True)
class Content:
    """Everything read: `languages` are the editions (folders), in name order."""

    languages: tuple
    sections: tuple
    authors: tuple
    pictures: tuple
    stories: tuple
    pages: tuple
    users: tuple
    ip_addresses: tuple
    user_agents: tuple

    def only(self, languages):
        """The same content with only the sections, authors, stories and pages of `languages`
        (pictures, users and commenters are shared by every edition)."""
        return replace(
            self,
            languages=tuple(language for language in self.languages if language in languages),
            sections=tuple(s for s in self.sections if s.language in languages),
            authors=tuple(a for a in self.authors if a.language in languages),
            stories=tuple(s for s in self.stories if s.language in languages),
            pages=tuple(p for p in self.pages if p.language in languages),
        )


# -- the fields each kind of table takes ---------------------------------------------

REQUIRED = object()


@dataclass(frozen=True)
class Kind:
    description: str
    accepts: object


TEXT = Kind("text", lambda v: isinstance(v, str))
NUMBER = Kind(
    "a number",
    lambda v: isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v),
)
WHOLE = Kind("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool))
FLAG = Kind("true or false", lambda v: isinstance(v, bool))
TEXTS = Kind(
    'a list of text, e.g. ["one", "two"]',
    lambda v: isinstance(v, list) and all(isinstance(item, str) for item in v),
)

TABLES = Kind(
    'a list of tables, e.g. [{ reason = "abuse" }]',
    lambda v: isinstance(v, list) and all(isinstance(item, dict) for item in v),
)


def _choices(values):
    values = list(values)
    return Kind("one of " + ", ".join(f'"{v}"' for v in values), lambda v: v in values)


SECTION_FIELDS = {"name": (TEXT, REQUIRED), "description": (TEXT, "")}
AUTHOR_FIELDS = {"name": (TEXT, REQUIRED), "handle": (TEXT, ""), "bio": (TEXT, "")}
PICTURE_FIELDS = {
    "title": (TEXT, REQUIRED),
    "alt_text": (TEXT, REQUIRED),
    "caption": (TEXT, ""),
    "credit": (TEXT, ""),
    "focal_x": (WHOLE, 50),
    "focal_y": (WHOLE, 50),
}
STORY_FIELDS = {
    "headline": (TEXT, REQUIRED),
    "standfirst": (TEXT, REQUIRED),
    "dateline": (TEXT, ""),
    "section": (TEXT, REQUIRED),
    "authors": (TEXTS, REQUIRED),
    "topics": (TEXTS, []),
    "image": (TEXT, None),
    "caption": (TEXT, ""),
    "status": (_choices(Article.Status.values), Article.Status.PUBLISHED.value),
    "hours_ago": (NUMBER, REQUIRED),
    "updated_after_hours": (NUMBER, None),
    "breaking_for_hours": (NUMBER, None),
    "translation_of": (TEXT, None),
}
PAGE_FIELDS = {
    "title": (TEXT, REQUIRED),
    "summary": (TEXT, ""),
    "order": (WHOLE, 0),
    "footer": (FLAG, True),
    "published": (FLAG, True),
}
COMMENT_FIELDS = {
    "name": (TEXT, REQUIRED),
    "body": (TEXT, REQUIRED),
    "status": (_choices(CommentModel.Status.values), REQUIRED),
    "hours_ago": (NUMBER, None),
    "reason": (_choices(RejectionReason.values), ""),
    "note": (TEXT, ""),
    "reports": (TABLES, []),
    "notify": (FLAG, False),
}
REPORT_FIELDS = {"reason": (_choices(ReportReason.values), REQUIRED), "note": (TEXT, "")}
REPORT_NOTE_LENGTH = ReportModel._meta.get_field("note").max_length
USER_FIELDS = {
    "first_name": (TEXT, ""),
    "last_name": (TEXT, ""),
    "group": (TEXT, ""),
    "superuser": (FLAG, False),
    "author": (TEXT, ""),
}
COMMENTER_FIELDS = {"ip_addresses": (TEXTS, REQUIRED), "user_agents": (TEXTS, REQUIRED)}


def _fields(data, spec, path, where=""):
    """`data` (one TOML table) checked against `spec`: {field: value}, defaults filled in."""
    prefix = f"{where} " if where else ""
    if not isinstance(data, dict):
        raise ContentError(path, where, "must be a table of fields")
    for name in data:
        if name not in spec:
            raise ContentError(
                path, prefix + name, f"unknown field (the fields are: {', '.join(spec)})"
            )
    values = {}
    for name, (kind, default) in spec.items():
        if name not in data:
            if default is REQUIRED:
                raise ContentError(path, prefix + name, "missing")
            values[name] = default
            continue
        value = data[name]
        if not kind.accepts(value):
            raise ContentError(path, prefix + name, f"must be {kind.description}, not {value!r}")
        if default is REQUIRED and value in ("", []):
            raise ContentError(path, prefix + name, "is empty")
        values[name] = value
    return values


# -- reading the files ---------------------------------------------------------------


def _text(path):
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, None, "no such file") from None
    except UnicodeDecodeError as error:
        problem = f"not UTF-8 text ({error.reason} at byte {error.start})"
        raise ContentError(path, None, problem) from None


def _toml(path, text=None, what="not valid TOML"):
    try:
        return tomllib.loads(_text(path) if text is None else text)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, None, f"{what}: {error}") from None


def _tables(path, spec):
    """A file of [key] tables, in the file's order: [(key, {field: value})]."""
    if not path.exists():
        return []
    return [(key, _fields(table, spec, path, f"[{key}]")) for key, table in _toml(path).items()]


def _front_matter(path):
    """A story or page file split into its fields (TOML between +++ lines) and its body."""
    lines = _text(path).splitlines(keepends=True)
    if not lines or lines[0].strip() != "+++":
        raise ContentError(
            path, None, "must start with a line +++, then the story's fields, then another +++"
        )
    end = next((n for n in range(1, len(lines)) if lines[n].strip() == "+++"), None)
    if end is None:
        raise ContentError(path, None, "no closing +++ line after the story's fields")
    # A blank first line keeps TOML's line numbers the file's own.
    fields = _toml(path, "\n" + "".join(lines[1:end]), "the fields are not valid TOML")
    return fields, "".join(lines[end + 1 :])


def _check_slug(path, field, slug):
    """A slug as Django's slugify(allow_unicode=True) makes them: an address part."""
    proper = slugify(slug, allow_unicode=True)
    if slug != proper:
        suggestion = f" (e.g. {proper!r})" if proper else ""
        raise ContentError(
            path,
            field,
            f"{slug!r} is not a slug: lower-case letters of any script, digits and "
            f"single hyphens only{suggestion}",
        )


def _story(path, language, comments):
    _check_slug(path, "file name", path.stem)
    data, body = _front_matter(path)
    values = _fields(data, STORY_FIELDS, path)
    if not body.strip():
        raise ContentError(path, "body", "the story has no text after its fields")
    return Story(
        slug=path.stem,
        language=language,
        authors=tuple(values.pop("authors")),
        topics=tuple(values.pop("topics")),
        body=body.strip(),
        comments=comments,
        **values,
    )


def _page(path, language):
    data, body = _front_matter(path)
    values = _fields(data, PAGE_FIELDS, path)
    if not body.strip():
        raise ContentError(path, "body", "the page has no text after its fields")
    return Page(slug=path.stem, language=language, body=body.strip(), **values)


def _comments(path, language):
    data = _toml(path)
    if set(data) != {"comments"}:
        raise ContentError(path, None, "holds one [[comments]] table per comment, and nothing else")
    comments = []
    for number, table in enumerate(data["comments"], start=1):
        where = f"comment {number}"
        values = _fields(table, COMMENT_FIELDS, path, where)
        status = values["status"]
        queued = status != CommentModel.Status.APPROVED
        if queued and values["hours_ago"] is None:
            raise ContentError(path, f"{where} hours_ago", f"missing (a {status} comment needs it)")
        if not queued and values["hours_ago"] is not None:
            raise ContentError(
                path,
                f"{where} hours_ago",
                "only for pending and rejected comments: approved ones are spread over "
                "the story's first three days",
            )
        rejected = status == CommentModel.Status.REJECTED
        if rejected and not values["reason"]:
            raise ContentError(path, f"{where} reason", "missing (a rejected comment needs it)")
        if not rejected and (values["reason"] or values["note"]):
            field = "reason" if values["reason"] else "note"
            raise ContentError(path, f"{where} {field}", "only for rejected comments")
        if values["reports"] and status != CommentModel.Status.APPROVED:
            raise ContentError(
                path, f"{where} reports", "only for approved comments: readers report what they see"
            )
        values["reports"] = tuple(
            _report(report, path, f"{where} report {n}")
            for n, report in enumerate(values["reports"], start=1)
        )
        comments.append(Comment(language=language, **values))
    return tuple(comments)


def _report(table, path, where):
    values = _fields(table, REPORT_FIELDS, path, where)
    if len(values["note"]) > REPORT_NOTE_LENGTH:
        raise ContentError(path, f"{where} note", f"longer than {REPORT_NOTE_LENGTH} characters")
    return ReaderReport(**values)


def _edition(folder):
    """One language folder: {kind: [(item, the file that defines it)]}."""
    language = folder.name
    sections, authors, pictures = (
        folder / "sections.toml",
        folder / "authors.toml",
        folder / "pictures.toml",
    )
    found = {
        "section": [],
        "author": [],
        "picture": [],
        "story": [],
        "page": [(_page(path, language), path) for path in sorted((folder / "pages").glob("*.md"))],
    }
    for kind, path, spec, make in (
        ("section", sections, SECTION_FIELDS, Section),
        ("author", authors, AUTHOR_FIELDS, Author),
    ):
        for slug, values in _tables(path, spec):
            _check_slug(path, f"[{slug}]", slug)
            found[kind].append((make(slug, language, **values), path))
    for key, values in _tables(pictures, PICTURE_FIELDS):
        if key not in DRAWINGS:
            raise ContentError(
                pictures,
                f"[{key}]",
                f"no drawing of that name in demo/pictures.py (there are: {', '.join(DRAWINGS)})",
            )
        for axis in ("focal_x", "focal_y"):
            if not 0 <= values[axis] <= 100:
                raise ContentError(pictures, f"[{key}] {axis}", "a percentage, from 0 to 100")
        found["picture"].append((Picture(key, **values), pictures))
    comment_files = {path.stem: path for path in (folder / "comments").glob("*.toml")}
    for slug, path in sorted(comment_files.items()):
        if not (folder / "stories" / f"{slug}.md").exists():
            raise ContentError(path, None, f"there is no story stories/{slug}.md to comment on")
    for path in sorted((folder / "stories").glob("*.md")):
        comments_path = comment_files.get(path.stem)
        comments = _comments(comments_path, language) if comments_path else ()
        story = _story(path, language, comments)
        if story.comments and (story.status != Article.Status.PUBLISHED or story.scheduled):
            raise ContentError(
                comments_path,
                None,
                "readers cannot see the story yet (it is not published, or it is scheduled), "
                "so it cannot have comments",
            )
        found["story"].append((story, path))
    return found


def _editions(root):
    """The language folders, e.g. en/, in name order."""
    if not root.is_dir():
        raise ContentError(root, None, "no such folder")
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name[0] not in "._")


def read_users(root=None):
    root = Path(root or CONTENT_DIR)
    return tuple(
        User(username, **values) for username, values in _tables(root / "users.toml", USER_FIELDS)
    )


def read(root=None):
    """Every edition under `root` (by default demo/content/), checked: a Content."""
    root = Path(root or CONTENT_DIR)
    found = {"section": {}, "author": {}, "picture": {}, "story": {}, "page": {}}
    folders = _editions(root)
    for folder in folders:
        for kind, items in _edition(folder).items():
            for item, path in items:
                key = _key(kind, item)
                if key in found[kind]:
                    other = _shown(found[kind][key][1])
                    name = key[1] if kind == "section" else key
                    raise ContentError(path, None, f"{kind} {name!r} is also defined in {other}")
                found[kind][key] = (item, path)
    translations = {}
    for story, path in found["story"].values():
        _check_references(story, path, found)
        if story.translation_of is not None:
            _check_translation(story, path, found["story"], translations)
    users = read_users(root)
    for user in users:
        if user.author and user.author not in found["author"]:
            raise ContentError(
                root / "users.toml", f"[{user.username}] author", f"no author {user.author!r}"
            )
    commenters = root / "commenters.toml"
    commenters = _fields(_toml(commenters), COMMENTER_FIELDS, commenters)
    return Content(
        languages=tuple(folder.name for folder in folders),
        sections=tuple(item for item, _ in found["section"].values()),
        authors=tuple(item for item, _ in found["author"].values()),
        pictures=tuple(item for item, _ in found["picture"].values()),
        stories=tuple(item for item, _ in found["story"].values()),
        pages=tuple(item for item, _ in found["page"].values()),
        users=users,
        ip_addresses=tuple(commenters["ip_addresses"]),
        user_agents=tuple(commenters["user_agents"]),
    )


def _key(kind, item):
    """What must be unique: a section's slug within its edition, any other slug everywhere."""
    if kind == "section":
        return (item.language, item.slug)
    return item.key if kind == "picture" else item.slug


def _check_references(story, path, found):
    """The story's section and authors are its own edition's; its picture, anyone's."""
    language = story.language
    sections = [slug for lang, slug in found["section"] if lang == language]
    authors = [slug for slug, (a, _) in found["author"].items() if a.language == language]
    references = [("section", "section", story.section, sections)]
    references += [("authors", "author", slug, authors) for slug in story.authors]
    if story.image is not None:
        references.append(("image", "picture", story.image, list(found["picture"])))
    for field, kind, value, known in references:
        if value in known:
            continue
        elsewhere = sorted(
            item.language
            for (item, _) in found[kind].values()
            if kind != "picture" and item.slug == value
        )
        if elsewhere:
            problem = (
                f"{kind} {value!r} belongs to the {', '.join(elsewhere)} edition: "
                f"a story takes its {kind}s from its own edition's, {language}/{kind}s.toml"
            )
        else:
            problem = f"no {kind} {value!r} in {kind}s.toml (there are: {', '.join(known)})"
        raise ContentError(path, field, problem)
    if len(set(story.authors)) < len(story.authors):
        raise ContentError(path, "authors", "names the same author twice")


def _check_translation(story, path, stories, translations):
    """`translation_of` names an English story; one translation of it per edition."""
    original = story.translation_of
    if original == story.slug:
        raise ContentError(path, "translation_of", "a story cannot be a translation of itself")
    if original not in stories:
        raise ContentError(
            path,
            "translation_of",
            f"no story {original!r}: name an English story, the file name of "
            f"{ORIGINALS}/stories/<slug>.md",
        )
    found = stories[original][0]
    if found.language != ORIGINALS or story.language == ORIGINALS:
        raise ContentError(
            path,
            "translation_of",
            f"{original!r} is in the {found.language} edition: a translation is of an "
            f"English story, in another edition",
        )
    other = translations.setdefault((story.language, original), path)
    if other != path:
        raise ContentError(
            path,
            "translation_of",
            f"{original!r} already has a {story.language} translation: {_shown(other)}",
        )
