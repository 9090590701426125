"""The edits of a comparison as CSV, one row an edit, for pandas, R or a spreadsheet."""

from __future__ import annotations

import csv
import io

from ..model import Comparison, Edit

COLUMNS = ("version", "type", "row", "base", "text", "kind", "count", "moved_after")


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_csv(c: Comparison, for_spreadsheets: bool = False) -> str:
    """One row an edit. ``for_spreadsheets``: a text cell that a spreadsheet would run as a
    formula gets a leading ``'`` (the web app's downloads; files made for pandas or R keep
    every text as it is)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for e in c.edits:
        texts = [e.version, e.base, e.text]
        if for_spreadsheets:
            texts = ["'" + t if t.startswith(FORMULA_STARTS) else t for t in texts]
        version, base, text = texts
        w.writerow((version, e.type, e.row, base, text, e.kind or "", e.count or "", moved_after(c, e)))
    return out.getvalue()


def moved_after(c: Comparison, e: Edit) -> int | str:
    """For a block the version moved, the row of the block it follows in the version (-1:
    it comes first), as the report says "printed after row N"; else ""."""
    if e.type != "moved":
        return ""
    return c.printed_after(c.rows[e.row], e.version)
