"""A region's name where its code or an area belongs gets the UN M49 code to write:
"Europe" is refused with the areas.csv row that would do (`Europe,150,...`)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from dashboard.data.load import check_data
from dashboard.data.m49 import m49_members
from dashboard.data.problems import errors
from dashboard.data.region_names import m49_named
from tests.support.paths import REPO

EXAMPLE = REPO / "examples" / "small-network"
SAHEL = "sister-cities-africa,serves North Africa and the Middle East,region,"


def example_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "our-network"
    shutil.copytree(EXAMPLE, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def messages(folder: Path) -> list[str]:
    return [str(p) for p in errors(check_data(folder).problems)]


def suggested_row(message: str) -> str:
    """The areas.csv row a message suggests, between backticks."""
    rows = re.findall(r"`([^`]+)`", message)
    assert len(rows) == 1, message
    return rows[0]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Europe", "150"),
        ("europe", "150"),
        ("Northern Africa", "015"),
        ("Latin America", "419"),  # CLDR's name of M49's "Latin America and the Caribbean"
        ("Afrique", "002"),  # the catalogs' languages: CLDR's French
        ("Европа", "150"),
    ],
)
def test_a_region_name_is_known_by_its_m49_code(name: str, code: str) -> None:
    assert list(m49_named(name)) == [code]
    assert m49_members(code)  # a code areas.csv takes


@pytest.mark.parametrize("name", ["North Africa", "Middle East", "Asia-Pacific", "Eurasia"])
def test_nothing_is_guessed_for_a_name_m49_does_not_have(name: str) -> None:
    assert m49_named(name) == {}


def test_an_unknown_area_named_like_an_m49_region_gets_the_row_that_would_do(
    tmp_path: Path,
) -> None:
    folder = example_copy(tmp_path)
    edit(folder / "served.csv", f"{SAHEL}North Africa and the Middle East", f"{SAHEL}Europe")
    [message] = messages(folder)
    assert "served.csv:6: column 'place': value 'Europe': no area of this name" in message
    assert "'Europe' is UN M49 150 (Europe)" in message
    row = suggested_row(message)
    assert row == "Europe,150,,,UN M49 150 Europe"
    with (folder / "areas.csv").open("a", encoding="utf-8") as f:
        f.write(row + "\n")  # what the message says to write, as it says it
    checked = check_data(folder)
    assert checked.tables is not None, messages(folder)
    links = checked.tables.links
    served = set(links[links["partner_id"] == "sister-cities-africa"]["iso3"])
    assert served == set(m49_members("150"))


def test_a_region_named_as_a_country_is_told_to_be_a_region_link(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    edit(folder / "served.csv", "named,México", "named,Europe")
    [message] = messages(folder)
    assert "value 'Europe': unknown country; it is a region, not a country" in message
    assert "give this row basis 'region'" in message
    assert suggested_row(message) == "Europe,150,,,UN M49 150 Europe"


def test_a_region_name_in_areas_csv_gets_its_code(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    with (folder / "areas.csv").open("a", encoding="utf-8") as f:
        f.write("Test area,Europe,Afrique,Asia,test\n")
    found = messages(folder)
    assert (
        "column 'm49': value 'Europe': 'Europe' is the name of UN M49 150 (Europe): " in (found[0])
    )
    assert found[0].endswith("write its code here")
    assert (
        "column 'countries': value 'Afrique': 'Afrique' is UN M49 002 (Africa), a region: "
        in (found[1])
    )
    assert found[1].endswith("give its code in m49")
    assert "column 'except': value 'Asia'" in found[2] and "list its countries" in found[2]


def test_a_region_name_as_a_headquarters_country_is_called_a_region(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    edit(folder / "partners.csv", "Casablanca,Morocco", "Casablanca,Africa")
    [message] = messages(folder)
    assert message.endswith("'Africa' is a region (UN M49 002 (Africa)), not a country")
