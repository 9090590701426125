"""The built wheel carries what the package needs at run time (templates, CSS/JS, the
schema) and renders a report from where pip installs it, not only from a checkout."""

import subprocess
import sys
import zipfile

from conftest import ROOT, SEED

from syndiff import __version__


def test_an_installed_wheel_renders_reports(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                    str(tmp_path / "dist"), str(ROOT)], check=True, capture_output=True)
    [wheel] = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "templates").rglob("*.html"):
        assert f"syndiff/templates/{template.relative_to(ROOT / 'templates')}" in names
    for static in (ROOT / "syndiff" / "static").iterdir():
        assert f"syndiff/static/{static.name}" in names
    assert wheel.name.startswith(f"syndiff-{__version__}-")   # one version: the package's is the wheel's
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    out = tmp_path / "r.html"
    p = subprocess.run([sys.executable, "-m", "syndiff", "compare", str(SEED / "inquirer.txt"),
                        str(SEED / "japannews.txt"), "-o", str(out)],
                       cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert 'id="syndiff-data"' in out.read_text(encoding="utf-8")
