"""The light markup of demo story bodies, turned into the HTML the body field stores."""

import html
import re


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
