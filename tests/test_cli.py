"""The command line as a user runs it: output formats, and every bad input answered with
exit status 2 and one line naming the input and the reason."""

import json
import os
import subprocess
import sys

import jsonschema
import pytest
from conftest import CHRONAM, ROOT, SCHEMA, SEED

INQ, JN = str(SEED / "inquirer.txt"), str(SEED / "japannews.txt")


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "syndiff", *args], input=stdin, capture_output=True,
                          timeout=60, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_json_output_is_the_contract_document(tmp_path):
    p = run("compare", INQ, JN, "--label", "Inquirer", "--label", "Japan News", "--base", "inquirer",
            "--format", "json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert [(v["id"], v["label"], v["source"]) for v in doc["versions"]] == [
        ("inquirer", "Inquirer", INQ), ("japan-news", "Japan News", JN)]
    assert doc["base"] == "inquirer"
    out = tmp_path / "c.json"
    assert run("compare", INQ, JN, "-o", str(out)).returncode == 0
    assert json.loads(out.read_text())["rows"] == json.loads(run("compare", INQ, JN).stdout)["rows"]


def test_labels_default_to_file_stems_and_base_to_the_longest():
    doc = json.loads(run("compare", JN, INQ).stdout)
    assert [v["label"] for v in doc["versions"]] == ["japannews", "inquirer"]
    assert doc["base"] == "inquirer"


def test_text_format_summarises_each_version():
    p = run("compare", INQ, JN, "--format", "text")
    assert p.returncode == 0
    out = p.stdout.decode()
    assert "japannews: similarity 0.62" in out
    assert "trimmed 1" in out and "spelling 1" in out
    assert "'Zelenskyy' -> 'Zelenskiy'" in out


def test_stdin_is_a_version():
    p = run("compare", INQ, "-", "--format", "json", stdin=SEED.joinpath("japannews.txt").read_bytes())
    assert p.returncode == 0, p.stderr
    assert [v["id"] for v in json.loads(p.stdout)["versions"]] == ["inquirer", "stdin"]


def test_reflow_rejoins_ocr_lines():
    group = SEED.parent / "chronam-1916" / "19160215-028"
    files = [str(group / "00-evening-star.txt"), str(group / "04-rock-island-argus.txt")]
    wrapped = json.loads(run("compare", *files).stdout)
    reflowed = json.loads(run("compare", *files, "--reflow").stdout)
    star = reflowed["versions"][0]["blocks"]
    assert star[1]["text"].startswith("When the hearing: on the nomination waf resumed todpy Senator Walsh this")
    assert star[2]["text"] == "Wire to Mr. Mellen."
    assert len(star) < len(wrapped["versions"][0]["blocks"]) / 3
    assert reflowed["summary"]["00-evening-star"]["shared_words"] > \
        wrapped["summary"]["00-evening-star"]["shared_words"]


def _bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)))
    folder = tmp_path / "folder"
    folder.mkdir()
    paywall = tmp_path / "paywall.txt"   # what a page behind a paywall leaves: furniture alone
    paywall.write_text("Advertisement\nShare this article\n-\nSubscribe to continue reading\n")
    return [
        ((INQ,), "need at least 2 versions"),
        ((INQ, str(tmp_path / "missing.txt")), "missing.txt: no such file"),
        ((INQ, str(folder)), "folder: is a folder"),
        ((INQ, str(empty)), "empty.txt: the version is empty"),
        ((INQ, str(paywall)), "paywall: no story text: its 4 line(s) are all captions, credits or page furniture"),
        ((INQ, str(binary)), "photo.jpg: binary file"),
        ((INQ, JN, "--label", "a", "--label", "a"), "duplicate label 'a'"),
        ((INQ, JN, "--label", "a"), "1 --label for 2 inputs"),
        ((INQ, JN, "--base", "nyt"), "unknown base 'nyt'"),
        ((INQ, JN, "--format", "pdf"), "invalid choice: 'pdf'"),
        ((INQ, "-", "-"), "standard input can be read only once"),
        ((INQ, "ftp://example.com/story"), "ftp://example.com/story: only http:// and https:// addresses"),
        ((INQ, "http://127.0.0.1:9/story"), "http://127.0.0.1:9/story: refused: 127.0.0.1 is a private or local"),
    ]


def test_wire_original_compares_the_versions_on_what_most_of_them_print(tmp_path, capsys):
    # as corpus mode does: each edit is then the outlet's that made it
    from syndiff.cli import main
    story = CHRONAM / "19160912-021"
    assert main(["compare", *map(str, sorted(story.glob("*.txt"))), "--reflow", "--wire-original",
                 "-o", str(tmp_path / "c.json")]) == 0
    doc = json.loads((tmp_path / "c.json").read_text())
    assert doc["base"] == "probable-wire-original" and doc["versions"][0]["reconstructed"] is True
    assert {e["version"] for e in doc["edits"]} <= {v["id"] for v in doc["versions"][1:]}
    assert main(["report", str(story), str(SEED), "--reflow", "--wire-original", "-o", str(tmp_path / "r")]) == 0
    assert "Probable wire original" in (tmp_path / "r" / "19160912-021.html").read_text()
    assert "Probable wire original" not in (tmp_path / "r" / "reuters-trump-putin-2025.html").read_text()   # a pair
    capsys.readouterr()
    for args, message in [(["--base", "inquirer"], "--base and --wire-original: give one (the wire original is "
                                                   "the base)"),
                          ([], "the wire original needs 3 or more versions (a majority to find), 2 given")]:
        assert main(["compare", *map(str, sorted(SEED.glob("*.txt"))), "--wire-original", *args]) == 2
        assert capsys.readouterr().err == f"syndiff: error: {message}\n"


def test_hard_wrapped_versions_without_reflow_get_a_note_that_names_it(tmp_path, capsys):
    # each column line would be a paragraph of its own: the note says so and names the flag
    from syndiff.cli import main
    papers = sorted((CHRONAM / "19160912-021").glob("*.txt"))
    assert main(["compare", *map(str, papers), "-o", str(tmp_path / "c.json")]) == 0
    assert capsys.readouterr().err == (
        f"syndiff: note: {len(papers)} of the {len(papers)} versions look hard-wrapped (column lines, not paragraphs); "
        "--reflow rejoins their paragraphs before comparing\n")
    assert main(["compare", *map(str, papers), "--reflow", "-o", str(tmp_path / "c.json")]) == 0
    assert main(["compare", *map(str, sorted(SEED.glob("*.txt"))), "-o", str(tmp_path / "c.json")]) == 0
    assert capsys.readouterr().err == ""   # asked for, or web copy: nothing to say
    assert main(["report", str(CHRONAM / "19160912-021"), "-o", str(tmp_path / "r")]) == 0
    assert capsys.readouterr().err.startswith(f"syndiff: note: {CHRONAM / '19160912-021'}: {len(papers)} of the")


@pytest.mark.parametrize("case", range(13))
def test_bad_input_exits_2_with_one_line(tmp_path, case):
    args, message = _bad_inputs(tmp_path)[case]
    p = run("compare", *args, stdin=b"")
    err = p.stderr.decode()
    assert p.returncode == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="Linux's /proc")
def test_a_file_that_cannot_be_read_exits_2_with_one_line():
    # a file, not a folder, whose read fails (as root, chmod 000 does not stop a read)
    p = run("compare", INQ, "/proc/self/mem")
    assert p.returncode == 2
    assert p.stderr.decode() == "syndiff: error: /proc/self/mem: cannot be read (Input/output error)\n"


def test_a_file_without_read_permission_exits_2_with_one_line(tmp_path, monkeypatch, capsys):
    import builtins

    import syndiff.load
    from syndiff.cli import main

    locked = tmp_path / "locked.txt"
    locked.write_text(SEED.joinpath("japannews.txt").read_text())

    def open_(path, *args, **kwargs):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(syndiff.load, "open", open_, raising=False)   # the module's own name lookup only
    assert main(["compare", INQ, str(locked), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"syndiff: error: {locked}: cannot be read (Permission denied)\n"


def test_no_command_is_bad_usage():
    p = run()
    assert p.returncode == 2 and p.stderr.decode().count("\n") == 1


def test_unwritable_output_is_a_clear_error(tmp_path):
    p = run("compare", INQ, JN, "-o", str(tmp_path / "no" / "such" / "dir" / "out.json"))
    assert p.returncode == 2 and "cannot be written" in p.stderr.decode()


def test_json_is_utf8_whatever_the_terminal():
    p = subprocess.run([sys.executable, "-m", "syndiff", "compare", INQ, JN, "--format", "json"],
                       capture_output=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert p.returncode == 0, p.stderr
    assert "Zelenskiy" in json.loads(p.stdout.decode("utf-8"))["edits"][7]["text"]


def test_text_output_tells_versions_with_one_label_apart(tmp_path):
    for d in ("reuters", "ap"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "story.txt").write_text(SEED.joinpath("japannews.txt").read_text())
    p = run("compare", INQ, str(tmp_path / "reuters" / "story.txt"), str(tmp_path / "ap" / "story.txt"),
            "--format", "text")
    out = p.stdout.decode()
    assert "\nstory: similarity" in out and "\nstory (2): similarity" in out   # default labels made distinct


def test_text_output_says_where_a_moved_block_went(tmp_path):
    lines = SEED.joinpath("inquirer.txt").read_text().split("\n")
    moved = lines[:3] + [lines[8]] + lines[3:8] + lines[9:]
    (tmp_path / "moved.txt").write_text("\n".join(moved))
    out = run("compare", INQ, str(tmp_path / "moved.txt"), "--format", "text").stdout.decode()
    assert "moved" in out and "(printed after row 2)" in out


def test_serve_runs_the_web_app(tmp_path):
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "SYNDIFF_DATABASE": str(tmp_path / "s.sqlite")}
    server = subprocess.Popen([sys.executable, "-m", "syndiff", "serve", "--port", str(port), "--examples"],
                              env=env, stderr=subprocess.PIPE)
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/comparisons", timeout=2) as r:
                    listing = json.loads(r.read())
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("syndiff serve did not answer")
        assert len(listing["comparisons"]) == 7   # the bundled stories, saved by --examples
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_app_py_is_the_flask_entry(tmp_path):
    p = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "routes"], capture_output=True, text=True,
                       cwd=ROOT, env={**os.environ, "SYNDIFF_DATABASE": str(tmp_path / "f.sqlite")})
    assert p.returncode == 0, p.stderr
    for route in ("/api/compare", "/c/<cid>", "/api/openapi.json"):
        assert route in p.stdout


@pytest.mark.parametrize("args,env,message", [
    (["--port", "99999"], {}, "argument --port: '99999' is not a whole number from 0 to 65535"),
    (["--threads", "0"], {}, "argument --threads: '0' is not a whole number from 1 to 1000"),
    ([], {"SYNDIFF_MAX_CHARS": "lots"}, "SYNDIFF_MAX_CHARS='lots': give a whole number above 0"),
    ([], {"SYNDIFF_DIFF_TIMEOUT": "-1"}, "SYNDIFF_DIFF_TIMEOUT='-1': give a number of seconds, 0 or more"),
    ([], {"SYNDIFF_ALLOW_PRIVATE": "maybe"}, "SYNDIFF_ALLOW_PRIVATE='maybe': give true or false"),
    ([], {"SYNDIFF_DATABASE": "/no/such/folder/s.sqlite"}, "/no/such/folder/s.sqlite: cannot open the database"),
])
def test_serve_refuses_bad_settings_in_one_line(tmp_path, args, env, message):
    env = {"SYNDIFF_DATABASE": str(tmp_path / "s.sqlite"), **env}
    p = subprocess.run([sys.executable, "-m", "syndiff", "serve", *args], capture_output=True, text=True,
                       env={**os.environ, **env}, timeout=60)
    assert p.returncode == 2 and p.stderr.startswith(f"syndiff: error: {message}"), p.stderr
    assert "Traceback" not in p.stderr


def test_serve_says_when_the_port_is_taken(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        p = subprocess.run([sys.executable, "-m", "syndiff", "serve", "--port", str(port)], capture_output=True,
                           text=True, env={**os.environ, "SYNDIFF_DATABASE": str(tmp_path / "s.sqlite")}, timeout=60)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert p.stderr.strip() == f"syndiff: error: cannot serve on 127.0.0.1:{port}: Address already in use"
