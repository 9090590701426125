"""WCAG AA: every text colour of the report's marks and badges against its background
reaches 4.5:1 (read from the stylesheet's variables)."""

import re

import pytest

from syndiff.render.html import STATIC

CSS = (STATIC / "report.css").read_text()
VARS = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", CSS))
PAIRS = [("ink", "paper"), ("muted", "paper"), ("muted", "wash"), ("ins-ink", "ins-bg"), ("del-ink", "del-bg"),
         ("style-ink", "style-bg"), ("word-ink", "word-bg"), ("struct-ink", "struct-bg"),
         ("trim-ink", "trim-bg"), ("furn-ink", "furn-bg"), ("muted", "furn-bg")]


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("fg,bg", PAIRS)
def test_contrast_is_aa(fg, bg):
    hi, lo = sorted((luminance(VARS[fg]), luminance(VARS[bg])), reverse=True)
    assert (hi + 0.05) / (lo + 0.05) >= 4.5
