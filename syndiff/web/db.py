"""Saved comparisons in SQLite, in the instance folder. One connection a request (on ``g``),
WAL so that readers never wait for a writer, and the schema migrated by the app itself:
``MIGRATIONS[n]`` takes a database from ``user_version`` n to n + 1."""

from __future__ import annotations

import json
import secrets
import sqlite3
from datetime import UTC, datetime

from flask import current_app, g

from ..fetch import Fetched

MIGRATIONS = [
    """
    CREATE TABLE comparison (
        id       TEXT PRIMARY KEY,
        created  TEXT NOT NULL,            -- UTC, ISO 8601
        title    TEXT NOT NULL,
        labels   TEXT NOT NULL,            -- the versions' labels, one a line (searched)
        inputs   TEXT NOT NULL,            -- JSON [{"label": ..., "text": ...}]
        base     TEXT,                     -- the base asked for (null: the default)
        reflow   INTEGER NOT NULL DEFAULT 0,
        document TEXT NOT NULL             -- the syndiff/1 document
    );
    CREATE INDEX comparison_created ON comparison (created);
    CREATE TABLE variant (                 -- the comparison recomputed on another base
        comparison_id TEXT NOT NULL REFERENCES comparison (id) ON DELETE CASCADE,
        base          TEXT NOT NULL,
        document      TEXT NOT NULL,
        PRIMARY KEY (comparison_id, base)
    );
    """,
    """
    ALTER TABLE comparison ADD COLUMN example TEXT;   -- the bundled example it is, if one
    CREATE UNIQUE INDEX comparison_example ON comparison (example) WHERE example IS NOT NULL;
    """,
    """
    CREATE TABLE page (                    -- every page fetched, as fetched: a comparison re-runs on it
        id           INTEGER PRIMARY KEY,
        url          TEXT NOT NULL,        -- as asked for
        final_url    TEXT NOT NULL,        -- after redirects
        fetched_at   TEXT NOT NULL,        -- UTC, ISO 8601
        status       INTEGER NOT NULL,
        content_type TEXT NOT NULL,
        body         BLOB NOT NULL
    );
    CREATE INDEX page_url ON page (url, fetched_at);
    """,
    # The bundled examples were saved without their versions' sources (the pages said "pasted
    # text"): each version is its fixture file, named by its label (create_example); a
    # reconstructed wire original keeps its own. Each list is rebuilt in its order.
    """
    UPDATE comparison SET
        inputs = json((SELECT json_group_array(json(v)) FROM (
            SELECT json_set(value, '$.source', json_extract(value, '$.label') || '.txt') AS v
            FROM json_each(comparison.inputs) ORDER BY key))),
        document = json_set(document, '$.versions', json((SELECT json_group_array(json(v)) FROM (
            SELECT CASE WHEN json_extract(value, '$.reconstructed') THEN json(value)
                        ELSE json_set(value, '$.source', json_extract(value, '$.label') || '.txt') END AS v
            FROM json_each(comparison.document, '$.versions') ORDER BY key))))
    WHERE example IS NOT NULL;
    UPDATE variant SET
        document = json_set(document, '$.versions', json((SELECT json_group_array(json(v)) FROM (
            SELECT CASE WHEN json_extract(value, '$.reconstructed') THEN json(value)
                        ELSE json_set(value, '$.source', json_extract(value, '$.label') || '.txt') END AS v
            FROM json_each(variant.document, '$.versions') ORDER BY key))))
    WHERE comparison_id IN (SELECT id FROM comparison WHERE example IS NOT NULL);
    """,
]


def connect(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA busy_timeout=30000")
    return db


def migrate(db: sqlite3.Connection) -> None:
    """Bring the schema up to date, one migration a transaction (safe if several processes
    start at once: each step re-reads the version under the write lock)."""
    while True:
        db.execute("BEGIN IMMEDIATE")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version >= len(MIGRATIONS):
            db.execute("COMMIT")
            return
        for statement in MIGRATIONS[version].split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {version + 1}")
        db.execute("COMMIT")


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def new_id() -> str:
    return secrets.token_urlsafe(6)


def save(inputs: list[dict], base: str | None, reflow: bool, document: dict, example: str | None = None) -> str:
    """Keep a comparison; its id. For a bundled example saved meanwhile by another request,
    the id of that one."""
    cid = new_id()
    get_db().execute(
        "INSERT INTO comparison (id, created, title, labels, inputs, base, reflow, document, example) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (example) WHERE example IS NOT NULL DO NOTHING",
        (cid, datetime.now(UTC).isoformat(timespec="seconds"), document["title"],
         "\n".join(v["label"] for v in document["versions"]), json.dumps(inputs, ensure_ascii=False),
         base, int(reflow), json.dumps(document, ensure_ascii=False), example),
    )
    return cid if example is None else example_id(example)


def load(cid: str) -> sqlite3.Row | None:
    return get_db().execute("SELECT * FROM comparison WHERE id = ?", (cid,)).fetchone()


def save_page(page: Fetched) -> int:
    return get_db().execute(
        "INSERT INTO page (url, final_url, fetched_at, status, content_type, body) VALUES (?, ?, ?, ?, ?, ?)",
        (page.url, page.final_url, page.fetched_at, page.status, page.content_type, page.body)).lastrowid


def latest_page(url: str) -> tuple[int, Fetched] | None:
    """The page last fetched from ``url``, with its id, if any."""
    row = get_db().execute("SELECT * FROM page WHERE url = ? ORDER BY fetched_at DESC, id DESC LIMIT 1",
                           (url,)).fetchone()
    if row is None:
        return None
    return row["id"], Fetched(row["url"], row["final_url"], row["status"], row["content_type"], bytes(row["body"]),
                              row["fetched_at"])


def example_id(name: str) -> str | None:
    row = get_db().execute("SELECT id FROM comparison WHERE example = ?", (name,)).fetchone()
    return row["id"] if row else None


def exists(cid: str) -> bool:
    return get_db().execute("SELECT 1 FROM comparison WHERE id = ?", (cid,)).fetchone() is not None


def variant(cid: str, base: str) -> dict | None:
    row = get_db().execute("SELECT document FROM variant WHERE comparison_id = ? AND base = ?",
                           (cid, base)).fetchone()
    return json.loads(row["document"]) if row else None


def save_variant(cid: str, base: str, document: dict) -> None:
    """Keep a comparison recomputed on another base (the first kept wins: two requests may
    compute the same one at once, and the comparison may have been deleted meanwhile)."""
    get_db().execute("INSERT OR IGNORE INTO variant (comparison_id, base, document) "
                     "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM comparison WHERE id = ?)",
                     (cid, base, json.dumps(document, ensure_ascii=False), cid))


def search(q: str = "", limit: int = 100, offset: int = 0) -> list[sqlite3.Row]:
    """Saved comparisons, newest first, whose title or a label holds ``q``: ``limit`` of them,
    after the first ``offset``."""
    like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return get_db().execute(
        "SELECT id, created, title, labels FROM comparison "
        "WHERE title LIKE ? ESCAPE '\\' OR labels LIKE ? ESCAPE '\\' ORDER BY created DESC, rowid DESC "
        "LIMIT ? OFFSET ?",
        (like, like, limit, offset),
    ).fetchall()


def delete(cid: str) -> bool:
    return get_db().execute("DELETE FROM comparison WHERE id = ?", (cid,)).rowcount > 0
