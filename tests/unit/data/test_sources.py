"""Sources as a reader cites them: no cell, card or page names a file, and the source
texts the bundled data relies on are inside the repository (data/sources/)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from dashboard.data.language import language
from dashboard.data.load import load
from dashboard.web.app import create_app
from tests.support.paths import BUNDLED_DATA, REPO

EXAMPLE = REPO / "examples" / "small-network"
FOLDERS = [BUNDLED_DATA, EXAMPLE]
SOURCE_COLUMNS = ("hq_source", "founded_source", "mou_source")
SOURCES = BUNDLED_DATA / "sources"
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
VIEWS = ("/", "/?country=KEN", "/?focus=EASC", "/?mode=present&tour=1", "/?partner=WCSDA")


def looks_like_a_file(text: str) -> bool:
    """A path (`shared/source/x.txt`, `C:\\notes`) or a file name (`partners-page.txt`);
    a web address (https://…) is a citation, not a file."""
    without_addresses = re.sub(r"https?://\S+", "", text)
    return bool(
        re.search(r"[/\\]", without_addresses)
        or re.search(
            r"\b[\w-]+\.(?:txt|md|csv|json|toml|pdf|docx?|xlsx?|odt)\b", without_addresses, re.I
        )
    )


def source_cells(folder: Path) -> list[tuple[str, str, str]]:
    """(file:line, column, value) of every cell that says where a fact came from."""
    cells = []
    with (folder / "partners.csv").open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            cells += [(f"partners.csv:{line}", c, row[c]) for c in SOURCE_COLUMNS if row.get(c)]
    cache = json.loads((folder / "geocache.json").read_text(encoding="utf-8"))
    cells += [("geocache.json", key, e["source"]) for key, e in cache["entries"].items()]
    return cells


@pytest.mark.parametrize("text", ["shared/source/partners-page.txt", "facts.md", "a\\b"])
def test_a_path_or_a_file_name_is_seen_as_one(text: str) -> None:
    assert looks_like_a_file(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sister Cities International, international institutional partners page",
        "The African Executive (africanexecutive.com), articles 6193 and 6443",
        "Our annual report 2026, https://example.org/reports/2026.pdf, page 4",
    ],
)
def test_a_citation_is_not_seen_as_a_file(text: str) -> None:
    assert not looks_like_a_file(text)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_no_source_cell_looks_like_a_file_path(folder: Path) -> None:
    cells = source_cells(folder)
    assert cells
    assert [cell for cell in cells if looks_like_a_file(cell[2])] == []


def test_the_partners_page_is_cited_by_its_publisher_and_title() -> None:
    partners = load(BUNDLED_DATA).tables.partners.set_index("id")
    page = "Sister Cities International, international institutional partners page"
    assert partners.loc["AGSCF", "hq_source"] == page
    assert partners.loc["CPAFFC", "mou_source"] == page
    assert partners.loc["EASC", "hq_source"].startswith(
        "The African Executive (africanexecutive.com), articles 6193 and 6443: "
    )


def test_the_sources_are_kept_inside_the_repository() -> None:
    names = {p.name for p in SOURCES.iterdir()}
    assert names == {"README.md", "notes.md", "partners-page.txt", "facts.md"}
    readme = (SOURCES / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in names - {"README.md"})


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_partners_words_are_the_kept_page_s_words() -> None:
    """Nothing invented: every description and every served area's words are in the
    kept copy of the partners page, as written (spacing aside)."""
    page = _flat((SOURCES / "partners-page.txt").read_text(encoding="utf-8"))
    tables = load(BUNDLED_DATA).tables
    words = [*tables.partners["description"], *tables.statements["words"]]
    assert [w for w in words if _flat(w) not in page] == []


def test_every_cited_record_is_one_the_kept_facts_name() -> None:
    facts = (SOURCES / "facts.md").read_text(encoding="utf-8")
    for record in ("africanexecutive.com articles 6193, 6443", "urbanupdate.in", "Wikipedia"):
        assert record in facts


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_no_served_page_names_a_file_or_the_shared_folder(folder: Path) -> None:
    client = create_app(folder).server.test_client()
    for view in VIEWS:
        for code in LANGUAGES:
            page = client.get(f"{view}{'&' if '?' in view else '?'}lang={code}")
            text = page.get_data(as_text=True)
            assert page.status_code == 200, (view, code)
            assert "shared/" not in text and ".txt" not in text, (view, code)


def _with_own_source(folder: Path, tmp_path: Path) -> Path:
    """The small example, with Sister Cities Africa's headquarters from another
    organisation's own document and the basis under its older name."""
    copy = tmp_path / "own-source"
    copy.mkdir()
    for path in folder.iterdir():
        if path.is_file():
            (copy / path.name).write_bytes(path.read_bytes())
    partners = copy / "partners.csv"
    text = partners.read_text(encoding="utf-8")
    cited = '"Sister Cities International, international institutional partners page"'
    assert f",stated,{cited}," in text
    partners.write_text(
        text.replace(f",stated,{cited},", ",stated-page,our annual report 2026,"),
        encoding="utf-8",
    )
    return copy


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_card_words_its_headquarters_basis_without_naming_anyone_s_page(
    code: str, tmp_path: Path
) -> None:
    lang = language("zh_Hans" if code == "zh" else code)
    client = create_app(_with_own_source(EXAMPLE, tmp_path)).server.test_client()
    page = client.get(f"/?lang={code}").get_data(as_text=True)
    # "Casablanca, Morocco (stated in the source)", in the page's language and its order
    said = lang._("{place} ({basis})").format(place="", basis=lang._("stated in the source"))
    assert said.strip() in page
    # The citation stands in the message as the data writes it, marked with its language.
    label = lang._("Headquarters source: {source}").partition("{source}")[0].strip()
    assert label in page
    assert '<span lang="en" dir="auto">our annual report 2026</span>' in page
    inferred = lang._("{place} ({basis})").format(
        place="", basis=lang._("inferred from the source")
    )
    assert inferred.strip() in page  # EASC, Nairobi
    assert "partners page" not in page
