"""HTML for library images on readers' pages."""

from markupsafe import Markup, escape


def picture(image, ratio="free", sizes="100vw", eager=False):
    """A <picture> of `image` in every width we made: WebP and JPEG srcsets,
    width and height (no layout shift), lazy loading unless `eager` (the
    page's main image, fetched first). From the image's stored metadata: no
    query, no file access. `ratio` is "free", "3:2" or "1:1"; `sizes` the
    displayed width, for the browser's choice of file."""
    r = image.rendition_set(ratio or "free")
    sizes = escape(sizes or "100vw")
    source = (
        f'<source type="image/webp" srcset="{escape(r.webp_srcset)}" sizes="{sizes}">'
        if r.webp_srcset
        else ""
    )
    srcset = f' srcset="{escape(r.jpeg_srcset)}" sizes="{sizes}"' if r.jpeg_srcset else ""
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return Markup(
        f'<picture>{source}<img src="{escape(r.src)}"{srcset} alt="{escape(image.alt_text)}" '
        f'width="{r.width}" height="{r.height}" {loading} decoding="async"></picture>'
    )
