"""Reloads under load: 32 clients for 30 s while the data is reloaded 10 times.

    .venv/bin/python -m bench.reload                 # 32 clients, 30 s, 10 reloads
    .venv/bin/python -m bench.reload --seconds 10 --reloads 4 --clients 8

Serves a copy of the bundled data with the Procfile's gunicorn (2 workers) on
127.0.0.1. Client threads loop over the page, its layout and /healthz. Meanwhile
the data is edited and gunicorn sent HUP, alternating a good edit (a partner
removed or put back) and a bad one (a served.csv row naming no partner), each
waited for in /healthz. Then one worker is killed with SIGKILL. Reports requests,
errors and lost requests (any non-200 or connection failure), and the workers'
resident memory after the first and the last reload. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

from bench.measure import workers_rss_mb
from tests.support.paths import BUNDLED_DATA
from tests.support.servers import Server, serving

PATHS = ["/", "/_dash-layout", "/healthz"]
BAD_ROW = "nobody,words,named,Kenya\n"


class Load:
    """Client threads that loop over PATHS until stopped, counting what came back."""

    def __init__(self, port: int, clients: int) -> None:
        self.port, self.running = port, True
        self.done, self.failed = 0, []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.client, args=(i,)) for i in range(clients)]

    def client(self, number: int) -> None:
        i = number
        while self.running:
            path = PATHS[i % len(PATHS)]
            i += 1
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                connection.close()
                ok = response.status == 200
                problem = f"{path}: {response.status}"
            except OSError as error:
                ok, problem = False, f"{path}: {type(error).__name__}: {error}"
            with self.lock:
                self.done += 1
                if not ok:
                    self.failed.append((time.monotonic(), problem))

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.running = False
        for thread in self.threads:
            thread.join()


def health(port: int) -> dict:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/healthz")
    body = json.loads(connection.getresponse().read())
    connection.close()
    return body


def reload(server: Server, port: int, done, seconds: float = 60) -> float:
    """HUP, then the seconds until /healthz says `done`."""
    started = time.monotonic()
    os.kill(server.process.pid, signal.SIGHUP)
    while time.monotonic() - started < seconds:
        if done(health(port)):
            return time.monotonic() - started
        time.sleep(0.1)
    raise RuntimeError("a reload did not show in /healthz")


def children(master: int) -> list[int]:
    return [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def settled_rss(master: int, workers: int = 2) -> list[float]:
    """The workers' memory once the old ones have stopped (gracefully, after a HUP)."""
    deadline = time.monotonic() + 30
    while len(children(master)) > workers and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    return workers_rss_mb(master)


def edit(data: Path, number: int, original: dict[str, str]) -> tuple[str, callable]:
    """The number-th edit (good on even numbers), and how /healthz shows it took."""
    served = data / "served.csv"
    if number % 2:
        served.write_text(original["served.csv"] + BAD_ROW, encoding="utf-8")
        return "bad", lambda h: h["status"] == "reload-refused"
    drop = number % 4 == 0  # remove ACHA, then put it back, and so on
    for name in ("partners.csv", "served.csv"):
        text = original[name]
        if drop:
            text = "".join(x for x in text.splitlines(True) if not x.startswith("ACHA,"))
        (data / name).write_text(text, encoding="utf-8")
    partners = 6 if drop else 7
    return "good", lambda h: h["status"] == "ok" and h["partners"] == partners


def run(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(BUNDLED_DATA, data)
        names = ("partners.csv", "served.csv")
        original = {name: (data / name).read_text(encoding="utf-8") for name in names}
        with serving(data, Path(tmp) / "gunicorn.log", workers=2) as server:
            port = int(server.url.rsplit(":", 1)[1])
            memory, reloads = {}, []
            with Load(port, args.clients) as load:
                started = time.monotonic()
                for number in range(args.reloads):
                    time.sleep(0.5)
                    kind, done = edit(data, number, original)
                    reloads.append((kind, reload(server, port, done)))
                    if number in (0, args.reloads - 1):
                        memory[number + 1] = settled_rss(server.process.pid)
                workers = workers_rss_mb(server.process.pid)
                failed_before = len(load.failed)
                killed = children(server.process.pid)[0]
                os.kill(killed, signal.SIGKILL)
                killed_at = time.monotonic()
                while len(children(server.process.pid)) < len(workers) or killed in children(
                    server.process.pid
                ):
                    time.sleep(0.05)
                replaced_in = time.monotonic() - killed_at
                while time.monotonic() - started < args.seconds:
                    time.sleep(0.2)
                lost_to_kill = len(load.failed) - failed_before
            log = (Path(tmp) / "gunicorn.log").read_text()
            return {
                "clients": args.clients,
                "seconds": round(time.monotonic() - started, 1),
                "requests": load.done,
                "failed": load.failed,
                "lost_to_kill": lost_to_kill,
                "reloads": reloads,
                "memory": memory,
                "workers_before_kill": len(workers),
                "workers_after": len(workers_rss_mb(server.process.pid)),
                "replaced_in": replaced_in,
                "refusals_logged": log.count("reload refused"),
            }


def report(result: dict) -> str:
    first, last = result["memory"][1], result["memory"][max(result["memory"])]
    growth = (sum(last) - sum(first)) / sum(first) * 100
    kinds = [kind for kind, _ in result["reloads"]]
    waits = [seconds for _, seconds in result["reloads"]]
    return "\n".join(
        [
            "| measure | value |",
            "| --- | --- |",
            f"| clients, duration | {result['clients']} threads, {result['seconds']} s |",
            f"| requests | {result['requests']:,} (/, /_dash-layout, /healthz) |",
            f"| failed or lost requests | {len(result['failed'])} |",
            f"| reloads | {len(kinds)}: {kinds.count('good')} good, {kinds.count('bad')} bad"
            f" (refusals logged: {result['refusals_logged']}) |",
            f"| HUP to /healthz showing it | {min(waits):.1f} to {max(waits):.1f} s |",
            f"| worker memory after reload 1 | {' + '.join(f'{m:.1f}' for m in first)} MB |",
            f"| worker memory after reload {len(kinds)} | {' + '.join(f'{m:.1f}' for m in last)}"
            f" MB ({growth:+.1f} %) |",
            f"| one worker SIGKILLed | {result['lost_to_kill']} requests lost; workers before"
            f" {result['workers_before_kill']}, after {result['workers_after']}"
            f" (replaced in {result['replaced_in']:.1f} s) |",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--reloads", type=int, default=10)
    result = run(parser.parse_args())
    print(report(result))
    for moment, problem in result["failed"][:20]:
        print(f"  failed at {moment:.1f}: {problem}")


if __name__ == "__main__":
    main()
