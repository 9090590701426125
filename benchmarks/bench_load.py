"""Load on the web app: concurrent clients against `syndiff serve` on 127.0.0.1.

    .venv/bin/python benchmarks/bench_load.py [--clients 50] [--seconds 60]

Starts `syndiff serve` (waitress) on a free port with a fresh database, saves the seed
pair, then runs CLIENTS threads for SECONDS, each looping over the mix: GET /c/<id> (the
page), GET /c/<id>.json and POST /api/compare of the seed pair. Prints requests, errors,
throughput and p50/p95 latency per route and overall. Goal (issue 4): 0 errors, p95 <=
200 ms. Bounded: it stops by itself after SECONDS and only talks to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "reuters-trump-putin-2025"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(port: int, timeout: float = 30) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    args = ap.parse_args()
    port = free_port()
    tmp = tempfile.mkdtemp()
    env = {**os.environ, "SYNDIFF_DATABASE": os.path.join(tmp, "load.sqlite")}
    server = subprocess.Popen([sys.executable, "-m", "syndiff", "serve", "--port", str(port),
                               "--threads", str(args.threads)], env=env, stderr=subprocess.DEVNULL)
    try:
        wait_up(port)
        body = json.dumps({"versions": [{"label": "Inquirer", "text": (SEED / "inquirer.txt").read_text()},
                                        {"label": "Japan News", "text": (SEED / "japannews.txt").read_text()}]})
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", "/api/compare", json.dumps({**json.loads(body), "save": True}),
                     {"Content-Type": "application/json"})
        resp = conn.getresponse()
        cid = json.loads(resp.read())["id"]
        mix = [("GET", f"/c/{cid}", None), ("GET", f"/c/{cid}.json", None), ("POST", "/api/compare", body)]
        results: dict[str, list[float]] = {path: [] for _, path, _ in mix}
        errors: list[str] = []
        stop = time.time() + args.seconds

        def client(n: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            k = n
            while time.time() < stop:
                method, path, data = mix[k % len(mix)]
                k += 1
                t = time.perf_counter()
                try:
                    conn.request(method, path, data, {"Content-Type": "application/json"} if data else {})
                    resp = conn.getresponse()
                    resp.read()
                    if resp.status >= 400:
                        errors.append(f"{method} {path}: {resp.status}")
                except (OSError, http.client.HTTPException) as e:
                    errors.append(f"{method} {path}: {e}")
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    continue
                results[path].append(time.perf_counter() - t)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        started = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.time() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    total = [x for v in results.values() for x in v]
    print(f"{args.clients} clients, {elapsed:.0f} s, waitress threads {args.threads}: {len(total)} requests, "
          f"{len(errors)} errors, {len(total) / elapsed:.0f} requests/s")
    for path, v in [("all", total)] + list(results.items()):
        if v:
            print(f"  {path:<28} n={len(v):>6}  p50 {statistics.median(v) * 1000:6.1f} ms  "
                  f"p95 {percentile(v, 95) * 1000:6.1f} ms")
    if errors:
        print("  first errors:", errors[:5])


if __name__ == "__main__":
    main()
