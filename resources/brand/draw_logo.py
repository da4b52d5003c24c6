"""Draws resources/brand/logo.png, the MedTour Desk Partners mark.

Run from the repository root: `.venv/bin/python resources/brand/draw_logo.py`.
The mark: a teal disc with a white medical cross and a coral travel arc with a
dot for the traveller. Drawn at 4x and downsampled so the edges are smooth.
"""

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 512
SCALE = 4
TEAL = (15, 76, 92, 255)
CORAL = (232, 111, 81, 255)
WHITE = (255, 255, 255, 255)


def draw_logo(size: int = SIZE) -> Image.Image:
    s = size * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = s * 0.06
    d.ellipse((pad, pad, s - pad, s - pad), fill=TEAL)
    # white cross with rounded ends
    arm, half = s * 0.15, s * 0.5
    r = arm * 0.28
    d.rounded_rectangle((half - arm / 2, half - arm * 1.65, half + arm / 2, half + arm * 1.65), r, fill=WHITE)
    d.rounded_rectangle((half - arm * 1.65, half - arm / 2, half + arm * 1.65, half + arm / 2), r, fill=WHITE)
    # coral travel arc around the cross, open at the top right
    arc_pad = s * 0.17
    d.arc((arc_pad, arc_pad, s - arc_pad, s - arc_pad), start=-20, end=250, fill=CORAL, width=int(s * 0.045))
    # traveller dot at the end of the arc
    dot = s * 0.055
    cx, cy = s * 0.5 + (s * 0.5 - arc_pad) * 0.94, s * 0.5 - (s * 0.5 - arc_pad) * 0.342
    d.ellipse((cx - dot, cy - dot, cx + dot, cy + dot), fill=CORAL)
    return img.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    out = Path(__file__).with_name("logo.png")
    draw_logo().save(out, optimize=True)
    print(out, out.stat().st_size, "bytes")
