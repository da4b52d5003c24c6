"""Extract the desk's strings into resources/translations/medtour_<lang>.ts and compile them to .qm.

    python scripts/translations.py            # lupdate (keeps existing translations) + lrelease
    python scripts/translations.py --release  # only compile the .ts files to .qm

Sources: every module under app/ui (``translate("Context", "text")``) and the domain's labels
(app.ui.i18n.domain_words: statuses, outcomes, reasons, field names), written to a temporary file
for lupdate, so the lists keep their one home in app.domain. ``make translations`` runs this.
"""
from __future__ import annotations

import argparse
import ast
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("ru", "ar", "zh_CN")
if str(ROOT) not in sys.path:  # this checkout's app/, whichever the venv's editable install points at
    sys.path.insert(0, str(ROOT))


def qt_tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to this Python (the venv's), else on PATH."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    return str(here) if here.exists() else f"pyside6-{name}"


def ui_sources() -> list[Path]:
    return sorted((ROOT / "app" / "ui").rglob("*.py"))


def domain_source(folder: Path) -> Path:
    """A throwaway module that names each domain word once, as lupdate reads it."""
    from app.ui.i18n import DOMAIN_CONTEXT, domain_words

    path = folder / "domain_words.py"
    lines = [f"translate({DOMAIN_CONTEXT!r}, {word!r})\n" for word in domain_words()]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"medtour_{language}.ts"


#: How many plural forms each language has (Qt's rules: Russian one/few/many, Arabic six, Chinese one).
PLURAL_FORMS = {"ru": 3, "ar": 6, "zh_CN": 1}
_CALLS = {"translate", "QT_TRANSLATE_NOOP"}


def source_strings() -> dict[tuple[str, str], bool]:
    """Every (context, text) the desk translates, read from the code itself — the calls lupdate reads
    and the domain's words — mapped to whether it counts (``%n``/``%Ln``: plural forms).

    lupdate's Python reader skips a call whose count is an expression (``len(rows)``, ``self.total``)
    and never marks a count given by name as plural; this list fills both gaps."""
    from app.ui.i18n import DOMAIN_CONTEXT, domain_words

    found: dict[tuple[str, str], bool] = {}
    for path in ui_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            context, text = node.args[0], node.args[1]
            if (name in _CALLS and isinstance(context, ast.Constant) and isinstance(context.value, str)
                    and isinstance(text, ast.Constant) and isinstance(text.value, str)):
                found[(context.value, text.value)] = "%n" in text.value or "%Ln" in text.value
    for word in domain_words():
        found.setdefault((DOMAIN_CONTEXT, word), False)
    return found


def read_ts(path: Path) -> dict[tuple[str, str], list[str]]:
    """The translations in a .ts file: (context, source) → its forms (one, or each plural form)."""
    if not path.exists():
        return {}
    found = {}
    for context in ElementTree.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] if translation is not None else []
            if translation is not None and not forms:
                forms = [translation.text or ""]
            found[(name, message.findtext("source") or "")] = forms
    return found


def write_ts(path: Path, language: str, strings: dict[tuple[str, str], bool],
             translations: dict[tuple[str, str], list[str]]) -> None:
    """The .ts file for `language`: every source string, in context order, with its known translation
    (marked unfinished when there is none; plural strings with one form per plural form)."""
    root = ElementTree.Element("TS", version="2.1", language=language)
    contexts: dict[str, list[tuple[str, bool]]] = {}
    for (context, text), numerus in sorted(strings.items()):
        contexts.setdefault(context, []).append((text, numerus))
    for context, messages in contexts.items():
        element = ElementTree.SubElement(root, "context")
        ElementTree.SubElement(element, "name").text = context
        for text, numerus in messages:
            message = ElementTree.SubElement(element, "message", numerus="yes") if numerus else ElementTree.SubElement(
                element, "message")
            ElementTree.SubElement(message, "source").text = text
            forms = [f for f in translations.get((context, text), []) if f]
            translation = ElementTree.SubElement(message, "translation")
            if numerus:
                wanted = PLURAL_FORMS[language]
                forms = (forms + forms[-1:] * wanted)[:wanted] if forms else []
                for form in forms or [""] * wanted:
                    ElementTree.SubElement(translation, "numerusform").text = form
            elif forms:
                translation.text = forms[0]
            if not forms:
                translation.set("type", "unfinished")
    ElementTree.indent(root, space="    ")
    body = ElementTree.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def update(languages: tuple[str, ...] = LANGUAGES) -> None:
    """lupdate into each .ts (translations kept), then the file rewritten so it holds exactly the
    strings of `source_strings` (what lupdate missed added, what is gone dropped), plural ones as such."""
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    strings = source_strings()
    with tempfile.TemporaryDirectory() as tmp:
        sources = [*ui_sources(), domain_source(Path(tmp))]
        for language in languages:
            kept = read_ts(ts_file(language))
            subprocess.run([qt_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none", "-target-language", language,
                            *map(str, sources), "-ts", str(ts_file(language))], check=True, cwd=ROOT)
            extracted = read_ts(ts_file(language))
            for key in extracted:
                strings.setdefault(key, "%n" in key[1] or "%Ln" in key[1])
            write_ts(ts_file(language), language, strings, {**extracted, **kept})


def release(languages: tuple[str, ...] = LANGUAGES, folder: Path | None = None) -> None:
    for language in languages:
        ts = ts_file(language) if folder is None else folder / f"medtour_{language}.ts"
        subprocess.run([qt_tool("lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--release", action="store_true", help="only compile the .ts files to .qm")
    args = parser.parse_args(argv)
    if not args.release:
        update()
    release()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
