"""Property tests: random syndication edits of a real wire story, and what ``compare`` reports.

The base is the Inquirer's print of the Reuters story in
``fixtures/reuters-trump-putin-2025`` (one block per line; its kinds are in
``expected.json``). A hypothesis strategy draws a mix of the edits a syndicating outlet
makes and applies them to the base's lines to build a second version:

* block level: cut the tail, drop a middle paragraph, split a paragraph at a sentence
  boundary, merge two adjacent paragraphs, move a paragraph elsewhere, insert a subhead;
* word level: spelling variants (Zelenskyy -> Zelenskiy, Makiivka -> Makeyevka) and
  style variants (US -> U.S., Feb. -> February or Feb, 10,000 -> 10000, 10 -> ten);
  (the story has no "percent" and no "Kyiv", so those swaps have nothing to act on);
* furniture: an "Advertisement" line, a photo caption, a "READ MORE" list of 3+ related
  headlines after the story.

Then ``compare([("base", ...), ("edited", ...)], base="base").to_dict()`` must

1. keep the three invariants of the syndiff/1 contract and match its JSON schema, and
2. report every applied edit with its type, in the row where it happened, and nothing
   else: the edits of the version are compared with the expected ones as a multiset.

Block-level edits touch different blocks (neighbours allowed). A dropped paragraph that
ends up as the last story block the version lacks is part of the trimmed run, as the
contract says, not a ``paragraph-removed``. Collisions that make the expectation ambiguous
are not drawn: a moved paragraph lands between two unchanged base neighbours and passes at
least two unchanged blocks (else "which block moved" is a tie, or the aligner may fairly
read a dropped paragraph as rewritten into the moved one), no subhead is left without a
paragraph after it, and no subhead is put between the two halves of a split paragraph
(whether that is still a split is a matter of judgement). An advertisement or a caption
between the halves stands in the split's row, and is reported as furniture.

Profiles: ``ci`` (500 examples, no deadline) when ``CI`` is set, else ``dev`` (fewer);
``HYPOTHESIS_PROFILE`` picks one by name.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from syndiff import InputError, compare

# --- hypothesis profiles ---------------------------------------------------------------------

settings.register_profile(
    "ci", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _CI else "dev"))

# --- the base story ----------------------------------------------------------------------------

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "reuters-trump-putin-2025"
BASE_TEXT = (FIXTURE / "inquirer.txt").read_text(encoding="utf-8")
BASE_LINES = [line.strip() for line in BASE_TEXT.splitlines() if line.strip()]
BASE_KINDS = json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))["kinds"]["inquirer.txt"]
STORY = [i for i, k in enumerate(BASE_KINDS) if k in ("subhead", "paragraph")]  # headline excluded

SCHEMA_PATH = Path(__file__).parent.parent / "syndiff" / "comparison.schema.json"

# Where a paragraph can be split in two: the end of its first sentence. Only boundaries whose
# halves still read as body text (a sentence with a full stop, not a short quote or a title).
SPLITS = {
    9: "on Feb. 24.",
    11: "to end the war.",
    12: "Trump said.",
    18: "were destroyed.",
    20: "are creaking.",
    21: "heavy casualties.",
}

SUBHEADS = ["Talks in Riyadh", "Summit hopes", "‘A long winter’", "Next steps"]  # no word shared with the story
CAPTIONS = [
    "Vladimir Putin speaks in Moscow, Russia February 7, 2025.",
    "Russian President Vladimir Putin meets with Prime Minister Mikhail Mishustin at the Kremlin in Moscow, "
    "Russia February 7, 2025.",
    "U.S. President Donald Trump speaks to reporters aboard Air Force One, February 9, 2025. REUTERS/Elizabeth Frantz",
]
RELATED = [
    "Zelenskiy says Ukraine ready for direct talks with Russia",
    "Oil prices rise as traders weigh new sanctions on Russia",
    "Kremlin says no date set yet for Putin-Trump summit",
    "North Korean troops return to Kursk front, Seoul says",
    "Europe scrambles to respond as Washington shifts on Ukraine",
    "Analysis: What a ceasefire in Ukraine could look like",
]


@dataclass(frozen=True)
class Swap:
    """A word-level variant: ``pattern`` in a base paragraph becomes ``repl``; the reported edit
    must hold ``old`` on the base side and ``new`` on the version side, and nothing else."""

    type: str
    pattern: str
    repl: str
    old: str
    new: str

    def apply(self, text: str) -> str:
        return re.sub(self.pattern, self.repl, text)

    def count(self, text: str) -> int:
        return len(re.findall(self.pattern, text))


SPELLING_CHOICES = [  # one choice per word: the alternatives exclude each other
    [Swap("spelling", r"\bZelenskyy\b", v, "Zelenskyy", v) for v in ("Zelenskiy", "Zelensky", "Zelenski")],
    [Swap("spelling", r"\bMakiivka\b", "Makeyevka", "Makiivka", "Makeyevka")],
    [Swap("style", r"\bFeb\.(?= 24)", v, "Feb.", v) for v in ("February", "Feb")],
]
STYLE_SWAPS = [
    Swap("style", r"\bUS\b", "U.S.", "US", "U.S."),
    Swap("style", r"\b10,000(?= to)", "10000", "10,000", "10000"),
    Swap("style", r"\b10(?= wounded)", "ten", "10", "ten"),
]


@dataclass(frozen=True)
class Line:
    """A line of the edited version: its text, the kind its block must get, the base blocks it
    comes from and how it came to be (kept, split, merged, moved, subhead, furniture)."""

    text: str
    kind: str
    origin: tuple[int, ...] = ()
    role: str = "kept"


@dataclass
class Syndication:
    lines: list[Line]
    swaps: list[Swap]
    cut: list[int]
    dropped: int | None = None
    split: int | None = None
    merged: tuple[int, int] | None = None
    moved: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def trimmed(self) -> list[int]:
        """The base's last story blocks the version does not print at all: the trimmed run."""
        printed = {i for ln in self.lines for i in ln.origin}
        run: list[int] = []
        for i in reversed(STORY):
            if i in printed:
                break
            run.append(i)
        return run[::-1]

    def swapped(self, text: str) -> str:
        for s in self.swaps:
            text = s.apply(text)
        return text

    def describe(self) -> str:
        ops = [f"swaps={[s.old + '->' + s.new for s in self.swaps]}", f"cut={self.cut}"]
        ops += [f"{name}={getattr(self, name)}" for name in ("dropped", "split", "merged", "moved")
                if getattr(self, name) is not None]
        ops += [f"{ln.role}@{n}={ln.text!r}" for n, ln in enumerate(self.lines) if not ln.origin]
        return "; ".join(ops)


def _split_halves(i: int) -> tuple[str, str]:
    text, end = BASE_LINES[i], SPLITS[i]
    at = text.index(end) + len(end)
    return text[:at], text[at:].lstrip()


# --- the strategy -------------------------------------------------------------------------------

@st.composite
def syndications(draw) -> Syndication:
    swaps = [s for choices in SPELLING_CHOICES if (s := draw(st.sampled_from([None, *choices]))) is not None]
    swaps += draw(st.lists(st.sampled_from(STYLE_SWAPS), unique=True))
    plan = Syndication(lines=[], swaps=swaps, cut=[])

    # Cut the tail: the last k story blocks, and a subhead left dangling at the new end.
    k = draw(st.integers(0, 10))
    n = len(STORY) - k
    while k and BASE_KINDS[STORY[n - 1]] == "subhead":
        n -= 1
    plan.cut = STORY[n:]
    kept = STORY[:n]
    touched: set[int] = set()

    def free(i: int) -> bool:
        return i in kept and BASE_KINDS[i] == "paragraph" and i not in touched

    def last_after_subhead(i: int) -> bool:  # taking it away would leave a subhead ending the story
        return i == kept[-1] and BASE_KINDS[i - 1] == "subhead"

    for op in draw(st.permutations(["drop", "split", "merge", "move"])):
        if not draw(st.booleans()):
            continue
        if op == "drop":  # the last paragraph too: with the cut tail, if any, it is then trimmed
            cands = [i for i in kept if free(i) and not last_after_subhead(i)]
        elif op == "split":
            cands = [i for i in SPLITS if free(i)]
        elif op == "merge":
            cands = [i for i in kept if free(i) and free(i + 1)]
        else:
            cands = [i for i in kept if free(i) and not last_after_subhead(i)]
        if not cands:
            continue
        i = draw(st.sampled_from(cands))
        if op == "drop":
            plan.dropped = i
        elif op == "split":
            plan.split = i
        elif op == "merge":
            plan.merged = (i, i + 1)
            touched.add(i + 1)
        else:
            plan.moved = i
        touched.add(i)

    sw = plan.swapped
    lines: list[Line] = []
    for i, (text, kind) in enumerate(zip(BASE_LINES, BASE_KINDS)):
        if i in plan.cut or i == plan.dropped or (plan.merged and i == plan.merged[1]):
            continue
        if i == plan.split:
            lines += [Line(sw(half), "paragraph", (i,), "split") for half in _split_halves(i)]
        elif plan.merged and i == plan.merged[0]:
            lines.append(Line(sw(text + " " + BASE_LINES[i + 1]), "paragraph", plan.merged, "merged"))
        else:
            lines.append(Line(sw(text), kind, (i,), "kept"))

    if plan.moved is not None:
        p = plan.moved
        at = next(n for n, ln in enumerate(lines) if ln.origin == (p,))
        rest = lines[:at] + lines[at + 1:]

        def anchor(ln: Line) -> bool:  # a block the aligner pairs by its identical text
            return ln.role == "kept" and ln.text == BASE_LINES[ln.origin[0]]

        anchors = [ln.origin[0] for ln in rest if anchor(ln)]
        dests = []
        for pos in range(1, len(rest)):
            a, b = rest[pos - 1], rest[pos]
            if not (anchor(a) and anchor(b) and b.origin[0] == a.origin[0] + 1 and 2 <= a.origin[0] < 23):
                continue
            if a.origin[0] > p:
                between = sum(p < o <= a.origin[0] for o in anchors)
            else:
                between = sum(b.origin[0] <= o < p for o in anchors)
            if between >= 2:
                dests.append(pos)
        if dests:
            pos = draw(st.sampled_from(dests))
            lines = rest[:pos] + [Line(lines[at].text, "paragraph", (p,), "moved")] + rest[pos:]
        else:
            plan.moved = None
    # A drop and a move can still leave a base subhead with no paragraph after it.
    story = [ln for ln in lines if ln.kind in ("subhead", "paragraph")]
    assume(all(nxt.kind == "paragraph" for ln, nxt in zip(story, story[1:]) if ln.kind == "subhead"))
    assume(story[-1].kind == "paragraph")

    def between_paragraphs(pos: int, in_split: bool = False) -> bool:
        a, b = lines[pos - 1], lines[pos]
        return a.kind == "paragraph" and b.kind == "paragraph" and (in_split or not (a.role == b.role == "split"))

    def between_story(pos: int) -> bool:  # an ad line may stand next to a subhead too
        return lines[pos - 1].kind in ("paragraph", "subhead") and lines[pos].kind in ("paragraph", "subhead")

    if draw(st.booleans()):
        cands = [pos for pos in range(1, len(lines)) if between_paragraphs(pos)]
        if cands:
            pos = draw(st.sampled_from(cands))
            lines.insert(pos, Line(draw(st.sampled_from(SUBHEADS)), "subhead", (), "subhead"))
    if draw(st.booleans()):
        cands = [pos for pos in range(1, len(lines)) if between_story(pos)]
        if cands:
            pos = draw(st.sampled_from(cands))
            lines.insert(pos, Line("Advertisement", "chrome", (), "furniture"))
    if draw(st.booleans()):
        after_images = next(n for n, ln in enumerate(lines) if ln.origin == (2,)) + 1
        cands = [after_images] + [pos for pos in range(1, len(lines)) if between_paragraphs(pos, in_split=True)]
        pos = draw(st.sampled_from(cands))
        lines.insert(pos, Line(draw(st.sampled_from(CAPTIONS)), "caption", (), "furniture"))
    if draw(st.booleans()):
        links = draw(st.lists(st.sampled_from(RELATED), min_size=3, max_size=5, unique=True))
        block = [Line("READ MORE", "chrome", (), "furniture")] + [Line(t, "chrome", (), "furniture") for t in links]
        after_story = max(n for n, ln in enumerate(lines) if ln.kind in ("paragraph", "subhead")) + 1
        pos = draw(st.sampled_from([after_story, len(lines)]))
        lines[pos:pos] = block
    plan.lines = lines
    return plan


# --- checks -------------------------------------------------------------------------------------

_validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def check_schema(doc: dict) -> None:
    _validator.validate(doc)


def check_invariants(doc: dict) -> None:
    """The three invariants of the contract, and the shape they rest on."""
    assert json.loads(json.dumps(doc)) == doc
    check_schema(doc)
    versions = {v["id"]: v for v in doc["versions"]}
    base = doc["base"]
    assert base in versions
    rows = doc["rows"]
    assert [r["index"] for r in rows] == list(range(len(rows)))
    for v in versions.values():
        assert [b["index"] for b in v["blocks"]] == list(range(len(v["blocks"])))
    for r in rows:
        assert set(r["cells"]) == set(versions), r
        assert set(r["moved"]) <= set(versions) - {base}, r
        assert any(r["cells"].values()), f"row {r['index']} holds no block"
    # 1. every block of every version is in exactly one row
    for vid, v in versions.items():
        placed = Counter(i for r in rows for i in r["cells"][vid])
        assert placed == Counter(range(len(v["blocks"]))), (vid, placed)
    # 2. read row by row, skipping rows where the version is moved, block indices increase
    for vid in versions:
        order = [i for r in rows if vid not in r["moved"] for i in r["cells"][vid]]
        assert all(a < b for a, b in zip(order, order[1:])), (vid, order)
    # 3. the ops of a diff give back both cells' texts
    for r in rows:
        btext = "\n".join(versions[base]["blocks"][i]["text"] for i in r["cells"][base])
        with_text = {vid for vid, ix in r["cells"].items() if ix and vid != base}
        assert set(r["diffs"]) == with_text, r
        for vid, ops in r["diffs"].items():
            vtext = "\n".join(versions[vid]["blocks"][i]["text"] for i in r["cells"][vid])
            assert all(op in (-1, 0, 1) for op, _ in ops), ops
            assert "".join(t for op, t in ops if op in (0, -1)) == btext, (r["index"], ops)
            assert "".join(t for op, t in ops if op in (0, 1)) == vtext, (r["index"], ops)
    # the summary counts the edits
    for vid in set(versions) - {base}:
        counts = Counter(e["type"] for e in doc["edits"] if e["version"] == vid)
        assert doc["summary"][vid]["edits"] == dict(counts)


BLOCK_TYPES = {"trimmed", "paragraph-removed", "paragraph-added", "subhead-added", "subhead-removed",
               "split", "merged", "moved", "non-story", "headline"}


def _words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text))


def _is_swap(edit: dict, swap: Swap) -> bool:
    """The edit is this swap, with at most some unchanged words around it."""
    if swap.old not in edit["base"] or swap.new not in edit["text"]:
        return False
    return _words(edit["base"]) - _words(swap.old) == _words(edit["text"]) - _words(swap.new)


def expected_block_edits(plan: Syndication, doc: dict) -> Counter:
    rows = doc["rows"]
    row_b = {i: r["index"] for r in rows for i in r["cells"]["base"]}
    row_v = {j: r["index"] for r in rows for j in r["cells"]["edited"]}
    out = []
    run = plan.trimmed()
    if run:
        out.append(("trimmed", row_b[run[0]], "\n".join(BASE_LINES[i] for i in run), "", None, len(run)))
    if plan.dropped is not None and plan.dropped not in run:
        out.append(("paragraph-removed", row_b[plan.dropped], BASE_LINES[plan.dropped], "", None, None))
    if plan.split is not None:
        halves = "\n".join(ln.text for ln in plan.lines if ln.role == "split")
        out.append(("split", row_b[plan.split], BASE_LINES[plan.split], halves, None, None))
    if plan.merged is not None:
        a, b = plan.merged
        merged = next(ln.text for ln in plan.lines if ln.role == "merged")
        out.append(("merged", row_b[a], BASE_LINES[a] + "\n" + BASE_LINES[b], merged, None, None))
    if plan.moved is not None:
        moved = next(ln.text for ln in plan.lines if ln.role == "moved")
        out.append(("moved", row_b[plan.moved], BASE_LINES[plan.moved], moved, None, None))
    for j, ln in enumerate(plan.lines):
        if ln.role == "subhead":
            out.append(("subhead-added", row_v[j], "", ln.text, None, None))
        elif ln.role == "furniture":
            out.append(("non-story", row_v[j], "", ln.text, ln.kind, None))
    return Counter(out)


def check_edits(plan: Syndication, doc: dict) -> None:
    edits = [e for e in doc["edits"]]
    assert all(e["version"] == "edited" for e in edits)
    assert [e["row"] for e in edits] == sorted(e["row"] for e in edits)
    got_block = Counter((e["type"], e["row"], e["base"], e["text"], e.get("kind"), e.get("count"))
                        for e in edits if e["type"] in BLOCK_TYPES)
    want_block = expected_block_edits(plan, doc)
    missing, unexpected = want_block - got_block, got_block - want_block
    assert not missing and not unexpected, f"\nmissing: {list(missing)}\nunexpected: {list(unexpected)}"
    # Word-level: one spelling/style edit per occurrence of a swapped word in a base paragraph
    # that the version still prints, in that paragraph's row, and no other word-level edit.
    row_b = {i: r["index"] for r in doc["rows"] for i in r["cells"]["base"]}
    printed = sorted({i for ln in plan.lines for i in ln.origin})
    want = [(s.type, row_b[i], s) for i in printed for s in plan.swaps for _ in range(s.count(BASE_LINES[i]))]
    got = [e for e in edits if e["type"] not in BLOCK_TYPES]
    unmatched = list(got)
    missing = []
    for typ, row, swap in want:
        hit = next((e for e in unmatched if e["type"] == typ and e["row"] == row and _is_swap(e, swap)), None)
        if hit is None:
            missing.append((typ, row, swap.old, swap.new))
        else:
            unmatched.remove(hit)
    assert not missing and not unmatched, f"\nmissing: {missing}\nunexpected: {unmatched}"


def check_alignment(plan: Syndication, doc: dict) -> None:
    """Each block of the version is typed as intended and sits in the row of the base blocks it
    comes from; what the version adds sits in a row of its own."""
    blocks = doc["versions"][1]["blocks"]
    assert [(b["text"], b["kind"]) for b in blocks] == [(ln.text, ln.kind) for ln in plan.lines]
    row_b = {i: r["index"] for r in doc["rows"] for i in r["cells"]["base"]}
    row_v = {j: r for r in doc["rows"] for j in r["cells"]["edited"]}
    for j, ln in enumerate(plan.lines):
        r = row_v[j]
        if ln.origin:
            assert {row_b[i] for i in ln.origin} == {r["index"]}, (j, ln, r)
            assert ("edited" in r["moved"]) == (ln.role == "moved"), (j, ln, r)
        elif _inside_split(plan.lines, j):  # furniture between the halves stands in their row
            assert r["cells"]["base"] == [plan.split], (j, ln, r)
        else:
            assert r["cells"]["base"] == [], (j, ln, r)


def _inside_split(lines: list[Line], j: int) -> bool:
    before = [ln.role for ln in lines[:j] if ln.role != "furniture"]
    after = [ln.role for ln in lines[j + 1:] if ln.role != "furniture"]
    return bool(before and after) and before[-1] == after[0] == "split"


def run(plan_text: str) -> dict:
    return compare([("base", BASE_TEXT), ("edited", plan_text)], base="base").to_dict()


# --- tests --------------------------------------------------------------------------------------

def test_fixture_kinds_and_identity():
    """The base reads as expected.json says, and a version equal to it shows no edit."""
    doc = run(BASE_TEXT)
    check_invariants(doc)
    assert [b["kind"] for b in doc["versions"][0]["blocks"]] == BASE_KINDS
    assert [b["kind"] for b in doc["versions"][1]["blocks"]] == BASE_KINDS
    assert doc["edits"] == []
    assert all(r["cells"]["base"] == r["cells"]["edited"] and len(r["cells"]["base"]) == 1 for r in doc["rows"])


@given(syndications())
def test_syndication_edits_are_reported(plan: Syndication):
    for name in ("dropped", "split", "merged", "moved"):
        if getattr(plan, name) is not None:
            event(name)
    if plan.dropped in plan.trimmed():
        event("dropped last paragraph: trimmed")
    event(f"cut {len(plan.cut)}")
    for s in plan.swaps:
        event(f"{s.type} {s.old}->{s.new}")
    for ln in plan.lines:
        if not ln.origin:
            event(f"{ln.role} {ln.kind}")
    doc = run(plan.text)
    check_invariants(doc)
    try:
        check_alignment(plan, doc)
        check_edits(plan, doc)
    except AssertionError as err:
        raise AssertionError(f"{plan.describe()}\n{err}") from None


@st.composite
def scrambles(draw) -> str:
    """Any mix of base lines (dropped, repeated, reordered, swapped words) and furniture: no
    expectation about the edits, only the invariants, which hold for any input."""
    pool = BASE_LINES + SUBHEADS + CAPTIONS + RELATED + ["Advertisement", "READ MORE", "-"]
    picked = draw(st.lists(st.sampled_from(range(len(pool))), min_size=1, max_size=40))
    swaps = draw(st.lists(st.sampled_from([s for c in SPELLING_CHOICES for s in c] + STYLE_SWAPS), unique=True))
    out = []
    for i in picked:
        text = pool[i]
        for s in swaps:
            text = s.apply(text)
        if draw(st.booleans()) and ". " in text:
            out += [part for part in text.split(". ", 1) if part]  # split, sometimes off a sentence
        else:
            out.append(text)
    return "\n".join(out)


@given(scrambles(), st.booleans())
def test_invariants_hold_for_any_mix(text: str, base_first: bool):
    pairs = [("base", BASE_TEXT), ("edited", text)] if base_first else [("edited", text), ("base", BASE_TEXT)]
    try:
        doc = compare(pairs, base="base").to_dict()
    except InputError as e:
        # furniture alone (captions, link lists, ads): refused by name, not a story cut to nothing
        assert str(e).startswith("edited: no story text: its ")
        event("refused: no story text")
        return
    check_invariants(doc)
    check_invariants(compare(pairs).to_dict())  # default base: the longer one


# --- cases the properties above once found wrong ------------------------------------------------

def _edit_types(doc: dict) -> list[tuple[str, str, str]]:
    return [(e["type"], e["base"], e["text"]) for e in doc["edits"]]


def test_month_point_dropped_is_style():
    doc = run(BASE_TEXT.replace("Feb. 24", "Feb 24"))
    assert [t for t, _, _ in _edit_types(doc)] == ["style"]


def test_subhead_after_advertisement():
    lines = list(BASE_LINES)
    lines[5:5] = ["Advertisement", "Talks in Riyadh"]
    doc = run("\n".join(lines))
    assert [t for t, _, _ in _edit_types(doc)] == ["non-story", "subhead-added"]


@pytest.mark.parametrize("furniture", ["Advertisement", CAPTIONS[0]])
def test_split_around_furniture(furniture: str):
    lines = list(BASE_LINES)
    first, second = _split_halves(18)
    lines[18:19] = [first, furniture, second]
    doc = run("\n".join(lines))
    assert sorted(t for t, _, _ in _edit_types(doc)) == ["non-story", "split"]
