"""The QR code's link: the public address (never the one the app is served from), the
view's filters and focus, and nothing without a configured address."""

from __future__ import annotations

import pytest

from dashboard.config import PUBLIC_URL_ENV, public_url
from dashboard.state import FilterState
from dashboard.views.share import qr_image, share_link, short_link

PUBLIC = "https://partners.example.org"


def test_the_link_holds_the_filters_and_the_focus_not_the_mode() -> None:
    state = FilterState(country="KEN", focus="EASC", count_regions=False)
    assert share_link(PUBLIC, state) == f"{PUBLIC}/?country=KEN&focus=EASC&regions=0"
    assert share_link(PUBLIC, FilterState()) == f"{PUBLIC}/"


def test_the_short_link_under_the_code_drops_the_scheme() -> None:
    assert short_link(f"{PUBLIC}/?focus=EASC") == "partners.example.org/?focus=EASC"
    assert short_link(f"{PUBLIC}/") == "partners.example.org"
    assert short_link("https://example.org/map/") == "example.org/map/"


def test_the_code_is_an_inline_svg_image() -> None:
    image = qr_image(f"{PUBLIC}/?focus=EASC")
    assert image.startswith("data:image/svg+xml")
    assert qr_image(f"{PUBLIC}/?focus=ACHA") != image


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://partners.example.org/", PUBLIC),
        (" https://example.org/partner-map ", "https://example.org/partner-map"),
        ("", None),
        ("partners.example.org", None),  # no scheme: not an address a phone can open
        ("javascript:alert(1)", None),
        ("https://example.org/?a=1", None),  # the view's query would be appended to it
    ],
)
def test_the_public_address_comes_only_from_configuration(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: str | None
) -> None:
    monkeypatch.setenv(PUBLIC_URL_ENV, value)
    assert public_url() == expected
