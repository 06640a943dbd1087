"""The data folder's own settings, `dashboard.toml`: what the page calls the network.

Another organisation runs the same dashboard on its own data folder by writing
its own file; `PARTNER_MAP_TITLE` overrides the title (e.g. for one deployment).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from dashboard.data.language import SOURCE, available, code_of
from dashboard.data.problems import Problem

SITE_TOML = "dashboard.toml"
TITLE_ENV = "PARTNER_MAP_TITLE"
DEFAULT_TITLE = "Partner network"
KEYS = {
    "title": "the page's heading",
    "note": "a short note on the sources, under the heading",
    "empty": "what an empty fact means: not-recorded (the default) or not-published",
    "language": "the page's language when neither the link nor the browser names one",
    "languages": 'the languages a visitor may choose, e.g. ["en", "fr"] (default: all)',
    "data_language": "the language the data's own words are written in (default: en)",
}
# `title_fr`, `note_ar`: the title and note as the organisation itself translated them.
TRANSLATED = ("title", "note")
# What an empty cell of partners.csv means, in this folder: that nobody recorded the
# fact here, or (for data built from checked sources) that the sources publish none.
EMPTY_MEANINGS = ("not-recorded", "not-published")


@dataclass(frozen=True)
class Site:
    """Words the page shows around the data."""

    title: str = DEFAULT_TITLE
    note: str = ""
    empty: str = EMPTY_MEANINGS[0]
    language: str = SOURCE  # the default language's code
    languages: tuple[str, ...] = ()  # the enabled languages' locales ("zh_Hans")
    data_language: str = SOURCE
    translations: tuple[tuple[str, str, str], ...] = ()  # (key, language code, words)

    def words(self, code: str) -> tuple[str, str]:
        """The title and note in a language, where the organisation translated them."""
        given = {(key, lang): words for key, lang, words in self.translations}
        return given.get(("title", code), self.title), given.get(("note", code), self.note)

    def words_language(self, code: str) -> str:
        """The language the title is written in, for its `lang` attribute."""
        translated = any(k == "title" and c == code for k, c, _ in self.translations)
        return code if translated else self.data_language


def read_site(data_dir: Path) -> tuple[Site, list[Problem]]:
    """The settings in data_dir/dashboard.toml (optional), with the environment's override."""
    path = data_dir / SITE_TOML
    values: dict[str, str] = {}
    problems: list[Problem] = []
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        document = {}
    except (OSError, UnicodeDecodeError) as error:
        document = {}
        problems.append(Problem(str(path), None, f"cannot be read: {error}"))
    except tomllib.TOMLDecodeError as error:
        document = {}
        line = re.search(r"line (\d+)", str(error))
        problems.append(
            Problem(str(path), int(line[1]) if line else None, f"is not valid TOML: {error}")
        )
    settings: dict[str, object] = {}
    for key, value in document.items():
        if key in ("languages",) or _translated_key(key):
            settings[key] = value
            continue
        if key not in KEYS:
            known = ", ".join(f"{k} ({v})" for k, v in KEYS.items())
            problems.append(
                Problem(str(path), None, f"unknown setting; known: {known}", column=key)
            )
        elif not isinstance(value, str):
            problems.append(
                Problem(str(path), None, "must be a string", column=key, value=str(value))
            )
        elif key == "empty" and value.strip() not in EMPTY_MEANINGS:
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"must be {' or '.join(EMPTY_MEANINGS)}",
                    column=key,
                    value=value,
                )
            )
        else:
            values[key] = value.strip()
    title = os.environ.get(TITLE_ENV, "").strip() or values.get("title") or DEFAULT_TITLE
    empty = values.get("empty", EMPTY_MEANINGS[0])
    site = Site(title=title, note=values.get("note", ""), empty=empty)
    return _with_languages(site, values, settings, Problems(str(path), problems)), problems


class Problems:
    """Problems with one file's settings, each naming the setting and its value."""

    def __init__(self, path: str, found: list[Problem]) -> None:
        self.path, self.found = path, found

    def add(self, key: str, value: object, message: str) -> None:
        self.found.append(Problem(self.path, None, message, column=key, value=str(value)))


def _translated_key(key: str) -> bool:
    return any(key.startswith(f"{name}_") for name in TRANSLATED)


def _with_languages(site: Site, values: dict, settings: dict, problems: Problems) -> Site:
    """The language settings and the organisation's own translations, checked."""
    enabled = _enabled(settings.get("languages"), problems)
    codes = {code_of(locale): locale for locale in enabled}
    default = values.get("language", SOURCE)
    if default not in codes:
        problems.add("language", default, f"must be one of the enabled languages: {_list(codes)}")
        default = SOURCE if SOURCE in codes else next(iter(codes))
    data_language = values.get("data_language", SOURCE)
    if code_of(data_language) is None:
        problems.add("data_language", data_language, "is not a language code (write e.g. en)")
        data_language = SOURCE
    translations = []
    for key, value in settings.items():
        if not _translated_key(key):
            continue
        name, _, code = key.partition("_")
        if code_of(code) != code:
            problems.add(key, value, f"'{code}' is not a language code; write e.g. {name}_fr")
        elif not isinstance(value, str) or not value.strip():
            problems.add(key, value, "must be a non-empty string")
        elif not getattr(site, name):
            problems.add(key, value, f"translates {name}, but {name} itself is not set")
        else:
            translations.append((name, code, value.strip()))
    return replace(
        site,
        language=default,
        languages=enabled,
        data_language=data_language,
        translations=tuple(translations),
    )


def _enabled(setting: object, problems: Problems) -> tuple[str, ...]:
    """The enabled locales: `languages` (codes), or every language with a catalog."""
    catalogs = {code_of(locale): locale for locale in available()}
    if setting is None:
        return tuple(catalogs.values())
    if not isinstance(setting, list) or not setting:
        problems.add("languages", setting, 'must be a list of language codes, e.g. ["en", "fr"]')
        return tuple(catalogs.values())
    unknown = [code for code in setting if code not in catalogs]
    if unknown:
        problems.add(
            "languages",
            ", ".join(map(str, unknown)),
            f"no catalog for these; the languages with one: {_list(catalogs)}",
        )
    return tuple(catalogs[code] for code in dict.fromkeys(setting) if code in catalogs) or (
        catalogs[SOURCE],
    )


def _list(codes) -> str:
    return ", ".join(sorted(codes))
