"""Honest medicine and money: the product's approval status (a trial with its registry number);
risks as the source states them, severe cases needing intensive care and possibly fatal, with no
"almost always temporary"; the source's challenges; leukaemia's remission figures only in
leukaemia packets; and the payment terms with what happens if plans change."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.packets.conftest import make_lead, render
from tests.packets.pdf_reading import needs_poppler, normalise, pdftotext

LANGUAGES = ("en", "ru", "ar", "zh")
DIAGNOSES = {"leukemia": "Relapsed B-ALL after two lines of chemotherapy (CD19+)",
             "lymphoma": "Relapsed diffuse large B-cell lymphoma",
             "multiple_myeloma": "Multiple myeloma, relapsed after three lines"}
#: The remission figures, however a language writes them.
REMISSION = re.compile(r"80\s*(?:–|-|to|до|至|إلى)?\s*90|80\s*%\s*至\s*90|90\s*(?:إلى)\s*80")
#: The softening the source does not say.
SOFTENED = ("almost always temporary", "почти всегда это проходит", "مؤقتة في أغلب الأحيان", "几乎都是暂时的",
            "Most cases are mild", "effective medicines for the severe ones")


def _words(sentence: str) -> list[str]:
    return [w for w in re.findall(r"\w+", normalise(sentence)) if len(w) > 3]


def says(text: str, sentence: str, lang: str) -> bool:
    """The sentence is in the text (spaces aside: lines break anywhere in Chinese); in Arabic
    (poppler reorders its words and splits some at a vowel mark) nearly every longer word is."""
    if lang == "ar":
        words = _words(sentence)
        return sum(word in text for word in words) >= 0.8 * len(words)
    return re.sub(r"\s+", "", normalise(sentence)) in re.sub(r"\s+", "", text)


def packet(content, lang: str, category: str, **changes):
    rendered = render(make_lead(lang, diagnosis_category=category, diagnosis=DIAGNOSES[category], **changes), content)
    return rendered, normalise(pdftotext(rendered.pdf))


@needs_poppler
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("category", list(DIAGNOSES))
def test_remission_figures_only_in_leukaemia_packets_and_risks_unsoftened(content, lang, category):
    rendered, text = packet(content, lang, category)
    words = content.text(lang)
    assert rendered.renderer.offer is not None
    if category == "leukemia":
        assert says(text, words.get("how.results_leukaemia"), lang)
        assert REMISSION.search(text)
    else:
        assert REMISSION.search(text) is None, f"leukaemia's remission rates in a {category} packet"
        assert says(text, words.get("how.results_other"), lang)
    for softened in SOFTENED:
        assert softened.casefold() not in text.casefold()
    for item in words.values["risks.items"]:
        assert says(text, item["title"], lang) and says(text, item["text"], lang)


def test_the_risk_texts_say_severe_cases_need_intensive_care_and_can_be_fatal(content):
    fatal = {"en": ("intensive care", "fatal"), "ru": ("реаним", "смерти"), "ar": ("العناية المركزة", "مميتة"),
             "zh": ("重症监护", "致命")}
    challenges = {"en": ("long-term safety monitoring", "trial data"), "ru": ("долгосрочного наблюдения", "исследований"),
                  "ar": ("المتابعة طويلة الأمد", "بيانات التجارب"), "zh": ("长期安全性监测", "试验数据")}
    for lang in LANGUAGES:
        items = {item["title"]: item["text"] for item in content.text(lang).values["risks.items"]}
        texts = list(items.values())
        assert len(items) == 5
        for index in (0, 1):  # CRS and neurotoxicity
            assert all(word in texts[index] for word in fatal[lang]), (lang, texts[index])
        assert all(word in texts[4] for word in challenges[lang]), lang
        assert all(word in content.text(lang).get("risks.intro") for word in fatal[lang])


@needs_poppler
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_approval_status_is_stated_and_a_trial_names_its_registry(content, lang):
    rendered = render(make_lead(lang, diagnosis_category="lymphoma", diagnosis="Mantle cell lymphoma"), content,
                      offer="eastbank_mcl_trial")
    text = normalise(pdftotext(rendered.pdf))
    assert rendered.renderer.offer.approval == "clinical_trial"
    assert "ChiCTR-SAMPLE-0001" in text
    assert says(text, rendered.renderer.t("summary.approval_clinical_trial"), lang)
    approved, approved_text = packet(content, lang, "multiple_myeloma")
    assert approved.renderer.offer.approval == "approved"
    assert says(approved_text, approved.renderer.t("summary.approval_approved"), lang)
    assert "ChiCTR" not in approved_text


@needs_poppler
@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_estimate_gives_the_payment_terms_and_what_happens_if(content, lang):
    rendered, text = packet(content, lang, "leukemia")
    renderer = rendered.renderer
    for key in ("payment.heading", "payment.schedule", "payment.methods_line", "payment.cancellation",
                "payment.not_suitable", "payment.cells_not_made", "payment.contingency"):
        assert says(text, renderer.t(key), lang), key
    payment = content.agency.payment
    assert payment.deposit_percent + payment.arrival_percent + payment.balance_percent == 100
    estimate = renderer.estimate
    share = Decimal(payment.contingency_percent) / 100
    low, high = (estimate.medical_low * share).quantize(Decimal(1)), (estimate.medical_high * share).quantize(Decimal(1))
    assert renderer.values["contingency"] == renderer.money_range(low, high)
    if lang == "en":
        assert "$11,800" in text and "$19,400" in text  # 20 % of $59,000 – $97,000
        assert "30% of the treatment price" in text and "bank transfer or debit or credit card" in text


@needs_poppler
def test_a_first_steps_packet_quotes_no_payment_terms(content):
    rendered = render(make_lead("en", diagnosis=None, diagnosis_category=None), content)
    assert rendered.renderer.offer is None
    text = normalise(pdftotext(rendered.pdf))
    assert normalise(rendered.renderer.t("payment.heading")) not in text
    assert REMISSION.search(text) is None
