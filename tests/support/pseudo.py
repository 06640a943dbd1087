"""A test-only language that marks every message it translates, ⟦like this⟧: a page
served in it shows, outside the marks, only what the catalogs do not hold (the data,
and CLDR's names and list words). gunicorn serves it as `tests.support.pseudo:server`."""

from __future__ import annotations

import gettext
import re

from babel import Locale

from dashboard.data.language import Language

OPEN, CLOSE = "⟦", "⟧"
# A marked part with no mark inside it; and what is left of a mark cut in two by a
# line break (<br> on the map): its opening half at the end, its closing half first.
INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
CUT = re.compile(f"{OPEN}.*$|^.*?{CLOSE}")


class Marking(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"{OPEN}{message}{CLOSE}"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"{OPEN}{singular if n == 1 else plural}{CLOSE}"


def pseudo_english() -> dict[str, Language]:
    """English whose every message is marked: the app's only language."""
    return {"en": Language(Locale.parse("en_001"), Marking())}


def unmarked(text: str) -> str:
    """What is left of a text once every marked part (marks nest) is taken out."""
    while True:
        inner = INNERMOST.sub("", text)
        if inner == text:
            return CUT.sub("", text)
        text = inner


def __getattr__(name: str):
    if name == "server":
        from dashboard.web.app import create_app

        return create_app(languages=pseudo_english()).server
    raise AttributeError(name)
