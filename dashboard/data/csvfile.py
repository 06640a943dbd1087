"""Read a CSV file strictly: every record keeps the line it starts on, and every
way the file can be broken becomes a Problem instead of an exception."""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dashboard.data.language import code_of
from dashboard.data.problems import Problem

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Record:
    """One data row: the line it starts on and its cells by column name."""

    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True)
class Table:
    """What a CSV file held, or the problems that kept it from being read."""

    file: str
    records: list[Record]
    problems: list[Problem]
    readable: bool = True  # False when the file as a whole could not be read


def read_table(
    path: Path, required: list[str], optional: list[str] = (), translatable: tuple[str, ...] = ()
) -> Table:
    """Read `path` as a CSV file with a header row naming `required` (and maybe
    `optional`, and `<column>_<language code>` for each of `translatable`)."""
    name = str(path)
    text, problems = _read_text(path, required)
    if text is None:
        return Table(name, [], problems, readable=False)
    try:
        rows = list(_rows(text))
    except csv.Error as error:
        line = _csv_error_line(error, text)
        problems.append(Problem(name, line, f"not valid CSV: {error}"))
        return Table(name, [], problems, readable=False)
    if not rows:
        problems.append(Problem(name, None, _empty_message(required)))
        return Table(name, [], problems, readable=False)

    header_line, header = rows[0]
    columns = [cell.strip() for cell in header]
    header_problems = _check_header(name, header_line, columns, required, optional, translatable)
    problems.extend(header_problems)
    if any(p.severity == "error" for p in header_problems):
        return Table(name, [], problems, readable=False)

    records = []
    for line, cells in rows[1:]:
        if len(cells) != len(columns):
            problems.append(_width_problem(name, line, cells, columns))
            continue
        values = {col: cell.strip() for col, cell in zip(columns, cells, strict=True)}
        records.append(Record(line, values))
    return Table(name, records, problems)


def _read_text(path: Path, required: list[str]) -> tuple[str | None, list[Problem]]:
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, None, "file not found")]
    except IsADirectoryError:
        return None, [Problem(name, None, "is a folder, not a CSV file")]
    except OSError as error:
        return None, [Problem(name, None, f"cannot be read: {error.strerror}")]

    problems = []
    if data.startswith(BOM):
        # Excel's "CSV UTF-8" writes a byte-order mark; it carries no data, so it is
        # dropped rather than read into the first column's name.
        data = data[len(BOM) :]
        problems.append(
            Problem(
                name, 1, "starts with a UTF-8 byte-order mark (BOM); ignored", severity="warning"
            )
        )
    if not data.strip():
        return None, [*problems, Problem(name, None, _empty_message(required))]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [
            *problems,
            Problem(name, line, "is not a text CSV file (it holds NUL bytes)"),
        ]
    try:
        return data.decode("utf-8"), problems
    except UnicodeDecodeError as error:
        return None, [*problems, _encoding_problem(name, data, error)]


def _encoding_problem(name: str, data: bytes, error: UnicodeDecodeError) -> Problem:
    line_no = data[: error.start].count(b"\n") + 1
    start = data.rfind(b"\n", 0, error.start) + 1
    end = data.find(b"\n", error.start)
    line = data[start : end if end != -1 else len(data)]
    byte = data[error.start]
    return Problem(
        name,
        line_no,
        f"is not UTF-8: byte 0x{byte:02X} cannot be read (the file looks Latin-1 or "
        f"Windows-1252 encoded, where this line would read '{line.decode('cp1252', 'replace')}'); "
        "save it as 'CSV UTF-8' and check again",
        value=line.decode("utf-8", "replace"),
    )


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank CSV rows with the line each starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    for row in reader:
        if any(cell.strip() for cell in row):
            yield line, row
        line = reader.line_num + 1


def _csv_error_line(error: csv.Error, text: str) -> int | None:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error:
        return reader.line_num
    return None


def _empty_message(required: list[str]) -> str:
    return "is empty: it needs a header row naming the columns " + ", ".join(required)


def _check_header(
    name: str,
    line: int,
    columns: list[str],
    required: list[str],
    optional: list[str],
    translatable: tuple[str, ...] = (),
) -> list[Problem]:
    known = [*required, *optional, *(c for c in columns if translation_of(c, translatable))]
    if not set(columns) & set(known):
        return [
            Problem(
                name,
                line,
                "this does not look like the expected CSV file: its first row names none of "
                f"the columns {', '.join(required)}",
                value=",".join(columns),
            )
        ]
    problems = []
    for column in sorted({c for c in columns if columns.count(c) > 1}):
        problems.append(Problem(name, line, "is named by two columns", column=column))
    unknown = [c for c in columns if c not in known]
    missing = [c for c in required if c not in columns]
    for column in missing:
        hint = _did_you_mean(column, unknown)
        renamed = f" (is '{hint}' meant to be '{column}'?)" if hint else ""
        problems.append(Problem(name, line, f"required column is missing{renamed}", column=column))
    for column in unknown:
        base, _, code = column.rpartition("_")
        if base in translatable:
            message = f"'{code}' is not a language code; write {base}_ and one, e.g. {base}_fr"
            problems.append(Problem(name, line, message, column=column))
            continue
        hint = _did_you_mean(column, known)
        suggestion = f"; did you mean '{hint}'?" if hint else f"; known columns: {', '.join(known)}"
        problems.append(Problem(name, line, f"unknown column{suggestion}", column=column))
    return problems


def _did_you_mean(word: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _width_problem(name: str, line: int, cells: list[str], columns: list[str]) -> Problem:
    if len(cells) > len(columns):
        extra = ",".join(cells[len(columns) :])
        return Problem(
            name,
            line,
            f"row has {len(cells)} fields but the header has {len(columns)} "
            "(a comma in a value needs the value in double quotes)",
            value=extra,
        )
    return Problem(
        name,
        line,
        f"row has {len(cells)} fields but the header has {len(columns)}; "
        f"missing: {', '.join(columns[len(cells) :])}",
    )


def translation_of(column: str, translatable: tuple[str, ...]) -> tuple[str, str] | None:
    """('name', 'fr') for a column `name_fr`, where `name` is translatable and `fr` a
    language code (BCP 47's, as Babel knows them); None otherwise."""
    base, _, code = column.rpartition("_")
    if base not in translatable or code_of(code) != code.split("-")[0]:
        return None
    return base, code
