"""A fake Nominatim server for tests: real HTTP on 127.0.0.1, scripted answers.

It speaks the part of Nominatim's API that geopy uses, `GET /search?q=...&format=json`
(geopy adds `limit=1` and other parameters; they are recorded, not required), so the
real geopy client can be pointed at it over TCP. What each query gets is scripted:

    with FakeNominatim({"Accra, Ghana": [Status(503), hit(5.55, -0.2, "Accra, Ghana")]}) as server:
        ...  # settings.endpoint = server.url

Each query has a list of steps used one per request, in order; the last step repeats.
Queries nobody scripted get `default` (an empty result unless told otherwise).

Faults that hit whatever is asked (a 429 storm, an outage, a flaky proxy) are scripted
as one sequence for the whole server; each request takes the sequence's next step,
and once it is used up, its query's own script answers again. `Scripted()` in the
sequence (alone or as a `Delay`'s `then`) means "the query's own next step":

    server.script(NAIROBI, hit(...)); server.script(MUMBAI, hit(...))
    server.sequence([*storm(3), Scripted(), Reset(), Delay(0.5, Scripted()), Malformed()])

`storm` and `outage` write the usual runs of 429s and 503s. Every
request is recorded (monotonic time, path, parameters, User-Agent, the step it got) in
`server.requests`, so tests can count retries and measure the spacing of requests. The
times come from `time.monotonic()`, which on Linux is one clock for every process, so
they can be compared with times taken in a subprocess.

Steps are small frozen dataclasses with an `answer(handler)` method; a new kind of
fault is a new subclass of `Step`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import socket
import struct
import threading
import time
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright"


# The steps


class Step:
    """One scripted answer to one request."""

    def answer(self, handler: _Handler) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class Hit(Step):
    """A found place: a JSON list holding one place shaped like Nominatim's."""

    lat: float
    lon: float
    display_name: str
    osm_type: str = "relation"
    osm_id: int = 3708425
    place_class: str = "boundary"
    place_type: str = "administrative"
    addresstype: str = "city"
    place_rank: int = 16
    importance: float = 0.6512

    def place(self, place_id: int) -> dict[str, Any]:
        return {
            "place_id": place_id,
            "licence": LICENCE,
            "osm_type": self.osm_type,
            "osm_id": self.osm_id,
            "lat": f"{self.lat:.7f}",
            "lon": f"{self.lon:.7f}",
            "class": self.place_class,
            "type": self.place_type,
            "place_rank": self.place_rank,
            "importance": self.importance,
            "addresstype": self.addresstype,
            "name": self.display_name.split(",")[0].strip(),
            "display_name": self.display_name,
            "boundingbox": [
                f"{self.lat - 0.1:.7f}",
                f"{self.lat + 0.1:.7f}",
                f"{self.lon - 0.1:.7f}",
                f"{self.lon + 0.1:.7f}",
            ],
        }

    def answer(self, handler: _Handler) -> None:
        handler.send_json(200, [self.place(handler.server.next_place_id())])


def hit(lat: float, lon: float, display_name: str, **fields: Any) -> Hit:
    """A found place (shorthand for `Hit`)."""
    return Hit(lat, lon, display_name, **fields)


@dataclass(frozen=True)
class Empty(Step):
    """Nominatim found nothing: 200 with `[]`."""

    def answer(self, handler: _Handler) -> None:
        handler.send_json(200, [])


@dataclass(frozen=True)
class Status(Step):
    """An HTTP error status (429, 500, 503 ...), with headers such as Retry-After."""

    code: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: str = ""

    def answer(self, handler: _Handler) -> None:
        body = self.body or json.dumps(
            {"error": {"code": self.code, "message": handler.responses.get(self.code, ("",))[0]}}
        )
        content_type = "text/html; charset=utf-8" if body.lstrip().startswith("<") else None
        handler.send_body(
            self.code,
            body.encode("utf-8"),
            content_type or "application/json; charset=utf-8",
            self.headers,
        )


def rate_limited(retry_after: int | str | None = 1) -> Status:
    """429 Too Many Requests, with a Retry-After header unless `retry_after` is None."""
    headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
    return Status(429, headers)


@dataclass(frozen=True)
class Html(Step):
    """An HTML page where JSON was expected (a proxy's or a captive portal's page)."""

    body: str = (
        "<!DOCTYPE html>\n<html><head><title>Maintenance</title></head>\n"
        "<body><h1>Down for maintenance</h1></body></html>\n"
    )
    code: int = 200

    def answer(self, handler: _Handler) -> None:
        handler.send_body(self.code, self.body.encode("utf-8"), "text/html; charset=utf-8")


@dataclass(frozen=True)
class Malformed(Step):
    """200 application/json whose body is not JSON (cut off halfway)."""

    body: str = '[{"place_id": 1, "lat": "5.55", "lon": '

    def answer(self, handler: _Handler) -> None:
        handler.send_body(200, self.body.encode("utf-8"), "application/json; charset=utf-8")


@dataclass(frozen=True)
class Reset(Step):
    """Close the connection without answering (with a TCP reset)."""

    def answer(self, handler: _Handler) -> None:
        handler.reset()


@dataclass(frozen=True)
class Delay(Step):
    """Wait `seconds` (so a client with a shorter timeout gives up), then answer `then`."""

    seconds: float
    then: Step = field(default_factory=Empty)

    def answer(self, handler: _Handler) -> None:
        if handler.server.stopping.wait(self.seconds):
            return  # the server is stopping: drop the request
        self.then.answer(handler)


@dataclass(frozen=True)
class Gate(Step):
    """Hold the request until `event` is set (at most `limit` seconds), then answer `then`.

    For tests that need a request to be in flight while they do something else."""

    event: threading.Event
    then: Step = field(default_factory=Empty)
    limit: float = 30.0

    def answer(self, handler: _Handler) -> None:
        deadline = time.monotonic() + self.limit
        while not self.event.wait(0.02):
            if handler.server.stopping.is_set():
                return
            if time.monotonic() > deadline:
                break  # answer anyway: a forgotten gate fails a test, not hangs it
        self.then.answer(handler)


@dataclass(frozen=True)
class Trickle(Step):
    """Answer `then`, `chunk` bytes at a time with `interval` seconds between them.

    Each read of the client's is quickly answered, so a per-read timeout never fires,
    yet the whole answer takes long: a slow proxy, or a server under load."""

    interval: float
    then: Step = field(default_factory=Empty)
    chunk: int = 32

    def answer(self, handler: _Handler) -> None:
        raw = handler.wfile
        handler.wfile = _Trickling(raw, self.chunk, self.interval, handler.server)
        try:
            self.then.answer(handler)
        finally:
            handler.wfile = raw


@dataclass(frozen=True)
class Scripted(Step):
    """In the server's sequence: the asked query's own next step, as `script` set it."""

    def answer(self, handler: _Handler) -> None:
        raise RuntimeError("Scripted() is resolved when a request arrives; it never answers")


def storm(
    count: int, then: Step | Sequence[Step] = (), *, retry_after: int | str | None = 1
) -> list[Step]:
    """`count` answers 429 (with Retry-After: `retry_after`), then the steps `then`."""
    return [rate_limited(retry_after)] * count + _steps(then)


def outage(count: int, then: Step | Sequence[Step] = (), *, code: int = 503) -> list[Step]:
    """`count` answers `code` (503 Service Unavailable), then the steps `then`."""
    return [Status(code)] * count + _steps(then)


def _steps(steps: Step | Sequence[Step]) -> list[Step]:
    return [steps] if isinstance(steps, Step) else list(steps)


def _holds_scripted(step: Step) -> bool:
    then = getattr(step, "then", None)
    return isinstance(step, Scripted) or (isinstance(then, Step) and _holds_scripted(then))


class _Trickling:
    """A stand-in for a handler's `wfile` that sends slowly (see `Trickle`)."""

    def __init__(self, raw: Any, chunk: int, interval: float, server: _Server) -> None:
        self.raw, self.chunk, self.interval, self.server = raw, max(chunk, 1), interval, server

    def write(self, data: bytes) -> int:
        for start in range(0, len(data), self.chunk):
            if start and self.server.stopping.wait(self.interval):
                raise ConnectionAbortedError("the server is stopping")
            self.raw.write(data[start : start + self.chunk])
            self.raw.flush()
        return len(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


# What was asked


@dataclass(frozen=True)
class Request:
    """One request as the server saw it."""

    time: float  # time.monotonic() when the request line and headers were read
    path: str  # the path without the query string, e.g. "/search"
    params: dict[str, str]  # the query string's parameters (the last value of each)
    user_agent: str | None
    step: str  # the name of the step that answered, e.g. "Hit", "Status(429)"
    headers: dict[str, str] = field(default_factory=dict)  # every request header

    @property
    def query(self) -> str | None:
        return self.params.get("q")


# The server


class FakeNominatim:
    """A scripted Nominatim on 127.0.0.1:<free port>, served from a daemon thread.

    Use it as a context manager, or call `start()` and `stop()` (e.g. in a fixture)."""

    def __init__(
        self,
        script: Mapping[str, Sequence[Step] | Step] | None = None,
        *,
        default: Step | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._script: dict[str, list[Step]] = {}
        self._used: dict[str, int] = {}
        self._sequence: list[Step] = []
        self._requests: list[Request] = []
        self.default = default if default is not None else Empty()
        for query, steps in (script or {}).items():
            self.script(query, steps)
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # scripting

    def script(self, query: str, steps: Sequence[Step] | Step) -> None:
        """Set (or replace) the steps for `query`; its count of used steps restarts."""
        steps = _steps(steps)
        if not steps:
            raise ValueError(f"no steps for {query!r}")
        if any(_holds_scripted(step) for step in steps):
            raise ValueError("Scripted() belongs in the server's sequence, not a query's script")
        with self._lock:
            self._script[query] = steps
            self._used[query] = 0

    def sequence(self, steps: Sequence[Step] | Step) -> None:
        """Set (or replace) the steps the next requests get, whatever they ask for.

        One step per request, in order, each used once; then the queries' own scripts
        answer again. `Scripted()` in it stands for the asked query's own next step."""
        with self._lock:
            self._sequence = _steps(steps)

    @property
    def sequence_left(self) -> int:
        """How many steps of the sequence are still to be used."""
        with self._lock:
            return len(self._sequence)

    def _next_step(self, query: str | None) -> Step:
        with self._lock:
            if self._sequence:
                return self._resolve(self._sequence.pop(0), query)
            return self._own_step(query)

    def _own_step(self, query: str | None) -> Step:
        steps = self._script.get(query or "")
        if steps is None:
            return self.default
        index = self._used[query]
        self._used[query] = index + 1
        return steps[min(index, len(steps) - 1)]

    def _resolve(self, step: Step, query: str | None) -> Step:
        if isinstance(step, Scripted):
            return self._own_step(query)
        then = getattr(step, "then", None)
        if isinstance(then, Step) and _holds_scripted(then):
            return dataclasses.replace(step, then=self._resolve(then, query))
        return step

    # what was asked

    @property
    def requests(self) -> list[Request]:
        """Every request so far, in the order they arrived."""
        with self._lock:
            return list(self._requests)

    def requests_for(self, query: str) -> list[Request]:
        return [r for r in self.requests if r.query == query]

    def times_for(self, query: str) -> list[float]:
        return [r.time for r in self.requests_for(query)]

    def _record(self, request: Request) -> None:
        with self._lock:
            self._requests.append(request)

    def wait_for_requests(self, count: int, timeout: float = 10.0) -> bool:
        """Wait until at least `count` requests have arrived; False on timeout."""
        deadline = time.monotonic() + timeout
        while len(self.requests) < count:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    # running

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the fake Nominatim is not running")
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        """The endpoint to give the client, e.g. http://127.0.0.1:40123"""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeNominatim:
        if self._httpd is not None:
            return self
        self._httpd = _Server(("127.0.0.1", 0), _Handler, self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fake-nominatim-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> FakeNominatim:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, address: tuple[str, int], handler: type[_Handler], fake: FakeNominatim
    ) -> None:
        self.fake = fake
        self.stopping = threading.Event()
        self._place_ids = iter(range(100_000_001, 200_000_000))
        self._place_lock = threading.Lock()
        self._resets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        super().__init__(address, handler)

    def next_place_id(self) -> int:
        with self._place_lock:
            return next(self._place_ids)

    def mark_reset(self, connection: socket.socket) -> None:
        self._resets.add(connection)

    def shutdown_request(self, request: socket.socket) -> None:  # type: ignore[override]
        if request in self._resets:
            # SO_LINGER 0 is set: closing sends RST; no FIN first.
            self._resets.discard(request)
            self.close_request(request)
            return
        super().shutdown_request(request)

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that timed out and went away makes writing fail: expected here.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive, as nominatim.openstreetmap.org does
    server_version = "FakeNominatim/1.0"

    def do_GET(self) -> None:
        arrived = time.monotonic()
        parts = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        fake = self.server.fake
        if parts.path.rstrip("/") != "/search":
            step: Step = Status(404, body=json.dumps({"error": "Unknown endpoint"}))
        elif "q" not in params:
            step = Status(400, body=json.dumps({"error": "Nothing to search for."}))
        else:
            step = fake._next_step(params["q"])
        fake._record(
            Request(
                time=arrived,
                path=parts.path,
                params=params,
                user_agent=self.headers.get("User-Agent"),
                step=_describe(step),
                headers=dict(self.headers.items()),
            )
        )
        with contextlib.suppress(ConnectionError, OSError):
            step.answer(self)

    # helpers for steps

    def send_json(self, code: int, document: object) -> None:
        body = json.dumps(document, ensure_ascii=False).encode("utf-8")
        self.send_body(code, body, "application/json; charset=utf-8")

    def send_body(
        self,
        code: int,
        body: bytes,
        content_type: str,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        items = headers.items() if isinstance(headers, Mapping) else headers
        for name, value in items:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def reset(self) -> None:
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.server.mark_reset(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet; `requests` has the record


def _describe(step: Step) -> str:
    if isinstance(step, Status):
        return f"Status({step.code})"
    if isinstance(step, Delay | Gate | Trickle):
        return f"{type(step).__name__}->{_describe(step.then)}"
    return type(step).__name__
