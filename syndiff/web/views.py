"""The pages. Every comparison page has its data twins, as datasette's do: ``/c/<id>`` is the
page, ``/c/<id>.json`` the syndiff/1 document, ``/c/<id>.csv`` its edits and ``/c/<id>.html``
the static report file, all from one function."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from datetime import UTC, datetime

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, session, url_for

from ..errors import InputError
from ..render.csv import render_csv
from ..render.html import render_report, view
from . import db, service
from .security import check_csrf

bp = Blueprint("pages", __name__)

MIN_FIELDS = 2


def _home(error: str | None = None, versions: list[dict] | None = None, base: str = "", reflow: bool = False):
    versions = versions or []
    versions += [{"label": "", "text": "", "url": ""}] * (MIN_FIELDS - len(versions))
    return render_template("web/home.html", examples=service.examples(), error=error, versions=versions,
                           base=base, reflow=reflow)


@bp.get("/")
def home():
    return _home()


@bp.post("/compare")
def compare_form():
    check_csrf()
    form = request.form
    labels, texts, urls = form.getlist("label"), form.getlist("text"), form.getlist("url")
    files = request.files.getlist("file")
    base, reflow, refetch = form.get("base") or None, bool(form.get("reflow")), bool(form.get("refetch"))
    try:
        specs = []
        for n in range(max(len(labels), len(texts), len(urls), len(files))):
            label = labels[n].strip() if n < len(labels) else ""
            text = texts[n] if n < len(texts) else ""
            url = urls[n].strip() if n < len(urls) else ""
            upload = files[n] if n < len(files) and files[n].filename else None
            name = f"Version {n + 1}" + (f" ({label})" if label else "")
            given = [what for what, there in (("a text", text.strip()), ("a URL", url), ("a file", upload)) if there]
            if len(given) > 1:
                raise InputError(f"{name}: give one of a text, a URL or a file, not {' and '.join(given)}")
            if upload is not None:
                specs.append({**service.upload_spec(label, upload.filename, upload.read()), "place": n + 1})
            elif url:
                specs.append({"label": label, "url": url, "place": n + 1})
            elif text.strip():
                specs.append({"label": label, "text": text, "place": n + 1})
            elif label:
                raise InputError(f"{name}: no text; paste the article, give its URL or choose a file, "
                                 "or remove the version")
        inputs, failed = service.load_versions(specs, refetch)
        if failed:
            raise InputError("; ".join(str(e) for _, e in failed))
        cid, _ = service.create(inputs, base, reflow)
    except InputError as e:
        kept = [{"label": label, "text": texts[n] if n < len(texts) else "", "url": urls[n] if n < len(urls) else ""}
                for n, label in enumerate(labels)]
        return _home(str(e), kept, form.get("base", ""), reflow), 422
    return redirect(url_for("pages.comparison", cid=cid), code=303)


@bp.post("/examples/<name>")
def example(name: str):
    check_csrf()
    try:
        cid = service.create_example(name)
    except LookupError:
        abort(404)
    return redirect(url_for("pages.comparison", cid=cid), code=303)


@bp.get("/c/")
def comparisons():
    q = request.args.get("q", "")
    try:
        rows, page, more = service.saved_page(q, request.args.get("page"))
    except InputError as e:
        abort(400, description=str(e))
    return render_template("web/list.html", rows=rows, q=q, page=page, more=more)


@bp.get("/c/<cid>/delete")
def confirm_delete(cid: str):
    """Deleting asks first, without JavaScript: the list links here, and this page's form
    deletes."""
    row = db.load(cid)
    if row is None:
        abort(404)
    return render_template("web/delete.html", row=row, labels=row["labels"].split("\n"))


@bp.post("/c/<cid>/delete")
def delete(cid: str):
    check_csrf()
    row = db.load(cid)
    if row is None or not db.delete(cid):
        abort(404)
    pages().drop(cid)
    flash(f"The comparison “{row['title']}”, saved {saved_time(row['created'])}, was deleted.")
    return redirect(url_for("pages.comparisons"), code=303)


@bp.app_template_filter()
def saved_time(iso: str) -> str:
    """A stored UTC time as people read it: "24 Nov 2026, 01:57 UTC" (as stored if it is no
    ISO time)."""
    try:
        t = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    t = t.astimezone(UTC) if t.tzinfo else t
    return f"{t.day} {t:%b %Y, %H:%M} UTC"


def _wire_choice(c) -> str | None:
    """The base switcher's choice of the wire original: for 3 or more versions, when the page
    is not on it already."""
    wire = service.WIRE
    return wire if len(c.versions) >= 3 and all(v.id != wire for v in c.versions) else None


class PageCache:
    """Rendered pages of saved comparisons, which never change once saved (only deleted):
    the most recent ones, kept in memory."""

    def __init__(self, size: int = 256):
        self.size, self.pages, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.pages:
                self.pages.move_to_end(key)
                return self.pages[key]
        return None

    def put(self, key, page) -> None:
        with self.lock:
            self.pages[key] = page
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def drop(self, cid: str) -> None:
        with self.lock:
            for key in [k for k in self.pages if k[0] == cid]:
                del self.pages[key]


def pages() -> PageCache:
    return current_app.extensions["syndiff.pages"]


TWINS = ("json", "csv", "html")   # the data twins of a comparison page, /c/<id>.<fmt>


@bp.get("/c/<cid>")
@bp.get("/c/<cid>.<fmt>")
def comparison(cid: str, fmt: str = ""):
    if fmt and fmt not in TWINS:
        abort(404)
    asked = request.args.get("base") or None
    # A page is served from the cache only while the comparison is in the database (another
    # process may have deleted it), and a page showing a message meant for one visitor is
    # neither served from the cache nor kept in it.
    cacheable = not fmt and "_flashes" not in session
    if cacheable and db.exists(cid):
        cached = pages().get((cid, asked))
        if cached is not None:
            return cached
    row = db.load(cid)
    if row is None:
        abort(404)
    if fmt == "json" and not asked:
        return Response(row["document"], mimetype="application/json")   # as saved
    try:
        c = service.on_base(row, asked)
    except InputError as e:
        abort(400, description=str(e))
    args = {"base": c.base} if asked else {}
    if fmt == "json":
        return Response(json.dumps(c.to_dict(), ensure_ascii=False), mimetype="application/json")
    if fmt == "csv":
        return Response(render_csv(c, for_spreadsheets=True), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="syndiff-{cid}.csv"'})
    if fmt == "html":
        return Response(render_report(c), mimetype="text/html",
                        headers={"Content-Disposition": f'attachment; filename="syndiff-{cid}.html"'})
    json_url = url_for("pages.comparison", cid=cid, fmt="json", **args)
    page = render_template("web/comparison.html", cid=cid, created=row["created"], example=row["example"],
                           json_url=json_url, csv_url=url_for("pages.comparison", cid=cid, fmt="csv", **args),
                           html_url=url_for("pages.comparison", cid=cid, fmt="html", **args),
                           wire=_wire_choice(c), **view(c))
    headers = {"Link": f'<{json_url}>; rel="alternate"; type="application/json"'}
    if cacheable:
        pages().put((cid, asked), (page, headers))
    return page, headers
