"""Accuracy gate on the labelled fixtures (as trafilatura's eval gate): the seed pair must
match its gold file exactly, and on the 1916 OCR groups the block alignment must find most
of the words an order-preserving word match of the whole stories finds. Floors are pinned
in eval_baseline.json."""

import difflib
import json
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import CHRONAM, SEED, read

from syndiff import compare

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text())
STORY = {"headline", "subhead", "paragraph"}
BLOCK_TYPES = {"headline", "subhead-added", "subhead-removed", "paragraph-added", "paragraph-removed",
               "trimmed", "moved", "split", "merged"}


def _norm(s: str) -> str:
    s = s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'").replace("–", "-")
    return " ".join(unicodedata.normalize("NFC", s).split()).casefold()


@pytest.fixture(scope="module")
def seed():
    gold = json.loads(read(SEED / "expected.json"))
    files = sorted(SEED.glob("*.txt"))
    doc = compare([(f.stem, read(f)) for f in files], base=gold["base"][:-4]).to_dict()
    return gold, doc


def test_seed_kinds(seed):
    gold, doc = seed
    for v in doc["versions"]:
        assert [b["kind"] for b in v["blocks"]] == gold["kinds"][v["id"] + ".txt"], v["id"]


def test_seed_alignment(seed):
    gold, doc = seed
    base = doc["base"]
    kinds = {v["id"]: [b["kind"] for b in v["blocks"]] for v in doc["versions"]}
    for vfile, pairs in gold["align"].items():
        vid = vfile[:-4]
        found = {(b, x) for row in doc["rows"] for b in row["cells"][base] for x in row["cells"][vid]
                 if kinds[base][b] in STORY and kinds[vid][x] in STORY}
        assert found == {tuple(p) for p in pairs}


def test_seed_edits(seed):
    gold, doc = seed
    left = list(doc["edits"])
    for g in gold["edits"]:
        hit = next((e for e in left if e["type"] == g["type"] and e["version"] == g["version"][:-4]
                    and _norm(g["base"]) in _norm(e["base"]) and _norm(g["text"]) in _norm(e["text"])
                    and e.get("count") == g.get("count")), None)
        assert hit is not None, f"missing {g}"
        left.remove(hit)
    # no block-level edit beyond the gold's
    assert [e for e in left if e["type"] in BLOCK_TYPES] == []


def _story_words(doc: dict, vid: str) -> list[str]:
    """The story's words, letters and digits only: a word counts as shared whatever its
    punctuation, in the engine as here."""
    v = next(v for v in doc["versions"] if v["id"] == vid)
    words = (re.sub(r"\W", "", w) for b in v["blocks"] if b["kind"] in STORY for w in b["text"].split())
    return [w for w in words if w]


@pytest.mark.parametrize("group", sorted(BASELINE["chronam_word_recall"]))
def test_ocr_groups_alignment_recall(group):
    """Shared words found by aligning blocks, against those a word-level LCS of each whole
    story finds (an upper bound: it also matches stray common words)."""
    files = sorted((CHRONAM / group).glob("*.txt"))
    doc = compare([(f.stem, read(f)) for f in files], reflow=True).to_dict()
    base_words = _story_words(doc, doc["base"])
    found = bound = 0
    for vid, s in doc["summary"].items():
        sm = difflib.SequenceMatcher(None, base_words, _story_words(doc, vid), autojunk=False)
        bound += sum(m.size for m in sm.get_matching_blocks())
        found += s["shared_words"]
    assert found / bound >= BASELINE["chronam_word_recall"][group], round(found / bound, 3)


