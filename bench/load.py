"""A small closed-loop HTTP load generator: N threads, each with a keep-alive connection,
a bounded number of requests. Reports throughput and latency percentiles."""

import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit


def run_load(base: str, make_request, *, total: int, threads: int = 8, timeout: float = 60.0):
    """`make_request(i)` returns (method, path, body, headers). Returns a dict of figures."""
    host = urlsplit(base)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(total))
    deadline = time.perf_counter() + timeout

    def worker():
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        mine = []
        while time.perf_counter() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            method, path, body, headers = make_request(i)
            t = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - t)
            if response.status >= 400:
                with lock:
                    errors[0] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    n = len(latencies)
    return {
        "requests": n,
        "errors": errors[0],
        "rps": n / elapsed if elapsed else 0.0,
        "p50_ms": statistics.median(latencies) * 1000 if n else 0.0,
        "p95_ms": latencies[int(n * 0.95) - 1] * 1000 if n else 0.0,
    }
