"""An organisation's own translations of its data (`name_fr`, `description_ar`, `title_fr`)
and its language settings in dashboard.toml: checked, then used where present."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.atlas import load_atlas
from dashboard.data.language import language
from dashboard.data.load import check_data
from dashboard.data.problems import errors
from dashboard.data.site import read_site
from dashboard.network import load_network
from dashboard.state import FilterState
from dashboard.views.cards import card
from tests.support.datafolder import partner, write_geocache, write_tables


def folder_with(tmp_path: Path, **fields: str) -> Path:
    write_tables(
        tmp_path,
        [partner("A", hq_city="Nairobi", hq_country="Kenya", **fields)],
        [("A", "Kenya", "named", "Kenya")],
        [],
    )
    write_geocache(tmp_path, {"Nairobi, Kenya": (-1.28, 36.82)}, source="test")
    return tmp_path


def test_a_partner_translated_by_its_organisation_is_shown_in_that_language(tmp_path) -> None:
    folder = folder_with(tmp_path, name_fr="Partenaire A", description_fr="À propos de A.")
    network = load_network(folder)
    french = card(network, load_atlas(), "A", FilterState(), language("fr"))
    assert (french.name, french.paragraphs, french.name_lang) == (
        "Partenaire A",
        ("À propos de A.",),
        "fr",
    )
    spanish = card(network, load_atlas(), "A", FilterState(), language("es"))
    assert (spanish.name, spanish.paragraphs, spanish.name_lang) == ("Partner A", ("About A.",), "")


def test_a_translation_column_must_name_a_language(tmp_path) -> None:
    folder = folder_with(tmp_path, name_xq="Partner A?")
    (problem,) = errors(check_data(folder).problems)
    assert (problem.file.endswith("partners.csv"), problem.line, problem.column) == (
        True,
        1,
        "name_xq",
    )
    assert problem.message == "'xq' is not a language code; write name_ and one, e.g. name_fr"


def test_a_translation_without_its_original_is_refused(tmp_path) -> None:
    folder = folder_with(tmp_path, description="", description_fr="À propos de A.")
    (problem,) = errors(check_data(folder).problems)
    assert (problem.line, problem.column, problem.value) == (2, "description_fr", "À propos de A.")
    assert "translates description, but description itself is empty" in problem.message


def test_the_folder_chooses_its_languages_and_translates_its_title(tmp_path) -> None:
    (tmp_path / "dashboard.toml").write_text(
        'title = "Our partners"\ntitle_fr = "Nos partenaires"\n'
        'language = "fr"\nlanguages = ["fr", "en"]\n',
        encoding="utf-8",
    )
    site, problems = read_site(tmp_path)
    assert problems == []
    assert (site.language, site.languages) == ("fr", ("fr", "en"))
    assert site.words("fr") == ("Nos partenaires", "") and site.words("en")[0] == "Our partners"
    assert site.words_language("fr") == "fr" and site.words_language("en") == "en"


@pytest.mark.parametrize(
    ("toml", "column", "message"),
    [
        ('languages = ["en", "de"]', "languages", "no catalog for these"),
        ('language = "ru"\nlanguages = ["fr", "en"]', "language", "must be one of the enabled"),
        ('note_fr = "Sources : …"', "note_fr", "translates note, but note itself is not set"),
        ('title_zz = "?"', "title_zz", "'zz' is not a language code"),
        ("languages = 3", "languages", "must be a list of language codes"),
    ],
)
def test_bad_language_settings_are_refused_with_what_to_write(
    tmp_path, toml: str, column: str, message: str
) -> None:
    (tmp_path / "dashboard.toml").write_text(toml + "\n", encoding="utf-8")
    _site, problems = read_site(tmp_path)
    assert [p.column for p in problems] == [column]
    assert message in problems[0].message
