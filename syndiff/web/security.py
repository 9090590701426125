"""CSRF protection for the forms and security headers for every response.

The CSRF token lives in the signed session cookie; every form carries it in a hidden field
and every form POST must send it back. The JSON API needs no token: it only accepts
``application/json`` bodies, which no other site's form can send.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, request, session

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf() -> None:
    sent = request.form.get("csrf_token", "")
    if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
        abort(400, description="The form has expired or did not come from this site: "
                               "reload the page and send it again.")


def _headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.after_request(_headers)
