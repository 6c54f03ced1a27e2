"""A small HTTP load generator for when wrk is not installed: keep-alive connections on threads.

    python -m bench.load http://127.0.0.1:8000/api/timeline/ --seconds 10 --connections 4

Bounded by time and by a request count; prints one JSON object with the figures wrk would give.
"""

import argparse
import http.client
import json
import threading
import time
from urllib.parse import urlsplit

from bench.measure import median, percentile


def hammer(url: str, deadline: float, budget: list[int], lock: threading.Lock, results: list):
    """Request ``url`` over one keep-alive connection until the deadline or the shared budget runs out."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    target = f"{parts.path}?{parts.query}" if parts.query else parts.path
    while time.perf_counter() < deadline:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
        began = time.perf_counter()
        connection.request("GET", target, headers={"Accept": "application/json"})
        response = connection.getresponse()
        response.read()
        results.append(((time.perf_counter() - began) * 1000, response.status))
    connection.close()


def run_load(url: str, *, seconds: float, connections: int, max_requests: int) -> dict:
    results: list = []
    lock = threading.Lock()
    budget = [max_requests]
    began = time.perf_counter()
    threads = [
        threading.Thread(target=hammer, args=(url, began + seconds, budget, lock, results)) for _ in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies = [latency for latency, _status in results]
    return {
        "tool": "bench.load",
        "requests": len(results),
        "non_2xx": sum(1 for _latency, status in results if not 200 <= status < 300),
        "requests_per_s": len(results) / elapsed,
        "p50_ms": median(latencies),
        "p99_ms": percentile(latencies, 0.99),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=100_000)
    args = parser.parse_args()
    figures = run_load(args.url, seconds=args.seconds, connections=args.connections, max_requests=args.max_requests)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
