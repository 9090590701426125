"""Reading versions: encodings, BOMs, line ends and invisible characters handled; binary
and undecodable input refused with a clear message."""

import pytest

from syndiff import InputError, compare
from syndiff.load import load_text
from syndiff.text import lines

STORY = "On Friday, Trump said he would probably meet Ukrainian President Volodymyr Zelenskyy next week."


@pytest.mark.parametrize("data,encoding", [
    (STORY.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + STORY.encode("utf-8"), "utf-8-sig"),
    (STORY.encode("utf-16"), "utf-16"),
])
def test_unicode_encodings(tmp_path, data, encoding):
    f = tmp_path / "v.txt"
    f.write_bytes(data)
    loaded = load_text(str(f))
    assert loaded.text == STORY and loaded.encoding == encoding and loaded.label == "v"


def test_windows_1252_is_detected(tmp_path):
    text = "Russia’s Ministry of Defense said it had repelled a “Ukrainian counterattack” – again.\n" * 3
    f = tmp_path / "v.txt"
    f.write_bytes(text.encode("cp1252"))
    loaded = load_text(str(f))
    assert loaded.text == text


def test_crlf_nbsp_and_zero_width_characters():
    raw = "Trump\u00a0says\u200b he has spoken to Putin\r\n\r\n\ufeffUS President\u202fDonald Trump said.\r\n"
    assert lines(raw) == ["Trump says he has spoken to Putin", "US President Donald Trump said."]


def test_invisible_differences_make_no_edit():
    a = "Trump says he has spoken to Putin\nUS President Donald Trump said that he has talked to Putin."
    b = "Trump\u00a0says he has spoken to Putin\r\nUS President Donald\u200b Trump said that he has talked to Putin."
    assert compare([("a", a), ("b", b)]).edits == ()


@pytest.mark.parametrize("data,reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
    (bytes(range(1, 32)) * 20, "binary file"),
])
def test_binary_is_refused(tmp_path, data, reason):
    f = tmp_path / "img.png"
    f.write_bytes(data)
    with pytest.raises(InputError, match=f"img.png: {reason}"):
        load_text(str(f))


@pytest.mark.parametrize("data,message", [
    # bytes above 0x7f only: no decoder reads them as language
    (bytes(range(128, 256)) * 20, "v.txt: not text in any encoding syndiff can detect (save it as UTF-8)"),
    # a UTF-8 byte-order mark, then a byte that UTF-8 never has
    (b"\xef\xbb\xbf" + STORY.encode("utf-8") + b" \xff",
     "v.txt: starts with a UTF-8 byte-order mark but is not valid UTF-8"),
    # a UTF-16 byte-order mark, then half a surrogate pair
    (b"\xff\xfe" + STORY.encode("utf-16-le") + b"\x00\xd8",
     "v.txt: starts with a UTF-16 byte-order mark but is not valid UTF-16"),
])
def test_undecodable_bytes_are_refused_with_the_reason(tmp_path, data, message):
    f = tmp_path / "v.txt"
    f.write_bytes(data)
    with pytest.raises(InputError) as e:
        load_text(str(f))
    assert str(e.value) == f"{tmp_path}/{message}"


def test_utf8_with_stray_windows_bytes_loses_nothing(tmp_path):
    f = tmp_path / "v.txt"
    f.write_bytes("Russia’s “troops” – café.".encode() + b" It\x92s here.")
    assert load_text(str(f)).text == "Russia’s “troops” – café. It’s here."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, encoding):
    f = tmp_path / "v.txt"
    f.write_bytes(STORY.encode(encoding))
    assert load_text(str(f)).text == STORY


def test_short_windows_1252_text_is_read_as_such(tmp_path):
    f = tmp_path / "v.txt"
    f.write_bytes("Résumé “quoted” – naïve.".encode("cp1252"))
    assert load_text(str(f)).text == "Résumé “quoted” – naïve."


def test_labels_in_other_scripts_get_ids():
    doc = compare([("読売新聞", STORY), ("朝日新聞", STORY)]).to_dict()
    assert [v["id"] for v in doc["versions"]] == ["version-1", "version-2"]


def test_a_short_windows_1252_text_is_not_taken_for_big5(tmp_path):
    f = tmp_path / "v.txt"
    text = "Peña Nieto testifies in Spain. He said “no” to the judge."
    f.write_bytes(text.encode("cp1252"))
    assert load_text(str(f)).text == text


@pytest.mark.parametrize("versions,message", [
    ([("a", "Some text."), ("b", None)], "version 2: label and text must be str, not str and NoneType"),
    ([("a", "Some text."), ("b", b"bytes")], "version 2: label and text must be str, not str and bytes"),
    (["ab", "cd"], "version 1: give \\(label, text\\) pairs, not str"),
])
def test_compare_refuses_what_is_not_text(versions, message):
    with pytest.raises(InputError, match=message):
        compare(versions)
