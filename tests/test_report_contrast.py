"""WCAG AA: every text colour of the report's marks and badges against its background
reaches 4.5:1, read from the stylesheet's variables, then measured on rendered reports in
Chromium (the colour each element gets, on what it is painted on)."""

import re

import pytest
from conftest import CHRONAM, SEED, need_chromium, read

from syndiff import compare
from syndiff.render.html import STATIC, render_report

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


# For every element with text of its own: its colour against what it is painted on (the
# background colours of it and its ancestors, each stripe of a gradient, the opacity of
# each layer), as WCAG measures contrast.
CONTRASTS = """() => {
  const rgba = c => { const [r, g, b, a = 1] = c.match(/[\\d.]+/g).map(Number); return [r, g, b, a]; };
  const over = (top, under) => {
    const a = top[3] + under[3] * (1 - top[3]);
    if (!a) return [0, 0, 0, 0];
    return [0, 1, 2].map(i => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a).concat(a);
  };
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x); return (hi + .05) / (lo + .05); };
  const white = [255, 255, 255, 1];
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (["SCRIPT", "STYLE"].includes(el.tagName)) continue;
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    let states = [{text: rgba(getComputedStyle(el).color), under: [0, 0, 0, 0]}];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const cs = getComputedStyle(node);
      const fill = rgba(cs.backgroundColor);
      const stripes = (cs.backgroundImage.match(/rgba?\\([^)]*\\)/g) || []).map(c => over(rgba(c), fill));
      const op = parseFloat(cs.opacity);
      states = states.flatMap(s => (stripes.length ? stripes : [fill]).map(layer => {
        const text = over(s.text, layer), under = over(s.under, layer);
        text[3] *= op; under[3] *= op;
        return {text, under};
      }));
    }
    const worst = Math.min(...states.map(s => ratio(over(s.text, white), over(s.under, white))));
    out.push({tag: el.tagName.toLowerCase(), cls: el.className || "", parent: el.parentElement.className || "",
              ptag: el.parentElement.tagName.toLowerCase(),
              text: el.textContent.trim().slice(0, 40), ratio: Math.round(worst * 100) / 100});
  }
  return out;
}"""


STORIES = {"seed": (sorted(SEED.glob("*.txt")), False),
           "nineteen": (sorted((CHRONAM / "19161226-000").glob("*.txt")), True)}


@pytest.fixture
def browser_page(request):
    """Playwright's page, where Chromium is installed (the variable pairs above run without it)."""
    need_chromium()
    return request.getfixturevalue("page")


@pytest.mark.parametrize("story", STORIES)
def test_every_text_reaches_aa_contrast_on_what_it_is_painted_on(browser_page, tmp_path, story):
    files, reflow = STORIES[story]
    comparison = compare([(f.stem, read(f)) for f in files], reflow=reflow)
    path = tmp_path / "report.html"
    path.write_text(render_report(comparison), encoding="utf-8")
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(path.as_uri())
    measured = page.evaluate(CONTRASTS)
    assert [m for m in measured if m["ratio"] < 4.5] == []
    classes = {c for m in measured for c in f"{m['cls']} {m['parent']}".split()}
    for t in {e.type for e in comparison.edits}:   # every badge of the story's types, symbol and name
        for part in ("sym", "name"):
            assert any(m["ptag"] == "a" and f"t-{t}" in m["parent"].split() and m["cls"] == part
                       for m in measured), (t, part)
    assert {"band", "only-in", "source", "brand", "text"} <= classes   # muted text, the band
    assert {m["tag"] for m in measured} >= {"ins", "del", "a", "label", "th", "legend", "kbd"}
