"""Geocoding under sequences of faults, within a time budget, and killed at random.

Like tests/cli/test_geocode.py: geopy's real client talks to the fake Nominatim over TCP,
no mocks. Here the faults come in sequences that run across places (a 429 storm that
hits whatever is asked next, an outage, a flaky proxy), every run is timed against its
budget, and `python -m dashboard geocode` is killed with SIGKILL at random moments.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import random
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from filelock import FileLock

from dashboard.data.geocache import Entry, hq_query, read_cache
from dashboard.geocode import Busy, Settings
from tests.support.geocoding import (
    HITS as DATA_HITS,
)
from tests.support.geocoding import (
    KEPT,
    MISSING,
    MUMBAI,
    NAIROBI,
    cache_entries,
    cli_command,
    cli_env,
    copy_partial_data,
    geocode,
    run_cli,
    settings,
    temp_files,
)
from tests.support.nominatim import (
    Delay,
    FakeNominatim,
    Html,
    Malformed,
    Reset,
    Scripted,
    Status,
    Trickle,
    hit,
    outage,
    rate_limited,
    storm,
)

# How far past its budget a run may end: the bookkeeping after the last wait or
# request (a cache write with its fsyncs, the report). Measured: well under 10 ms.
OVERRUN = 0.1
# What `python -m dashboard geocode` takes to start, before its budget starts counting.
STARTUP = 1.5

# More places than data/ has: geocode_places takes any queries, partners.csv or not.
LAGOS, QUITO, LIMA, HANOI = "Lagos, Nigeria", "Quito, Ecuador", "Lima, Peru", "Hanoi, Viet Nam"
PLACES = [*MISSING, LAGOS, QUITO, LIMA, HANOI]
HITS = {
    **DATA_HITS,
    LAGOS: hit(6.4550575, 3.3941795, "Lagos, Lagos State, Nigeria"),
    QUITO: hit(-0.2201641, -78.5123274, "Quito, Pichincha, Ecuador"),
    LIMA: hit(-12.0621065, -77.0365256, "Lima, Peru"),
    HANOI: hit(21.0283334, 105.854041, "Hà Nội, Việt Nam"),
}


def script_hits(nominatim: FakeNominatim, places: list[str]) -> None:
    for query in places:
        nominatim.script(query, HITS[query])


def timed(cache: Path, places: list[str], config: Settings, **kwargs: object):
    """geocode, timed: (report, log lines, seconds taken, time.monotonic() at the start)."""
    started = time.monotonic()
    report, log = geocode(cache, places, config, **kwargs)
    return report, log, time.monotonic() - started, started


def assert_accounted_for(report, places: list[str], cache: Path, before: dict) -> None:
    """Every place geocoded and saved, or listed failed with a reason; nothing lost."""
    assert set(report.geocoded) | set(report.failed) == set(places)
    assert not set(report.geocoded) & set(report.failed)
    assert all(reason.strip() for reason in report.failed.values())
    entries, problems = read_cache(cache)
    assert problems == []
    assert set(entries) == set(before) | set(report.geocoded)
    for query in report.geocoded:
        assert entries[query].display_name == HITS[query].display_name
    for query in before:
        assert entries[query] == before[query]
    assert temp_files(cache.parent) == []


def assert_within_budget(nominatim, config: Settings, started: float, elapsed: float) -> None:
    """The run ended in its budget, and began no request its budget could not see out."""
    print(f"\nbudget {config.budget:g} s: the run took {elapsed:.3f} s")  # shown with -s
    assert elapsed <= config.budget + OVERRUN
    for request in nominatim.requests:
        assert request.time + config.timeout <= started + config.budget + OVERRUN


# the fake server's sequences


def ask(url: str, query: str, timeout: float = 5.0) -> tuple[int, str]:
    address = f"{url}/search?" + urllib.parse.urlencode({"q": query, "format": "json"})
    try:
        with urllib.request.urlopen(address, timeout=timeout) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_sequence_answers_whatever_is_asked_then_the_scripts_answer_again(nominatim):
    nominatim.script(NAIROBI, [HITS[NAIROBI], Status(500)])
    nominatim.script(MUMBAI, HITS[MUMBAI])
    nominatim.sequence([*storm(2), Scripted(), *outage(1), Delay(0.2, Scripted())])

    codes = [ask(nominatim.url, query)[0] for query in (MUMBAI, NAIROBI, NAIROBI, MUMBAI)]
    started = time.monotonic()
    status, _ = ask(nominatim.url, NAIROBI)  # Delay -> Scripted: Nairobi's own next step
    waited = time.monotonic() - started
    after = [ask(nominatim.url, query)[0] for query in (MUMBAI, NAIROBI)]

    assert codes == [429, 429, 200, 503]
    assert status == 500 and waited >= 0.2 - 0.05
    assert after == [200, 500]  # the sequence is used up: each query's script answers
    assert nominatim.sequence_left == 0
    assert [r.step for r in nominatim.requests] == [
        "Status(429)",
        "Status(429)",
        "Hit",
        "Status(503)",
        "Delay->Status(500)",
        "Hit",
        "Status(500)",
    ]
    assert nominatim.requests[0].headers.get("Retry-After") is None  # headers are the client's
    with pytest.raises(ValueError, match="sequence"):
        nominatim.script(MUMBAI, Delay(0.1, Scripted()))


def test_storm_and_outage_write_runs_of_faults_then_what_follows():
    assert storm(3, HITS[NAIROBI], retry_after=2) == [rate_limited(2)] * 3 + [HITS[NAIROBI]]
    assert outage(2, [Reset(), HITS[MUMBAI]]) == [Status(503), Status(503), Reset(), HITS[MUMBAI]]
    assert outage(1, code=500) == [Status(500)]


def test_trickle_answers_a_little_at_a_time(nominatim):
    nominatim.script(NAIROBI, Trickle(0.05, HITS[NAIROBI], chunk=32))

    started = time.monotonic()
    status, body = ask(nominatim.url, NAIROBI, timeout=0.2)  # each read is quick ...
    took = time.monotonic() - started

    assert status == 200 and json.loads(body)[0]["display_name"] == HITS[NAIROBI].display_name
    assert took >= 0.05 * (len(body.encode()) // 32)  # ... the whole answer slow
    assert took > 2 * 0.2


# fault sequences with time enough


def test_a_mixed_fault_sequence_ends_with_every_success_saved_and_every_failure_listed(
    nominatim, cache_path
):
    script_hits(nominatim, PLACES)
    nominatim.sequence(
        [
            *storm(3, Scripted()),  # Nairobi: a 429 storm, then its hit
            Delay(2.0, Scripted()),  # Mumbai: too slow for the timeout ...
            Status(503),  # ... then a 503 ...
            Trickle(0.05, Scripted()),  # ... then an answer sent too slowly in all ...
            Scripted(),  # ... then its hit
            *[Reset()] * 4,  # Lagos: every try reset: it fails
            Malformed(),  # Quito: JSON cut off halfway: fails at once
            Html(),  # Lima: a proxy's HTML page: fails at once
            # Hanoi: the sequence is used up; its own script answers
        ]
    )
    config = settings(nominatim.url, retries=3, timeout=0.5, backoff=0.02, max_wait=0.1, budget=8)
    before, _ = read_cache(cache_path)

    report, _, elapsed, started = timed(cache_path, PLACES, config)

    assert report.geocoded == [NAIROBI, MUMBAI, HANOI]
    assert list(report.failed) == [LAGOS, QUITO, LIMA]
    assert "no connection" in report.failed[LAGOS] and "after 4 tries" in report.failed[LAGOS]
    assert "not JSON" in report.failed[QUITO] and "not JSON" in report.failed[LIMA]
    steps = {query: [r.step for r in nominatim.requests_for(query)] for query in PLACES}
    assert steps[NAIROBI] == ["Status(429)"] * 3 + ["Hit"]
    assert steps[MUMBAI] == ["Delay->Hit", "Status(503)", "Trickle->Hit", "Hit"]
    assert steps[HANOI] == ["Hit"]
    assert_accounted_for(report, PLACES, cache_path, before)
    assert_within_budget(nominatim, config, started, elapsed)
    assert nominatim.sequence_left == 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_fault_sequences_never_lose_a_place(nominatim, cache_path, seed):
    """Random mixes of every fault, across places: each place is saved or listed."""
    rng = random.Random(seed)
    faults = [
        rate_limited(0),
        Status(503),
        Status(500),
        Reset(),
        Delay(0.4, Scripted()),  # longer than the timeout
        Delay(0.05, Scripted()),  # slow, but in time
        Trickle(0.04, Scripted()),  # too slow in all
        Malformed(),
        Html(),
        Scripted(),
    ]
    script_hits(nominatim, PLACES)
    nominatim.sequence([rng.choice(faults) for _ in range(25)])
    config = settings(nominatim.url, retries=2, timeout=0.25, backoff=0.02, max_wait=0.1, budget=12)
    before, _ = read_cache(cache_path)

    report, _, elapsed, started = timed(cache_path, PLACES, config)

    assert_accounted_for(report, PLACES, cache_path, before)
    assert_within_budget(nominatim, config, started, elapsed)
    for query in report.geocoded:  # saved only after a hit came in
        assert nominatim.requests_for(query)[-1].step.endswith("Hit")
    for query in report.failed:  # and a hit in time is always saved
        assert [r.step for r in nominatim.requests_for(query)][-1:] != ["Hit"]


# the time budget


def test_a_429_storm_is_cut_off_by_the_budget(nominatim, cache_path):
    for query in PLACES:
        nominatim.script(query, rate_limited(1))  # the last step repeats: an endless storm
    nominatim.script(NAIROBI, HITS[NAIROBI])
    config = settings(nominatim.url, retries=100, timeout=0.5, max_wait=5, budget=3)
    before, _ = read_cache(cache_path)

    report, log, elapsed, started = timed(cache_path, PLACES, config)

    assert report.geocoded == [NAIROBI]
    assert "time budget of 3 s used up; gave up after" in report.failed[MUMBAI]
    assert "last: rate limited (429)" in report.failed[MUMBAI]
    assert len(nominatim.requests_for(MUMBAI)) >= 2  # Retry-After: 1 was waited out, twice
    for query in PLACES[2:]:
        assert report.failed[query] == "time budget of 3 s used up; not tried"
        assert nominatim.requests_for(query) == []
    assert any("stopping" in line for line in log)
    assert_accounted_for(report, PLACES, cache_path, before)
    assert_within_budget(nominatim, config, started, elapsed)
    assert elapsed >= 3 - 1.5  # it did use the budget: each retry waited 1 s


def test_a_retry_after_the_budget_cannot_cover_stops_at_once_without_waiting(nominatim, cache_path):
    nominatim.script(NAIROBI, [rate_limited(30), HITS[NAIROBI]])
    config = settings(nominatim.url, retries=3, timeout=0.5, max_wait=60, budget=5)

    report, log, elapsed, _ = timed(cache_path, MISSING, config)

    assert elapsed < 1.0  # no pointless sleep: 30 s could never fit in 5
    assert report.failed[NAIROBI] == (
        "time budget of 5 s used up; gave up after 1 try; last: rate limited (429)"
    )
    assert report.failed[MUMBAI] == "time budget of 5 s used up; not tried"
    assert not any("trying again" in line for line in log)
    assert len(nominatim.requests) == 1


def test_slow_answers_use_up_the_budget_and_the_rest_are_listed(nominatim, cache_path):
    for query in PLACES:
        nominatim.script(query, Delay(0.6, HITS[query]))
    config = settings(nominatim.url, timeout=1.0, budget=2.5)
    before, _ = read_cache(cache_path)

    report, _, elapsed, started = timed(cache_path, PLACES, config)

    # 0.6 s each: 1.9 s are left after one, 1.3 s after two, 0.7 s after three: too
    # little for a 1 s timeout, so the fourth is not begun.
    assert report.geocoded == PLACES[:3]
    for query in PLACES[3:]:
        assert report.failed[query] == "time budget of 2.5 s used up; not tried"
    assert_accounted_for(report, PLACES, cache_path, before)
    assert_within_budget(nominatim, config, started, elapsed)


def test_an_answer_trickled_in_is_cut_off_at_the_timeout_not_per_read(nominatim, cache_path):
    # Each read is answered within 0.05 s, so urllib's per-read timeout never fires;
    # the whole answer would take over 1 s.
    nominatim.script(NAIROBI, Trickle(0.05, HITS[NAIROBI], chunk=16))
    nominatim.script(MUMBAI, HITS[MUMBAI])
    config = settings(nominatim.url, timeout=0.4, retries=1, backoff=0.05, budget=5)

    report, _, elapsed, started = timed(cache_path, MISSING, config)

    assert "too slow" in report.failed[NAIROBI]
    assert "gave up after 2 tries" in report.failed[NAIROBI]
    assert report.geocoded == [MUMBAI]
    first, second, mumbai = (r.time for r in nominatim.requests)
    assert second - first < 0.4 + 0.05 + 0.15  # the timeout, the backoff, a little slack
    assert mumbai - second < 0.4 + 0.15
    assert elapsed < 1.5
    assert_within_budget(nominatim, config, started, elapsed)


def test_answers_that_never_come_use_the_budget_to_its_end_but_not_past_it(nominatim, cache_path):
    nominatim.script(NAIROBI, Delay(5.0, HITS[NAIROBI]))  # far past the timeout, every time
    config = settings(
        nominatim.url, timeout=1.0, retries=10, backoff=0.1, max_wait=0.1, budget=2.15
    )

    report, _, elapsed, started = timed(cache_path, MISSING, config)

    # Tries at 0 and 1.1 s each time out 1 s later; at 2.1 s, 0.05 s are left.
    assert len(nominatim.requests) == 2
    assert report.failed[NAIROBI].startswith("time budget of 2.15 s used up; gave up after 2")
    assert report.failed[MUMBAI] == "time budget of 2.15 s used up; not tried"
    assert elapsed >= 2.0
    assert_within_budget(nominatim, config, started, elapsed)


def test_the_pause_after_the_last_request_is_cut_to_the_budget(nominatim, cache_path):
    script_hits(nominatim, MISSING)
    config = settings(nominatim.url, min_delay=5.0, timeout=0.5, budget=2.0)

    report, _, elapsed, started = timed(cache_path, MISSING, config)

    # Mumbai would have to wait 5 s: not begun. The run then keeps the lock for the rest
    # of min_delay, so that a waiting run keeps the pace, but only until the budget ends.
    assert report.geocoded == [NAIROBI]
    assert report.failed[MUMBAI] == "time budget of 2 s used up; not tried"
    assert elapsed >= 2.0 - 0.05
    assert_within_budget(nominatim, config, started, elapsed)


@pytest.mark.parametrize("budget", [0.6, 1.1, 1.7, 2.6])
def test_one_fault_sequence_cut_at_several_budgets(nominatim, cache_path, budget):
    """The same faults, stopped at different moments: always within the budget, and
    every place saved or listed; those the budget stopped say so."""
    script_hits(nominatim, PLACES)
    nominatim.sequence(
        [
            Delay(0.3, Scripted()),
            *storm(2),
            Reset(),
            Delay(0.3, Scripted()),
            Status(503),
            Malformed(),
            Delay(0.3, Scripted()),
            Trickle(0.05, Scripted()),
        ]
    )
    config = settings(
        nominatim.url, timeout=0.5, retries=3, backoff=0.1, max_wait=0.2, budget=budget
    )
    before, _ = read_cache(cache_path)

    report, _, elapsed, started = timed(cache_path, PLACES, config)

    assert_accounted_for(report, PLACES, cache_path, before)
    assert_within_budget(nominatim, config, started, elapsed)
    assert report.failed  # no budget here is enough for every place
    stopped = [q for q, reason in report.failed.items() if "time budget" in reason]
    assert stopped, report.failed
    assert all(f"time budget of {budget:g} s used up" in report.failed[q] for q in stopped)
    # The budget stops a run for good: the places after the first one stopped are not tried.
    first = PLACES.index(stopped[0])
    for query in PLACES[first + 1 :]:
        assert report.failed[query].endswith("not tried")
        assert nominatim.requests_for(query) == []


def test_waiting_for_the_lock_counts_against_the_budget(nominatim, cache_path):
    nominatim.script(NAIROBI, HITS[NAIROBI])
    config = settings(nominatim.url, timeout=0.2, lock_timeout=30, budget=0.5)
    with FileLock(str(cache_path) + ".lock"):
        started = time.monotonic()
        with pytest.raises(Busy, match=r"rest of the time budget of 0\.5 s"):
            geocode(cache_path, [NAIROBI], config)
        elapsed = time.monotonic() - started
    assert 0.5 - 0.05 <= elapsed <= 0.5 + OVERRUN
    assert nominatim.requests == []


def test_a_budget_shorter_than_one_request_is_refused(nominatim, cache_path):
    with pytest.raises(ValueError, match="shorter than one request's timeout"):
        geocode(cache_path, [NAIROBI], settings(nominatim.url, timeout=2, budget=1))
    with pytest.raises(ValueError, match="more than 0"):
        geocode(cache_path, [NAIROBI], settings(nominatim.url, budget=0))
    assert Settings().budget == 600  # the default: ten minutes
    assert nominatim.requests == []


def test_cli_budget_stops_the_run_saves_what_it_got_and_exits_1(nominatim, cache_path):
    nominatim.script(NAIROBI, Delay(0.3, HITS[NAIROBI]))
    nominatim.script(MUMBAI, rate_limited(1))  # an endless storm
    before = cache_entries(cache_path)

    started = time.monotonic()
    result = run_cli(
        cache_path.parent, nominatim.url, "--timeout", "0.5", "--retries", "100", "--budget", "3"
    )
    elapsed = time.monotonic() - started
    print(f"\n--budget 3: the command took {elapsed:.3f} s, Python's start included")

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "geocoded 1, kept 3 from the cache, failed 1" in result.stdout
    assert f"failed: {MUMBAI}: time budget of 3 s used up; gave up after" in result.stderr
    after = cache_entries(cache_path)
    assert set(after) == {*before, NAIROBI}
    assert all(after[query] == before[query] for query in before)
    # The budget starts when the command does, after Python has started and imported
    # geopy, pandas and the rest: allow for that, once.
    assert elapsed <= 3 + OVERRUN + STARTUP
    assert nominatim.requests[-1].time + 0.5 <= started + 3 + OVERRUN + STARTUP


def test_cli_refuses_a_budget_that_is_not_a_positive_number(cache_path):
    for value in ("0", "-5", "nan", "soon"):
        result = run_cli(cache_path.parent, "http://127.0.0.1:9", "--budget", value)
        assert result.returncode == 2, value
        assert "--budget" in result.stderr


# killed at random moments

KILLS = 20
KILL_SEED = 20261128
KILL_OPTIONS = ("--min-delay", "0.03", "--timeout", "2", "--retries", "1", "--budget", "30")
COUNTRIES = {"NGA": "Nigeria", "KEN": "Kenya", "GHA": "Ghana", "ECU": "Ecuador", "PER": "Peru"}


def test_cli_killed_at_random_moments_never_corrupts_the_cache_or_loses_an_entry(
    nominatim, tmp_path
):
    """`python -m dashboard geocode` is killed with SIGKILL KILLS times, each at a random
    moment of its expected run (seeded). After every kill the cache must read without
    errors and hold every entry it held before that run. Each run continues where the
    last left off; new partners are added whenever few places are left to geocode."""
    # Kill moments are fractions of the expected run, from their own seeded generator,
    # so they are the same however long each run takes; places come from another.
    kill_rng, rng = random.Random(KILL_SEED), random.Random(KILL_SEED + 1)
    data = copy_partial_data(tmp_path)
    cache = data / "geocache.json"
    output = (tmp_path / "runs.log").open("w", encoding="utf-8")
    think: dict[str, float] = {}  # the server's delay before answering each place
    numbers = itertools.count(1)
    run: subprocess.Popen[bytes] | None = None

    def script(query: str, name: str) -> None:
        think[query] = rng.uniform(0.03, 0.12)
        found = hit(rng.uniform(-60, 60), rng.uniform(-170, 170), name)
        nominatim.script(query, Delay(think[query], found))

    def add_places(count: int) -> None:
        with (data / "partners.csv").open("a", encoding="utf-8") as partners:
            for _ in range(count):
                number = next(numbers)
                iso3 = rng.choice(sorted(COUNTRIES))
                city = f"Killtown {number}"
                partners.write(
                    f"KILL-{number},Kill Test Partner {number},,{city},{COUNTRIES[iso3]},"
                    "stated-page,test,,,,,,\n"
                )
                script(hq_query(city, iso3), f"{city}, {COUNTRIES[iso3]}")

    def launch() -> tuple[subprocess.Popen[bytes], float]:
        output.write(f"--- run at {time.monotonic():.3f}\n")
        output.flush()
        run = subprocess.Popen(
            cli_command(data, nominatim.url, *KILL_OPTIONS),
            cwd=tmp_path,
            env=cli_env(),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        return run, time.monotonic()

    def first_request(run: subprocess.Popen[bytes], asked: int) -> None:
        """Wait until the run has sent its first request (or has ended)."""
        deadline = time.monotonic() + 60
        while len(nominatim.requests) <= asked and run.poll() is None:
            assert time.monotonic() < deadline, "the run sent no request in 60 s"
            time.sleep(0.005)

    def pending() -> set[str]:
        entries, _ = read_cache(cache)
        return set(think) - set(entries)

    def check(before: dict[str, Entry]) -> dict[str, Entry]:
        entries, problems = read_cache(cache)
        assert [p for p in problems if p.severity == "error"] == [], problems
        lost = {query for query in before if entries.get(query) != before[query]}
        assert not lost, f"entries lost or changed: {sorted(lost)}"
        assert set(entries) <= {*before, *KEPT, *think}  # nothing made up
        return entries

    try:
        # A first run, to the end, times how long the command takes to start.
        for query in MISSING:
            script(query, HITS[query].display_name)
        before, _ = read_cache(cache)
        run, launched = launch()
        assert run.wait(timeout=60) == 0
        startup = nominatim.requests[0].time - launched
        check(before)
        assert pending() == set() and temp_files(data) == []

        runs = killed = mid_run = left_temps = 0
        stale: set[Path] = set()  # temporary files a killed run left behind
        while killed < KILLS:
            runs += 1
            assert runs <= 2 * KILLS, "most runs ended before their kill: expected is too short"
            if len(pending()) < 3:
                add_places(rng.randint(3, 5))
            before = check({})
            todo = pending()
            requesting = sum(think[q] + 0.03 + 0.01 for q in todo)
            kill_at = (startup + requesting) * kill_rng.random()
            asked = len(nominatim.requests)
            run, launched = launch()
            if runs % 2:
                # Every other kill lands among the requests, timed from the run's first:
                # start-up is most of a short run, and its length varies with the
                # machine's load, so uniform moments could all miss the saves.
                first_request(run, asked)
                kill_at = requesting * kill_rng.random()
            with contextlib.suppress(subprocess.TimeoutExpired):
                run.wait(timeout=kill_at)
            run.kill()  # SIGKILL, unless the run has ended by itself
            if run.wait(timeout=30) == -signal.SIGKILL:
                killed += 1
                saved = len(check(before)) - len(before)
                mid_run += 0 < saved < len(todo)
            else:
                assert run.returncode == 0, (tmp_path / "runs.log").read_text()
                saved = len(check(before)) - len(before)
                assert temp_files(data) == []
            if saved:  # this run wrote the cache: what earlier kills left is gone
                assert not stale & set(temp_files(data))
                stale = set()
            stale |= set(temp_files(data))  # allowed after a kill, until the next write
            left_temps += bool(temp_files(data))

        # A last run, to the end: everything is there, and no temporary file is left.
        before = check({})
        run, _ = launch()
        assert run.wait(timeout=60) == 0, (tmp_path / "runs.log").read_text()
        entries = check(before)
        assert set(entries) == set(KEPT) | set(think)
        assert temp_files(data) == []
    finally:
        if run is not None and run.poll() is None:
            run.kill()
            run.wait()
        output.close()
    print(
        f"\n{killed} of {runs} runs killed ({mid_run} between two saves, {left_temps} "
        f"leaving a temporary file); startup {startup:.2f} s"
    )
    assert mid_run >= 1  # some kills came between two saves of a run
