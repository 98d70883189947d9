"""The demo newsroom: sections, authors and the shape of a demo story.

All text in this package is our own writing. People, organisations and
companies quoted are fictional; officials are generic ("a ministry spokesperson").
"""

import html
import re
from dataclasses import dataclass, field

SECTIONS = [
    (
        "Kurdistan",
        "kurdistan",
        "Erbil, Sulaimani, Duhok and Halabja: politics, services and daily life in the "
        "Kurdistan Region.",
    ),
    (
        "Iraq",
        "iraq",
        "Baghdad and the provinces: government, security, the economy and the people.",
    ),
    (
        "Middle East",
        "middle-east",
        "Syria, Turkey, Iran, Jordan, Lebanon and the Gulf.",
    ),
    ("World", "world", "International news and diplomacy, and what it means for the region."),
    (
        "Business",
        "business",
        "Oil and gas, trade, farming, banking and the people who build companies.",
    ),
    ("Culture", "culture", "Books, music, film, food and heritage."),
]

# (name, slug, handle, bio)
AUTHORS = [
    (
        "Layla Nuri",
        "layla-nuri",
        "@lnuri",
        "Senior reporter in Erbil, covering politics and public services in the Kurdistan "
        "Region. Before joining The Newsroom she spent six years on a local radio news desk.",
    ),
    (
        "Daniel Harker",
        "daniel-harker",
        "@dharker",
        "Baghdad correspondent. Writes about government, the budget and the long work of "
        "rebuilding cities.",
    ),
    (
        "Shilan Aziz",
        "shilan-aziz",
        "@shilanaziz",
        "Reporter in Sulaimani covering health, education and the environment.",
    ),
    (
        "Omar Haddad",
        "omar-haddad",
        "@omarhaddad",
        "Middle East editor, based in Amman. Has reported from Syria, Lebanon and the Gulf "
        "for fifteen years.",
    ),
    (
        "Clara Brennan",
        "clara-brennan",
        "@cbrennan_news",
        "Diplomatic reporter in Geneva, following the talks, treaties and agencies that "
        "shape the region from afar.",
    ),
    (
        "Karwan Salih",
        "karwan-salih",
        "@ksalih",
        "Business and energy reporter. Follows oil, power, farming and the region's "
        "young companies.",
    ),
    (
        "Rezan Baban",
        "rezan-baban",
        "@rezanbaban",
        "Culture editor. Writes about books, music, film and the people who keep heritage alive.",
    ),
    (
        "Hana Jalal",
        "hana-jalal",
        "@hanajalal",
        "Data reporter. Turns budgets, surveys and sensor readings into stories readers can use.",
    ),
]


@dataclass(frozen=True)
class Story:
    """One demo article.

    `ago` is hours before the load (negative: scheduled in the future);
    `updated_after` is hours after publication for the stories that show an
    "Updated" stamp. `comments` are approved (name, text) pairs.
    """

    slug: str
    headline: str
    standfirst: str
    dateline: str
    section: str
    authors: tuple
    tags: tuple
    image: str | None
    ago: float
    body: str
    comments: tuple = ()
    status: str = "published"
    updated_after: float | None = None
    breaking_hours: float | None = None
    caption: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def html(self):
        return render_body(self.body)

    @property
    def title(self):
        return typographic(self.headline)

    @property
    def summary(self):
        return typographic(self.standfirst)


_INLINE_OK = re.compile(r"</?(em|strong)>")


def typographic(text):
    """Curly quotes and apostrophes, as a sub-editor would set them."""
    text = re.sub(r'"([^"<>]+)"', "\u201c\\1\u201d", text)
    return re.sub(r"(\w)'", "\\1\u2019", text)


def _inline(text):
    """Escape text, keeping the <em> and <strong> we write ourselves."""
    escaped = html.escape(typographic(text), quote=False)
    return re.sub(r"&lt;(/?(?:em|strong))&gt;", r"<\1>", escaped)


def render_body(source):
    """Our small body markup to HTML.

    Blocks are separated by blank lines: "## " starts a heading, "> " a
    blockquote, lines of "- " a bulleted list, "1. " a numbered one; anything
    else is a paragraph.
    """
    parts = []
    for block in re.split(r"\n\s*\n", source.strip()):
        lines = [line.strip() for line in block.strip().splitlines()]
        text = " ".join(lines)
        if text.startswith("## "):
            parts.append(f"<h2>{_inline(text[3:])}</h2>")
        elif text.startswith("> "):
            quote = " ".join(line.removeprefix(">").strip() for line in lines)
            parts.append(f"<blockquote><p>{_inline(quote)}</p></blockquote>")
        elif lines[0].startswith("- "):
            items = _list_items(lines, "- ")
            parts.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
        elif re.match(r"\d+\. ", lines[0]):
            items = _list_items(lines, None)
            parts.append("<ol>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ol>")
        else:
            parts.append(f"<p>{_inline(text)}</p>")
    return "\n".join(parts)


def _list_items(lines, marker):
    items = []
    for line in lines:
        match = line.startswith(marker) if marker else re.match(r"\d+\. ", line)
        if match:
            items.append(line[len(marker) :] if marker else line.split(". ", 1)[1])
        elif items:
            items[-1] += " " + line
    return items
