"""The languages the page speaks: its own words from gettext catalogs, and names,
numbers, dates and lists from CLDR (Babel).

A language is one catalog, dashboard/locales/<locale>/LC_MESSAGES/messages.po,
compiled when first used. English is the language the code is written in and
needs no catalog. Adding a seventh language is adding its catalog (`make
messages LANG=de` starts one).
"""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property, lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from dashboard.data.m49 import regions

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
SOURCE = "en"  # the language of the messages in the code
# M49 groups CLDR names as a territory rather than by number. (Channel Islands, 830,
# has no CLDR name at all: it stays in English.)
M49_AS_TERRITORY = {"010": "AQ"}


def N_(message: str) -> str:  # noqa: N802 (gettext's name for it)
    """Marks a message for the catalogs where it is defined; it is translated where used."""
    return message


@dataclass(frozen=True, eq=False)  # one object per language: views cache on it
class Language:
    """One language: its catalog and its CLDR locale."""

    locale: Locale
    translations: gettext.NullTranslations

    @cached_property
    def _locale_id(self) -> str:
        """ "fr_FR": the key of the cached numbers and lists (Babel takes 3 µs to write it)."""
        return str(self.locale)

    @property
    def code(self) -> str:
        """The language as links name it: "ar", "zh" (one language, one script each)."""
        return self.locale.language

    @property
    def tag(self) -> str:
        """The BCP 47 tag for `<html lang>`: "zh-Hans"."""
        return "-".join(p for p in (self.locale.language, self.locale.script) if p)

    @property
    def own_name(self) -> str:
        """The language in its own words, as a chooser lists it: "Français", "中文"."""
        name = Locale(self.locale.language).get_display_name(self.locale.language) or self.code
        return name[:1].upper() + name[1:]

    @property
    def direction(self) -> str:
        """ "rtl" or "ltr", for `<html dir>`."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def language_name(self, tag: str) -> str:
        """Another language's name in this one: "anglais" for "en" in French."""
        try:
            return Locale.parse(tag.replace("-", "_")).get_display_name(self.locale) or tag
        except (ValueError, UnknownLocaleError):
            return tag

    def _(self, message: str) -> str:
        """The message in this language."""
        return self.translations.gettext(message)

    def n_(self, singular: str, plural: str, n: int) -> str:
        """The form of the message this language uses for `n` (Arabic has six)."""
        return self.translations.ngettext(singular, plural, int(n))  # pandas counts too

    def number(self, n: int) -> str:
        """12,345 / 12 345 / 12.345."""
        return _decimal(n, self._locale_id)

    def month(self, day: date) -> str:
        """ "July 2012", "juillet 2012", "2012年7月". A skeleton, not the pattern LLLL:
        Babel 2.18 lets a stand-alone month pattern leak from one locale to the next."""
        return format_skeleton("yMMMM", day, locale=self.locale)

    def and_list(self, items: list[str]) -> str:
        """ "A, B and C" / "A, B et C" / "A、B和C"."""
        return _list_pattern(len(items), self._locale_id).format(*items) if items else ""

    def country(self, iso3: str, english: str) -> str:
        """A country's name in this language (CLDR); `english` where CLDR has none."""
        if self.code == SOURCE:
            return english
        alpha2 = _alpha2().get(iso3)
        return self.locale.territories.get(alpha2, english) if alpha2 else english

    def region(self, m49: str, english: str) -> str:
        """A UN M49 region's name in this language (CLDR names the numeric codes)."""
        if self.code == SOURCE:
            return english
        code = M49_AS_TERRITORY.get(m49, m49.zfill(3))
        return self.locale.territories.get(code, english)

    def sort_key(self, text: str) -> tuple:
        """A key that sorts names in this language's alphabetical order (the Unicode
        Collation Algorithm; Chinese by pinyin, as CLDR's default for zh)."""
        return _sort_key(self.code == "zh", text)


@lru_cache(maxsize=65536)  # names repeat: a table sorts thousands of rows by a few hundred
def _sort_key(by_pinyin: bool, text: str) -> tuple:
    if by_pinyin:
        return tuple(_collator().sort_key(s) for s in _pinyin(text))
    return (_collator().sort_key(text),)


@cache
def _collator():
    from pyuca import Collator  # 0.2 s to read its table: only when something is sorted

    return Collator()


def _pinyin(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.TONE3)


@cache
def _alpha2() -> dict[str, str]:
    import pycountry

    codes = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    codes.setdefault("XKX", "XK")  # Kosovo: not in ISO 3166, in CLDR as XK
    return {iso3: codes[iso3] for iso3 in regions() if iso3 in codes}


def catalog_path(locale: str) -> Path:
    return LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def available() -> tuple[str, ...]:
    """The locales with a catalog, and English: ("ar", "en", "es", "fr", "ru", "zh_Hans")."""
    found = {p.parent.parent.name for p in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return tuple(sorted(found | {SOURCE}))


@cache
def language(locale: str) -> Language:
    """The language of a locale with a catalog (or English), compiled once per process."""
    path = catalog_path(locale)
    translations = gettext.NullTranslations()
    if path.exists():
        with path.open("rb") as f:
            catalog = read_po(f, locale=locale)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        translations = gettext.GNUTranslations(compiled)
    # English is formatted as international English (CLDR en_001): "A, B and C".
    return Language(Locale.parse("en_001" if locale == SOURCE else locale), translations)


def by_code(enabled: tuple[str, ...]) -> dict[str, Language]:
    """The enabled languages by the code links use ("zh" for zh_Hans), ready to sort:
    the collation tables load here, at start-up, not in a visitor's first request."""
    languages = {lang.code: lang for lang in map(language, enabled)}
    for lang in languages.values():
        lang.sort_key("Ab 中")
    return languages


def code_of(locale: str) -> str | None:
    """A locale's link code, or None where Babel knows no such locale."""
    try:
        return Locale.parse(locale.replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        return None


ACCEPT_ITEM = re.compile(r"\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q=([0-9.]+))?\s*")


def negotiate(accept_language: str, codes: tuple[str, ...]) -> str | None:
    """The first of `codes` the browser's Accept-Language asks for, by its preference
    (q-values); a regional tag matches its language ("fr-CA" is French)."""
    wanted = []
    for order, item in enumerate(accept_language.split(",")[:20]):
        match = ACCEPT_ITEM.fullmatch(item)
        if not match or match[1] == "*":
            continue
        try:
            q = float(match[2]) if match[2] else 1.0
        except ValueError:
            continue
        if q > 0:
            wanted.append((-q, order, match[1].split("-")[0].lower()))
    for _q, _order, code in sorted(wanted):
        if code in codes:
            return code
    return None


@lru_cache(maxsize=256)
def _list_pattern(n: int, locale: str) -> str:
    """CLDR's list of n items with {0}…{n-1} in their place. Babel reads the locale's
    list patterns on every call (9 µs) and a view of a large network lists hundreds
    of places: the pattern is read once per length."""
    return format_list([f"{{{i}}}" for i in range(n)], locale=locale)


@lru_cache(maxsize=4096)
def _decimal(n: int, locale: str) -> str:
    # Counts repeat across a view's hover texts and Babel takes ~30 µs a number.
    return format_decimal(n, locale=locale)
