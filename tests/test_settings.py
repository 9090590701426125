"""Settings and limits: one table, every entry documented, every limit enforced."""

import pytest
from conftest import ROOT

from syndiff import InputError, compare
from syndiff.settings import SETTINGS


@pytest.mark.parametrize("setting", SETTINGS, ids=[s.name for s in SETTINGS])
def test_setting_is_documented_in_the_readme(setting):
    readme = (ROOT / "README.md").read_text()
    assert f"`{setting.name}`" in readme and str(setting.default) in readme.replace(",", "")


def test_too_many_versions():
    with pytest.raises(InputError, match="4 versions: at most 3"):
        compare([(f"v{i}", "Some text.") for i in range(4)], max_versions=3)


def test_too_long_a_version():
    with pytest.raises(InputError, match="b: 31 characters, more than the 30"):
        compare([("a", "Short text."), ("b", "A version that is far too long.")], max_chars=30)
