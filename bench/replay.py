"""Replaying captured callback requests: server time and bytes, and throughput."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from urllib.parse import urlsplit

from bench.interactions import Interaction, with_value


def post(url: str, path: str, body: bytes, gzip: bool = False) -> tuple[float, int, int]:
    """One POST: (seconds, status, response bytes as sent)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if gzip:
        headers["Accept-Encoding"] = "gzip"
    started = time.perf_counter()
    connection.request("POST", path, body, headers)
    response = connection.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed, response.status, len(data)


def replay(url: str, step: Interaction, count: int) -> dict:
    """Server time and bytes of an interaction, cycling through its values."""
    times, sizes, errors = [], [], 0
    for i in range(count):
        value = step.values[i % len(step.values)]
        seconds, status, size = post(url, step.path, with_value(step.body, step.control, value))
        if status != 200 and status != 204:
            errors += 1
        times.append(seconds * 1000)
        sizes.append(size)
    _, _, gzipped = post(
        url, step.path, with_value(step.body, step.control, step.values[0]), gzip=True
    )
    times.sort()
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * (len(times) - 1))],
        "bytes": statistics.mean(sizes),
        "gzip_bytes": gzipped,
        "errors": errors,
    }


def _load_worker(
    url: str, path: str, bodies: list[bytes], seconds: float, threads: int
) -> tuple[int, int]:
    done = [0, 0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run(offset: int) -> None:
        i = offset
        while time.monotonic() < stop_at:
            try:
                _, status, _ = post(url, path, bodies[i % len(bodies)])
                ok = status == 200
            except OSError:
                ok = False
            with lock:
                done[0 if ok else 1] += 1
            i += threads

    pool = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return done[0], done[1]


def throughput(url: str, step: Interaction, seconds: float) -> dict:
    """Filter requests a second from 2 client processes x 4 threads, and errors."""
    bodies = [with_value(step.body, step.control, v) for v in step.values[:200]]
    with ProcessPoolExecutor(2) as pool:
        results = list(
            pool.map(_load_worker, [url] * 2, [step.path] * 2, [bodies] * 2, [seconds] * 2, [4] * 2)
        )
    ok = sum(r[0] for r in results)
    return {"rps": ok / seconds, "errors": sum(r[1] for r in results)}
