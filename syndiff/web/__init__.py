"""The web app: compare in the browser, keep comparisons, and a JSON API.

``create_app`` builds it (as Flask's tutorial app does): settings from ``syndiff.settings``,
then the instance folder's ``config.py``, then ``SYNDIFF_<NAME>`` environment variables,
then ``test_config``; the database in the instance folder, migrated on start; the pages and
the API as blueprints.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import time
from pathlib import Path

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import InputError
from ..render.html import STATIC, TEMPLATES
from ..settings import SETTINGS, Setting
from . import db

PROJECT = Path(__file__).resolve().parent.parent.parent


def _from_environment(app: Flask) -> None:
    for s in SETTINGS:
        name = f"SYNDIFF_{s.name.upper()}"
        raw = os.environ.get(name)
        if raw is None:
            continue
        app.config[s.name.upper()] = _setting_value(s, name, raw)
    for name in ("SECRET_KEY", "DATABASE", "EXAMPLES"):
        if f"SYNDIFF_{name}" in os.environ:
            app.config[name] = os.environ[f"SYNDIFF_{name}"]


BOOLEANS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def _setting_value(s: Setting, name: str, raw: str) -> float | int | bool:
    kind = type(s.default)
    if kind is bool:
        if raw.strip().lower() not in BOOLEANS:
            raise InputError(f"{name}={raw!r}: give true or false — {s.help}")
        return BOOLEANS[raw.strip().lower()]
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or value < 0 or (kind is int and value == 0):
        what = "a whole number above 0" if kind is int else "a number of seconds, 0 or more"
        raise InputError(f"{name}={raw!r}: give {what} — {s.help}")
    return value


def _secret_key(app: Flask) -> str:
    """A key kept in the instance folder, made on the first start: created readable by its
    owner only, and written once (a second process starting at the same time reads it)."""
    path = Path(app.instance_path) / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    for _ in range(50):  # another process may be between creating the file and writing it
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.01)
    raise InputError(f"{path}: the secret key file is empty; delete it and start again")


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True, template_folder=str(TEMPLATES),
                static_folder=str(STATIC), static_url_path="/static")
    app.config.from_mapping({s.name.upper(): s.default for s in SETTINGS})
    app.config.from_mapping(
        DATABASE=os.path.join(app.instance_path, "syndiff.sqlite"),
        EXAMPLES=str(PROJECT / "fixtures"),
    )
    app.config.from_pyfile("config.py", silent=True)
    _from_environment(app)
    if test_config:
        app.config.from_mapping(test_config)
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_REQUEST_BYTES"]
    app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_REQUEST_BYTES"]   # Flask's 500 KB a field is too little
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    try:
        os.makedirs(app.instance_path, exist_ok=True)
    except OSError as e:
        raise InputError(f"{app.instance_path}: cannot make the instance folder ({e.strerror or e})") from None
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app)

    try:
        conn = db.connect(app.config["DATABASE"])
        db.migrate(conn)
        conn.close()
    except sqlite3.Error as e:
        raise InputError(f"{app.config['DATABASE']}: cannot open the database ({e})") from None
    app.teardown_appcontext(db.close_db)

    from . import api, security, views

    app.extensions["syndiff.pages"] = views.PageCache()
    security.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)

    def wants_json() -> bool:
        return request.path.startswith("/api/") or request.path.endswith(".json")

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException):
        if wants_json():
            return api.http_error(e)
        return render_template("web/error.html", code=e.code, name=e.name, message=e.description), e.code

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):
        app.logger.exception("unexpected error")
        if wants_json():
            return api.error_response(500, "internal_error", "the server failed to answer; the error is logged")
        return render_template("web/error.html", code=500, name="Internal Server Error",
                               message="The server failed to answer; the error is logged."), 500

    return app
