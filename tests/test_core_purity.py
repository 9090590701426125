"""The core is pure: importing and running it loads no web framework and does no I/O."""

import subprocess
import sys
import textwrap

from conftest import ROOT


def test_core_runs_without_flask_or_io():
    code = textwrap.dedent("""
        import builtins, io, os, socket, sys
        sys.modules["flask"] = None  # importing flask now fails
        text = open("fixtures/reuters-trump-putin-2025/inquirer.txt", encoding="utf-8").read()
        def no_io(*a, **k):
            raise AssertionError("the core did I/O")
        builtins.open = io.open = os.open = socket.socket = no_io
        from syndiff import compare
        doc = compare([("a", text), ("b", text.replace("Zelenskyy", "Zelenskiy"))]).to_dict()
        assert doc["summary"]["b"]["edits"] == {"spelling": 4}, doc["summary"]
        assert not any(sys.modules.get(m) for m in ("flask", "werkzeug", "syndiff.load", "syndiff.cli"))
    """)
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
