"""The web app: compare in the browser, keep comparisons, and a JSON API.

``create_app`` builds it (as Flask's tutorial app does): settings from ``syndiff.settings``,
then the instance folder's ``config.py``, then ``SYNDIFF_<NAME>`` environment variables,
then ``test_config``; the database in the instance folder, migrated on start; the pages and
the API as blueprints.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from ..render.html import STATIC, TEMPLATES
from ..settings import SETTINGS
from . import db

PROJECT = Path(__file__).resolve().parent.parent.parent


def _from_environment(app: Flask) -> None:
    for s in SETTINGS:
        raw = os.environ.get(f"SYNDIFF_{s.name.upper()}")
        if raw is not None:
            app.config[s.name.upper()] = type(s.default)(raw)
    for name in ("SECRET_KEY", "DATABASE", "EXAMPLES"):
        if f"SYNDIFF_{name}" in os.environ:
            app.config[name] = os.environ[f"SYNDIFF_{name}"]


def _secret_key(app: Flask) -> str:
    """A key kept in the instance folder, made on the first start."""
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


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
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app)

    conn = db.connect(app.config["DATABASE"])
    db.migrate(conn)
    conn.close()
    app.teardown_appcontext(db.close_db)

    from . import api, security, views

    app.extensions["syndiff.pages"] = views.PageCache()
    security.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException):
        if request.path.startswith("/api/"):
            return api.http_error(e)
        return render_template("web/error.html", code=e.code, name=e.name, message=e.description), e.code

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):
        app.logger.exception("unexpected error")
        if request.path.startswith("/api/"):
            return api.error_response(500, "internal_error", "the server failed to answer; the error is logged")
        return render_template("web/error.html", code=500, name="Internal Server Error",
                               message="The server failed to answer; the error is logged."), 500

    return app
