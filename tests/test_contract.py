"""Every output is a valid syndiff/1 document and keeps the contract's invariants, on every
fixture group the project ships (the 19-paper 1916 group with --reflow included)."""

import jsonschema
import pytest
from conftest import SCHEMA, check_invariants, fixture_groups, read

from syndiff import compare

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
