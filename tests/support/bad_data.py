"""Ways staff can break a data folder, each with the message it must produce.

Used by the loader tests and by the `check` command tests, so both see the same cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a text file; the test fails if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _latin1(data_dir: Path) -> None:
    path = data_dir / "partners.csv"
    text = path.read_text(encoding="utf-8").replace("Asociacion", "Asociación")
    for curly, plain in (("’", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, plain)
    path.write_bytes(text.encode("latin-1"))


@dataclass(frozen=True)
class BadInput:
    name: str
    apply: Callable[[Path], None]
    expected: tuple[str, ...]  # pieces that one reported line must all contain


def _edit(file: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda data_dir: replace_in(data_dir / file, old, new)


def _write(file: str, content: bytes) -> Callable[[Path], None]:
    return lambda data_dir: (data_dir / file).write_bytes(content)


BAD_INPUTS = [
    BadInput(
        "renamed required column",
        _edit("partners.csv", "hq_basis,", "hq_base,"),
        (
            "partners.csv:1: column 'hq_basis': required column is missing",
            "is 'hq_base' meant to be 'hq_basis'?",
        ),
    ),
    BadInput(
        "empty required cell",
        _edit("partners.csv", "EASC,Eastern Africa Sister Cities,", "EASC,,"),
        ("partners.csv:3: column 'name': value '': every partner needs a name",),
    ),
    BadInput(
        "duplicate id",
        _edit("partners.csv", "\nEASC,", "\nAGSCF,"),
        ("partners.csv:3: column 'id': value 'AGSCF': is used twice (first on line 2)",),
    ),
    BadInput(
        "unknown country",
        _edit("served.csv", "named,Rwanda", "named,Rwandaa"),
        (
            "served.csv:6: column 'place': value 'Rwandaa': unknown country",
            "did you mean 'Rwanda'?",
        ),
    ),
    BadInput(
        "fuzzy-trap country name",
        _edit("served.csv", "named,Mexico", "named,Nigerr"),
        ("served.csv:23: column 'place': value 'Nigerr': unknown country",),
    ),
    BadInput(
        "malformed date",
        _edit("partners.csv", "2012-07", "July 2012"),
        ("partners.csv:5: column 'mou': value 'July 2012': must be a year and month", "2012-07"),
    ),
    BadInput(
        "impossible month",
        _edit("partners.csv", "2012-10", "2012-13"),
        ("partners.csv:6: column 'mou': value '2012-13': must be a year and month",),
    ),
    BadInput(
        "unknown area name",
        _edit("served.csv", "region,Eastern Africa", "region,East Africa"),
        (
            "served.csv:7: column 'place': value 'East Africa': no area of this name",
            "Eastern Africa",
        ),
    ),
    BadInput(
        "row with too many fields",
        _edit("served.csv", "named,Kenya", "named,Kenya,Uganda"),
        ("served.csv:3: value 'Uganda': row has 5 fields but the header has 4",),
    ),
    BadInput(
        "Latin-1 file",
        _latin1,
        # ACHA's row: CPAFFC's description spans lines 6-10.
        ("partners.csv:12:", "is not UTF-8: byte 0xF3", "Asociación", "CSV UTF-8"),
    ),
    BadInput(
        "file that is not CSV at all",
        _write("served.csv", b'{"partners": [1, 2, 3]}\n'),
        ("served.csv:1:", "does not look like the expected CSV file"),
    ),
    BadInput(
        "binary file",
        _write("areas.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("areas.csv:3: is not a text CSV file (it holds NUL bytes)",),
    ),
    BadInput(
        "empty file",
        _write("partners.csv", b""),
        ("partners.csv: is empty: it needs a header row naming the columns id, name",),
    ),
    BadInput(
        "missing file",
        lambda data_dir: (data_dir / "areas.csv").unlink(),
        ("areas.csv: file not found",),
    ),
    BadInput(
        "malformed geocache.json",
        _edit("geocache.json", '"latitude": 5.55602,', '"latitude": 5.55602'),
        # The parser stops where the missing comma should have been.
        ("geocache.json:8: is not valid JSON: Expecting ',' delimiter",),
    ),
    BadInput(
        "cache entry with latitude 123",
        _edit("geocache.json", '"latitude": 5.55602', '"latitude": 123'),
        (
            "geocache.json:7: column 'latitude': value '123': entry 'Accra, Ghana'",
            "must be between -90 and 90",
        ),
    ),
    BadInput(
        "area excepting a country outside it",
        _edit("areas.csv", "North Africa,015,,,", "North Africa,015,,KEN,"),
        ("areas.csv:4: column 'except': value 'KEN': 'KEN' is not in this area",),
    ),
    BadInput(
        "headquarters without a source",
        _edit("partners.csv", "stated-record,Wikipedia article on CPAFFC", "stated-record,"),
        ("partners.csv:6: column 'hq_source': value '': say where the headquarters was found",),
    ),
    BadInput(
        "website that is not http",
        _edit(
            "partners.csv",
            "no public record found,,,,,,",
            "no public record found,,,,,javascript:alert(1),",
        ),
        ("partners.csv:12: column 'website': value 'javascript:alert(1)': must be a full http",),
    ),
    BadInput(
        "served row for an unknown partner",
        _edit("served.csv", "\nACHA,between", "\nACHAA,between"),
        ("served.csv:22: column 'partner_id': value 'ACHAA': no partner has this id",),
    ),
]
