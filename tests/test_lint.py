"""ruff keeps the code base clean: lint is part of the suite."""

import subprocess
import sys

from conftest import ROOT


def test_ruff_finds_nothing():
    p = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
