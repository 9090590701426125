"""The HTML view of a comparison. ``view`` turns a ``Comparison`` into plain data for the
templates in ``templates/``; ``render_report`` renders the self-contained static report.
The web app renders the same templates."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..model import STORY_KINDS, Comparison, Edit, Row, Version

_PACKAGE = Path(__file__).resolve().parent.parent
# The project's templates/ (a checkout), or their copy inside the installed package.
TEMPLATES = next((p for p in (_PACKAGE / "templates", _PACKAGE.parent / "templates") if p.is_dir()),
                 _PACKAGE / "templates")
STATIC = _PACKAGE / "static"
# The files of STATIC a standalone page inlines, by the name its templates print them with
# (web.css and web.js are the web app's alone).
INLINED = {"inline_css": "report.css", "inline_js": "report.js", "inline_index_js": "index.js"}


@dataclass(frozen=True)
class EditType:
    """How an edit type shows: a symbol besides the colour, so that no reader depends on colour."""

    name: str
    symbol: str
    group: str  # the filter group: house style, wording, structure, furniture
    help: str


EDIT_TYPES = (
    EditType("spelling", "Aa", "house style", "the same word spelled or transliterated otherwise"),
    EditType("style", "§", "house style", "house style, same meaning: abbreviations, dates, numbers, quotes"),
    EditType("punctuation", "‚", "house style", "punctuation alone"),
    EditType("dateline", "DL", "wording", "a dateline or agency credit added, removed or changed"),
    EditType("wording", "≠", "wording", "words replaced by other words"),
    EditType("insertion", "+", "wording", "words added inside a block"),
    EditType("deletion", "−", "wording", "words removed inside a block"),
    EditType("headline", "H", "structure", "headline changed, added or removed"),
    EditType("subhead-added", "+S", "structure", "a subhead only in the version"),
    EditType("subhead-removed", "−S", "structure", "a subhead only in the base"),
    EditType("paragraph-added", "+¶", "structure", "a story paragraph only in the version"),
    EditType("paragraph-removed", "−¶", "structure", "a base paragraph missing from the version"),
    EditType("trimmed", "✂", "structure", "the base's last story blocks are not printed"),
    EditType("moved", "↕", "structure", "a story block stands elsewhere in the version"),
    EditType("split", "⇉", "structure", "one base paragraph became several"),
    EditType("merged", "⇇", "structure", "several base paragraphs became one"),
    EditType("non-story", "◌", "furniture", "a caption, credit, timestamp or furniture only on one side, or changed"),
)
TYPE = {t.name: t for t in EDIT_TYPES}
FURNITURE = TYPE["non-story"].group   # the filter group of the edits outside the story
HOUSE_STYLE = TYPE["style"].group     # spelling, style, punctuation
# Rows of furniture this long start folded; shorter runs stay open, dimmed.
FOLD_FURNITURE_ROWS = 5


@dataclass
class EditView:
    n: int                 # index in the comparison's edits: the anchor #e<n>
    type: EditType
    edit: Edit

    @property
    def tooltip(self) -> str:
        e = self.edit
        what = e.type + (f" ({e.kind})" if e.kind else "") + (f", {e.count} blocks" if e.count else "")
        return f"{what}: {_short(e.base) or '∅'} → {_short(e.text) or '∅'}"


@dataclass
class CellView:
    vid: str
    label: str
    is_base: bool
    segments: list[tuple[str, str]]      # ("", text) | ("ins", text) | ("del", text); "ins:style": a house-style edit's
    edits: list[EditView] = field(default_factory=list)
    moved_after: int | None = None       # the row after which a moved block stands (-1: first)
    trimmed: bool = False                # in this version's trimmed tail
    band: dict | None = None             # the version's trimmed tail starts here
    only_in: list[str] = field(default_factory=list)   # an empty base cell: the versions that print the row

    # what the template asks of a cell, set by ``settle`` once the view is whole (a band and its
    # edit are placed after the cells are made): a report asks it of thousands of cells
    notes: bool = field(init=False, default=False)     # something to show beside the text: an edit, a band, a note
    labelled: bool = field(init=False, default=False)  # it names its version (narrow screens stack the columns)
    classes: str = field(init=False, default="")       # its CSS classes

    def settle(self) -> None:
        self.notes = bool(self.edits or self.band or self.only_in or self.moved_after is not None)
        blank = not (self.segments or self.notes)   # nothing to show: no text, no edit, no note
        self.labelled = self.is_base or not blank
        flags = (("base", self.is_base), ("empty", not self.segments), ("blank", blank), ("trimmed", self.trimmed))
        self.classes = " ".join(name for name, on in flags if on)


@dataclass
class RowView:
    index: int
    kind: str
    story: bool
    cells: list[CellView]
    trims: list[str] = field(default_factory=list)   # ids of the trimmed bands that fold this row

    @property
    def types(self) -> list[str]:
        return sorted({e.type.name for c in self.cells for e in c.edits}
                      | {"trimmed" for c in self.cells if c.band})


@dataclass
class Section:
    """A run of story rows, or of furniture rows (dimmed, foldable, with a count)."""

    furniture: bool
    rows: list[RowView]
    folded: bool = False

    @property
    def kinds(self) -> str:
        return ", ".join(dict.fromkeys(r.kind for r in self.rows))


def _short(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def view(c: Comparison, document: dict | JSONText | None = None) -> dict:
    """The data the templates render: cards, columns, rows in sections, the legend
    (``document``: ``c.to_dict()`` or its ``document_json``, if the caller has it already)."""
    base = c.version(c.base)
    columns = [base] + [v for v in c.versions if v.id != c.base]
    edit_views: dict[tuple[int, str], list[EditView]] = {}
    for n, e in enumerate(c.edits):
        edit_views.setdefault((e.row, e.version), []).append(EditView(n, TYPE[e.type], e))
    trims = {e.version: e for e in c.edits if e.type == "trimmed"}
    trim_rows = {vid: _trim_rows(c, e) for vid, e in trims.items()}

    rows = []
    for r in c.rows:
        cells = [_cell(c, r, v, v is base, edit_views.get((r.index, v.id), []), r.index in trim_rows.get(v.id, ()))
                 for v in columns]
        if not r.cells.get(c.base):
            cells[0].only_in = [v.label for v in columns[1:] if r.cells.get(v.id)]
        rows.append(RowView(r.index, r.kind, r.kind in STORY_KINDS, cells))
    # A trimmed tail is one band in the version's column, where the tail starts; the rows
    # after it fold under the band when no other version prints them.
    by_index = {rv.index: rv for rv in rows}
    for k, v in enumerate(columns[1:], start=1):
        if v.id not in trims:
            continue
        run = sorted(trim_rows[v.id])
        folds = not any(c.rows[i].cells.get(o.id) for o in columns[1:] if o.id != v.id for i in run)
        cell = by_index[trims[v.id].row].cells[k]
        edit = next(ev for ev in cell.edits if ev.type.name == "trimmed")
        cell.edits.remove(edit)   # the band shows it
        cell.band = {"id": f"t-{v.id}", "label": v.label, "count": trims[v.id].count, "edit": edit,
                     "folds": folds and len(run) > 1}
        if cell.band["folds"]:
            for i in run[1:]:
                by_index[i].trims.append(cell.band["id"])

    sections: list[Section] = []
    for rv in rows:
        furniture = not rv.story
        if not sections or sections[-1].furniture != furniture:
            sections.append(Section(furniture, []))
        sections[-1].rows.append(rv)
    for s in sections:
        s.folded = s.furniture and len(s.rows) >= FOLD_FURNITURE_ROWS
    for rv in rows:
        for cell in rv.cells:
            cell.settle()

    cards = []
    for v in columns:
        s = c.summary.get(v.id)
        cards.append({
            "id": v.id, "label": v.label, "source": v.source, "href": _web_address(v.source),
            "is_base": v.id == c.base,
            # a corpus article: its id and its file (and line) in the run's input
            "article": v.meta.get("article", ""), "where": v.meta.get("where", ""),
            "story_words": v.story_words, "similarity": s.similarity if s else None,
            "shared_words": s.shared_words if s else None,
            "counts": [(TYPE[t.name], s.edits[t.name]) for t in EDIT_TYPES if s and s.edits.get(t.name)],
            "about": _about(v.meta),
        })
    document = document if document is not None else c.to_dict()
    # inputs that failed to load and were left out (compare --skip-failed), named on the page too
    skipped = document.get("skipped", []) if isinstance(document, dict) else []
    return {"title": c.title, "base": base, "columns": columns, "cards": cards, "sections": sections,
            "edit_types": EDIT_TYPES, "many": len(columns) > 4, "version": __version__,
            "document": document, "skipped": skipped,
            "printed": sum(v.printed for v in c.versions)}


def _web_address(source: str) -> str | None:
    """``source`` if it is the http(s) address of a page, for its card to link; else None: any
    other scheme (javascript:, data:), a file's name, an article's id stay text."""
    if not source.isprintable() or any(ch.isspace() for ch in source):
        return None   # browsers drop or mend these: what is shown would not be what is followed
    try:
        parts = urlsplit(source)
    except ValueError:   # not an address at all ("https://[example.com/story")
        return None
    return source if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _about(meta: dict) -> str:
    """What a page said of itself and how it was read, in one line for its card."""
    parts = []
    if meta.get("published"):
        parts.append(f"published {meta['published']}")
    if meta.get("author"):
        parts.append(f"by {meta['author']}")
    if meta.get("fetched_at"):
        parts.append(f"fetched {meta['fetched_at'].replace('T', ' ').removesuffix('+00:00')} UTC")
    if meta.get("final_url") and meta.get("final_url") != meta.get("url"):
        parts.append(f"from {meta['final_url']}")
    if meta.get("extractor"):
        parts.append(f"read by {meta['extractor']}")
    return " · ".join(str(p) for p in parts)


def _trim_rows(c: Comparison, e: Edit) -> set[int]:
    """Rows of the base blocks in a version's trimmed tail."""
    base = c.version(c.base)
    left, out = e.count or 0, set()
    for r in c.rows[e.row:]:
        if left <= 0:
            break
        n = sum(base.blocks[i].is_story for i in r.cells.get(c.base, ()))
        if n:
            out.add(r.index)
            left -= n
    return out


_SEGMENT = {0: "", 1: "ins", -1: "del"}


def _cell(c: Comparison, r: Row, v: Version, is_base: bool, edits: list[EditView], trimmed: bool) -> CellView:
    if is_base:
        segments = [("", "\n".join(v.blocks[i].text for i in r.cells.get(v.id, ())))]
    else:
        segments = [(_SEGMENT[op], text) for op, text in r.diffs.get(v.id, ())]
        house = [ev.edit for ev in edits if ev.type.group == HOUSE_STYLE]
        if house:
            segments = _mark_house_style(segments, house)
    cell = CellView(v.id, v.label, is_base, [s for s in segments if s[1]], edits, trimmed=trimmed)
    if v.id in r.moved:
        cell.moved_after = c.printed_after(r, v.id)
    return cell


def _mark_house_style(segments: list[tuple[str, str]], house: list[Edit]) -> list[tuple[str, str]]:
    """The cell's words changed by its house-style edits, marked with their edit's type
    ("ins:spelling"), so that hiding the type quiets them as it hides their badges. Each
    edit, in order, takes the first run of changed words whose removed and added words it
    reads (an edit reads a point with the word around it: "Feb." -> "Feb"), or else a
    change within such a run (a dateline added just before "US" -> "U.S.")."""
    out = list(segments)
    left = list(house)

    def mark(k: int, end: int) -> bool:
        gone = "".join(t for cls, t in out[k:end] if cls == "del").strip()
        added = "".join(t for cls, t in out[k:end] if cls == "ins").strip()
        e = next((e for e in left if (gone or added) and gone in e.base and added in e.text), None)
        if e is not None:
            left.remove(e)
            out[k:end] = [(f"{cls}:{e.type}", t) for cls, t in out[k:end]]
        return e is not None

    k = 0
    while k < len(out) and left:
        end = k
        while end < len(out) and out[end][0]:
            end += 1
        if end > k and not mark(k, end):
            part = k   # each change of the run: a removal with what replaces it, or an addition
            while part < end:
                stop = part + 2 if out[part][0] == "del" and part + 1 < end and out[part + 1][0] == "ins" else part + 1
                mark(part, stop)
                part = stop
        k = max(end, k + 1)
    return out


# The embedded document keeps its characters (tojson still escapes <, >, & and ').
_JSON_KWARGS = {"ensure_ascii": False, "sort_keys": False, "separators": (",", ":")}


class JSONText(str):
    """A document serialised already (``document_json``): the templates' ``tojson`` escapes it
    for a <script> element and does not serialise it again."""


def document_json(doc: dict) -> JSONText:
    """A syndiff/1 document as the JSON text the report embeds (compact, characters kept)."""
    return JSONText(json.dumps(doc, **_JSON_KWARGS))


def _dumps(obj, **kwargs) -> str:
    return obj if isinstance(obj, JSONText) else json.dumps(obj, **kwargs)


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.policies["json.dumps_function"] = _dumps
    env.policies["json.dumps_kwargs"] = _JSON_KWARGS
    env.filters["counted"] = counted
    # Our own stylesheet and script, inlined so the report needs nothing beside it.
    for name, file in INLINED.items():
        env.globals[name] = Markup((STATIC / file).read_text(encoding="utf-8"))
    return env


def counted(n: int | float, noun: str, nouns: str | None = None) -> str:
    """A number and its noun, singular for 1: "1 story group", "3 story groups"
    (``nouns``: a plural other than noun + "s")."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def render_report(c: Comparison, document: dict | JSONText | None = None,
                  links: list[tuple[str, str]] = ()) -> str:
    """The static report: one HTML file, styles, script and data inside (``document``:
    ``c.to_dict()``, if the caller has it already). ``links``: (text, address relative to the
    report) of the pages written beside it, for a line at its top (a report on its own has none):
    the report command's reports link its index, a corpus group's its run's pages
    (``corpus_links``)."""
    return environment().get_template("report.html").render(**view(c, document), links=links)


def corpus_links(group: str) -> list[tuple[str, str]]:
    """The pages beside a corpus group's report (OUTDIR/groups/<group>.html), relative to it:
    the index of groups, the outlets' page and the group's document."""
    return [("all story groups", "../index.html"), ("outlets", "../outlets.html"),
            ("this group's data (JSON)", f"{group}.json")]


def story_summary(c: Comparison, href: str) -> dict:
    """One line of the index of stories: who printed it and when first, versions, mean
    similarity, edits by type, who trimmed."""
    others = [v for v in c.versions if v.id != c.base]
    counts = {t.name: sum(c.summary[v.id].edits.get(t.name, 0) for v in others) for t in EDIT_TYPES}
    dates = [d for v in c.versions if (d := _date(v.meta.get("published")))]
    printed_by = [v.label for v in c.versions if v.printed]
    return {
        "title": c.title, "href": href, "versions": len(printed_by), "base": c.version(c.base).label,
        "printed_by": printed_by,
        "published": min(dates, default=""),
        "mean_similarity": sum(c.summary[v.id].similarity for v in others) / len(others),
        "counts": [(t, counts[t.name]) for t in EDIT_TYPES if counts[t.name]],
        "story_edits": sum(n for t, n in counts.items() if TYPE[t].group != FURNITURE),
        "trimmed": [v.label for v in others if c.summary[v.id].edits.get("trimmed")],
    }


def _date(published: object) -> str:
    """The day of a ``published`` value, as YYYY-MM-DD, if it is an ISO 8601 date or time
    (what corpus input and page metadata give); else "" (a date in words is not guessed at)."""
    text = str(published or "").strip()
    try:
        return datetime.fromisoformat(text).date().isoformat() if text else ""
    except ValueError:
        return ""


def render_index(stories: list[dict]) -> str:
    """The index page of a folder of reports: a table of stories linking each report."""
    return environment().get_template("stories.html").render(stories=stories, version=__version__)


def render_corpus_index(stories: Iterable[dict], counts: dict) -> Iterator[str]:
    """The index of a corpus run: its counts, then the table of story groups, in pieces as
    the groups come (a corpus can have more than memory holds)."""
    return environment().get_template("stories.html").generate(stories=stories, version=__version__, corpus=counts)


CHART_OUTLETS = 40   # outlets drawn in each chart of the outlets' page (the CSV has them all)


def render_outlets(rows: list[dict], profiles) -> str:
    """The outlets' page: SVG bar charts drawn here (no charting service, nothing loaded)
    and the house-style table."""
    shown = [r for r in rows if r["measured"]][:CHART_OUTLETS]
    groups = [g for g in dict.fromkeys(t.group for t in EDIT_TYPES)]
    # edits per 1,000 words by filter group: the story's edits together are the outlet's figure
    # (the figures table's column and the value by its bar); furniture's are told apart, as
    # a page's chrome says nothing of how an outlet edits the wire
    per_group = {r["outlet"]: {g: sum(r[f"per_1000_{t.name}"] or 0 for t in EDIT_TYPES if t.group == g) for g in groups}
                 for r in rows}
    per_1000 = {o: sum(v for g, v in by_group.items() if g != FURNITURE) for o, by_group in per_group.items()}
    furniture = {o: by_group.get(FURNITURE, 0) for o, by_group in per_group.items()}
    edit_bars = [(r["outlet"], list(per_group[r["outlet"]].items()), per_1000[r["outlet"]], furniture[r["outlet"]])
                 for r in shown]
    widest = max((sum(v for _, v in parts) for _, parts, _, _ in edit_bars), default=0) or 1
    families = [f for f in dict.fromkeys(name.removeprefix("style_") for r in rows for name in r
                                         if name.startswith("style_")) if any(r[f"style_{f}"] for r in rows)]
    styles = {o: dict(s.styles) for o, s in profiles.outlets.items()}
    return environment().get_template("outlets.html").render(
        rows=rows, shown=shown, edit_bars=edit_bars, widest=widest, groups=groups, families=families,
        styles=styles, per_1000=per_1000, furniture=furniture, version=__version__, chart_outlets=CHART_OUTLETS)
