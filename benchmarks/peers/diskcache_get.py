"""Peer for CachedCallHitBenchmark: Python diskcache get of a small cached value, in ops/s.

Run: python3 benchmarks/peers/diskcache_get.py  (needs `pip install diskcache`)
"""
import tempfile
import time

import diskcache


def main():
    with tempfile.TemporaryDirectory() as directory:
        cache = diskcache.Cache(directory)
        value = [("north", 1, 2026 * 3), ("north", 2, 2026 * 5)]
        cache.set(("report", 2026, "north"), value)
        key = ("report", 2026, "north")
        for _ in range(20000):
            cache.get(key)
        for round_ in range(3):
            n = 0
            start = time.perf_counter()
            while time.perf_counter() - start < 2.0:
                cache.get(key)
                n += 1
            elapsed = time.perf_counter() - start
            print(f"diskcache.get round {round_ + 1}: {n / elapsed:,.0f} ops/s")
        cache.close()


if __name__ == "__main__":
    main()
