"""One test per edit type, on sentences of the seed story: the version's edits, exactly."""

import re

import pytest
from conftest import SEED, read
from hypothesis import given
from hypothesis import strategies as st

from syndiff import compare
from syndiff.edits import change_type, split_dateline, style_key

LINES = read(SEED / "inquirer.txt").split("\n")
HEADLINE = LINES[0]
P = LINES[3:10]        # the first seven story paragraphs
SUBHEAD = LINES[10]    # ‘Good relationship’
TAIL = LINES[11:13]    # two paragraphs after it


def base_story() -> list[str]:
    return [HEADLINE, *P, SUBHEAD, *TAIL]


def edits_of(version: list[str], base: list[str] | None = None) -> list[tuple]:
    c = compare([("base", "\n".join(base or base_story())), ("v", "\n".join(version))], base="base")
    return [(e.type, e.base, e.text) + ((e.count,) if e.count else ()) + ((e.kind,) if e.kind else ())
            for e in c.edits]


def replaced(i: int, old: str, new: str) -> list[str]:
    story = base_story()
    assert old in story[i]
    story[i] = story[i].replace(old, new)
    return story


def test_identical_versions_have_no_edits():
    assert edits_of(base_story()) == []


def test_spelling_transliteration():
    assert edits_of(replaced(6, "Zelenskyy", "Zelenskiy")) == [("spelling", "Zelenskyy", "Zelenskiy")]


def test_spelling_near_variant():
    assert edits_of(replaced(4, "Kremlin", "Kremlim")) == [("spelling", "Kremlin", "Kremlim")]


@pytest.mark.parametrize("i,old,new,expected", [
    (1, "US President", "U.S. President", [("style", "US", "U.S.")]),
    (7, "Feb. 24", "February 24", [("style", "Feb. 24", "February 24")]),
    (7, "Russia’s", "Russia's", [("style", "Russia’s", "Russia's")]),
    (2, "“better not say,”", '"better not say,"', [("style", "“", '"'), ("style", "”", '"')]),
    (10, "“I hope it’s fast,” Trump said. “Every day", '"I hope it\'s fast," Trump said. "Every day',
     [("style", "“", '"'), ("style", "it’s", "it's"), ("style", "”", '"'), ("style", "“", '"')]),
])
def test_style(i, old, new, expected):
    assert edits_of(replaced(i, old, new)) == expected


@pytest.mark.parametrize("dash", ["—", " — ", " -- ", " - "])
def test_dashes_around_a_clause_are_style(dash):
    base = replaced(7, "The war, which began with Russia’s full-scale invasion of Ukraine, will",
                    "The war – which began with Russia’s full-scale invasion of Ukraine – will")
    v = list(base)
    v[7] = v[7].replace(" – ", dash)
    assert edits_of(v, base) == [("style", "–", dash.strip())] * 2


# A date of each month as AP prints it (seven months abbreviated before a day, March to July
# spelled out), and as others do: spelled out, Reuters' abbreviations without points (Sept 24),
# three letters (Mar. 24, Sep 24), the day first (British outlets). May has no short form.
_DATES = {
    "Jan. 24": ["January 24", "Jan 24", "24 January"],
    "Feb. 24": ["February 24", "Feb 24", "24 February"],
    "March 24": ["Mar. 24", "Mar 24", "24 March"],
    "April 24": ["Apr. 24", "Apr 24", "24 April"],
    "May 24": ["24 May"],
    "June 24": ["Jun. 24", "Jun 24", "24 June"],
    "July 24": ["Jul. 24", "Jul 24", "24 July"],
    "Aug. 24": ["August 24", "Aug 24", "24 August"],
    "Sept. 24": ["September 24", "Sept 24", "Sep 24", "Sep. 24", "24 September"],
    "Oct. 24": ["October 24", "Oct 24", "24 October"],
    "Nov. 24": ["November 24", "Nov 24", "24 November"],
    "Dec. 24": ["December 24", "Dec 24", "24 December"],
}


@pytest.mark.parametrize("ap,other", [(ap, other) for ap, others in _DATES.items() for other in others])
def test_every_month_restyled_is_one_style_edit_with_its_day(ap, other):
    base = replaced(7, "Feb. 24", ap)
    v = list(base)
    v[7] = v[7].replace(ap, other)
    assert edits_of(v, base) == [("style", ap, other)]


def test_a_word_that_spells_a_month_abbreviation_is_no_date():
    """ "mar" is not "Mar." outside a date: changed to "march", it is another word."""
    a = "Trump said the dispute could mar his talks with Putin."
    b = "Trump said the dispute could march his talks with Putin."
    assert edits_of(base_story() + [b], base_story() + [a]) == [("wording", "mar", "march")]
    assert change_type("Jan", "January") == "wording"   # a name, until a day stands beside it
    assert change_type("Jan 9", "January 9") == "style"


@pytest.mark.parametrize("old,new,expected", [
    ("Feb. 9, 2025", "9 February 2025", [("style", "Feb. 9, 2025", "9 February 2025")]),    # British, with the year
    ("Feb. 9, 2025", "Feb 9 2025", [("style", "Feb. 9", "Feb 9"), ("punctuation", ",", "")]),
    ("10,000 people", "10000 people", [("style", "10,000", "10000")]),    # a thousands separator
    ("1.5 million people", "15 million people", [("wording", "1.5", "15")]),   # a decimal point is a figure
    ("-5 degrees", "5 degrees", [("wording", "-5", "5")]),               # so is a sign
])
def test_dates_and_figures_read_with_their_marks(old, new, expected):
    line = "Officials said on Sunday that {} had been counted in the region since the talks began."
    story = base_story()
    assert edits_of(story + [line.format(new)], story + [line.format(old)]) == expected


def test_style_rules_table():
    for a, b in [("10 percent", "10%"), ("three", "3"), ("Gov.", "Governor"), ("10,000", "10000"),
                 ("Sept.", "September"), ("Russia’s", "Russia's"), ("–", "—"), ("Lieut.", "Lieutenant"),
                 ("Mr", "Mr."), ("health care", "healthcare"), ("per cent", "percent"), ("Feb 9", "February 9")]:
        assert change_type(a, b) == "style", (a, b)


@pytest.mark.parametrize("a,b,kind", [
    # spellings of one word
    ("Zelensky", "Zelenskyy", "spelling"), ("centre", "center", "spelling"), ("colour", "color", "spelling"),
    ("organisation", "organization", "spelling"), ("defence", "defense", "spelling"),
    ("travelled", "traveled", "spelling"), ("Waddill", "Waddell", "spelling"), ("Gadhafi", "Gaddafi", "spelling"),
    # a letter or two that changes the meaning
    ("unlikely", "likely", "wording"), ("million", "billion", "wording"), ("increase", "decrease", "wording"),
    ("would", "could", "wording"), ("Iran", "Iraq", "wording"), ("Austria", "Australia", "wording"),
    ("Russia", "Russian", "wording"), ("Tuesday", "Thursday", "wording"), ("attack", "attacked", "wording"),
    # house style
    ("“quoted”", "‘quoted’", "style"), ("Feb. 9", "9 February", "style"), ("U.N.", "United Nations", "style"),
    ("10 a.m.", "10am", "style"), ("$5bn", "$5 billion", "style"),
    # figures: a changed number is never punctuation
    ("1.3%", "13%", "wording"), ("$5 billion", "$5.5 billion", "wording"), ("400,000", "400 000", "style"),
    # names a letter apart that are other names, and names with another ending
    ("Mark", "Mary", "wording"), ("Gaza", "Giza", "wording"), ("Hamas", "Hamad", "wording"),
    ("Germany", "Germans", "wording"), ("Iraq", "Iraqi", "wording"),
    # romanizations of one name
    ("Alexei", "Aleksei", "spelling"), ("Kharkiv", "Kharkov", "spelling"), ("Peskov", "Peskow", "spelling"),
    # compounds that are other words, not another style of one
    ("a part", "apart", "wording"), ("may be", "maybe", "wording"),
])
def test_change_types(a, b, kind):
    assert change_type(a, b) == kind


@pytest.mark.parametrize("start", ["COVID-19 cases rose", "NATO - the alliance said", "NATO-led troops",
                                   "US President Donald Trump", "Trump – who spoke"])
def test_no_dateline_in_ordinary_sentence_starts(start):
    assert split_dateline(start) == ("", start)


@pytest.mark.parametrize("dateline", ["NEW DELHI: ", "New Delhi, Feb 9 (IANS) ",
                                      "Feb 9 (Reuters) – ", "KYIV, Ukraine (AP) — ", "Kyiv (AFP) - ",
                                      "SÃO PAULO, Feb 9 (Reuters) - ", "SEOUL/TOKYO, Feb 9 (Reuters) - ",
                                      "WASHINGTON, Feb. 15.—", "ST. LOUIS (AP) — ", "KYIV, 9 Feb (Reuters) - "])
def test_datelines(dateline):
    assert split_dateline(dateline + "Russia said") == (dateline, "Russia said")


def test_dashes_in_a_dateline_are_style():
    base = base_story()
    base[1] = "BRUSSELS (Reuters) - " + base[1]
    v = list(base)
    v[1] = v[1].replace("BRUSSELS (Reuters) - ", "BRUSSELS (Reuters) — ")
    assert edits_of(v, base) == [("style", "BRUSSELS (Reuters) -", "BRUSSELS (Reuters) —")]


def test_punctuation():
    assert edits_of(replaced(2, "on Friday Trump", "on Friday, Trump")) == [("punctuation", "", ",")]


def test_dateline_added():
    assert edits_of(replaced(1, "US President", "KYIV, Ukraine (AP) — US President")) == [
        ("dateline", "", "KYIV, Ukraine (AP) —")]


def test_dateline_changed():
    base = base_story()
    base[1] = "WASHINGTON (Reuters) - " + base[1]
    v = list(base)
    v[1] = v[1].replace("WASHINGTON (Reuters) - ", "Feb 9 (Reuters) – ")
    assert edits_of(v, base) == [("dateline", "WASHINGTON (Reuters) -", "Feb 9 (Reuters) –")]


def test_wording():
    assert edits_of(replaced(7, "have been killed during", "have been slain in")) == [
        ("wording", "killed during", "slain in")]


def test_insertion_and_deletion():
    assert edits_of(replaced(1, "the New York Post reported late", "the New York Post newspaper reported late")) == [
        ("insertion", "", "newspaper")]
    assert edits_of(replaced(1, "reported late on Saturday", "reported on Saturday")) == [("deletion", "late", "")]


def test_headline_changed_removed_added():
    new = "Trump, Putin discussed end to Ukraine war, Post reports"
    assert edits_of([new, *base_story()[1:]]) == [("headline", HEADLINE, new)]
    assert edits_of(base_story()[1:]) == [("headline", HEADLINE, "")]
    assert edits_of(base_story(), base_story()[1:]) == [("headline", "", HEADLINE)]


def test_subhead_added_and_removed():
    story = base_story()
    added = story[:4] + ["Calls with Moscow"] + story[4:]
    assert edits_of(added) == [("subhead-added", "", "Calls with Moscow")]
    removed = [s for s in story if s != SUBHEAD]
    assert edits_of(removed) == [("subhead-removed", SUBHEAD, "")]


def test_paragraph_added_and_removed():
    story = base_story()
    extra = "Trump has said he could end the war within 24 hours of taking office, without saying how."
    assert edits_of(story[:3] + [extra] + story[3:]) == [("paragraph-added", "", extra)]
    assert edits_of(story[:3] + story[4:]) == [("paragraph-removed", P[2], "")]


def test_trimmed_tail_is_one_edit_with_count():
    story = base_story()
    assert edits_of(story[:7]) == [("trimmed", "\n".join(story[7:]), "", 4)]


def test_moved():
    story = base_story()
    moved = story[:2] + [story[5]] + story[2:5] + story[6:]
    assert edits_of(moved) == [("moved", P[4], P[4])]


def test_split_and_merged():
    story = base_story()
    first, second = P[6].split(". ", 1)
    split = story[:7] + [first + ".", second] + story[8:]
    assert edits_of(split) == [("split", P[6], first + ".\n" + second)]
    merged = story[:3] + [P[2] + " " + P[3]] + story[5:]
    assert edits_of(merged) == [("merged", P[2] + "\n" + P[3], P[2] + " " + P[3])]


def test_non_story_added_removed_changed():
    story = base_story()
    caption = ("Russian President Vladimir Putin meets with Prime Minister Mikhail Mishustin in Moscow, "
               "Russia February 7, 2025.")
    assert edits_of(story[:1] + [caption] + story[1:]) == [("non-story", "", caption, "caption")]
    blurb = LINES[24]
    assert edits_of(story, story + [blurb]) == [("non-story", blurb, "", "boilerplate")]
    changed = blurb.replace("billions of people", "billions")
    assert edits_of(story + [changed], story + [blurb]) == [("non-story", blurb, changed, "boilerplate")]


def test_chinese_words_are_characters():
    a = "特朗普表示，他已与普京通电话，讨论结束乌克兰战争。\n克里姆林宫尚未回应。"
    b = a.replace("通电话", "通过电话")
    c = compare([("a", a), ("b", b)], base="a")
    assert [(e.type, e.base, e.text) for e in c.edits] == [("insertion", "", "过")]
    assert c.summary["b"].story_words == 32 and c.summary["b"].shared_words == 31


def test_a_changed_figure_is_wording_with_its_number_whole():
    assert edits_of(replaced(7, "third anniversary on Feb. 24", "third anniversary on Feb. 25")) == [
        ("wording", "24", "25")]
    assert edits_of(replaced(7, "Thousands of people", "1.5 thousand people")) == [
        ("wording", "Thousands of", "1.5 thousand")]


def test_a_short_sentence_split_off_is_a_split():
    story = base_story()
    para = story[10]   # “I hope it’s fast,” Trump said. “Every day people are dying. ... this damn thing.”
    head, tail = para.rsplit(" ", 5)[0], " ".join(para.rsplit(" ", 5)[1:])   # "... I want to end this damn thing.”"
    assert edits_of(story[:10] + [head, tail]) == [("split", para, head + "\n" + tail)]


_STYLE_WORDS = ["Feb.", "February", "feb", "Sept.", "Sep", "september", "9", "U.S.", "US", "us", "UN", "Mr", "Mr.",
                "mrs", "Dr.", "St.", "Gov.", "gov", "Lt.", "10", "%", "per", "cent", "pct", "one", "ten", "p.m.",
                "10am", "a.m.", "&", "—", "--", "“", "’", "1,000", "$5bn", "5", "mln", "May", "may", "maybe",
                "union", "once", "prefeb", "dept.", "apart"]


@given(st.lists(st.sampled_from(_STYLE_WORDS), max_size=12), st.sampled_from([" ", "", "-", ". "]))
def test_style_rules_skipped_for_want_of_their_cue_change_nothing(ws, sep):
    from syndiff import tables

    text = sep.join(ws)
    s = text.casefold()
    for pattern, repl in tables.STYLE_RULES:   # every rule, as the table says
        s = re.sub(pattern, repl, s)
    assert style_key.__wrapped__(text) == s.strip()
