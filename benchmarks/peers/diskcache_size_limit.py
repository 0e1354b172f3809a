"""Peer for SizeLimitedCacheBenchmark: Python diskcache with the same size limit (4 MB), LRU
eviction, and the same skewed key sequence (Zipf, exponent 1, over 20,000 keys, drawn by the same
32-bit LCG as ZipfKeys.java); each operation gets a key and, on a miss, computes a 1,000-character
result and sets it. Prints ops/s and the hit rate of each round.

Run: python3 benchmarks/peers/diskcache_size_limit.py  (needs diskcache: Debian's python3-diskcache,
or pip install diskcache)
"""
import bisect
import tempfile
import time

import diskcache

KEYS = 20_000
SEQUENCE = 1 << 20
LIMIT = 4 * 1024 * 1024


def sequence(keys, length, seed):
    cdf = []
    total = 0.0
    for k in range(keys):
        total += 1.0 / (k + 1)
        cdf.append(total)
    out = []
    state = seed
    for _ in range(length):
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        u = (state / 4294967296.0) * total
        out.append(min(keys - 1, bisect.bisect_left(cdf, u)))
    return out


def result(key):
    return (f"result {key} " * 200)[:1000]


def main():
    keys = sequence(KEYS, SEQUENCE, 42)
    with tempfile.TemporaryDirectory() as directory:
        cache = diskcache.Cache(directory, size_limit=LIMIT, eviction_policy="least-recently-used")
        position = 0

        def run(seconds):
            nonlocal position
            calls = misses = 0
            start = time.perf_counter()
            while time.perf_counter() - start < seconds:
                key = keys[position]
                position = (position + 1) & (SEQUENCE - 1)
                value = cache.get(key)
                if value is None:
                    misses += 1
                    cache.set(key, result(key))
                calls += 1
            return calls, misses, time.perf_counter() - start

        run(5.0)
        for round_ in range(3):
            calls, misses, elapsed = run(5.0)
            print(f"diskcache size_limit={LIMIT} round {round_ + 1}: {calls / elapsed:,.0f} ops/s, "
                  f"hitRate {1 - misses / calls:.4f}, volume {cache.volume():,} bytes")
        cache.close()


if __name__ == "__main__":
    main()
