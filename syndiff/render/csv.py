"""The edits of a comparison as CSV, one row an edit, for pandas, R or a spreadsheet."""

from __future__ import annotations

import csv
import io

from ..model import Comparison

COLUMNS = ("version", "type", "row", "base", "text", "kind", "count")


def render_csv(c: Comparison) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for e in c.edits:
        w.writerow((e.version, e.type, e.row, e.base, e.text, e.kind or "", e.count or ""))
    return out.getvalue()
