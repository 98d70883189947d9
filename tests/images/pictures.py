"""Pictures as cameras and phones write them: with GPS, serial numbers, XMP,
IPTC, an ICC profile and an EXIF orientation, for the tests of cleaning."""

import io
import struct

from PIL import Image, ImageCms

GPS_IFD = 0x8825
# Strings that identify a source: none may be left in a stored file.
SECRETS = {
    "make": b"SecretCam",
    "serial": b"SN-4242-SOURCE",
    "artist": b"Hana Yousef",
    "xmp": b"Source: Hana Yousef, Erbil",
    "comment": b"taken by Hana Yousef",
    "iptc": b"By-line Hana Yousef",
    "text": b"Hana Yousef at the checkpoint",
}


def swapped_profile():
    """An RGB ICC profile that calls red what sRGB calls blue (and back), and
    whose name is a person's: a profile is a colour space and a label."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    count = struct.unpack(">I", data[128:132])[0]
    entries = {}
    for i in range(count):
        start = 132 + 12 * i
        signature = bytes(data[start : start + 4])
        entries[signature] = start
    red, blue = entries[b"rXYZ"], entries[b"bXYZ"]
    data[red + 4 : red + 12], data[blue + 4 : blue + 12] = (
        data[blue + 4 : blue + 12],
        data[red + 4 : red + 12],
    )
    return bytes(data).replace(
        "sRGB built-in".encode("utf-16-be"), "Hana Yousef's".encode("utf-16-be")
    )


def exif(orientation=1):
    data = Image.Exif()
    data[0x010F] = SECRETS["make"].decode()  # Make
    data[0x0110] = "Model 7"  # Model
    data[0x013B] = SECRETS["artist"].decode()  # Artist
    data[0x0112] = orientation
    data.get_ifd(0x8769)[0xA431] = SECRETS["serial"].decode()  # BodySerialNumber
    gps = data.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (36.0, 11.0, 28.0)  # Erbil
    gps[3], gps[4] = "E", (44.0, 0.0, 33.0)
    return data


def xmp():
    return (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
        + SECRETS["xmp"]
        + b"</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    )


def iptc_segment():
    """An APP13 Photoshop segment with an IPTC by-line, as agencies send."""
    record = b"\x1c\x02\x50" + struct.pack(">H", len(SECRETS["iptc"])) + SECRETS["iptc"]
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    payload = b"Photoshop 3.0\x00" + block
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def encoded(fmt, size=(60, 40)):
    """A plain picture in Pillow's format `fmt`."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def scene(width, height):
    """Red left half, blue right half, a green band at the top: which way up it is and
    what colours it has can be read back."""
    picture = Image.new("RGB", (width, height), (230, 20, 20))
    picture.paste((20, 20, 230), (width // 2, 0, width, height))
    picture.paste((20, 200, 20), (0, 0, width, max(1, height // 10)))
    return picture


def camera_jpeg(width=600, height=400, *, orientation=6, profile=True, picture=None):
    """A JPEG as a phone writes it: EXIF with GPS, serial number and
    orientation, XMP, IPTC, a comment and (optionally) an ICC profile."""
    picture = picture or scene(width, height)
    buffer = io.BytesIO()
    options = {"icc_profile": swapped_profile()} if profile else {}
    picture.save(
        buffer,
        "JPEG",
        quality=90,
        exif=exif(orientation),
        xmp=xmp(),
        comment=SECRETS["comment"],
        **options,
    )
    data = buffer.getvalue()
    return data[:2] + iptc_segment() + data[2:]


def tagged_png(width=300, height=200, *, orientation=1, mode="RGB"):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRETS["text"].decode())
    info.add_itxt("XML:com.adobe.xmp", xmp().decode())
    buffer = io.BytesIO()
    scene(width, height).convert(mode).save(
        buffer, "PNG", pnginfo=info, exif=exif(orientation), icc_profile=swapped_profile()
    )
    return buffer.getvalue()


def leaks(data):
    """The identifying strings found in `data`, or in it decompressed."""
    return sorted(name for name, secret in SECRETS.items() if secret in data)
