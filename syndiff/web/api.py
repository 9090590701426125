"""The JSON API. Every answer is JSON; every error is ``{"error": {"code", "message"}}``
with its status: 400 bad JSON or a bad page number, 404 unknown comparison, 413 too large,
415 not JSON, 422 input that cannot be compared (unknown keys included) or a base that is
no version. ``openapi.py`` says the same to the API's users: keep them in step."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from ..errors import InputError
from . import db, service
from .openapi import spec
from .views import pages

bp = Blueprint("api", __name__, url_prefix="/api")

COMPARE_KEYS = ("versions", "base", "reflow", "save", "refetch", "skip_failed")   # the body of POST /api/compare


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str) -> Response:
    return Response(json.dumps({"error": {"code": code, "message": message}}), status=status,
                    mimetype="application/json")


@bp.errorhandler(ApiError)
def _api_error(e: ApiError):
    return error_response(e.status, e.code, e.message)


@bp.errorhandler(InputError)
def _input_error(e: InputError):
    return error_response(422, "unprocessable", str(e))


def http_error(e: HTTPException) -> Response:
    """Werkzeug's errors (404, 405, 413 ...) in the API's shape."""
    code = (e.name or "error").lower().replace(" ", "_")
    return error_response(e.code or 500, code, e.description or e.name)


def _json(doc: dict, status: int = 200, headers: dict | None = None) -> Response:
    return Response(json.dumps(doc, ensure_ascii=False), status=status, mimetype="application/json",
                    headers=headers)


def _body() -> dict:
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "send the request body as application/json")
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        data = None
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", "the body is not a JSON object")
    return data


def _flag(data: dict, name: str) -> bool:
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise ApiError(422, "unprocessable", f"{name}: true or false")
    return value


@bp.post("/compare")
def compare():
    data = _body()
    service.unknown_keys("", data, COMPARE_KEYS)
    specs = service.versions_from_json(data.get("versions"))
    base = data.get("base")
    if base is not None and not isinstance(base, str):
        raise ApiError(422, "unprocessable", "base: give the id or label of a version")
    reflow, save = _flag(data, "reflow"), _flag(data, "save")
    refetch, skip_failed = _flag(data, "refetch"), _flag(data, "skip_failed")
    inputs, failed = service.load_versions(specs, refetch)
    if failed and not skip_failed:
        raise ApiError(422, "unprocessable", "; ".join(f"versions[{n}]: {e}" for n, e in failed))
    skipped = [{"input": f"versions[{n}]", "error": str(e)} for n, e in failed]
    if save:
        cid, c = service.create(inputs, base, reflow)
        url = url_for("api.get_comparison", cid=cid)
        return _json({**c.to_dict(), "id": cid, **({"skipped": skipped} if skipped else {})}, 201, {"Location": url})
    return _json({**service.run(inputs, base, reflow).to_dict(), **({"skipped": skipped} if skipped else {})})


@bp.get("/comparisons/<cid>")
def get_comparison(cid: str):
    row = db.load(cid)
    if row is None:
        raise ApiError(404, "not_found", f"no comparison {cid}")
    try:
        c = service.on_base(row, request.args.get("base"))
    except InputError as e:
        raise ApiError(422, "unprocessable", str(e)) from None
    return _json({**c.to_dict(), "id": cid})


@bp.get("/comparisons")
def list_comparisons():
    q = request.args.get("q", "")
    try:
        rows, page, more = service.saved_page(q, request.args.get("page"))
    except InputError as e:
        raise ApiError(400, "bad_request", str(e)) from None
    doc = {"comparisons": [
        {"id": r["id"], "created": r["created"], "title": r["title"], "labels": r["labels"].split("\n"),
         "url": url_for("api.get_comparison", cid=r["id"])} for r in rows]}
    if more:
        doc["next"] = url_for("api.list_comparisons", q=q or None, page=page + 1)
    return _json(doc)


@bp.delete("/comparisons/<cid>")
def delete_comparison(cid: str):
    if not db.delete(cid):
        raise ApiError(404, "not_found", f"no comparison {cid}")
    pages().drop(cid)
    return Response(status=204)


@bp.get("/openapi.json")
def openapi():
    return _json(spec(current_app.config))


@bp.get("/")
def docs():
    return render_template("web/api.html", spec=spec(current_app.config))
