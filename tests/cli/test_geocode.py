"""Geocoding against a fake Nominatim: geopy's real client over real TCP, no mocks.

The library tests call `dashboard.geocode.geocode_places` with small timeouts, delays
and backoffs; the command-line tests run `python -m dashboard geocode` in a subprocess
on a copy of data/ whose geocache.json lacks some headquarters. Request times are
taken by the fake server (time.monotonic(), one clock for every process on Linux).

Lower bounds on waits are tight (EPSILON covers the difference in latency between two
requests, e.g. a new connection against a kept-alive one); upper bounds are generous.
"""

from __future__ import annotations

import itertools
import json
import queue
import signal
import stat
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

import pytest
from filelock import FileLock

from dashboard.data.geocache import Entry, hq_query, read_cache, write_cache
from dashboard.data.load import check_data
from dashboard.geocode import Busy, geocode_places, make_geocoder
from tests.support.commands import run_command
from tests.support.geocoding import (
    ACCRA,
    HITS,
    KEPT,
    MISSING,
    MUMBAI,
    NAIROBI,
    USER_AGENT,
    cache_entries,
    cli_env,
    geocode,
    run_cli,
    settings,
    start_cli,
    temp_files,
)
from tests.support.nominatim import (
    LICENCE,
    Delay,
    Empty,
    Gate,
    Html,
    Malformed,
    Reset,
    Status,
    hit,
    rate_limited,
)
from tests.support.servers import free_port

EPSILON = 0.05  # seconds: how much earlier than a required wait a request may arrive


# helpers


def gaps(times: list[float]) -> list[float]:
    return [later - earlier for earlier, later in itertools.pairwise(times)]


# a hit, the cache and the User-Agent


def test_hit_is_cached_with_query_coordinates_provenance_and_time(nominatim, cache_path):
    nominatim.script(NAIROBI, HITS[NAIROBI])
    before = datetime.now(UTC).replace(microsecond=0)
    report, _ = geocode(cache_path, [NAIROBI], settings(nominatim.url))
    after = datetime.now(UTC)

    assert report.geocoded == [NAIROBI] and not report.failed
    entry = cache_entries(cache_path)[NAIROBI]
    assert entry["query"] == NAIROBI
    assert entry["latitude"] == pytest.approx(-1.2832533, abs=1e-6)
    assert entry["longitude"] == pytest.approx(36.8172449, abs=1e-6)
    assert entry["display_name"] == "Nairobi, Nairobi County, Kenya"
    assert nominatim.url in entry["source"] and "Nominatim" in entry["source"]
    assert entry["licence"] == LICENCE
    retrieved = datetime.fromisoformat(entry["retrieved"])
    assert retrieved.tzinfo is not None
    assert before <= retrieved <= after
    # What was written reads back as a valid entry.
    entries, problems = read_cache(cache_path)
    assert not problems
    assert entries[NAIROBI].latitude == pytest.approx(-1.2832533, abs=1e-6)


def test_requests_speak_nominatim_search_with_the_configured_user_agent(nominatim, cache_path):
    nominatim.script(NAIROBI, HITS[NAIROBI])
    geocode(cache_path, [NAIROBI], settings(nominatim.url, user_agent="my-agent/2.0 (me@x.org)"))

    [request] = nominatim.requests
    assert request.path == "/search"
    assert request.query == NAIROBI
    assert request.params["format"] == "json"
    assert request.user_agent == "my-agent/2.0 (me@x.org)"


def test_cached_places_are_kept_and_not_requested_again(nominatim, cache_path):
    for query, step in HITS.items():
        nominatim.script(query, step)
    before = cache_entries(cache_path)

    report, _ = geocode(cache_path, KEPT + MISSING, settings(nominatim.url))

    assert report.kept == KEPT
    assert report.geocoded == MISSING
    assert [r.query for r in nominatim.requests] == MISSING
    after = cache_entries(cache_path)
    for query in KEPT:
        assert after[query] == before[query]


def test_refresh_requests_cached_places_again_and_replaces_them(nominatim, cache_path):
    moved = hit(5.6, -0.19, "Accra (refreshed), Ghana")
    nominatim.script(ACCRA, moved)

    report, _ = geocode(cache_path, [ACCRA], settings(nominatim.url), refresh=True)

    assert report.geocoded == [ACCRA] and not report.kept
    assert [r.query for r in nominatim.requests] == [ACCRA]
    entry = cache_entries(cache_path)[ACCRA]
    assert entry["display_name"] == "Accra (refreshed), Ghana"
    assert entry["latitude"] == pytest.approx(5.6)
    assert nominatim.url in entry["source"]


def test_duplicate_queries_are_requested_once(nominatim, cache_path):
    nominatim.script(NAIROBI, HITS[NAIROBI])
    report, _ = geocode(cache_path, [NAIROBI, NAIROBI], settings(nominatim.url))
    assert report.geocoded == [NAIROBI]
    assert len(nominatim.requests) == 1


def test_invalid_endpoint_is_refused_before_any_request():
    with pytest.raises(ValueError, match="http:// or https://"):
        make_geocoder(settings("ftp://127.0.0.1:1"))


# no result


def test_no_result_is_reported_failed_and_other_hits_still_saved(nominatim, cache_path):
    nominatim.script(NAIROBI, Empty())
    nominatim.script(MUMBAI, HITS[MUMBAI])

    report, log = geocode(cache_path, MISSING, settings(nominatim.url))

    assert report.geocoded == [MUMBAI]
    assert list(report.failed) == [NAIROBI]
    assert "no result" in report.failed[NAIROBI]
    assert len(nominatim.requests_for(NAIROBI)) == 1  # nothing to gain by asking again
    assert any(NAIROBI in line and "FAILED" in line for line in log)
    entries = cache_entries(cache_path)
    assert MUMBAI in entries and NAIROBI not in entries


# rate limits, server errors, timeouts


def test_429_with_retry_after_is_waited_out_then_succeeds(nominatim, cache_path):
    nominatim.script(NAIROBI, [rate_limited(1), HITS[NAIROBI]])

    report, _ = geocode(cache_path, [NAIROBI], settings(nominatim.url, retries=2, backoff=0.05))

    assert report.geocoded == [NAIROBI] and not report.failed
    requests = nominatim.requests_for(NAIROBI)
    assert [r.step for r in requests] == ["Status(429)", "Hit"]
    # The retry honours Retry-After: 1, not the 0.05 s backoff.
    assert gaps([r.time for r in requests])[0] >= 1.0 - EPSILON
    assert NAIROBI in cache_entries(cache_path)


def test_500_and_503_are_retried_with_doubling_backoff_then_succeed(nominatim, cache_path):
    nominatim.script(NAIROBI, [Status(500), Status(503), HITS[NAIROBI]])

    report, log = geocode(cache_path, [NAIROBI], settings(nominatim.url, retries=3, backoff=0.2))

    assert report.geocoded == [NAIROBI] and not report.failed
    requests = nominatim.requests_for(NAIROBI)
    assert [r.step for r in requests] == ["Status(500)", "Status(503)", "Hit"]
    first, second = gaps([r.time for r in requests])
    assert first >= 0.2 - EPSILON
    assert second >= 0.4 - EPSILON  # the backoff doubled
    assert sum("trying again" in line for line in log) == 2
    assert NAIROBI in cache_entries(cache_path)


def test_persistent_503_fails_after_retries_plus_one_requests(nominatim, cache_path):
    nominatim.script(NAIROBI, Status(503))
    nominatim.script(MUMBAI, HITS[MUMBAI])

    report, _ = geocode(cache_path, MISSING, settings(nominatim.url, retries=2, backoff=0.05))

    assert len(nominatim.requests_for(NAIROBI)) == 3
    assert "gave up after 3 tries" in report.failed[NAIROBI]
    assert report.geocoded == [MUMBAI]
    assert NAIROBI not in cache_entries(cache_path)


def test_timeout_then_answer_is_retried_and_succeeds(nominatim, cache_path):
    nominatim.script(NAIROBI, [Delay(1.0, HITS[NAIROBI]), HITS[NAIROBI]])

    report, _ = geocode(cache_path, [NAIROBI], settings(nominatim.url, timeout=0.3, retries=2))

    assert report.geocoded == [NAIROBI] and not report.failed
    assert [r.step for r in nominatim.requests_for(NAIROBI)] == ["Delay->Hit", "Hit"]


def test_persistent_timeout_is_reported_failed_not_a_crash(nominatim, cache_path):
    nominatim.script(NAIROBI, Delay(1.0, HITS[NAIROBI]))
    nominatim.script(MUMBAI, HITS[MUMBAI])
    config = settings(nominatim.url, timeout=0.3, retries=1, backoff=0.05)

    started = time.monotonic()
    report, _ = geocode(cache_path, MISSING, config)
    elapsed = time.monotonic() - started

    assert "too slow" in report.failed[NAIROBI]
    assert "gave up after 2 tries" in report.failed[NAIROBI]
    assert len(nominatim.requests_for(NAIROBI)) >= 2  # it was tried again
    assert report.geocoded == [MUMBAI]
    assert NAIROBI not in cache_entries(cache_path)
    assert elapsed < 15  # the client gave up on the slow answers


@pytest.mark.parametrize("answer", [Html(), Malformed()], ids=["html", "malformed-json"])
def test_answer_that_is_not_json_fails_at_once_with_a_one_line_message(
    nominatim, cache_path, answer
):
    nominatim.script(NAIROBI, answer)
    nominatim.script(MUMBAI, HITS[MUMBAI])

    report, _ = geocode(cache_path, MISSING, settings(nominatim.url, retries=3))

    reason = report.failed[NAIROBI]
    assert "ParseError" in reason or "JSON" in reason
    assert "\n" not in reason and "<html" not in reason.lower() and len(reason) < 300
    assert len(nominatim.requests_for(NAIROBI)) == 1  # the same answer would come again
    assert report.geocoded == [MUMBAI]


def test_connection_reset_is_retried_then_succeeds(nominatim, cache_path):
    nominatim.script(NAIROBI, [Reset(), HITS[NAIROBI]])

    report, _ = geocode(cache_path, [NAIROBI], settings(nominatim.url, retries=2))

    assert report.geocoded == [NAIROBI] and not report.failed
    assert [r.step for r in nominatim.requests_for(NAIROBI)] == ["Reset", "Hit"]


def test_connection_refused_fails_every_place_and_leaves_cache_untouched(cache_path):
    endpoint = f"http://127.0.0.1:{free_port()}"
    before = cache_path.read_bytes()

    report, _ = geocode(cache_path, MISSING, settings(endpoint, retries=1, backoff=0.05))

    assert set(report.failed) == set(MISSING) and not report.geocoded
    for reason in report.failed.values():
        assert f"no connection to {endpoint}" in reason
        assert "gave up after 2 tries" in reason
    assert cache_path.read_bytes() == before
    assert temp_files(cache_path.parent) == []


# pacing and the lock


def test_requests_are_at_least_min_delay_apart(nominatim, cache_path):
    for query in KEPT:
        nominatim.script(query, HITS[query])

    report, _ = geocode(cache_path, KEPT, settings(nominatim.url, min_delay=0.5), refresh=True)

    assert report.geocoded == KEPT
    times = [r.time for r in nominatim.requests]
    assert len(times) == 3
    assert min(gaps(times)) >= 0.5 - EPSILON


def test_busy_when_another_run_holds_the_lock_past_lock_timeout(nominatim, cache_path):
    nominatim.script(NAIROBI, HITS[NAIROBI])
    before = cache_path.read_bytes()
    with FileLock(str(cache_path) + ".lock"):
        started = time.monotonic()
        with pytest.raises(Busy, match="held for over"):
            geocode(cache_path, [NAIROBI], settings(nominatim.url, lock_timeout=0.3))
        waited = time.monotonic() - started
    assert waited >= 0.3 - EPSILON
    assert nominatim.requests == []
    assert cache_path.read_bytes() == before


# a writer killed at the worst moment

KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from dashboard.data import geocache

path = Path(sys.argv[1])
entries, problems = geocache.read_cache(path)
assert not problems, problems
entries["Lagos, Nigeria"] = geocache.Entry(
    "Lagos, Nigeria", 6.455027, 3.384082, "Lagos, Nigeria", "test", "2026-01-01T00:00:00+00:00"
)

def die(src, dst):  # the temp file is written and fsynced: die before it replaces the cache
    os.kill(os.getpid(), signal.SIGKILL)

os.replace = die
geocache.write_cache(path, entries)
print("write_cache returned", flush=True)
"""


def test_writer_killed_before_replace_leaves_old_cache_and_next_write_cleans_up(cache_path):
    before = cache_path.read_bytes()
    entries_before, _ = read_cache(cache_path)

    killed = run_command(
        [sys.executable, "-c", KILLED_WRITER, str(cache_path)],
        cwd=cache_path.parent,
        env=cli_env(),
    )

    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert "returned" not in killed.stdout
    assert cache_path.read_bytes() == before
    entries, problems = read_cache(cache_path)
    assert problems == []
    assert entries == entries_before
    assert len(temp_files(cache_path.parent)) == 1  # the kill came in the window

    entries["Lagos, Nigeria"] = Entry(
        "Lagos, Nigeria", 6.455027, 3.384082, "Lagos, Nigeria", "test", "2026-01-02"
    )
    write_cache(cache_path, entries)

    assert temp_files(cache_path.parent) == []
    reread, problems = read_cache(cache_path)
    assert problems == [] and reread == entries


# the command line


def test_cli_geocodes_missing_places_keeps_cached_ones_and_sends_user_agent(
    nominatim, partial_data
):
    for query, step in HITS.items():
        nominatim.script(query, step)
    cache = partial_data / "geocache.json"
    before = cache_entries(cache)

    result = run_cli(partial_data, nominatim.url)

    assert result.returncode == 0, result.stderr
    assert "geocoded 2, kept 3 from the cache, failed 0" in result.stdout
    assert [r.query for r in nominatim.requests] == MISSING
    assert {r.user_agent for r in nominatim.requests} == {USER_AGENT}
    after = cache_entries(cache)
    assert set(after) == set(KEPT) | set(MISSING)
    for query in KEPT:
        assert after[query] == before[query]
    for query in MISSING:
        assert after[query]["display_name"] == HITS[query].display_name
        assert nominatim.url in after[query]["source"]
        datetime.fromisoformat(after[query]["retrieved"])
    # The loader accepts the cache written, and every headquarters now has coordinates.
    checked = check_data(partial_data)
    assert checked.tables is not None, checked.problems
    partners = checked.tables.partners
    assert partners.loc[partners["hq_city"] != "", "latitude"].notna().all()


def test_cli_refresh_requests_every_place_again(nominatim, partial_data):
    for query, step in HITS.items():
        nominatim.script(query, step)

    result = run_cli(partial_data, nominatim.url, "--refresh")

    assert result.returncode == 0, result.stderr
    assert "geocoded 5, kept 0 from the cache, failed 0" in result.stdout
    assert sorted(r.query for r in nominatim.requests) == sorted(HITS)
    after = cache_entries(partial_data / "geocache.json")
    for query in KEPT:
        assert after[query]["display_name"] == HITS[query].display_name
        assert nominatim.url in after[query]["source"]


def test_cli_no_result_exits_1_lists_the_failure_and_saves_the_rest(nominatim, partial_data):
    nominatim.script(NAIROBI, Empty())
    nominatim.script(MUMBAI, HITS[MUMBAI])

    result = run_cli(partial_data, nominatim.url)

    assert result.returncode == 1
    assert "geocoded 1, kept 3 from the cache, failed 1" in result.stdout
    assert f"failed: {NAIROBI}: no result" in result.stderr
    after = cache_entries(partial_data / "geocache.json")
    assert MUMBAI in after and NAIROBI not in after


def test_cli_connection_refused_exits_1_names_the_problem_and_leaves_cache(partial_data):
    cache = partial_data / "geocache.json"
    before = cache.read_bytes()
    port = free_port()

    result = run_cli(partial_data, f"http://127.0.0.1:{port}")

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for query in MISSING:
        assert f"failed: {query}: no connection to http://127.0.0.1:{port}" in result.stderr
    assert "Connection refused" in result.stderr
    assert cache.read_bytes() == before
    assert temp_files(partial_data) == []


def test_cli_malformed_cache_exits_1_names_file_and_line_and_sends_nothing(nominatim, partial_data):
    for query, step in HITS.items():
        nominatim.script(query, step)
    cache = partial_data / "geocache.json"
    lines = cache.read_text(encoding="utf-8").splitlines(keepends=True)
    broken_at = next(i for i, line in enumerate(lines) if '"latitude"' in line)
    lines[broken_at] = lines[broken_at].replace(",", "", 1)  # drop the comma after the value
    cache.write_text("".join(lines), encoding="utf-8")
    before = cache.read_bytes()
    with pytest.raises(json.JSONDecodeError) as parsed:
        json.loads(before)
    line = parsed.value.lineno  # the line after the missing comma
    assert line == broken_at + 2

    result = run_cli(partial_data, nominatim.url)

    assert result.returncode == 1
    assert f"{cache}:{line}:" in result.stderr
    assert "not valid JSON" in result.stderr
    assert cache.read_bytes() == before
    assert nominatim.requests == []
    assert temp_files(partial_data) == []


def test_cli_two_runs_at_once_are_serialised_and_neither_loses_the_others(nominatim, partial_data):
    """Run A geocodes the two missing places; while its first request is held by the
    server, two partners are added to partners.csv and run B starts: it must wait for
    A's lock, then read A's entries and geocode only the two new places."""
    lagos, quito = hq_query("Lagos", "NGA"), hq_query("Quito", "ECU")
    release = threading.Event()
    for query in MISSING:
        nominatim.script(query, Gate(release, Delay(0.1, HITS[query])))
    nominatim.script(lagos, Delay(0.1, hit(6.4550575, 3.3941795, "Lagos, Lagos State, Nigeria")))
    nominatim.script(quito, Delay(0.1, hit(-0.2201641, -78.5123274, "Quito, Pichincha, Ecuador")))
    cache = partial_data / "geocache.json"
    before = cache_entries(cache)
    options = ("--min-delay", "0.2")

    run_a = start_cli(partial_data, nominatim.url, *options)
    run_b = None
    try:
        assert nominatim.wait_for_requests(1, timeout=30), "run A sent no request"
        # Run A holds the lock now and has read partners.csv: add two partners for B.
        with (partial_data / "partners.csv").open("a", encoding="utf-8") as partners:
            partners.write("LAGOS-T,Lagos Test Partner,,Lagos,Nigeria,stated-page,test,,,,,,\n")
            partners.write("QUITO-T,Quito Test Partner,,Quito,Ecuador,stated-page,test,,,,,,\n")
        run_b = start_cli(partial_data, nominatim.url, *options, stderr=subprocess.STDOUT)
        lines: queue.Queue[str | None] = queue.Queue()

        def read_b() -> None:
            for line in run_b.stdout:
                lines.put(line)
            lines.put(None)

        reader = threading.Thread(target=read_b, daemon=True)
        reader.start()
        output_b = []
        deadline = time.monotonic() + 30
        while not any("waiting" in line for line in output_b):
            line = lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            assert line is not None, f"run B ended without waiting: {''.join(output_b)}"
            output_b.append(line)
        release.set()
        out_a, err_a = run_a.communicate(timeout=60)
        assert run_b.wait(timeout=60) == 0, "".join(output_b)
        reader.join(timeout=10)
        while (line := lines.get_nowait()) is not None:
            output_b.append(line)
    finally:
        release.set()
        for run in (run_a, run_b):
            if run is not None and run.poll() is None:
                run.kill()
                run.wait()
    output_b = "".join(output_b)

    assert run_a.returncode == 0, err_a
    assert "geocoded 2, kept 3 from the cache, failed 0" in out_a
    assert "holds" in output_b and "waiting for it to finish" in output_b
    assert "geocoded 2, kept 5 from the cache, failed 0" in output_b
    # Each place was asked once, and every request of B came after A's last one.
    asked = [r.query for r in nominatim.requests]
    assert sorted(asked) == sorted([*MISSING, lagos, quito])
    assert max(nominatim.times_for(q)[0] for q in MISSING) < min(
        nominatim.times_for(q)[0] for q in (lagos, quito)
    )
    after = cache_entries(cache)
    assert set(after) == set(KEPT) | set(MISSING) | {lagos, quito}
    for query in KEPT:
        assert after[query] == before[query]
    entries, problems = read_cache(cache)
    assert problems == [] and len(entries) == 7


# Found by review: each failed before its fix.


@pytest.mark.parametrize(
    "fault", [Delay(1.0, HITS[NAIROBI]), Reset()], ids=["timeout", "connection-reset"]
)
def test_every_request_is_a_counted_and_paced_try(nominatim, cache_path, fault):
    nominatim.script(NAIROBI, fault)
    config = settings(nominatim.url, min_delay=0.4, timeout=0.3, retries=1, backoff=0.05)

    report, _ = geocode(cache_path, [NAIROBI], config)

    assert NAIROBI in report.failed
    times = nominatim.times_for(NAIROBI)
    assert len(times) == config.retries + 1
    assert min(gaps(times)) >= config.min_delay - EPSILON


def test_retry_after_longer_than_max_wait_is_cut_to_max_wait(nominatim, cache_path):
    nominatim.script(NAIROBI, [rate_limited(2), HITS[NAIROBI]])

    report, _ = geocode(cache_path, [NAIROBI], settings(nominatim.url, max_wait=0.3, retries=2))

    assert report.geocoded == [NAIROBI]
    [gap] = gaps(nominatim.times_for(NAIROBI))
    assert 0.3 - EPSILON <= gap < 1.5


def test_two_runs_together_keep_min_delay_between_requests(nominatim, cache_path):
    lagos = hq_query("Lagos", "NGA")
    release = threading.Event()
    nominatim.script(NAIROBI, Gate(release, HITS[NAIROBI]))
    nominatim.script(lagos, hit(6.4550575, 3.3941795, "Lagos, Lagos State, Nigeria"))
    config = settings(nominatim.url, min_delay=2.0)
    logs: dict[str, list[str]] = {"a": [], "b": []}
    errors: list[BaseException] = []

    def run(name: str, query: str) -> None:
        try:
            geocode_places(cache_path, [query], config, log=logs[name].append)
        except BaseException as error:  # reported by the test thread
            errors.append(error)

    run_a = threading.Thread(target=run, args=("a", NAIROBI))
    run_a.start()
    assert nominatim.wait_for_requests(1, timeout=10)
    run_b = threading.Thread(target=run, args=("b", lagos))
    run_b.start()
    deadline = time.monotonic() + 10
    while not any("waiting" in line for line in logs["b"]) and time.monotonic() < deadline:
        time.sleep(0.01)
    release.set()
    run_a.join(timeout=30)
    run_b.join(timeout=30)

    assert not errors
    assert any("waiting" in line for line in logs["b"])
    [gap] = gaps([r.time for r in nominatim.requests])
    assert gap >= config.min_delay - EPSILON


def test_connection_refused_is_named_in_the_reason(cache_path):
    endpoint = f"http://127.0.0.1:{free_port()}"

    report, _ = geocode(cache_path, [NAIROBI], settings(endpoint, retries=0))

    assert "refused" in report.failed[NAIROBI].lower()


def test_write_cache_keeps_the_cache_readable_by_others(cache_path):
    cache_path.chmod(0o644)
    entries, _ = read_cache(cache_path)

    write_cache(cache_path, entries)

    assert stat.S_IMODE(cache_path.stat().st_mode) == 0o644
