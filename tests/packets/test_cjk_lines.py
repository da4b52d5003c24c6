"""Chinese line breaking (CJK rules): no line starts with closing punctuation or ends with opening
punctuation, no paragraph ends on one character alone, no break inside a Latin word or number
set in Chinese text. Checked on the line layout of every Chinese text the packet ships, and on
the lines as drawn in rendered Chinese packets."""
from __future__ import annotations

import re

import pytest

from app.packets.fonts import font_book
from app.packets.packet_styles import make_styles
from app.packets.text_layout import TextSetter
from tests.packets.conftest import make_lead, render
from tests.packets.page_measure import DrawnLine, drawn_lines

CLOSING = frozenset("，。、；：！？）」』】》〉…％：；")
OPENING = frozenset("（「『【《〈“‘")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


class _Filled(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _texts(content, values: dict[str, str]) -> list[str]:
    """Every sentence of the Chinese texts, placeholders filled as a packet fills them."""
    found: list[str] = []
    filled = _Filled(values)

    def walk(value) -> None:
        if isinstance(value, str):
            if HAN.search(value):
                found.append(value.format_map(filled))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif hasattr(value, "forms"):
            walk(dict(value.forms))

    walk(dict(content.text("zh").values))
    return found


def _breaks(prepared, width: float) -> list[tuple[str, str, bool]]:
    """(line, next line or "", last line of its paragraph) for each line at `width`; a line that
    ended at a space ends with one here."""
    chars = prepared.chars
    found = prepared.lines(width)
    lines = ["".join(chars[start:end]) + (" " if chars[end:end + 1] == [" "] else "") for start, end in found]
    hard = [chars[end:end + 1] == ["\n"] for _, end in found]
    return [(line, lines[index + 1] if index + 1 < len(lines) else "", hard[index] or index + 1 == len(lines))
            for index, line in enumerate(lines)]


def _latin_run(line: str, following: str) -> str:
    """The Latin word or number a break parted: the end of one line and the start of the next."""
    tail = re.search(r"[^\s\u3000-\u9fff\uff00-\uffef]+$", line)
    head = re.match(r"[^\s\u3000-\u9fff\uff00-\uffef]+", following)
    return (tail[0] if tail else "") + (head[0] if head else "")


def test_every_chinese_text_breaks_by_the_cjk_rules(content, packets):
    setter = TextSetter(font_book(), "zh", rtl=False)
    style = make_styles("cjk").body
    texts = _texts(content, packets["zh"].renderer.values)
    assert len(texts) > 100
    problems = []
    for text in texts:
        prepared = setter.prepare(text, style)
        for width in (95.0, 140.0, 187.0, 233.0, 301.0, 388.0, 493.0):
            for number, (line, following, paragraph_end) in enumerate(_breaks(prepared, width)):
                stripped = line.strip()
                if not stripped:
                    continue
                if stripped[0] in CLOSING:
                    problems.append(("starts with closing punctuation", width, stripped))
                if stripped[-1] in OPENING:
                    problems.append(("ends with opening punctuation", width, stripped))
                if (following and LATIN_OR_DIGIT.fullmatch(line[-1]) and LATIN_OR_DIGIT.match(following)
                        and setter.width(_latin_run(line, following), style) <= width):  # it would have fit
                    problems.append(("breaks inside a Latin word or number", width, stripped + "|" + following))
                letters = [char for char in stripped if char not in CLOSING]
                if paragraph_end and number and len(letters) == 1 and HAN.match(letters[0]):
                    problems.append(("one character alone on the last line", width, stripped))
    assert not problems, problems[:10]


def test_the_rules_see_a_bad_break():
    """The checks above are not vacuous: plain greedy breaking at one character per line breaks them."""
    setter = TextSetter(font_book(), "zh", rtl=False)
    prepared = setter.prepare("你好，世界。", make_styles("cjk").body)
    narrow = [line for line, _, _ in _breaks(prepared, 12.0)]
    assert all(not line.startswith("，") for line in narrow)  # "好，" stays together even one per line
    assert any(len(line) == 2 and line[1] in CLOSING for line in narrow)


def test_a_paragraph_does_not_end_on_one_character():
    setter = TextSetter(font_book(), "zh", rtl=False)
    style = make_styles("cjk").body
    text = "一二三四五六七八九十一二三四五六七八九十甲"
    prepared = setter.prepare(text, style)
    width = prepared.width(0, 20) + 0.5  # twenty characters fit, the twenty-first would be alone
    lines = [line for line, _, _ in _breaks(prepared, width)]
    assert len(lines) == 2 and len(lines[-1]) == 2, lines


def test_latin_words_and_numbers_in_chinese_stay_whole():
    setter = TextSetter(font_book(), "zh", rtl=False)
    style = make_styles("cjk").body
    prepared = setter.prepare("我们的CAR-T治疗大约需要56晚以及CD19检测结果", style)
    for width in range(40, 260, 3):
        for line, following, _ in _breaks(prepared, float(width)):
            if following:
                assert not (LATIN_OR_DIGIT.fullmatch(line[-1]) and LATIN_OR_DIGIT.match(following)), (width, line)


# ---------------------------------------------------------------------------- rendered packets

#: Chinese leads shaped like the demo's (app/domain/demo_data.py): one- and two-character given
#: names, each diagnosis group the partner hospitals treat, companions or none.
DEMO_SHAPED = {
    "wang_wei_lymphoma": {"full_name": "王伟", "latin_name": "Wang Wei", "diagnosis": "弥漫大B细胞淋巴瘤",
                          "diagnosis_category": "lymphoma"},
    "li_na_leukaemia": {"full_name": "李娜", "latin_name": "Li Na", "diagnosis": "复发难治性B细胞急性淋巴细胞白血病",
                        "diagnosis_category": "leukemia", "companions": 2},
    "chen_jing_myeloma": {"full_name": "陈静", "latin_name": "Chen Jing", "diagnosis": "多发性骨髓瘤，三线治疗后复发",
                          "diagnosis_category": "multiple_myeloma", "companions": 0},
    "zhang_xiaoming_unknown": {"full_name": "张小明", "latin_name": "Zhang Xiaoming", "diagnosis": None,
                               "diagnosis_category": None},
}


def _paragraph_lines(lines: list[DrawnLine]) -> list[tuple[DrawnLine, DrawnLine | None]]:
    """Each drawn line with the line above it in the same paragraph (same page, same start, one
    line-height up), or None for a paragraph's first line."""
    above: list[tuple[DrawnLine, DrawnLine | None]] = []
    for line in lines:
        previous = next((other for other in lines if other.page == line.page and abs(other.x0 - line.x0) < 1.0
                         and 0 < other.baseline - line.baseline < 26), None)
        above.append((line, previous))
    return above


@pytest.mark.parametrize("shape", sorted(DEMO_SHAPED))
def test_rendered_chinese_packets_follow_the_cjk_rules(content, shape):
    pdf = render(make_lead("zh", **DEMO_SHAPED[shape]), content).pdf
    lines = drawn_lines(pdf)
    chinese = [line for line in lines if HAN.search(line.text)]
    assert len(chinese) > 100
    starts = [line.text for line in chinese if line.text[0] in CLOSING]
    assert not starts, f"lines starting with closing punctuation: {starts}"
    ends = [line.text for line in chinese if line.text[-1] in OPENING]
    assert not ends, f"lines ending with opening punctuation: {ends}"
    orphans = [(line.page, line.text) for line, previous in _paragraph_lines(chinese)
               if previous is not None and len([c for c in line.text if c not in CLOSING]) == 1]
    assert not orphans, f"paragraphs ending on one character: {orphans}"
