"""Small-sentence tests for each construction the extractor must recognise (id and en)."""

from __future__ import annotations

import pytest

from kg.extract import extract_text


def claims(body: str, lang: str):
    """Extract from ``body`` under a dummy title line and check every span."""
    text = "Judul\n\n" + body
    ex = extract_text(text, lang)
    for c in ex.claims:
        assert text[c.start : c.end] == c.text
    return ex.claims


def one(body: str, lang: str):
    found = claims(body, lang)
    assert len(found) == 1, [(c.claimant.id, c.kind, c.text) for c in found]
    return found[0]


# ------------------------------------------------------------------ direct quotes
@pytest.mark.parametrize(
    ("body", "lang", "who"),
    [
        ("“Kami tidak akan mundur,” kata Presiden Rusia Vladimir Putin.", "id", "vladimir-putin"),
        ('"Kami tidak akan mundur," ujar Lavrov.', "id", "sergey-lavrov"),
        ("“Kami tidak akan mundur,” ucap Burmistrov kepada wartawan.", "id", "oleg-burmistrov"),
        ("“We will not retreat,” Putin said.", "en", "vladimir-putin"),
        ('"We will not retreat," said Sergey Lavrov, speaking in Moscow.', "en", "sergey-lavrov"),
        ('"We will not retreat," Lavrov told reporters.', "en", "sergey-lavrov"),
    ],
)
def test_quote_with_attribution_after(body: str, lang: str, who: str) -> None:
    c = one(body, lang)
    assert c.quote and c.claimant.id == who and c.kind == "assertion"
    assert c.text.startswith(("Kami", "We"))


def test_quote_attribution_before_with_colon() -> None:
    c = one('Lavrov said: "Sanctions do not work."', "en")
    assert c.quote and c.claimant.id == "sergey-lavrov" and c.text == "Sanctions do not work."


def test_quote_spanning_sentences_and_pronoun_back_reference_id() -> None:
    body = (
        "“Ada batasan. Rusia mematuhi semua pembatasan ini… Kita punya peluang,” kata Putin.\n\n"
        "“Kami menentang sanksi baru,” tambahnya."
    )
    first, second = claims(body, "id")
    assert first.text.startswith("Ada batasan.") and first.text.endswith("peluang,")
    assert first.claimant.id == second.claimant.id == "vladimir-putin"


def test_pronoun_he_and_role_alias() -> None:
    body = 'Sergey Lavrov arrived in Pyongyang on Wednesday. "The talks were useful," he said.'
    assert one(body, "en").claimant.id == "sergey-lavrov"
    assert one("“Ada peluang kerja sama,” kata presiden Rusia.", "id").claimant.id == (
        "vladimir-putin"
    )


def test_short_name_refers_back_to_full_name() -> None:
    body = (
        "Juru bicara Kementerian Kesehatan Esther Sri Astuti mengatakan stok obat cukup.\n\n"
        "“Tidak ada kekurangan,” kata Esther."
    )
    a, b = claims(body, "id")
    assert a.claimant.id == b.claimant.id == "esther-sri-astuti"
    assert a.claimant.role_of == "indonesian-ministry-of-health"


def test_quote_continuation_in_same_paragraph() -> None:
    body = '"Prices will fall," said Maria Santos, an economist. "Supply is recovering."'
    a, b = claims(body, "en")
    assert a.claimant.id == b.claimant.id == "maria-santos"
    assert b.text == "Supply is recovering."


# ---------------------------------------------------------------- reported speech
@pytest.mark.parametrize(
    ("body", "lang", "who"),
    [
        (
            "Washington mengklaim bahwa Korea Utara mengirim senjata ke Rusia.",
            "id",
            "united-states",
        ),
        ("Kremlin menyatakan kerja sama itu sah.", "id", "russia"),
        ("Putin menyebut sanksi itu sia-sia.", "id", "vladimir-putin"),
        ("Pyongyang melaporkan bahwa panen gandum meningkat.", "id", "north-korea"),
        ("Washington said that North Korea had shipped arms to Russia.", "en", "united-states"),
        ("The Kremlin claimed the shipments were legal.", "en", "russia"),
        ("Beijing reported on Monday that exports rose.", "en", "china"),
    ],
)
def test_reported_speech(body: str, lang: str, who: str) -> None:
    c = one(body, lang)
    assert c.claimant.id == who and c.kind == "assertion" and not c.quote
    assert c.start == len("Judul\n\n") and not c.text.endswith(".")


@pytest.mark.parametrize(
    ("body", "lang", "who"),
    [
        (
            "Ekonomi tumbuh 5 persen tahun ini, menurut Badan Pusat Statistik.",
            "id",
            "statistics-indonesia",
        ),
        ("Menurut Kremlin, pasokan gas ke Eropa akan dilanjutkan.", "id", "russia"),
        ("According to the Kremlin, gas supplies to Europe will resume.", "en", "russia"),
        ("Exports rose sharply last year, according to Beijing.", "en", "china"),
    ],
)
def test_according_to(body: str, lang: str, who: str) -> None:
    c = one(body, lang)
    assert c.claimant.id == who


def test_menurutnya_refers_back() -> None:
    body = "Putin mengatakan ekonomi kuat.\n\nMenurutnya, sanksi Barat gagal."
    _first, b = claims(body, "id")
    assert b.claimant.id == "vladimir-putin" and b.text.startswith("Menurutnya")


# -------------------------------------------------------------------------- stances
@pytest.mark.parametrize(
    ("body", "lang", "kind"),
    [
        ("Kremlin membantah bahwa pasukannya menyerang rumah sakit.", "id", "denial"),
        ("Kremlin menyangkal laporan itu.", "id", "denial"),
        ("Kremlin menepis tuduhan tersebut.", "id", "denial"),
        ("Kremlin meragukan angka korban itu.", "id", "dispute"),
        ("Kremlin mempertanyakan laporan tersebut.", "id", "dispute"),
        ("Kremlin menuduh Kyiv menyerang pembangkit listrik.", "id", "accusation"),
        ("Kremlin menyalahkan Kyiv atas serangan itu.", "id", "accusation"),
        ("Kremlin membenarkan bahwa Lavrov akan berkunjung.", "id", "support"),
        ("The Kremlin denied that its troops shelled the hospital.", "en", "denial"),
        ("The Kremlin rejected the reports.", "en", "denial"),
        ("The Kremlin dismissed the allegations.", "en", "denial"),
        ("The Kremlin questioned the casualty figures.", "en", "dispute"),
        ("The Kremlin doubted the report.", "en", "dispute"),
        ("The Kremlin accused Kyiv of shelling a power plant.", "en", "accusation"),
        ("The Kremlin blamed Kyiv for the attack.", "en", "accusation"),
        ("The Kremlin confirmed that Lavrov would visit.", "en", "support"),
    ],
)
def test_stances(body: str, lang: str, kind: str) -> None:
    c = one(body, lang)
    assert c.kind == kind and c.claimant.id == "russia"


def test_refusal_to_comment_is_not_a_denial() -> None:
    assert claims("Kremlin menolak untuk berkomentar.", "id") == []
    assert claims("The Kremlin declined to comment and refused to comment.", "en") == []


def test_passive_denial_with_two_claimants_and_targets_id() -> None:
    body = (
        "Washington mengklaim bahwa Korea Utara mengirim 1.000 kontainer amunisi ke Rusia.\n\n"
        "Tuduhan AS telah dibantah oleh Korea Utara dan Kremlin."
    )
    claim, d1, d2 = claims(body, "id")
    assert {d1.claimant.id, d2.claimant.id} == {"north-korea", "russia"}
    assert d1.kind == d2.kind == "denial"
    assert d1.targets == d2.targets == [claim.id]
    assert d1.text == d2.text == "Tuduhan AS telah dibantah oleh Korea Utara dan Kremlin"


def test_passive_denial_and_noun_targets_en() -> None:
    body = (
        "The United States said North Korea had shipped arms to Russia.\n\n"
        "The US accusations were rejected by Pyongyang and the Kremlin.\n\n"
        "Beijing said trade with Moscow was growing.\n\n"
        "Pyongyang dismissed the claims."
    )
    us, d1, d2, cn, d3 = claims(body, "en")
    assert {d1.claimant.id, d2.claimant.id} == {"north-korea", "russia"}
    assert d1.targets == [us.id]
    assert d3.kind == "denial" and d3.targets == [cn.id]


def test_klaim_tersebut_links_to_previous_statement() -> None:
    body = (
        "Menteri Keuangan Ratna Wijayanti mengatakan bahwa inflasi akan turun.\n\n"
        "Sejumlah ekonom meragukan klaim tersebut."
    )
    claim, doubt = claims(body, "id")
    assert doubt.kind == "dispute" and doubt.targets == [claim.id]
    assert doubt.claimant.kind == "unnamed"


# ------------------------------------------------------------------- unnamed sources
@pytest.mark.parametrize(
    ("body", "lang", "label"),
    [
        (
            "Seorang pejabat Rusia mengatakan serangan itu direncanakan.",
            "id",
            "Seorang pejabat Rusia",
        ),
        ("Para analis memperingatkan bahwa harga akan naik.", "id", "Para analis"),
        ("An official said the attack was planned.", "en", "An official"),
        ("Analysts warned that prices would rise.", "en", "Analysts"),
        (
            "A senior diplomat, who spoke on condition of anonymity, said talks had stalled.",
            "en",
            "A senior diplomat",
        ),
    ],
)
def test_unnamed_sources_are_kept(body: str, lang: str, label: str) -> None:
    c = one(body, lang)
    assert c.claimant.kind == "unnamed" and c.claimant.label == label
    assert c.attributed and c.claimant.id == label.lower().replace(" ", "-")


def test_unnamed_role_of_country() -> None:
    c = one("Seorang pejabat Rusia di kota tersebut menyalahkan pasukan Ukraina.", "id")
    assert c.kind == "accusation" and c.claimant.role_of == "russia"


# ------------------------------------------------------------------ the article's own
def test_unattributed_claims_belong_to_the_article() -> None:
    found = claims(
        "Serangan udara menewaskan sedikitnya 500 warga sipil di sebuah rumah sakit.", "id"
    )
    (c,) = found
    assert c.claimant.id == "@article" and not c.attributed
    assert c.quantities[0].value == 500 and c.quantities[0].comparator == "at-least"


def test_plain_background_sentence_is_not_a_claim() -> None:
    assert claims("Lavrov tiba di Pyongyang pada hari Rabu.", "id") == []
    assert claims("Lavrov arrived in Pyongyang on Wednesday.", "en") == []


# ---------------------------------------------------------------------- hedging
@pytest.mark.parametrize(
    ("body", "lang", "cue"),
    [
        ("Kunjungan itu diperkirakan akan membuka jalan bagi Putin.", "id", "diperkirakan"),
        ("Pasokan senjata itu kemungkinan berlanjut.", "id", "kemungkinan"),
        ("Kapal itu diduga membawa amunisi.", "id", "diduga"),
        ("Sepuluh orang dilaporkan tewas.", "id", "dilaporkan"),
        ("The visit is expected to pave the way for Putin.", "en", "expected"),
        ("The ships appear to carry ammunition.", "en", "appear to"),
        ("Ten people were reportedly killed.", "en", "reportedly"),
        ("The ship allegedly carried arms.", "en", "allegedly"),
        ("Putin said talks may resume.", "en", "may"),
    ],
)
def test_hedges(body: str, lang: str, cue: str) -> None:
    c = one(body, lang)
    assert c.hedged and c.hedge is not None and c.hedge.lower() == cue


def test_unhedged() -> None:
    c = one("Putin mengatakan perundingan akan dilanjutkan.", "id")
    assert not c.hedged and c.hedge is None


# ------------------------------------------------- indirect speech closed by attribution
@pytest.mark.parametrize(
    ("body", "lang", "who"),
    [
        (
            "Pemerintah akan menambah stok beras hingga akhir tahun, kata Lavrov.",
            "id",
            "sergey-lavrov",
        ),
        ("The ceasefire will hold until Friday, Lavrov told reporters.", "en", "sergey-lavrov"),
    ],
)
def test_indirect_speech_with_trailing_attribution(body: str, lang: str, who: str) -> None:
    c = one(body, lang)
    assert c.claimant.id == who and not c.quote and c.rule == "trailing-attribution"


def test_definite_description_refers_back() -> None:
    body = (
        "Regional governor Viktor Ostapov said no one was killed.\n\n"
        '"We are safe," the governor said.'
    )
    a, b = claims(body, "en")
    assert a.claimant.id == b.claimant.id == "viktor-ostapov"


def test_participle_attaches_speech_to_the_sentence_subject() -> None:
    c = one("Indonesia's trade ministry defended the ban, saying it protects breeders.", "en")
    assert c.rule == "participle" and c.claimant.role_of == "indonesia"
    assert c.claimant.label == "Indonesia's trade ministry"
    d = one("Kremlin membela kebijakan itu, seraya mengatakan sanksi tidak sah.", "id")
    assert d.claimant.id == "russia" and d.rule == "participle"
