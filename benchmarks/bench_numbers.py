"""Warm time of ``find_numbers`` on the seed article (issue 3: well under 1 ms).

Plain Python, no test framework: ``python benchmarks/bench_numbers.py [FILE]``.
Prints the median of 50 warm runs, and beside it the median of one pure compiled
``regex`` pass over the same text (every run of digits and numeral characters), the
yardstick the issue names: on a shared machine the ratio says more than either time.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import regex

from zhstats import find_numbers
from zhstats.normalize import normalize_text

ROOT = Path(__file__).resolve().parents[1]
RUNS = 50


def _median_ms(fn, runs: int = RUNS) -> float:
    fn()  # warm: patterns compiled, lexicons loaded
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else ROOT / "corpus" / "000_d6907cdbbd74cdf0.txt"
    text = path.read_text(encoding="utf-8")
    norm = normalize_text(text)
    reference = regex.compile(r"[0-9零〇一二三四五六七八九十百千万亿两]+")
    # Interleave the two measurements so that both see the same load.
    ours, ref = [], []
    for _ in range(5):
        ours.append(_median_ms(lambda: find_numbers(text), RUNS // 5 or 1))
        ref.append(_median_ms(lambda: list(reference.finditer(norm)), RUNS // 5 or 1))
    ours_ms, ref_ms = statistics.median(ours), statistics.median(ref)
    n = len(find_numbers(text))
    print(f"{path.name}: {len(text)} chars, {n} mentions")
    print(f"find_numbers warm median of {RUNS}: {ours_ms:.3f} ms")
    print(f"reference regex pass:               {ref_ms:.3f} ms  (ratio {ours_ms / ref_ms:.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
