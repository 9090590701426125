"""The API's OpenAPI 3.1 description, served at /api/openapi.json and read at /api/."""

from __future__ import annotations

import json
from pathlib import Path

from .service import PAGE_SIZE

SCHEMA = Path(__file__).resolve().parent.parent / "comparison.schema.json"

ERROR = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message"],
                             "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}},
}


def _errors(said: dict[int, str]) -> dict:
    """An operation's error answers, each with what causes it (as api.py answers it)."""
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {str(status): {"description": text, "content": body} for status, text in said.items()}


def spec(config: dict) -> dict:
    comparison = json.loads(SCHEMA.read_text())
    comparison.pop("$schema", None)
    comparison.pop("$id", None)
    saved = {"allOf": [{"$ref": "#/components/schemas/Comparison"},
                       {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}]}
    version = {
        "type": "object",
        "description": "one version: its label (default: the page's outlet, else 'Version N') and exactly one "
                       "of text (one block a line), html (a saved page: its article is extracted) or url (the "
                       "page is fetched, or read as fetched before)",
        "properties": {"label": {"type": "string"}, "text": {"type": "string", "maxLength": config["MAX_CHARS"]},
                       "html": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
        "oneOf": [{"required": ["text"]}, {"required": ["html"]}, {"required": ["url"]}],
        "additionalProperties": False,
    }
    cid = {"name": "cid", "in": "path", "required": True, "schema": {"type": "string"}}
    base = {"name": "base", "in": "query", "required": False, "schema": {"type": "string"},
            "description": "id or label of another version to read the edits from, or "
                           "probable-wire-original (3 or more versions: their majority reading)"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "syndiff", "version": "1",
                 "description": "Compare versions of a wire story: aligned blocks, word diffs, typed edits "
                                "(the syndiff/1 document). Limits: "
                                f"{config['MAX_VERSIONS']} versions, {config['MAX_CHARS']:,} characters a version, "
                                f"{config['MAX_REQUEST_BYTES']:,} bytes a request."},
        "paths": {
            "/api/compare": {"post": {
                "summary": "Compare 2 or more versions",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["versions"], "additionalProperties": False,
                    "properties": {
                        "versions": {"type": "array", "minItems": 2, "maxItems": config["MAX_VERSIONS"],
                                     "items": version},
                        "base": {"type": "string", "description": "id or label of the base version, or "
                                 "probable-wire-original (3 or more versions: their majority reading)"},
                        "reflow": {"type": "boolean", "description": "rejoin hard-wrapped column lines"},
                        "save": {"type": "boolean", "description": "keep it; the answer's Location is its URL"},
                        "refetch": {"type": "boolean",
                                    "description": "fetch URLs again rather than read the pages fetched before"},
                        "skip_failed": {"type": "boolean",
                                        "description": "compare the versions that loaded when others fail; the "
                                                       "answer's skipped lists the failures"},
                    }}}}},
                "responses": {
                    "200": {"description": "the comparison", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Comparison"}}}},
                    "201": {"description": "the comparison, saved", "headers": {"Location": {
                        "schema": {"type": "string"}}}, "content": {"application/json": {"schema": saved}}},
                    **_errors({
                        400: "the body is not a JSON object (or not JSON at all)",
                        413: f"the request is larger than {config['MAX_REQUEST_BYTES']:,} bytes",
                        415: "the body is not sent as application/json",
                        422: "the versions cannot be compared: a key that is not one of the above (a misspelled "
                             "one is named), a value of the wrong type, too few or too many versions, a version "
                             "too long, empty or unreadable, a URL that cannot be fetched (unless skip_failed), "
                             "two versions with one label, or a base that is none of them"})}}},
            "/api/comparisons": {"get": {
                "summary": "Saved comparisons, newest first",
                "parameters": [{"name": "q", "in": "query", "required": False, "schema": {"type": "string"},
                                "description": "words the title or a label holds"},
                               {"name": "page", "in": "query", "required": False,
                                "schema": {"type": "integer", "minimum": 1, "maximum": 999_999_999},
                                "description": f"page of {PAGE_SIZE} comparisons, from 1"}],
                "responses": {"200": {"description": "the list", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"comparisons": {"type": "array", "items": {
                        "type": "object", "properties": {
                            "id": {"type": "string"}, "created": {"type": "string"}, "title": {"type": "string"},
                            "labels": {"type": "array", "items": {"type": "string"}},
                            "url": {"type": "string"}}}},
                        "next": {"type": "string", "description": "the next page, when there is one"}}}}}},
                    **_errors({400: "page is not a page number from 1 to 999,999,999"})}}},
            "/api/comparisons/{cid}": {
                "get": {"summary": "A saved comparison", "parameters": [cid, base],
                        "responses": {"200": {"description": "the comparison", "content": {"application/json": {
                            "schema": saved}}},
                                      **_errors({404: "no saved comparison has this id",
                                                 422: "base is neither the id nor the label of a version of "
                                                      "the comparison"})}},
                "delete": {"summary": "Delete a saved comparison", "parameters": [cid],
                           "responses": {"204": {"description": "deleted"},
                                         **_errors({404: "no saved comparison has this id"})}}},
        },
        "components": {"schemas": {"Comparison": comparison, "Error": ERROR}},
    }
