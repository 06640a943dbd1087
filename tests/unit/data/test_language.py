"""The page's languages: complete catalogs, plural forms by CLDR's rules, names, dates
and alphabetical order from CLDR, and Accept-Language negotiation."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel import Locale
from babel.lists import format_list
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from dashboard.data.language import LOCALES_DIR, available, catalog_path, language, negotiate
from dashboard.views.text import countries, partners

LOCALES = [locale for locale in available() if locale != "en"]
PLACEHOLDER = re.compile(r"\{\w*\}")


def catalog(locale: str):
    with catalog_path(locale).open("rb") as f:
        return read_po(f, locale=locale)


def test_the_six_un_languages_have_catalogs() -> None:
    assert set(available()) == {"ar", "en", "es", "fr", "ru", "zh_Hans"}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated_with_the_same_placeholders(locale: str) -> None:
    with (LOCALES_DIR / "messages.pot").open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    found = catalog(locale)
    assert {m.id for m in found if m.id} == template, "run `make messages`"
    problems = []
    for message in found:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        if message.fuzzy:
            problems.append(("fuzzy", ids[0]))
        for string in strings:
            if not string:
                problems.append(("untranslated", ids[0]))
            elif sorted(PLACEHOLDER.findall(string)) != wanted:
                problems.append(("placeholders differ", ids[0], string))
    assert problems == []


@pytest.mark.parametrize("locale", LOCALES)
def test_every_plural_has_the_forms_of_its_language(locale: str) -> None:
    found = catalog(locale)
    forms = get_plural(locale).num_plurals
    assert found.num_plurals == forms
    for message in found:
        if isinstance(message.id, tuple):
            assert len(message.string) == forms and all(message.string), message.id


@pytest.mark.parametrize("locale", LOCALES)
def test_the_catalog_picks_one_form_per_cldr_plural_category(locale: str) -> None:
    """The catalog header's rule agrees with CLDR: numbers of one category share a
    form, numbers of different categories never do."""
    rule = language(locale).translations.plural
    cldr = Locale.parse(locale).plural_form
    form_of_category: dict[str, int] = {}
    for n in range(0, 1201):
        form = rule(n)
        assert form_of_category.setdefault(cldr(n), form) == form, (n, cldr(n))
    assert len(set(form_of_category.values())) == len(form_of_category)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "0 شريك"),
        (1, "1 شريك"),
        (2, "2 شريكان"),
        (3, "3 شركاء"),
        (11, "11 شريكًا"),
        (100, "100 شريك"),
    ],
)
def test_arabic_counts_take_their_six_forms(n: int, words: str) -> None:
    assert partners(n, language("ar")) == words


@pytest.mark.parametrize(
    ("n", "partner_words", "country_words"),
    [
        (1, "1 партнёр", "1 страна"),
        (2, "2 партнёра", "2 страны"),
        (5, "5 партнёров", "5 стран"),
        (21, "21 партнёр", "21 страна"),
    ],
)
def test_russian_counts_take_their_three_forms(
    n: int, partner_words: str, country_words: str
) -> None:
    assert partners(n, language("ru")) == partner_words
    assert countries(n, language("ru")) == country_words


def test_english_keeps_its_two_forms() -> None:
    assert partners(1) == "1 partner" and partners(2) == "2 partners"
    assert countries(1) == "1 country" and countries(1234) == "1,234 countries"


KENYA = {
    "ar": "كينيا",
    "zh_Hans": "肯尼亚",
    "en": "Kenya",
    "fr": "Kenya",
    "ru": "Кения",
    "es": "Kenia",
}
EASTERN_AFRICA = {"ar": "شرق أفريقيا", "zh_Hans": "东非", "fr": "Afrique orientale"}


@pytest.mark.parametrize("locale", sorted(KENYA))
def test_country_names_come_from_cldr(locale: str) -> None:
    assert language(locale).country("KEN", "Kenya") == KENYA[locale]


@pytest.mark.parametrize("locale", sorted(EASTERN_AFRICA))
def test_m49_regions_are_named_by_their_code(locale: str) -> None:
    assert language(locale).region("014", "Eastern Africa") == EASTERN_AFRICA[locale]


JULY_2012 = {
    "ar": "يوليو 2012",
    "zh_Hans": "2012年7月",
    "en": "July 2012",
    "fr": "juillet 2012",
    "ru": "июль 2012\u202fг.",  # CLDR puts a narrow no-break space before г.
    "es": "julio de 2012",
}


@pytest.mark.parametrize("order", [sorted(JULY_2012), sorted(JULY_2012, reverse=True)])
def test_month_names_do_not_leak_between_languages(order: list[str]) -> None:
    """Babel 2.18's stand-alone month pattern (LLLL) carries one locale's month into
    the next in one process; the skeleton the page uses must not."""
    for _round in range(2):
        for locale in order:
            assert language(locale).month(date(2012, 7, 1)) == JULY_2012[locale]


def test_names_sort_in_each_languages_alphabetical_order() -> None:
    french = ["Zambie", "Égypte", "Afrique du Sud", "Éthiopie", "Djibouti", "États-Unis"]
    assert sorted(french, key=language("fr").sort_key) == [
        "Afrique du Sud",
        "Djibouti",
        "Égypte",
        "États-Unis",
        "Éthiopie",
        "Zambie",
    ]
    # Chinese by pinyin: 埃及 āi jí, 巴西 bā xī, 肯尼亚 kěn ní yà, 中国 zhōng guó.
    chinese = ["中国", "肯尼亚", "巴西", "埃及"]
    assert sorted(chinese, key=language("zh_Hans").sort_key) == ["埃及", "巴西", "肯尼亚", "中国"]


def test_lists_join_as_each_language_does() -> None:
    assert language("en").and_list(["A", "B", "C"]) == "A, B and C"
    assert language("fr").and_list(["A", "B", "C"]) == "A, B et C"
    assert language("zh_Hans").and_list(["A", "B", "C"]) == "A、B和C"


@pytest.mark.parametrize("locale", available())
def test_lists_of_every_length_join_as_babel_joins_them(locale: str) -> None:
    # and_list keeps CLDR's pattern per length; names with braces stay as written.
    names = ["Sister {Cities}", "EASC", "{0}", "ASCF", "Les Amis", "ICLEI", "C40", "x"]
    lang = language(locale)
    for n in range(len(names) + 1):
        expected = format_list(names[:n], locale=lang.locale) if n else ""
        assert lang.and_list(names[:n]) == expected


def test_each_language_names_itself() -> None:
    names = {language(locale).own_name for locale in available()}
    assert names == {"العربية", "中文", "English", "Français", "Русский", "Español"}
    assert language("ar").direction == "rtl" and language("fr").direction == "ltr"
    assert language("zh_Hans").tag == "zh-Hans" and language("zh_Hans").code == "zh"


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("fr-CA,fr;q=0.9", "fr"),
        ("de", None),
        ("de-DE,de;q=0.9,es;q=0.5", "es"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en;q=0.2, ar", "ar"),
        ("ru;q=0, fr;q=0.1", "fr"),
        ("*", None),
        ("", None),
        ("fr;q=abc, es", "es"),
    ],
)
def test_accept_language_is_negotiated_against_the_enabled_languages(
    header: str, chosen: str | None
) -> None:
    assert negotiate(header, ("ar", "en", "es", "fr", "ru", "zh")) == chosen
