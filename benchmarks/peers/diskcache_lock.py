"""Peer for UncontendedLockBenchmark: Python diskcache Lock acquire+release, in ops/s.

Run: python3 benchmarks/peers/diskcache_lock.py  (needs `pip install diskcache`)
"""
import tempfile
import time

import diskcache


def main():
    with tempfile.TemporaryDirectory() as directory:
        cache = diskcache.Cache(directory)
        lock = diskcache.Lock(cache, "bench")
        for _ in range(2000):
            lock.acquire()
            lock.release()
        for round_ in range(3):
            n = 0
            start = time.perf_counter()
            while time.perf_counter() - start < 2.0:
                lock.acquire()
                lock.release()
                n += 1
            elapsed = time.perf_counter() - start
            print(f"diskcache.Lock acquire+release round {round_ + 1}: {n / elapsed:,.0f} ops/s")
        cache.close()


if __name__ == "__main__":
    main()
