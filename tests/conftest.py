import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "reuters-trump-putin-2025"
CHRONAM = FIXTURES / "chronam-1916"
SCHEMA = json.loads((ROOT / "syndiff" / "comparison.schema.json").read_text())
ARTIFACTS = ROOT / "test-artifacts"   # screenshots of the browser tests, to be looked at

# The browser tests drive Debian's Chromium (Playwright cannot download a browser here).
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def need_chromium() -> None:
    """Skip a browser test module where Chromium is missing; under CI, fail instead."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            raise RuntimeError("browser tests need Debian's chromium (.ci/run installs it)")
        pytest.skip("chromium is not installed", allow_module_level=True)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]}


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def fixture_groups() -> list[tuple[str, list[Path], bool]]:
    """(name, files, reflow) for every fixture group the project ships."""
    groups = [("seed", sorted(SEED.glob("*.txt")), False)]
    for d in sorted(p for p in CHRONAM.iterdir() if p.is_dir()):
        files = sorted(d.glob("*.txt"))
        groups.append((d.name + "-reflow", files, True))
        groups.append((d.name, files, False))
    return groups


def cell_text(doc: dict, row: dict, vid: str) -> str:
    blocks = next(v for v in doc["versions"] if v["id"] == vid)["blocks"]
    return "\n".join(blocks[i]["text"] for i in row["cells"].get(vid, []))


def check_invariants(doc: dict) -> None:
    """The three invariants of the syndiff/1 contract."""
    for v in doc["versions"]:
        vid = v["id"]
        seen = [i for row in doc["rows"] for i in row["cells"].get(vid, [])]
        assert sorted(seen) == list(range(len(v["blocks"]))), f"{vid}: a block missing or in two rows"
        ordered = [i for row in doc["rows"] if vid not in row["moved"] for i in row["cells"].get(vid, [])]
        assert ordered == sorted(ordered) and len(set(ordered)) == len(ordered), f"{vid}: out of reading order"
    for row in doc["rows"]:
        for vid, ops in row["diffs"].items():
            assert "".join(t for op, t in ops if op in (0, -1)) == cell_text(doc, row, doc["base"]), row["index"]
            assert "".join(t for op, t in ops if op in (0, 1)) == cell_text(doc, row, vid), row["index"]
        for vid, cell in row["cells"].items():
            if vid != doc["base"] and cell:
                assert vid in row["diffs"], f"row {row['index']}: {vid} has text but no diff"


@pytest.fixture
def seed_texts() -> list[tuple[str, str]]:
    return [("inquirer", read(SEED / "inquirer.txt")), ("japannews", read(SEED / "japannews.txt"))]
