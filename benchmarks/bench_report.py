"""Rendering the static report: time beyond the comparison, and the file's size.

    .venv/bin/python benchmarks/bench_report.py

For the seed pair and the 19-paper 1916 group (with --reflow): the median time of
``compare(...)`` and of ``render_report(...)`` on its result, in the same process, and the
report's size split into its fixed part (the inlined stylesheet and script) and the rest,
as a multiple of the input text. Goals (issue 3): rendering the seed report <= 20 ms beyond
the comparison; the file <= 4x the input text plus <= 60 KB of fixed CSS/JS.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from syndiff import compare  # noqa: E402
from syndiff.render.html import INLINED, STATIC, render_report  # noqa: E402


def median_ms(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
        gc.enable()
    return statistics.median(times) * 1000


def case(name: str, files: list[Path], reflow: bool, runs: int) -> None:
    texts = [(f.stem, f.read_text(encoding="utf-8")) for f in files]
    input_bytes = sum(len(t.encode()) for _, t in texts)
    c = compare(texts, reflow=reflow)
    t_compare = median_ms(lambda: compare(texts, reflow=reflow), runs)
    t_render = median_ms(lambda: render_report(c), runs)
    size = len(render_report(c).encode())
    fixed = sum(len((STATIC / file).read_bytes()) for file in INLINED.values())   # what the report inlines
    budget = 4 * input_bytes + 60 * 1024
    print(f"{name:<18} compare {t_compare:7.2f} ms  render {t_render:6.2f} ms (x{t_render / t_compare:.2f})  "
          f"file {size / 1024:6.1f} KB, budget 4 x input + 60 KB = {budget / 1024:.1f} KB "
          f"({'within' if size <= budget else 'over'}); CSS/JS {fixed / 1024:.1f} KB, "
          f"the rest {(size - fixed) / input_bytes:.1f} x the input ({input_bytes / 1024:.1f} KB)")


def main() -> None:
    seed = ROOT / "fixtures" / "reuters-trump-putin-2025"
    case("seed pair", sorted(seed.glob("*.txt")), False, 200)
    case("1916, 19 papers", sorted((ROOT / "fixtures" / "chronam-1916" / "19161226-000").glob("*.txt")), True, 20)
    print("goals: render <= 20 ms beyond the comparison (seed); file <= 4 x input + 60 KB fixed")


if __name__ == "__main__":
    main()
