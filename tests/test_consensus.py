"""The probable wire original: what most outlets print, row by row and word by word."""

from conftest import SEED, check_invariants, read

from syndiff import compare
from syndiff.consensus import LABEL, consensus, on_original
from syndiff.model import Source

WIRE = read(SEED / "inquirer.txt")
LINES = WIRE.split("\n")


def edited(lines, **changes):
    out = list(lines)
    for old, new in changes.items():
        out = [line.replace(old.replace("_", " "), new) for line in out]
    return out


def test_the_original_is_what_most_outlets_print():
    # five outlets, each edit made by fewer than half of them: the wire comes back whole
    outlets = [
        ("respelled", "\n".join(edited(LINES, Zelenskyy="Zelenskiy"))),
        ("trimmed", "\n".join(LINES[:12])),
        ("subheaded", "\n".join(LINES[:5] + ["Talks ahead"] + LINES[5:])),
        ("restyled", "\n".join(edited(LINES, US_President="U.S. President", **{"Feb._24": "February 24"}))),
        ("cut", "\n".join(LINES[:6] + LINES[7:])),
    ]
    c = compare(outlets)
    original = consensus(c)
    assert original.text == "\n".join(line.strip() for line in LINES if line.strip())
    assert original.label == LABEL and original.meta == {"reconstructed": True}


def test_an_edit_most_outlets_make_is_in_the_original():
    # three of four outlets print "Zelenskiy" and drop the last paragraph: so does the original
    spelled = edited(LINES, Zelenskyy="Zelenskiy")
    outlets = [("a", "\n".join(spelled[:-3])), ("b", "\n".join(spelled[:-3])), ("c", "\n".join(spelled)),
               ("d", "\n".join(LINES[:-3]))]
    original = consensus(compare(outlets)).text.split("\n")
    assert original == [line for line in spelled[:-3] if line.strip()]


def test_a_name_each_outlet_spells_its_own_way_stays_a_word_in_the_original():
    # three spellings, none printed by most: the original keeps a name (the base's, on the tie),
    # not a hole, and each other outlet's spelling is its own spelling edit
    outlets = [(name, "\n".join(edited(LINES, Zelenskyy=name))) for name in ("Zelenskyy", "Zelenskiy", "Zelensky")]
    original = consensus(compare(outlets, typed=False)).text
    assert original == "\n".join(line.strip() for line in LINES if line.strip())
    again = on_original(compare(outlets, typed=False)).to_dict()
    assert {(e["version"], e["type"], e["base"], e["text"]) for e in again["edits"]} == {
        ("zelenskiy", "spelling", "Zelenskyy", "Zelenskiy"), ("zelensky", "spelling", "Zelenskyy", "Zelensky")}


def test_the_original_and_its_title_are_the_same_whatever_order_the_versions_come_in():
    # six 1916 papers, three under a headline of their own and three under none: the title
    # is the headline most print (on a tie, the one sharing most words with the others),
    # not the first paper's
    from conftest import CHRONAM
    papers = [(f.stem, read(f)) for f in sorted((CHRONAM / "19160912-021").glob("*.txt"))]
    runs = [on_original(compare(order, reflow=True, typed=False))
            for order in (papers, papers[::-1], papers[2:] + papers[:2])]
    assert len({consensus(compare(order, reflow=True, typed=False)).text
                for order in (papers, papers[::-1])}) == 1
    assert {c.title for c in runs} == {"BRITISH VIOLATE U. S, NEUTRALITY"}
    # 19 papers, four under a headline of their own, three of them OCR's debris: the word
    # headline wins, not the first in the alphabet ("1 m tit :tj a m tl immic : - -")
    papers = [(f.stem, read(f)) for f in sorted((CHRONAM / "19161226-000").glob("*.txt"))]
    assert on_original(compare(papers, reflow=True, typed=False)).title == "WILSON"


def test_changes_of_different_reach_do_not_garble_the_original():
    # two print "Zelensky the coming week", two "Zelenskiy next week", one "Zelenskyy next week":
    # no reading has most votes; the original prints one of them whole, never a mix of two
    # ("Zelensky the coming next week"), and the same one whatever the order
    old = "Zelenskyy next week"
    readings = ["Zelensky the coming week"] * 2 + ["Zelenskiy next week"] * 2 + [old]
    shorter = "\n".join(LINES[:-3])   # the wire, printed whole by one outlet only, is the first base
    outlets = [(f"o{n}", (WIRE if r == old else shorter).replace(old, r)) for n, r in enumerate(readings)]
    lines = set()
    for order in (outlets, outlets[::-1], outlets[2:] + outlets[:2]):
        original = consensus(compare(order, typed=False)).text
        lines |= {line for line in original.split("\n") if "Volodymyr" in line}
    (line,) = lines
    assert any(line == next(x for x in LINES if old in x).replace(old, r) for r in readings), line


def test_compared_on_the_original_each_edit_belongs_to_the_outlet_that_made_it():
    outlets = [("a", "\n".join(edited(LINES, Zelenskyy="Zelenskiy"))), ("b", WIRE), ("c", WIRE)]
    first = compare(outlets)
    again = compare([consensus(first), *outlets], base=LABEL).to_dict()
    check_invariants(again)
    assert again["versions"][0]["reconstructed"] is True and again["base"] == "probable-wire-original"
    by_outlet = {vid: [e for e in again["edits"] if e["version"] == vid] for vid in ("a", "b", "c")}
    assert by_outlet["b"] == [] and by_outlet["c"] == []
    assert {(e["type"], e["base"], e["text"]) for e in by_outlet["a"]} == {("spelling", "Zelenskyy", "Zelenskiy")}


def test_on_the_original_every_line_keeps_the_kind_the_versions_gave_it():
    furniture = ["Read more", "Japan Exports Stall in October", "Tokyo Stocks Rise on Rate Bets",
                 "European Leaders Stall after Selloff"]
    outlets = [("a", "\n".join(LINES[:8] + furniture + LINES[8:])), ("b", WIRE),
               ("c", "\n".join(edited(LINES, Zelenskyy="Zelenskiy")))]
    first = compare(outlets)
    again = on_original(first)
    check_invariants(again.to_dict())
    assert again.base == "probable-wire-original"
    for v in first.versions:
        assert [(b.text, b.kind) for b in again.version(v.id).blocks] == [(b.text, b.kind) for b in v.blocks]
    assert {b.kind for b in first.version("a").blocks if b.text in furniture[1:]} == {"chrome"}


def test_the_original_needs_no_typed_edits():
    outlets = [("a", "\n".join(edited(LINES, Zelenskyy="Zelenskiy"))), ("b", WIRE), ("c", "\n".join(LINES[:10]))]
    untyped = compare(outlets, typed=False)
    assert untyped.edits == () and all(s.edits == {} for s in untyped.summary.values())
    assert consensus(untyped) == consensus(compare(outlets))
    assert on_original(untyped).to_dict() == on_original(compare(outlets)).to_dict()


def test_an_outlet_that_printed_the_story_three_times_has_one_vote():
    """Three copies of one outlet's respelled version do not outvote two outlets that print
    the wire as it came (counted by version, they would: 3 of 5)."""
    spelled = "\n".join(edited(LINES, Zelenskyy="Zelenskiy"))
    versions = [Source("A", WIRE, meta={"outlet": "A"}), Source("C", WIRE, meta={"outlet": "C"}),
                *[Source(f"B ({n})", spelled, meta={"outlet": "B"}) for n in (1, 2, 3)]]
    original = consensus(compare(versions)).text
    assert "Zelenskyy" in original and "Zelenskiy" not in original
    by_version = consensus(compare([(v.label, v.text) for v in versions])).text   # no outlets given: a vote each
    assert "Zelenskiy" in by_version


def test_the_original_headline_is_the_one_most_outlets_print_whole():
    """Outlets rewrite headlines: the original's is the one most print, not the words most
    of them happen to share."""
    story = LINES[1:]
    heads = ["Putin wants people to stop dying, Trump says",   # the longest story: the first base
             "Trump says he has spoken to Putin about ending Ukraine war",
             "Trump says he has spoken to Putin about ending Ukraine war",
             "Trump and Putin talk about ending the war in Ukraine",
             "Kremlin silent as Trump says he spoke to Putin"]
    c = compare([(f"o{n}", "\n".join([h, *story, *(["An extra paragraph of this outlet's own."] if n == 0 else [])]))
                 for n, h in enumerate(heads)])
    assert c.base == "o0"
    assert consensus(c).text.split("\n")[0] == heads[1]
