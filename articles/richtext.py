"""The rich-text policy for article bodies.

Whatever the editor (or a crafted request) sends, what is stored is cleaned in
two steps:

1. nh3 against the allow-list below: no script, no style, no event handler, no
   javascript: URL, only our own classes.
2. A pass over the cleaned tree that rebuilds the two kinds of rich blocks from
   trusted data, never from what was sent:

   - **Library images**: ``<figure data-image-id="12">`` (or a lone
     ``<img data-image-id="12">``) becomes the image's ``<picture>`` with its
     WebP and JPEG renditions, width and height, and the library's alt text,
     caption and credit. An unknown id, or an ``<img>`` that is not from the
     library, is dropped: the page only ever shows images we host and describe.
   - **Embeds**: an ``<iframe>`` whose address is a YouTube or Vimeo video
     becomes a sandboxed, titled, lazy ``<iframe>`` on youtube-nocookie.com or
     player.vimeo.com (the hosts our Content Security Policy allows in
     frame-src). Any other iframe becomes a plain link to its address.

The stored body is therefore ready to serve as it is: the article page adds no
query and no parsing for images or embeds. When a library image changes (new
file, focal point, alt text, caption or credit) or is deleted, the bodies that
use it are rebuilt (``refresh_bodies_using_image``).
"""

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import nh3

from images.models import Image

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "picture",
    "source",
    "img",
    "iframe",
    "span",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "loading", "srcset", "sizes", "data-image-id"},
    "figure": {"data-image-id", "data-embed"},
    "iframe": {"src", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
# Only these classes survive, on these tags (nh3's allowed_classes).
ALLOWED_CLASSES = {
    "figure": {"inline-image", "embed"},
    "span": {"credit"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# The displayed width of an image in the article column, for `sizes`.
INLINE_IMAGE_SIZES = "(min-width: 64em) 720px, 100vw"

VOID_TAGS = {"area", "br", "col", "hr", "img", "source", "wbr"}
BLOCK_PARENTS = {None, "blockquote", "li", "td", "th"}


# --- A small tree over nh3's (well-formed) output -----------------------------


class Element:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag, attrs=None, children=None):
        self.tag = tag
        self.attrs = dict(attrs or {})
        self.children = list(children or [])

    def find(self, tag):
        for child in self.children:
            if isinstance(child, Element):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found is not None:
                    return found
        return None

    def text(self):
        return "".join(
            child.text() if isinstance(child, Element) else child for child in self.children
        )


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element(None)
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, attrs))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html):
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def serialize(node):
    if isinstance(node, str):
        return escape(node, quote=False)
    parts = []
    if node.tag is not None:
        attrs = "".join(
            f" {name}"
            if value is None or (value == "" and name in BOOLEAN_ATTRS)
            else f' {name}="{escape(str(value), quote=True)}"'
            for name, value in node.attrs.items()
        )
        parts.append(f"<{node.tag}{attrs}>")
        if node.tag in VOID_TAGS:
            return parts[0]
    parts.extend(serialize(child) for child in node.children)
    if node.tag is not None:
        parts.append(f"</{node.tag}>")
    return "".join(parts)


BOOLEAN_ATTRS = {"allowfullscreen"}


# --- Embeds ------------------------------------------------------------------

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{1,12}$")
YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
EMBED_SANDBOX = "allow-scripts allow-same-origin allow-presentation allow-popups"
EMBED_ALLOW = "encrypted-media; fullscreen; picture-in-picture"
PROVIDER_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo"}


def embed_source(url):
    """(provider, canonical iframe src) for an allowed video address, else None.

    Accepts the addresses people paste (watch pages, short links) as well as
    player addresses; the result is always the privacy-friendly player."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https", ""}:
        return None
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if host in YOUTUBE_HOSTS:
        video = None
        if segments[:1] == ["watch"]:
            video = (parse_qs(parts.query).get("v") or [None])[0]
        elif len(segments) == 2 and segments[0] in {"embed", "shorts", "live"}:
            video = segments[1]
        if video and YOUTUBE_ID.match(video):
            return "youtube", f"https://www.youtube-nocookie.com/embed/{video}"
    elif host == "youtu.be" and len(segments) == 1 and YOUTUBE_ID.match(segments[0]):
        return "youtube", f"https://www.youtube-nocookie.com/embed/{segments[0]}"
    elif host in {"vimeo.com", "www.vimeo.com"} and segments and VIMEO_ID.match(segments[-1]):
        if len(segments) == 1:
            return "vimeo", f"https://player.vimeo.com/video/{segments[0]}?dnt=1"
    elif host == "player.vimeo.com" and len(segments) == 2 and segments[0] == "video":
        if VIMEO_ID.match(segments[1]):
            return "vimeo", f"https://player.vimeo.com/video/{segments[1]}?dnt=1"
    return None


def embed_element(provider, src, title):
    title = (title or "").strip()[:200] or f"{PROVIDER_NAMES[provider]} video"
    iframe = Element(
        "iframe",
        {
            "src": src,
            "title": title,
            "width": "560",
            "height": "315",
            "sandbox": EMBED_SANDBOX,
            "allow": EMBED_ALLOW,
            "allowfullscreen": "",
            "loading": "lazy",
            "referrerpolicy": "strict-origin-when-cross-origin",
        },
    )
    return Element("figure", {"class": "embed", "data-embed": provider}, [iframe])


def link_instead_of(iframe):
    """A disallowed iframe: a plain link to it, or nothing if it has no web address."""
    src = iframe.attrs.get("src") or ""
    if urlsplit(src).scheme not in {"http", "https"}:
        return None
    label = (iframe.attrs.get("title") or "").strip() or src
    return Element("a", {"href": src, "rel": "noopener noreferrer"}, [label])


# --- Library images ------------------------------------------------------------


def image_figure(image):
    """The stored markup of a library image in a body."""
    renditions = image.rendition_set("free")
    sizes = INLINE_IMAGE_SIZES
    picture = Element("picture")
    if renditions.webp_srcset:
        picture.children.append(
            Element(
                "source", {"type": "image/webp", "srcset": renditions.webp_srcset, "sizes": sizes}
            )
        )
    img_attrs = {"src": renditions.src}
    if renditions.jpeg_srcset:
        img_attrs |= {"srcset": renditions.jpeg_srcset, "sizes": sizes}
    img_attrs |= {
        "alt": image.alt_text,
        "width": str(renditions.width),
        "height": str(renditions.height),
        "loading": "lazy",
        "decoding": "async",
    }
    picture.children.append(Element("img", img_attrs))
    figure = Element("figure", {"class": "inline-image", "data-image-id": str(image.pk)}, [picture])
    if image.caption or image.credit:
        caption = Element("figcaption")
        if image.caption:
            caption.children.append(image.caption)
        if image.credit:
            if image.caption:
                caption.children.append(" ")
            caption.children.append(Element("span", {"class": "credit"}, [image.credit]))
        figure.children.append(caption)
    return figure


def image_marker(image_pk):
    """What a body that shows library image `image_pk` contains."""
    return f'data-image-id="{int(image_pk)}"'


def image_ids(html):
    """The ids of the library images a body shows."""
    return _collect_image_ids(parse(html or ""), set())


def _image_id(element):
    value = element.attrs.get("data-image-id") or ""
    return int(value) if value.isdigit() and len(value) < 19 else None


def _collect_image_ids(node, found):
    for child in node.children:
        if isinstance(child, Element):
            if child.tag in {"figure", "img"} and (pk := _image_id(child)) is not None:
                found.add(pk)
            _collect_image_ids(child, found)
    return found


def load_images(ids):
    if not ids:
        return {}
    return Image.objects.in_bulk(sorted(ids))


# --- The rebuilding pass ---------------------------------------------------------


def _rebuild(node, images, parent_tag=None):
    """Rebuild `node`'s children in place; returns nothing."""
    out = []
    for child in node.children:
        if isinstance(child, str):
            out.append(child)
            continue
        out.extend(_rebuild_element(child, images, parent_tag=node.tag))
    node.children = out


def _only_child_element(element):
    elements = [c for c in element.children if isinstance(c, Element)]
    texts = "".join(c for c in element.children if isinstance(c, str)).strip()
    return elements[0] if len(elements) == 1 and not texts else None


def _rebuild_element(element, images, parent_tag):
    tag = element.tag
    at_block_level = parent_tag in BLOCK_PARENTS

    if tag == "figure" or (tag == "img" and _image_id(element) is not None):
        pk = _image_id(element)
        if pk is None and tag == "figure":
            img = element.find("img")
            pk = _image_id(img) if img is not None else None
        if pk is not None:
            image = images.get(pk)
            return [image_figure(image)] if image is not None and at_block_level else []
        iframe = element.find("iframe")
        if iframe is not None:
            return _embed_or_link(iframe, at_block_level, wrap_link=True)
        # Any other figure: keep its text content (a pull quote, say), not its images.
        if tag == "figure":
            _rebuild(element, images)
            kept = []
            for child in element.children:
                if isinstance(child, Element) and child.tag == "figcaption":
                    kept.append(Element("p", {}, child.children))
                elif isinstance(child, Element) or child.strip():
                    kept.append(child)
            return kept
    if tag == "p" and (only := _only_child_element(element)) is not None:
        # The editor's paste of a bare <img>/<iframe> lands in a paragraph.
        if only.tag == "iframe" or (only.tag == "img" and _image_id(only) is not None):
            return _rebuild_element(only, images, parent_tag)
    if tag == "iframe":
        return _embed_or_link(element, at_block_level, wrap_link=at_block_level)
    if tag in {"img", "picture", "source"}:
        # Not from the library (or outside a library figure): not shown.
        return []
    if tag == "figcaption":
        # Outside a figure (figures were handled above): plain text paragraph.
        _rebuild(element, images)
        return [Element("p", {}, element.children)]
    _rebuild(element, images)
    return [element]


def _embed_or_link(iframe, at_block_level, wrap_link):
    allowed = embed_source(iframe.attrs.get("src"))
    if allowed and at_block_level:
        provider, src = allowed
        return [embed_element(provider, src, iframe.attrs.get("title"))]
    link = link_instead_of(iframe)
    if link is None:
        return []
    return [Element("p", {}, [link])] if wrap_link else [link]


def sanitize_html(html):
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    if not any(
        marker in cleaned
        for marker in ("<img", "<iframe", "<figure", "<picture", "<source", "<figcaption")
    ):
        return cleaned
    tree = parse(cleaned)
    images = load_images(_collect_image_ids(tree, set()))
    _rebuild(tree, images)
    return serialize(tree)
