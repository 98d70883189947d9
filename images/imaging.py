"""Pillow work on library pictures: the one place that decodes them.

An upload is cleaned once (`clean`): its first picture, turned upright and
into sRGB, re-encoded in its own format with nothing but the pixels. Renditions
and author squares start from `working_picture`, decoded at the smallest size
they need.

Decoding is what costs memory. Pillow holds a 50-megapixel photo as 200 MB of
pixels, and its WebP and AVIF codecs need several times that. A picture too big
to decode inside a web worker (which holds ~60 MB of Django already) is handed
to a short-lived helper process, this module run as ``python -m images.imaging``:
it reads the file on its standard input and writes the result on its standard
output, so the worker only passes file descriptors and never holds the pixels.

Nothing here needs Django or a request: a task worker can call it as well.
"""

import io
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image, ImageCms, features

MiB = 1024 * 1024


@dataclass(frozen=True)
class Format:
    content_type: str
    extension: str
    label: str  # as people write it
    # Peak memory per pixel for Pillow 13 to decode a picture and encode it
    # again, measured (bench/renditions.py --memory): 4 bytes a pixel hold the
    # pixels themselves; the WebP and AVIF codecs keep several more copies.
    bytes_per_pixel: float


# The formats we take and render, by Pillow's name for them.
FORMATS = {
    "JPEG": Format("image/jpeg", "jpg", "JPEG", 4.5),
    "PNG": Format("image/png", "png", "PNG", 4.5),
    "WEBP": Format("image/webp", "webp", "WebP", 20),
    "GIF": Format("image/gif", "gif", "GIF", 4.5),
}
if features.check("avif"):
    FORMATS["AVIF"] = Format("image/avif", "avif", "AVIF", 32)
# Pillow calls a JPEG that carries more pictures (as some cameras write them)
# MPO: we keep its first picture, as a JPEG.
ALIASES = {"MPO": "JPEG"}

# What a helper process may spend on pixels: with Python and Pillow (~20 MB)
# it stays well under 300 MiB. It caps the pixels of the greedier formats.
HELPER_BYTES = 240 * MiB
# Decoding more than this happens in a helper process, not in the caller's.
IN_PROCESS_BYTES = 64 * MiB
HELPER_TIMEOUT = 300  # seconds
# Pixels are rearranged (turned, converted) a strip of about this size at a
# time, so that the old and the new picture are never both in memory.
STRIP_BYTES = 8 * MiB
ORIENTATION = ExifTags.Base.Orientation
# EXIF orientation -> what makes the picture upright (as ImageOps.exif_transpose).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
SWAPS_SIDES = {
    Image.Transpose.TRANSPOSE,
    Image.Transpose.TRANSVERSE,
    Image.Transpose.ROTATE_90,
    Image.Transpose.ROTATE_270,
}


class PictureError(Exception):
    """Not a picture we can read: not an image, or a damaged one."""


class UnsupportedFormat(PictureError):
    def __init__(self, name):
        super().__init__(f"{name} images are not accepted")
        self.name = name


class TooManyPixels(PictureError):
    pass


@dataclass(frozen=True)
class Facts:
    """What a picture's header says."""

    format: str  # a key of FORMATS
    width: int
    height: int

    @property
    def pixels(self):
        return self.width * self.height

    @property
    def decode_bytes(self):
        return self.pixels * FORMATS[self.format].bytes_per_pixel


def pixel_limit(name, limit):
    """The most pixels a picture in format `name` may have: `limit`, or less
    (in whole millions) for a format whose codec needs more memory than the
    helper may use."""
    cap = int(HELPER_BYTES / FORMATS[name].bytes_per_pixel) // 1_000_000 * 1_000_000
    return min(limit, cap)


def sniff(prefix):
    """Pillow's name for the format a file starting with `prefix` claims to
    be, from signatures alone (nothing is parsed), or None."""
    Image.init()
    accepted = [name for name in Image.OPEN if name in FORMATS]
    others = [name for name in Image.OPEN if name not in FORMATS]
    for name in accepted + others:
        accept = Image.OPEN[name][1]
        if accept is not None and accept(prefix) is True:
            return name
    return None


def content_type(prefix):
    """The content type of an accepted picture starting with `prefix`, or None."""
    name = sniff(prefix)
    name = ALIASES.get(name, name)
    return FORMATS[name].content_type if name in FORMATS else None


def _open(file):
    file.seek(0)
    image = Image.open(file, formats=list(FORMATS))
    image.format = ALIASES.get(image.format, image.format)
    return image


def _free(picture):
    """Release a picture's pixels. (An opened file's own close() would also
    close the file it was read from, which belongs to the caller.)"""
    Image.Image.close(picture)


def inspect(file):
    """Format (from the content, never the name) and size of the picture in
    `file`, from its header; the file is left rewound."""
    try:
        with warnings.catch_warnings():
            # The caller compares the size with its own limit.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with _open(file) as image:
                return Facts(image.format, *image.size)
    except Image.DecompressionBombError:
        raise TooManyPixels from None
    except Exception:
        file.seek(0)
        name = sniff(file.read(64))
        if name and ALIASES.get(name, name) not in FORMATS:
            raise UnsupportedFormat(name) from None
        raise PictureError("not a picture we can read") from None
    finally:
        file.seek(0)


# The parts of the files `clean` writes: in JPEG, the segments before the
# picture; in PNG and WebP, the chunks; in GIF and AVIF, what Pillow reports.
PLAIN_PARTS = {
    "JPEG": {"APP0 JFIF", "APP14 Adobe"},
    "PNG": {"IHDR", "PLTE", "tRNS", "IDAT", "IEND"},
    "WEBP": {"VP8 ", "VP8L", "VP8X", "ALPH"},
    "GIF": {"version", "background", "transparency", "duration"},
    "AVIF": set(),
}
# What the other parts usually are, to say so.
PART_NAMES = {
    "APP1 Exif": "EXIF",
    "APP1 http": "XMP",
    "APP2 ICC_P": "ICC profile",
    "APP2 MPF": "more pictures",
    "APP13 Photo": "IPTC",
    "COM": "comment",
    "eXIf": "EXIF",
    "EXIF": "EXIF",
    "exif": "EXIF",
    "XMP ": "XMP",
    "xmp": "XMP",
    "iCCP": "ICC profile",
    "ICCP": "ICC profile",
    "icc_profile": "ICC profile",
    "tEXt": "text",
    "iTXt": "text",
    "zTXt": "text",
}


def extras(file):
    """What the file carries besides one picture (EXIF, XMP, ICC profile,
    comments, text, more frames...), as far as its segments, chunks or header
    tell: nothing for a file `clean` wrote. Raises PictureError if it is no
    picture we accept."""
    with _decoding(), _open(file) as image:
        if image.format == "JPEG":
            parts = [_segment(name, data) for name, data in image.applist]
        elif image.format == "PNG":
            parts = list(_png_chunks(file))
        elif image.format == "WEBP":
            parts = [kind for kind, _ in _riff_chunks(file)]
        else:
            parts = list(image.info)
        found = [part for part in parts if part not in PLAIN_PARTS[image.format]]
        if getattr(image, "n_frames", 1) > 1:
            found.append("more frames")
    file.seek(0)
    return list(dict.fromkeys(PART_NAMES.get(part, part) for part in found))


def _segment(name, data):
    """A JPEG segment by name and the signature its data starts with."""
    if not name.startswith("APP"):
        return name
    signature = data.split(b"\0", 1)[0][:5].split(b":", 1)[0]
    return f"{name} {signature.decode('latin-1')}"


def _png_chunks(file):
    file.seek(8)
    while len(header := file.read(8)) == 8:
        yield header[4:].decode("latin-1")
        file.seek(int.from_bytes(header[:4]) + 4, io.SEEK_CUR)  # data, CRC


def _riff_chunks(file):
    """(kind, size) of each chunk of a RIFF file (WebP), the file after it."""
    file.seek(12)
    while len(header := file.read(8)) == 8:
        size = int.from_bytes(header[4:], "little")
        yield header[:4].decode("latin-1"), size
        file.seek(size + size % 2, io.SEEK_CUR)


def clean(src, dst):
    """Write to `dst` the picture in `src` without anything that could locate
    or identify who took it, and return its Facts.

    What is written: the first picture only (we render stills), upright (the
    EXIF orientation applied to the pixels), in sRGB (an ICC profile is
    converted to sRGB, then dropped), re-encoded once in its own format at
    high quality: a JPEG with its own quantization tables, lossless formats
    losslessly. What is not: EXIF (GPS, camera and lens serial numbers, maker
    notes, thumbnails), XMP, IPTC, ICC profiles, comments, PNG text chunks and
    any other part of the file.

    Raises PictureError if `src` cannot be decoded."""
    facts = inspect(src)
    if facts.decode_bytes > IN_PROCESS_BYTES:
        _in_helper("clean", src, dst)
    else:
        _clean(src, dst)
    dst.seek(0)
    return inspect(dst)


def _clean(src, dst):
    with _decoding():
        image = _open(src)
        name, mode = image.format, image.mode
        options = _encoder_options(image, src)
        image.load()  # the first frame
        orientation = image.getexif().get(ORIENTATION, 1)
        transparency = image.info.get("transparency")
        picture = _upright(_in_srgb(image), orientation)
        if name == "JPEG" and picture.mode not in ("L", "RGB"):
            picture = _rebuild(picture, "RGB")  # CMYK without a profile
        if picture.mode != mode:
            transparency = None
            if name == "JPEG":
                options = {"quality": 92}  # its tables were for other channels
        # Of what came with the file, only the transparency is kept.
        picture.info = {} if transparency is None else {"transparency": transparency}
        picture.save(dst, name, **options)
        _free(picture)


@contextmanager
def _decoding():
    """Whatever goes wrong decoding or encoding a picture is a PictureError."""
    try:
        yield
    except PictureError:
        raise
    except Exception as error:
        raise PictureError(f"not a picture we can read ({error})") from None


def _encoder_options(image, src):
    if image.format == "JPEG":
        if getattr(image, "quantization", None):
            # Its own quality, whatever it was: no loss beyond one generation,
            # and no bigger file. (Neither progressive nor optimized: libjpeg
            # would then hold every coefficient of the picture in memory.)
            from PIL.JpegImagePlugin import get_sampling

            return {"qtables": image.quantization, "subsampling": get_sampling(image)}
        return {"quality": 92}
    if image.format == "WEBP":
        return {"lossless": True} if _webp_is_lossless(src) else {"quality": 90, "method": 4}
    if image.format == "AVIF":
        return {"quality": 90}
    return {}


def _webp_is_lossless(src):
    """Whether a WebP file's picture is VP8L (lossless), from its chunks."""
    kinds = [kind for kind, _ in _riff_chunks(src) if kind in ("VP8L", "VP8 ")]
    return kinds[:1] == ["VP8L"]


def _in_srgb(image):
    """`image` with its colours converted from its ICC profile to sRGB, which
    browsers assume of an image without one. The profile itself is not kept:
    it is a blob that can name the camera, the scanner or whoever calibrated a
    screen. A profile that is sRGB already, or cannot be read, is dropped."""
    icc = image.info.get("icc_profile")
    if not icc:
        return image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" in ImageCms.getProfileDescription(profile).lower():
            return image
        srgb = ImageCms.createProfile("sRGB")
        if image.mode == "P" and image.palette and image.palette.mode == "RGB":
            colours = image.palette.palette
            palette = Image.frombytes("RGB", (len(colours) // 3, 1), colours)
            palette = ImageCms.profileToProfile(palette, profile, srgb, outputMode="RGB")
            image.putpalette(palette.tobytes())
            return image
        if image.mode in ("RGB", "RGBA"):
            transform = ImageCms.buildTransform(profile, srgb, image.mode, image.mode)
            ImageCms.applyTransform(image, transform, inPlace=True)
            return image
        if image.mode in ("CMYK", "L"):
            transform = ImageCms.buildTransform(profile, srgb, image.mode, "RGB")
            return _rebuild(image, "RGB", convert=transform.apply)
    except ImageCms.PyCMSError:
        pass
    return image


def _upright(image, orientation):
    method = UPRIGHT.get(orientation)
    return image if method is None else _rebuild(image, image.mode, method=method)


def _rebuild(image, mode, *, method=None, convert=None):
    """`image` in `mode` (through `convert` if given) and turned by `method`,
    made strip by strip: the old picture waits in a temporary file, freed
    before the new one is made, so only one of them is ever in memory. Frees
    `image`; returns the new picture."""
    width, height = image.size
    rows = max(1, STRIP_BYTES // (width * 4))
    source_mode = image.mode
    palette = image.getpalette() if image.mode in ("P", "PA") else None
    transparency = image.info.get("transparency")
    convert = convert or (lambda strip: _converted(strip, mode))
    with tempfile.TemporaryFile() as spool:
        strips = []
        for top in range(0, height, rows):
            bottom = min(top + rows, height)
            data = image.crop((0, top, width, bottom)).tobytes()
            spool.write(data)
            strips.append((top, bottom, len(data)))
        _free(image)
        result = Image.new(mode, (height, width) if method in SWAPS_SIDES else (width, height))
        if palette and mode == source_mode:
            result.putpalette(palette)
        spool.seek(0)
        for top, bottom, length in strips:
            strip = Image.frombytes(source_mode, (width, bottom - top), spool.read(length))
            if palette:
                strip.putpalette(palette)
            if transparency is not None:
                strip.info["transparency"] = transparency
            if strip.mode != mode:
                strip = convert(strip)
            if method is not None:
                strip = strip.transpose(method)
            result.paste(strip, _strip_position(method, top, bottom, height))
    return result


def _converted(picture, mode):
    if picture.mode.startswith("I") and mode in ("L", "RGB", "RGBA"):
        # 16-bit grey: Pillow would clip it to 8 bits, not scale it.
        picture = picture.convert("I").point(lambda value: value / 256).convert("L")
    return picture.convert(mode)


def _strip_position(method, top, bottom, height):
    """Where the rows top..bottom of a picture `height` tall land once turned."""
    T = Image.Transpose
    if method in (T.ROTATE_90, T.TRANSPOSE):
        return (top, 0)
    if method in (T.ROTATE_270, T.TRANSVERSE):
        return (height - bottom, 0)
    if method in (T.FLIP_TOP_BOTTOM, T.ROTATE_180):
        return (0, height - bottom)
    return (0, top)


def working_picture(src, *, side, max_pixels):
    """The picture in `src`, upright and in a web mode (RGB, or RGBA when it
    has transparency), scaled down so that its shorter side is `side` (if it
    was longer) and it has at most `max_pixels`: all that renditions up to
    `side` pixels wide need, and cheap to crop. A JPEG is decoded at reduced
    size; a picture too big to decode here is decoded by a helper process."""
    with _decoding(), _open(src) as image:
        if image.format == "JPEG":
            image.draft("RGB", (side, side))
        decoded = Facts(image.format, *image.size)
    if decoded.decode_bytes <= IN_PROCESS_BYTES:
        return _working_picture(src, side, max_pixels)
    with tempfile.TemporaryFile() as out:
        _in_helper("working", src, out, side, max_pixels)
        out.seek(0)
        with _decoding():
            picture = Image.open(out, formats=["PNG"])
            picture.load()
    picture.info = {}
    return picture


def _working_picture(src, side, max_pixels):
    with _decoding():
        image = _open(src)
        if image.format == "JPEG":
            image.draft("RGB", (side, side))
        image.load()
        orientation = image.getexif().get(ORIENTATION, 1)
        picture = image
        if picture.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):
            # Palettes, 16-bit grey, bilevel: into a mode that scales well.
            picture = _rebuild(picture, _web_mode(picture))
        factor = min(picture.size) // side
        if factor > 1:
            picture = _replace(picture, picture.reduce(factor))  # cheap and fair
        width, height = picture.size
        scale = min(1, side / min(width, height), (max_pixels / (width * height)) ** 0.5)
        if scale < 1:
            size = (max(1, round(width * scale)), max(1, round(height * scale)))
            picture = _replace(
                picture, picture.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
            )
        if picture.mode != _web_mode(picture):
            picture = _replace(picture, picture.convert(_web_mode(picture)))
        method = UPRIGHT.get(orientation)
        if method is not None:
            picture = _replace(picture, picture.transpose(method))
        if picture is image:
            picture = _replace(picture, picture.copy())
        picture.info = {}
        return picture


def _replace(old, new):
    _free(old)
    return new


def _web_mode(picture):
    transparent = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    return "RGBA" if transparent else "RGB"


@contextmanager
def _os_file(file):
    """`file` as a file with a descriptor a child process can use, rewound."""
    file.seek(0)
    try:
        file.fileno()
    except (AttributeError, OSError, ValueError):
        with tempfile.TemporaryFile() as spool:
            shutil.copyfileobj(file, spool)
            spool.seek(0)
            yield spool
        file.seek(0)
        return
    if hasattr(file, "flush"):
        file.flush()
    yield file


def _in_helper(command, src, dst, *numbers):
    """Run `command` on `src` in a new Python process (this module's `main`),
    its output written to `dst`. The helper refuses pictures over the same
    pixel limit as this process."""
    arguments = [command, str(Image.MAX_IMAGE_PIXELS or 0), *map(str, numbers)]
    if not sys.executable:  # an embedded interpreter: nothing to start
        return _run_command(arguments, src, dst)
    with _os_file(src) as source, _os_file(dst) as target:
        try:
            result = subprocess.run(
                [sys.executable, "-m", "images.imaging", *arguments],
                stdin=source,
                stdout=target,
                stderr=subprocess.PIPE,
                cwd=Path(__file__).resolve().parent.parent,
                timeout=HELPER_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PictureError("processing the picture took too long") from None
        if result.returncode == 0 and target is not dst:
            target.seek(0)
            shutil.copyfileobj(target, dst)
    if result.returncode != 0:
        lines = result.stderr.decode(errors="replace").strip().splitlines()
        raise PictureError(lines[-1] if lines else f"the helper stopped ({result.returncode})")


def _run_command(arguments, src, dst):
    command, limit, *numbers = arguments
    Image.MAX_IMAGE_PIXELS = int(limit) or None
    if command == "clean":
        _clean(src, dst)
    elif command == "working":
        side, max_pixels = (int(number) for number in numbers)
        # Quick to write and read back, and not big: it is a few megapixels.
        _working_picture(src, side, max_pixels).save(dst, "PNG", compress_level=1)
    else:
        raise ValueError(f"unknown command {command!r}")


def main(argv=None):
    """python -m images.imaging clean LIMIT < picture > cleaned
    python -m images.imaging working LIMIT SIDE MAX_PIXELS < picture > picture.png"""
    argv = sys.argv[1:] if argv is None else argv
    with os.fdopen(0, "rb", closefd=False) as src, os.fdopen(1, "wb", closefd=False) as dst:
        try:
            _run_command(argv, src, dst)
        except Exception as error:
            print(f"{type(error).__name__}: {error}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
