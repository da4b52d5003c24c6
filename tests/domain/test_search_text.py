"""fold: the fast paths give exactly what the character-by-character definition gives."""
from __future__ import annotations

import random
import re
import unicodedata

import pytest

from app.domain.search_text import fold

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def reference_fold(text: str | None) -> str:
    """fold as first written: one pass over the decomposed characters."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    out: list[str] = []
    base = ""
    for char in decomposed:
        if unicodedata.combining(char):
            code = ord(base) if base else -1
            if base and (code < 0x0530 or 0x1E00 <= code <= 0x1EFF):
                continue
        else:
            base = char
        out.append(char)
    folded = unicodedata.normalize("NFC", "".join(out))
    return _CONTROL.sub(" ", folded).replace("ß", "ss").replace("ı", "i")


@pytest.mark.parametrize("text", [
    None, "", "Anna Smirnova", "JOSÉ Müller-Lüdenscheidt", "Ёлкин Пётр Йосипович", "Straße", "DİYARBAKIR ılıca",
    "محمّد عَلي", "प्रिया शर्मा", "李娜", "Ǆemal ﬁne Ⅻ", "tab\there\x00nul\x7f", "\u0301leading mark",
    "a\u0301\u0302 ع\u0301\u0302 и\u0306", "Ἀθηνᾶ", "Nguyễn Thị Minh Khai", "K\u212a Å", "\u2028line\u00a0sep",
])
def test_fold_matches_the_definition(text):
    assert fold(text) == reference_fold(text)


def test_fold_matches_the_definition_on_random_text():
    rng = random.Random(11)
    pools = [
        "abcXYZ 019-@.", "éèêëÉÈàçñöüÿßİıǅﬁ", "абвгдеёжзийЁЙЪ", "ابتثجحخ", "कखगघ", "中文名字",
        "\u0300\u0301\u0306\u0308\u0327\u0483\u0488\u064e\u0651\u093c\u094d\u20dd", "\x00\x01\x1f\x7f\t\n",
        "ΆΈΉάέήΐ", "ạảấầẩẫậ", "\U0001d400\U0001f600",
    ]
    for _ in range(5000):
        text = "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(1, 12)))
        assert fold(text) == reference_fold(text), repr(text)
