"""The layers import only downwards: data -> network -> views -> web."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "dashboard"
WEB_ONLY = ("dash", "flask", "flask_compress")
# What each layer (a folder or a module of the package) may import from the package,
# beside itself.
BELOW_VIEWS = ("dashboard.atlas", "dashboard.data", "dashboard.network", "dashboard.state")
ALLOWED = {
    "data": (),
    "atlas.py": ("dashboard.data",),
    "network.py": ("dashboard.data",),
    "state.py": (),
    "tour.py": (),
    "views": BELOW_VIEWS,
}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules(folder: Path = PACKAGE) -> list[Path]:
    return sorted(folder.rglob("*.py"))


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_web_layer_imports_dash_or_flask(path: Path) -> None:
    if "web" in path.relative_to(PACKAGE).parts:
        return
    web = {name for name in imports(path) if name.split(".")[0] in WEB_ONLY}
    assert web == set(), f"{path.name} imports {web}: that belongs in dashboard/web/"


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    allowed = (f"dashboard.{layer.removesuffix('.py')}", *ALLOWED[layer])
    place = PACKAGE / layer
    for path in modules(place) if place.is_dir() else [place]:
        ours = {name for name in imports(path) if name.startswith("dashboard")}
        above = {name for name in ours if not name.startswith(allowed)}
        assert above == set(), f"{path.relative_to(PACKAGE)} reaches up to {above}"


def test_every_module_says_what_it_is_for_in_its_first_line() -> None:
    for path in modules():
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert docstring and docstring.strip(), f"{path.relative_to(PACKAGE)} has no docstring"
