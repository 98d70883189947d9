"""Lead images for the demo, drawn with Pillow: no downloads, no photographs.

Each picture is an illustration (silhouettes, gradients, simple shapes) at
1600 × 1000, saved as JPEG. Its words (title, alt text that says honestly what
is drawn, caption, credit, focal point) are data, in each edition's
`pictures.toml`, under the same key as its drawing here.
"""

import functools
import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

WIDTH, HEIGHT = 1600, 1000
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@functools.cache
def jpeg(key):
    """The picture drawn under `key`, as JPEG bytes (the same bytes every time)."""
    image = DRAWINGS[key](random.Random(key))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=84, optimize=True, progressive=True)
    return buffer.getvalue()


def _font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        return None


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _vertical_gradient(stops, size=(WIDTH, HEIGHT)):
    """A smooth top-to-bottom gradient through (position, colour) stops."""
    strip = Image.new("RGB", (1, 256))
    pixels = strip.load()
    for y in range(256):
        t = y / 255
        for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
            if p0 <= t <= p1:
                pixels[0, y] = _mix(c0, c1, (t - p0) / (p1 - p0 or 1))
                break
    return strip.resize(size, Image.Resampling.BILINEAR)


def _ridge(rng, base, amplitude, roughness, step=40):
    """Points of a jagged horizon line across the width."""
    points, y = [], base
    for x in range(-step, WIDTH + 2 * step, step):
        # A random walk pulled back towards the base: peaks, not plateaus.
        y += rng.uniform(-roughness, roughness) + (base - y) * 0.2
        y = max(base - amplitude, min(base + amplitude, y))
        points.append((x, y))
    return points


def _fill_below(draw, points, colour):
    draw.polygon([*points, (WIDTH + 80, HEIGHT), (-80, HEIGHT)], fill=colour)


def _glow(image, centre, radius, colour, strength=180):
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(layer).ellipse(
        [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius],
        fill=(*colour, strength),
    )
    layer = layer.filter(ImageFilter.GaussianBlur(radius / 2))
    image.alpha_composite(layer)


def citadel_dusk(rng):
    image = _vertical_gradient(
        [(0, (43, 38, 84)), (0.45, (196, 92, 76)), (0.75, (246, 178, 96)), (1, (250, 214, 150))]
    ).convert("RGBA")
    _glow(image, (1150, 640), 150, (255, 226, 160))
    draw = ImageDraw.Draw(image)
    # The mound, then the walls and houses on top of it.
    draw.polygon([(180, 1000), (420, 640), (1180, 630), (1440, 1000)], fill=(60, 36, 48))
    x = 430
    while x < 1170:
        w, h = rng.randint(28, 70), rng.randint(30, 110)
        draw.rectangle([x, 640 - h, x + w, 650], fill=(60, 36, 48))
        x += w + rng.randint(-8, 4)
    draw.rectangle([700, 470, 740, 650], fill=(60, 36, 48))
    draw.polygon([(690, 470), (720, 420), (750, 470)], fill=(60, 36, 48))
    draw.rectangle([0, 900, WIDTH, HEIGHT], fill=(40, 24, 36))
    for _ in range(30):
        wx, wy = rng.randint(440, 1160), rng.randint(560, 640)
        draw.rectangle([wx, wy, wx + 6, wy + 9], fill=(255, 204, 120))
    return image


def mountain_ridges(rng):
    image = _vertical_gradient([(0, (170, 205, 228)), (0.6, (226, 236, 240)), (1, (240, 244, 246))])
    image = image.convert("RGBA")
    _glow(image, (420, 260), 90, (255, 250, 232), 230)
    draw = ImageDraw.Draw(image)
    layers = [
        (430, (120, 150, 176)),
        (540, (86, 116, 146)),
        (650, (58, 86, 112)),
        (780, (34, 56, 74)),
    ]
    for base, colour in layers:
        _fill_below(draw, _ridge(rng, base, 150, 55), colour)
    return image


def river_palms(rng):
    image = _vertical_gradient([(0, (250, 214, 170)), (0.5, (246, 232, 210)), (1, (214, 196, 160))])
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 560, WIDTH, HEIGHT], fill=(196, 170, 118))
    river = [(0, 700), (400, 650), (800, 700), (1200, 640), (1600, 670)]
    draw.polygon(
        river + [(1600, 760), (1200, 740), (800, 820), (400, 760), (0, 820)], fill=(96, 146, 170)
    )
    for px in range(60, WIDTH, 150):
        base = 560 + rng.randint(-10, 20)
        top = base - rng.randint(180, 280)
        lean = rng.randint(-30, 30)
        draw.line([(px, base), (px + lean, top)], fill=(52, 56, 40), width=12)
        for angle in range(0, 360, 40):
            a = math.radians(angle + rng.randint(-10, 10))
            end = (px + lean + 95 * math.cos(a), top + 55 * math.sin(a) + 20)
            draw.line([(px + lean, top), end], fill=(52, 66, 40), width=9)
    return image


def oil_field(rng):
    image = _vertical_gradient([(0, (36, 28, 60)), (0.55, (214, 96, 54)), (1, (252, 196, 92))])
    image = image.convert("RGBA")
    _glow(image, (800, 720), 170, (255, 200, 120), 200)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 760, WIDTH, HEIGHT], fill=(30, 20, 26))
    for x, scale in ((260, 1.0), (760, 0.7), (1230, 1.2)):
        s = scale
        draw.polygon(
            [(x - 60 * s, 760), (x, 760 - 200 * s), (x + 60 * s, 760)],
            outline=(30, 20, 26),
            width=max(4, int(10 * s)),
        )
        draw.line(
            [(x - 170 * s, 760 - 230 * s), (x + 150 * s, 760 - 170 * s)],
            fill=(30, 20, 26),
            width=int(22 * s),
        )
        draw.polygon(
            [
                (x - 210 * s, 760 - 270 * s),
                (x - 160 * s, 760 - 250 * s),
                (x - 160 * s, 760 - 180 * s),
                (x - 200 * s, 760 - 160 * s),
            ],
            fill=(30, 20, 26),
        )
        draw.line([(x - 180 * s, 760 - 180 * s), (x - 180 * s, 760)], fill=(30, 20, 26), width=6)
    return image


def market_awnings(rng):
    image = Image.new("RGB", (WIDTH, HEIGHT), (244, 236, 222))
    draw = ImageDraw.Draw(image)
    palette = [(196, 62, 48), (236, 168, 56), (46, 110, 120), (120, 64, 96), (86, 140, 76)]
    x = -40
    while x < WIDTH:
        w = rng.randint(180, 300)
        colour = rng.choice(palette)
        top = rng.randint(120, 260)
        draw.polygon(
            [(x, top), (x + w, top), (x + w + 30, top + 170), (x - 30, top + 170)], fill=colour
        )
        for stripe in range(x, x + w, 40):
            draw.polygon(
                [
                    (stripe, top),
                    (stripe + 20, top),
                    (stripe + 24, top + 170),
                    (stripe + 4, top + 170),
                ],
                fill=(250, 244, 232),
            )
        draw.rectangle([x + 10, top + 170, x + w - 10, 900], fill=_mix(colour, (40, 30, 30), 0.7))
        for _ in range(6):
            bx, by = rng.randint(x + 20, x + w - 60), rng.randint(top + 260, 820)
            draw.ellipse([bx, by, bx + 46, by + 46], fill=rng.choice(palette))
        x += w + 50
    draw.rectangle([0, 900, WIDTH, HEIGHT], fill=(120, 100, 84))
    return image


def newsprint(rng):
    image = Image.new("RGB", (WIDTH, HEIGHT), (238, 234, 226))
    draw = ImageDraw.Draw(image)
    ink, grey, accent = (34, 34, 38), (150, 146, 140), (168, 40, 30)
    font = _font(96, bold=True)
    if font:
        draw.text((120, 90), "THE NEWSROOM", font=font, fill=ink)
    else:
        draw.rectangle([120, 100, 1100, 180], fill=ink)
    draw.rectangle([120, 220, 1480, 228], fill=ink)
    draw.rectangle([120, 270, 860, 620], fill=(196, 188, 176))
    draw.polygon([(120, 620), (380, 420), (560, 540), (700, 460), (860, 620)], fill=(120, 112, 104))
    draw.rectangle([120, 660, 860, 700], fill=accent)
    for column in range(3):
        cx = 920 + column * 190
        for row in range(30):
            w = 160 if row % 9 else rng.randint(70, 140)
            draw.rectangle([cx, 270 + row * 22, cx + w, 280 + row * 22], fill=grey)
    for row in range(8):
        draw.rectangle(
            [120, 730 + row * 24, 120 + rng.randint(560, 740), 740 + row * 24], fill=grey
        )
    return image


def domed_hall(rng):
    image = _vertical_gradient([(0, (104, 150, 196)), (1, (214, 228, 236))])
    draw = ImageDraw.Draw(image)
    stone = (226, 214, 190)
    shade = (170, 156, 130)
    draw.rectangle([300, 560, 1300, 860], fill=stone)
    draw.rectangle([560, 400, 1040, 560], fill=stone)
    draw.pieslice([600, 200, 1000, 600], 180, 360, fill=stone, outline=shade, width=6)
    draw.rectangle([790, 150, 810, 210], fill=shade)
    for cx in range(340, 1300, 80):
        draw.rectangle([cx, 600, cx + 28, 860], fill=shade)
    draw.rectangle([260, 860, 1340, 900], fill=shade)
    draw.rectangle([0, 900, WIDTH, HEIGHT], fill=(120, 140, 110))
    for fx, colour in ((180, (200, 40, 40)), (1420, (40, 90, 170))):
        draw.rectangle([fx, 420, fx + 8, 900], fill=(80, 80, 80))
        draw.rectangle([fx + 8, 420, fx + 118, 490], fill=colour)
    return image


def container_port(rng):
    image = _vertical_gradient([(0, (246, 206, 170)), (0.6, (214, 220, 228)), (1, (180, 200, 214))])
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 720, WIDTH, HEIGHT], fill=(60, 96, 124))
    palette = [(190, 60, 50), (40, 100, 150), (230, 160, 40), (70, 130, 90), (150, 150, 150)]
    for row in range(5):
        for col in range(22):
            if rng.random() < 0.85 - row * 0.12:
                x, y = 180 + col * 56, 700 - row * 34
                draw.rectangle([x, y, x + 52, y + 30], fill=rng.choice(palette))
    draw.polygon([(140, 720), (1460, 720), (1400, 800), (200, 800)], fill=(50, 50, 60))
    for cx in (260, 880):
        colour = (212, 84, 48)
        draw.rectangle([cx, 260, cx + 16, 720], fill=colour)
        draw.rectangle([cx + 200, 260, cx + 216, 720], fill=colour)
        draw.rectangle([cx - 120, 250, cx + 460, 276], fill=colour)
    return image


def wheat_field(rng):
    image = _vertical_gradient(
        [(0, (120, 176, 222)), (0.55, (206, 226, 238)), (1, (206, 226, 238))]
    )
    draw = ImageDraw.Draw(image)
    for i, y in enumerate(range(540, HEIGHT, 36)):
        colour = _mix((232, 196, 92), (190, 138, 48), i / 13)
        draw.polygon([(0, y), (WIDTH, y - 30), (WIDTH, HEIGHT), (0, HEIGHT)], fill=colour)
    for _ in range(260):
        x, y = rng.randint(0, WIDTH), rng.randint(620, HEIGHT)
        draw.line(
            [(x, y), (x + rng.randint(-6, 6), y - rng.randint(40, 90))],
            fill=(150, 104, 36),
            width=3,
        )
    for _cloud in range(4):
        cx, cy = rng.randint(100, 1500), rng.randint(90, 330)
        for _ in range(5):
            ox, oy, r = rng.randint(-90, 90), rng.randint(-20, 20), rng.randint(40, 70)
            draw.ellipse([cx + ox - r, cy + oy - r, cx + ox + r, cy + oy + r], fill=(248, 250, 252))
    return image.filter(ImageFilter.SMOOTH)


def round_table(rng):
    image = Image.new("RGB", (WIDTH, HEIGHT), (58, 72, 92))
    draw = ImageDraw.Draw(image)
    for x in range(0, WIDTH, 80):
        draw.line([(x, 0), (x, HEIGHT)], fill=(64, 80, 100), width=2)
    cx, cy = 800, 500
    draw.ellipse([cx - 330, cy - 330, cx + 330, cy + 330], fill=(150, 104, 70))
    draw.ellipse([cx - 170, cy - 170, cx + 170, cy + 170], fill=(58, 72, 92))
    for i in range(14):
        a = 2 * math.pi * i / 14
        sx, sy = cx + 400 * math.cos(a), cy + 400 * math.sin(a)
        draw.ellipse([sx - 42, sy - 42, sx + 42, sy + 42], fill=(214, 206, 190))
        px, py = cx + 270 * math.cos(a), cy + 270 * math.sin(a)
        draw.rectangle([px - 22, py - 16, px + 22, py + 16], fill=(244, 242, 236))
        mx, my = cx + 215 * math.cos(a), cy + 215 * math.sin(a)
        draw.line([(px, py), (mx, my)], fill=(40, 40, 44), width=4)
    return image


def rising_chart(rng):
    image = Image.new("RGB", (WIDTH, HEIGHT), (246, 244, 238))
    draw = ImageDraw.Draw(image)
    for y in range(180, 900, 90):
        draw.line([(140, y), (1480, y)], fill=(214, 210, 200), width=2)
    values, v = [], 0.35
    for i in range(16):
        v = min(0.95, max(0.1, v + rng.uniform(-0.08, 0.12)))
        values.append(v)
        x = 170 + i * 82
        draw.rectangle([x, 900 - v * 600, x + 50, 900], fill=(46, 110, 120))
    line = [(195 + i * 82, 900 - (v * 0.8 + 0.15) * 600) for i, v in enumerate(values)]
    draw.line(line, fill=(196, 76, 44), width=10, joint="curve")
    for x, y in line:
        draw.ellipse([x - 12, y - 12, x + 12, y + 12], fill=(196, 76, 44))
    draw.line([(140, 900), (1480, 900)], fill=(60, 60, 60), width=4)
    return image


def festival_lights(rng):
    image = _vertical_gradient([(0, (20, 18, 46)), (1, (64, 28, 70))]).convert("RGBA")
    palette = [(255, 196, 92), (255, 120, 96), (140, 200, 255), (255, 236, 180), (200, 140, 255)]
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(70):
        x, y, r = rng.randint(0, WIDTH), rng.randint(0, HEIGHT), rng.randint(20, 90)
        draw.ellipse(
            [x - r, y - r, x + r, y + r], fill=(*rng.choice(palette), rng.randint(50, 140))
        )
    image.alpha_composite(layer.filter(ImageFilter.GaussianBlur(6)))
    draw = ImageDraw.Draw(image)
    for i in range(0, WIDTH + 1, 8):
        y = 780 + 60 * math.sin(i / 90) * math.sin(i / 400)
        draw.line([(i, y - 30), (i, y + 30)], fill=(255, 236, 200, 255), width=3)
    return image


# The key of each drawing, as pictures.toml names it.
DRAWINGS = {
    "citadel": citadel_dusk,
    "mountains": mountain_ridges,
    "river": river_palms,
    "oilfield": oil_field,
    "market": market_awnings,
    "newsprint": newsprint,
    "assembly": domed_hall,
    "port": container_port,
    "wheat": wheat_field,
    "table": round_table,
    "chart": rising_chart,
    "lights": festival_lights,
}


PORTRAIT_COLOURS = [
    ((140, 28, 19), (196, 92, 76)),
    ((46, 110, 120), (120, 176, 180)),
    ((58, 72, 92), (120, 150, 176)),
    ((120, 64, 96), (190, 130, 160)),
    ((86, 120, 60), (160, 190, 110)),
    ((150, 104, 36), (232, 196, 92)),
]


def portrait(name, size=400):
    """An author's picture: their initials on a coloured gradient (JPEG bytes).

    Without the DejaVu fonts, a simple head-and-shoulders silhouette instead.
    """
    dark, light = PORTRAIT_COLOURS[sum(map(ord, name)) % len(PORTRAIT_COLOURS)]
    image = _vertical_gradient([(0, light), (1, dark)], size=(size, size))
    draw = ImageDraw.Draw(image)
    font = _font(size * 2 // 5, bold=True)
    if font:
        initials = "".join(part[0] for part in name.split()[:2]).upper()
        draw.text((size / 2, size / 2), initials, font=font, fill=(255, 255, 255), anchor="mm")
    else:
        draw.ellipse([size * 0.34, size * 0.18, size * 0.66, size * 0.5], fill=(245, 240, 232))
        draw.ellipse([size * 0.16, size * 0.56, size * 0.84, size * 1.2], fill=(245, 240, 232))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()
