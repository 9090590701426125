"""Every output is a valid syndiff/1 document and keeps the contract's invariants, on every
fixture group the project ships (the 19-paper 1916 group with --reflow included)."""

import jsonschema
import pytest
from conftest import SCHEMA, SEED, check_invariants, fixture_groups, read

from syndiff import compare
from syndiff.errors import InputError

GROUPS = fixture_groups()


@pytest.mark.parametrize("name,files,reflow", GROUPS, ids=[g[0] for g in GROUPS])
def test_fixture_group_is_valid_and_keeps_invariants(name, files, reflow):
    doc = compare([(f.stem, read(f)) for f in files], reflow=reflow).to_dict()
    jsonschema.validate(doc, SCHEMA)
    check_invariants(doc)
    assert len(doc["versions"]) == len(files)
    assert doc["base"] in {v["id"] for v in doc["versions"]}
    assert set(doc["summary"]) == {v["id"] for v in doc["versions"]} - {doc["base"]}


def test_default_base_has_most_story_words():
    files = sorted(GROUPS[0][1])
    doc = compare([(f.stem, read(f)) for f in files]).to_dict()
    words = {v["id"]: sum(len(b["text"].split()) for b in v["blocks"]
                          if b["kind"] in ("headline", "subhead", "paragraph")) for v in doc["versions"]}
    assert doc["base"] == max(words, key=words.get) == "inquirer"


def test_base_by_label_or_id_and_ids_are_unique_slugs():
    doc = compare([("Japan News", "One line here.\nAnother line."), ("japan news", "One line here.")],
                  base="japan news").to_dict()
    assert [v["id"] for v in doc["versions"]] == ["japan-news", "japan-news-2"]
    assert doc["base"] == "japan-news-2"



def test_a_base_written_another_way_is_the_one_version_it_can_mean():
    versions = [("inquirer", "One line here.\nAnother line."), ("Japan News", "One line here.")]
    assert compare(versions, base="Inquirer").base == "inquirer"
    assert compare(versions, base="JAPAN NEWS").base == "japan-news"
    assert compare(versions, base="Japan-News").base == "japan-news"
    assert compare(versions, base="Japannews").base == "japan-news"
    # two versions it could mean: none is guessed
    with pytest.raises(InputError, match="unknown base 'JAPAN NEWS'"):
        compare([("Japan News", "One line."), ("japan news", "One line here.")], base="JAPAN NEWS")

INQUIRER = read(SEED / "inquirer.txt").split("\n")
JAPAN_NEWS = read(SEED / "japannews.txt").split("\n")
STORY = [INQUIRER[0], *INQUIRER[3:13]]   # headline, paragraphs and a subhead
FURNITURE = [JAPAN_NEWS[0], JAPAN_NEWS[1], INQUIRER[24],   # caption, timestamp, Reuters' blurb
             "(Reporting by Lidia Kelly in Melbourne; Editing by William Mallard)"]
WITH_FURNITURE = "\n".join(STORY[:1] + FURNITURE[:2] + STORY[1:] + FURNITURE[2:])


def _words(doc: dict, story: bool) -> dict[str, int]:
    kinds = ("headline", "subhead", "paragraph")
    return {v["id"]: sum(len(b["text"].split()) for b in v["blocks"] if not story or b["kind"] in kinds)
            for v in doc["versions"]}


@pytest.mark.parametrize("first", ["furnished", "wire"])
def test_default_base_counts_story_words_not_furniture(first):
    # the wire copy has one story word more ("newspaper"); the other prints 80 words of furniture
    wire = "\n".join(STORY).replace("New York Post reported", "New York Post newspaper reported")
    versions = [("furnished", WITH_FURNITURE), ("wire", wire)]
    doc = compare(versions if first == "furnished" else versions[::-1]).to_dict()
    assert _words(doc, story=False)["furnished"] > _words(doc, story=False)["wire"] + 70
    assert _words(doc, story=True) == {"furnished": 250, "wire": 251}
    assert doc["base"] == "wire"
    assert doc["summary"]["furnished"]["story_words"] == 250


@pytest.mark.parametrize("first", ["furnished", "wire"])
def test_default_base_on_a_tie_of_story_words_is_the_first_given(first):
    # as many story words on both sides (a name spelled otherwise); furniture on one only
    wire = "\n".join(STORY).replace("Zelenskyy", "Zelenskiy")
    versions = [("furnished", WITH_FURNITURE), ("wire", wire)]
    doc = compare(versions if first == "furnished" else versions[::-1]).to_dict()
    assert _words(doc, story=True) == {"furnished": 250, "wire": 250}
    assert doc["base"] == first
