"""Regenerate assets/topojson/ (the map outlines), assets/plotly-geo.min.js and
assets/plotly-locales/ (plotly.js's own words, e.g. the modebar's, per language).

plotly.js fetches the base map of a geo subplot (`<scope>_<resolution>m.json`,
e.g. `world_110m.json`) from https://cdn.plot.ly/un/ unless the plot config says
otherwise, so offline the map is blank. The same UN outlines ship inside the npm
package `plotly.js` as `dist/plotly-geo-assets.js`; this script takes them from
there, for exactly the plotly.js version the `plotly` Python package bundles, and
writes them as plain TopoJSON for Dash to serve from `assets/`. The app points
plotly.js at them with `dcc.Graph(config={"topojsonURL": app.get_asset_url("topojson/")})`.
The bundle's own defaults for that address and Chart Studio's are rewritten to
name no other host (OFFLINE_DEFAULTS), for a graph drawn without that config.

Needs `npm` (to fetch the package from the registry into a temporary directory,
so no node_modules/ lands in the repository) and `node` (plotly-geo-assets.js is
a JavaScript bundle, not JSON; it is evaluated in an isolated `vm` context with no
`require`, and only the data it builds is read back). Run from anywhere:

    .venv/bin/python scripts/make_geo_assets.py                     # world_110m only
    .venv/bin/python scripts/make_geo_assets.py world_110m world_50m

The tarball is checked against the integrity pinned below and against the
registry's own metadata; any mismatch, a different version inside the package,
or a file that is not TopoJSON stops the script with an error and writes nothing.
The output is a function of the pinned tarball alone, so reruns are byte-identical.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "assets" / "topojson"

PACKAGE = "plotly.js"
VERSION = "4.1.1"  # must equal the plotly.js inside plotly==7.1.0 (package_data/plotly.min.js)
SPEC = f"{PACKAGE}@{VERSION}"
# From `npm view plotly.js@4.1.1 dist`; a different tarball under the same version fails.
INTEGRITY = (
    "sha512-fYLAOj091/+M4h1rmtVIkRIpdkz5/P9IdNUeB9wKmCUyv"
    "ewuUdlCYR5ryqDWP7Cb36Dn4EvSrs6YKvRJ9ukNdQ=="
)
SHASUM = "f797e8f2d54603fd9d11b08aae8eb31147200b67"
MEMBER = "package/dist/plotly-geo-assets.js"
# plotly.js's geo-only bundle (scattergeo, choropleth, scatter): a third the size of the
# full plotly.min.js that Dash would otherwise load. Dash includes every .js file in
# assets/ before its own scripts, and dcc.Graph uses window.Plotly when it is defined.
BUNDLE_MEMBER = "package/dist/plotly-geo.min.js"
BUNDLE_OUT = ROOT / "assets" / "plotly-geo.min.js"
# The bundle's config defaults that name another host: the base maps' address and
# Chart Studio's. The app's graph config sets its own topojsonURL, but a graph drawn
# without it must still ask nothing of the internet: the page runs offline. Each is
# rewritten exactly once, so a plotly.js that moves them stops this script.
OFFLINE_DEFAULTS = {
    'topojsonURL:{valType:"string",noBlank:!0,dflt:"https://cdn.plot.ly/un/"}': (
        'topojsonURL:{valType:"string",noBlank:!0,dflt:"/assets/topojson/"}'
    ),
    'plotlyServerURL:{valType:"string",dflt:"https://cloud.plotly.com/newchart"}': (
        'plotlyServerURL:{valType:"string",dflt:""}'
    ),
}

# plotly.js's translations of its own texts, for the page's languages other than English.
# The app serves only the page language's file (Dash's assets_ignore keeps them out of
# every page); each registers itself with plotly.js whether it loads before or after.
LOCALE_MEMBERS = ("ar", "es", "fr", "ru", "zh-cn")
LOCALE_DIR = ROOT / "assets" / "plotly-locales"

# The app draws one world map at the default resolution (geo.resolution = 110), so only
# world_110m.json is requested. world_50m.json is about six times larger and is only
# fetched if a figure sets geo.resolution=50; pass it on the command line if one does.
DEFAULT_NAMES = ("world_110m",)
# plotly.js draws these layers; locationmode "ISO-3" and "country names" use `countries`.
REQUIRED_OBJECTS = {"countries", "land", "coastlines", "ocean", "lakes", "rivers", "subunits"}


# Runs the bundle the way a browser would (it ends with `window.Plotly = ...`), but in a
# fresh vm context whose only globals are `window` and `module`: the UMD wrapper sees
# `module.exports` and stores `{topojson, version}` there.
NODE_EVAL = r"""
const fs = require("fs");
const vm = require("vm");
const [file, ...wanted] = process.argv.slice(1);
const sandbox = {module: {exports: {}}, window: {}};
vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox, {filename: file, timeout: 60000});
const assets = sandbox.module.exports;
if (!assets || typeof assets.topojson !== "object") {
    throw new Error("plotly-geo-assets.js did not export {topojson, version}");
}
const topojson = {};
for (const name of wanted) {
    if (!(name in assets.topojson)) {
        throw new Error(`no ${name} in plotly-geo-assets.js; it has: ` +
                        Object.keys(assets.topojson).join(", "));
    }
    topojson[name] = assets.topojson[name];
}
process.stdout.write(JSON.stringify({
    version: assets.version,
    available: Object.keys(assets.topojson),
    topojson,
}));
"""


class Failed(Exception):
    """Something about the package is not what this script was written for."""


def run(cmd: list[str], cwd: Path) -> str:
    exe = shutil.which(cmd[0])
    if exe is None:
        raise Failed(f"`{cmd[0]}` is not on PATH; it is needed to fetch and read {SPEC}")
    done = subprocess.run([exe, *cmd[1:]], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shown = " ".join(arg if len(arg) < 200 else "<script>" for arg in cmd)
        raise Failed(f"`{shown}` exited {done.returncode}:\n{done.stderr.strip()}")
    return done.stdout


def registry_dist(tmp: Path) -> dict:
    """The registry's record of the tarball: version, integrity, shasum, URL."""
    meta = json.loads(run(["npm", "view", SPEC, "version", "dist", "--json"], tmp))
    if meta.get("version") != VERSION:
        raise Failed(f"npm resolved {SPEC} to version {meta.get('version')!r}")
    dist = meta["dist"]
    if dist.get("integrity") != INTEGRITY or dist.get("shasum") != SHASUM:
        raise Failed(
            f"registry metadata for {SPEC} differs from the pinned tarball:\n"
            f"  integrity {dist.get('integrity')} (pinned {INTEGRITY})\n"
            f"  shasum    {dist.get('shasum')} (pinned {SHASUM})"
        )
    return dist


def fetch_tarball(tmp: Path) -> Path:
    """`npm pack` the package into tmp (no install, no node_modules) and verify it."""
    packed = json.loads(
        run(
            ["npm", "pack", SPEC, "--pack-destination", str(tmp), "--ignore-scripts", "--json"], tmp
        )
    )
    tarball = tmp / packed[0]["filename"]
    data = tarball.read_bytes()
    sha512 = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    sha1 = hashlib.sha1(data).hexdigest()
    if sha512 != INTEGRITY or sha1 != SHASUM:
        raise Failed(f"{tarball.name}: got {sha512} / {sha1}, expected {INTEGRITY} / {SHASUM}")
    print(f"{SPEC}: {tarball.name}, {len(data):,} bytes, integrity and shasum verified")
    return tarball


def extract(tarball: Path, member_name: str) -> bytes:
    """A file of the tarball, after checking the package's name, version and banner."""
    with tarfile.open(tarball, "r:gz") as tar:
        package_json = json.load(tar.extractfile("package/package.json"))
        member = tar.getmember(member_name)
        if not member.isfile():
            raise Failed(f"{member_name} in {tarball.name} is not a regular file")
        source = tar.extractfile(member).read()
    if package_json.get("name") != PACKAGE or package_json.get("version") != VERSION:
        raise Failed(
            f"{tarball.name} holds {package_json.get('name')}@{package_json.get('version')}"
        )
    header = source[:200].decode("utf-8", "replace")
    # "plotly.js v4.1.1" or, for the partial bundles, "plotly.js (geo - minified) v4.1.1"
    if not re.search(rf"plotly\.js (\([^)]*\) )?v{re.escape(VERSION)}\n", header):
        raise Failed(f"{member_name} does not start with a plotly.js v{VERSION} banner:\n{header}")
    return source


def extract_locales(tarball: Path) -> dict[str, bytes]:
    """dist/plotly-locale-<name>.js for each of LOCALE_MEMBERS, checked to be a locale."""
    locales = {}
    with tarfile.open(tarball, "r:gz") as tar:
        for name in LOCALE_MEMBERS:
            source = tar.extractfile(f"package/dist/plotly-locale-{name}.js").read()
            if not source.startswith(b'var locale={moduleType:"locale"'):
                raise Failed(f"plotly-locale-{name}.js is not a plotly.js locale module")
            locales[name] = source
    return locales


def write_locales(locales: dict[str, bytes]) -> None:
    LOCALE_DIR.mkdir(parents=True, exist_ok=True)
    for name, source in locales.items():
        out = LOCALE_DIR / f"plotly-locale-{name}.js"
        out.write_bytes(source)
        print(f"wrote {out.relative_to(ROOT)}: {len(source):,} bytes")


def extract_geo_assets(tarball: Path, tmp: Path) -> Path:
    """Copy dist/plotly-geo-assets.js out of the tarball, for node to evaluate."""
    path = tmp / "plotly-geo-assets.js"
    path.write_bytes(extract(tarball, MEMBER))
    return path


def offline(bundle: bytes) -> bytes:
    """The bundle with OFFLINE_DEFAULTS written in."""
    text = bundle.decode()
    for default, ours in OFFLINE_DEFAULTS.items():
        if text.count(default) != 1:
            raise Failed(f"{BUNDLE_MEMBER}: expected once, found {text.count(default)}: {default}")
        text = text.replace(default, ours)
    return text.encode()


def write_bundle(source: bytes) -> None:
    BUNDLE_OUT.write_bytes(source)
    gz = len(gzip.compress(source, compresslevel=9, mtime=0))
    print(f"wrote {BUNDLE_OUT.relative_to(ROOT)}: {len(source):,} bytes ({gz:,} gzipped)")


def read_topojson(assets_js: Path, names: list[str], tmp: Path) -> dict[str, dict]:
    """Evaluate the bundle with node and return the requested topologies."""
    result = json.loads(run(["node", "-e", NODE_EVAL, str(assets_js), *names], tmp))
    if result.get("version") != VERSION:
        raise Failed(f"plotly-geo-assets.js reports version {result.get('version')!r}")
    print(f"plotly-geo-assets.js v{result['version']} has: {', '.join(result['available'])}")
    for name, topo in result["topojson"].items():
        if not isinstance(topo, dict) or topo.get("type") != "Topology":
            raise Failed(f"{name} is not a TopoJSON Topology")
        objects = set(topo.get("objects", {}))
        if not objects >= REQUIRED_OBJECTS:
            raise Failed(f"{name} is not the TopoJSON expected (objects: {sorted(objects)})")
        if not topo.get("arcs") or "transform" not in topo:
            raise Failed(f"{name} has no arcs or no quantisation transform")
    return result["topojson"]


def write(topologies: dict[str, dict]) -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, topo in topologies.items():
        data = json.dumps(topo, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        out = OUT_DIR / f"{name}.json"
        partial = out.with_suffix(".json.partial")
        partial.write_bytes(data)
        partial.replace(out)
        gz = len(gzip.compress(data, compresslevel=9, mtime=0))
        sha = hashlib.sha256(data).hexdigest()
        print(f"wrote {out.relative_to(ROOT)}: {len(data):,} bytes ({gz:,} gzipped), sha256 {sha}")
    others = sorted(p.name for p in OUT_DIR.iterdir() if p.stem not in topologies)
    if others:
        print(
            f"note: {OUT_DIR.relative_to(ROOT)} also holds {', '.join(others)} "
            "(not written by this run)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "names",
        nargs="*",
        default=list(DEFAULT_NAMES),
        help="topojson names to write, <scope>_<resolution>m (default: world_110m)",
    )
    names = sorted(set(parser.parse_args().names))
    try:
        with tempfile.TemporaryDirectory(prefix="make_geo_assets-") as tmpdir:
            tmp = Path(tmpdir)
            dist = registry_dist(tmp)
            print(
                f"{SPEC} registry metadata: integrity {dist['integrity']}, "
                f"shasum {dist['shasum']}, tarball {dist['tarball']}"
            )
            tarball = fetch_tarball(tmp)
            assets_js = extract_geo_assets(tarball, tmp)
            topologies = read_topojson(assets_js, names, tmp)
            bundle = offline(extract(tarball, BUNDLE_MEMBER))
            locales = extract_locales(tarball)
    except Failed as err:
        sys.exit(f"make_geo_assets: FAILED: {err}")
    write(topologies)
    write_bundle(bundle)
    write_locales(locales)


if __name__ == "__main__":
    main()
