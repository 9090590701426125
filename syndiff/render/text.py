"""The terminal summary of a comparison: per version, its similarity, its edits by type,
then every edit."""

from __future__ import annotations

from ..model import EDIT_TYPES, Comparison, Edit

WIDTH = 72


def _short(s: str, n: int = WIDTH) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def render_text(c: Comparison) -> str:
    base = c.version(c.base)
    labels = [v.label for v in c.versions]
    name = {v.id: v.label if labels.count(v.label) == 1 else f"{v.label} ({v.id})" for v in c.versions}
    out = [c.title, f"base: {name[base.id]} ({base.story_words} story words)", ""]
    for v in c.versions:
        if v.id == c.base:
            continue
        s = c.summary[v.id]
        out.append(f"{name[v.id]}: similarity {s.similarity:.2f}, "
                   f"{s.shared_words} of {s.story_words} story words as in the base")
        counts = ", ".join(f"{t} {s.edits[t]}" for t in EDIT_TYPES if s.edits.get(t))
        out.append(f"  edits: {counts or 'none'}")
        for e in c.edits:
            if e.version == v.id:
                out.append(f"  row {e.row:>3}  {_what(e):<18} {_change(c, e)}")
        out.append("")
    return "\n".join(out)


def _what(e: Edit) -> str:
    return e.type + (f" ({e.kind})" if e.kind else "") + (f" x{e.count}" if e.count else "")


def _change(c: Comparison, e: Edit) -> str:
    if e.type == "moved":
        after = c.printed_after(c.rows[e.row], e.version)
        where = "first" if after < 0 else f"after row {after}"
        return f"{_short(e.text, 50)!r} (printed {where})"
    if e.type in ("split", "merged"):
        return f"{e.base.count(chr(10)) + 1} -> {e.text.count(chr(10)) + 1} blocks: {_short(e.base, 40)!r}"
    if e.base and e.text:
        return f"{_short(e.base, 30)!r} -> {_short(e.text, 30)!r}"
    if e.base:
        return f"- {_short(e.base, 60)!r}"
    return f"+ {_short(e.text, 60)!r}"
