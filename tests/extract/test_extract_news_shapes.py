"""Shapes met in real published news (issue: extraction that holds on real news).

Every text here is written for this test, modelled on the shapes seen in real Indonesian and
English articles (datelines, appositives, long role titles, embedded claims in denials,
stance carried by the words rather than the verb, wrapped lines, cut-off endings). No text is
copied from any article. The real articles are measured outside the repository with
``bench/realnews.py`` (figures in docs/extraction.md).
"""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.segment import MAX_SENTENCE, paragraphs, sentences


def extract(body: str, lang: str):
    text = "Judul\n" + body
    ex = extract_text(text, lang)
    for c in ex.claims:
        assert text[c.start : c.end] == c.text
    return [c for c in ex.claims if c.attributed]


def summary(found) -> list[tuple[str, str]]:
    return [(c.claimant.label, c.kind) for c in found]


# ----------------------------------------------------------------------------- datelines
@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("JAKARTA, KOMPAS.com - Menteri Rina Hartono mengatakan stok beras aman.", "id"),
        ("REPUBLIKA.CO.ID, BANDUNG -- Menteri Rina Hartono mengatakan stok beras aman.", "id"),
        ("Warta.com, Surabaya - Menteri Rina Hartono mengatakan stok beras aman.", "id"),
        ("Jakarta (ANTARA) - Menteri Rina Hartono mengatakan stok beras aman.", "id"),
        ("Jakarta: Menteri Rina Hartono mengatakan stok beras aman.", "id"),
        ("MANILA, Philippines (AP) — Minister Rina Hartono said rice stocks were safe.", "en"),
        ("LONDON, Oct 3 (Reuters) - Minister Rina Hartono said rice stocks were safe.", "en"),
    ],
)
def test_dateline_is_never_a_claimant_and_the_lead_is_kept(body: str, lang: str) -> None:
    found = extract(body, lang)
    assert summary(found) == [("Rina Hartono", "assertion")]
    assert found[0].text.startswith(("Menteri", "Minister"))


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (" date 2021-03-04 Minister Rina Hartono said rice stocks were safe.", "en"),
        ("Published Mar. 4, 2021 Minister Rina Hartono said rice stocks were safe.", "en"),
        ("4 March 2021 | 10:15 GMT Minister Rina Hartono said rice stocks were safe.", "en"),
        ("Rabu, 04 Maret 2021 10:15 WIB Menteri Rina Hartono mengatakan stok beras aman.", "id"),
        ("2021-03-04 JAKARTA, KOMPAS.com - Menteri Rina Hartono mengatakan stok beras aman.", "id"),
    ],
)
def test_a_date_stamp_before_the_lead_is_skipped_and_the_lead_kept(body: str, lang: str) -> None:
    found = extract(body, lang)
    assert summary(found) == [("Rina Hartono", "assertion")]
    assert found[0].text.startswith(("Menteri", "Minister"))


def test_a_blank_line_ends_a_paragraph_and_a_one_word_outlet_dateline_is_skipped() -> None:
    found = extract(
        "Partai Maju Bantah Kabar Suap, Tapi Tolak Pertanyaan Wartawan\n\nbanner 468x60\n\n"
        "Metro,wartametro – DPC Partai Maju Kota Metro bersama tim kuasa hukum membantah kabar"
        " suap terhadap kadernya.",
        "id",
    )
    assert summary(found)[0] == ("DPC Partai Maju Kota Metro", "denial")


def test_a_long_paragraph_without_its_closing_mark_is_kept_apart() -> None:
    found = extract(
        "Cllr Ana Cruz said: “The budget of this council has been cut every year for a decade"
        " and nobody in the cabinet has ever asked residents what they want\n\n"
        "He also accused the council leader of hiding the figures.",
        "en",
    )
    assert [c.claimant.label for c in found] == ["Ana Cruz", "Ana Cruz"]
    assert found[1].text.startswith("He also accused")


@pytest.mark.parametrize(
    ("body", "lang", "who"),
    [
        ("Partai Maju bersama tim hukumnya membantah kabar itu.", "id", "Partai Maju"),
        ("The Reform Party together with its lawyers denied the report.", "en", "Reform Party"),
    ],
)
def test_a_companion_joined_to_the_subject_is_not_the_speaker(
    body: str, lang: str, who: str
) -> None:
    assert summary(extract(body, lang))[:1] == [(who, "denial")]


def test_a_date_stamp_before_a_caption_is_page_furniture() -> None:
    found = extract(
        " date 2021-03-04 FILE PHOTO: The minister at a market in Bogor, March 2, 2021\n\n"
        "BOGOR (Reuters) - Minister Rina Hartono, in office since 2019, said rice stocks were"
        " safe.",
        "en",
    )
    assert summary(found) == [("Rina Hartono", "assertion")]


def test_the_institution_named_in_the_lead_is_the_one_called_by_its_head_noun() -> None:
    found = extract(
        "The University of Tamale (UTA) has dismissed reports that its exam papers"
        " were sold.\nIn a statement, the university maintained the papers were kept sealed.",
        "en",
    )
    assert found[0].claimant.label == "University of Tamale"
    said = [c for c in found if "the university maintained" in c.text]
    assert [c.claimant.label for c in said] == ["University of Tamale"]


# ------------------------------------------------------------------------ denial links
def test_denial_of_an_embedded_claim_emits_that_claim_and_links_it_id() -> None:
    found = extract(
        "Juru bicara Partai Maju, Dewi Lestari, membantah pernyataan Menteri Yusuf Halim yang "
        "menyebut partainya menerima dana asing.",
        "id",
    )
    denial = next(c for c in found if c.kind == "denial")
    embedded = next(c for c in found if c.id in denial.targets)
    assert denial.claimant.label == "Dewi Lestari"
    assert embedded.claimant.label == "Yusuf Halim"
    assert embedded.text == "partainya menerima dana asing"


def test_denial_of_an_embedded_claim_emits_that_claim_and_links_it_en() -> None:
    found = extract(
        "The ministry dismissed allegations by opposition leader Tom Reyes on Monday that the "
        "dam was built without permits.",
        "en",
    )
    denial = next(c for c in found if c.kind == "denial")
    (target,) = [c for c in found if c.id in denial.targets]
    assert target.claimant.label == "Tom Reyes" and target.kind == "accusation"
    assert target.text == "the dam was built without permits"


def test_a_negation_of_an_earlier_accusation_denies_it() -> None:
    found = extract(
        "Aktivis Budi Santoso menuding Bupati Hendra Wijaya membagikan uang kepada pemilih.\n"
        "“Pak Hendra tidak pernah membagikan uang kepada siapa pun,” kata juru bicara bupati, "
        "Sari Utami.",
        "id",
    )
    accusation, denial = found
    assert accusation.kind == "accusation" and accusation.claimant.label == "Budi Santoso"
    assert denial.kind == "denial" and denial.claimant.label == "Sari Utami"
    assert denial.targets == [accusation.id]


def test_the_same_side_answering_again_answers_the_same_claim() -> None:
    found = extract(
        "Opposition leader Tom Reyes accused the mayor of hiding the audit.\n"
        "The mayor's office denied the accusation.\n"
        '"This is completely untrue," said spokeswoman Ana Cruz of the mayor\'s office.',
        "en",
    )
    accusation = found[0]
    assert [c.kind for c in found] == ["accusation", "denial", "denial"]
    assert found[1].targets == [accusation.id] and found[2].targets == [accusation.id]


# --------------------------------------------------------------- stance from the words
@pytest.mark.parametrize(
    ("body", "lang", "kind"),
    [
        ("“Kabar itu tidak benar dan mengada-ada,” kata Sari Utami.", "id", "denial"),
        ("“Itu hoaks,” ujar Sari Utami.", "id", "denial"),
        ('"That report is a fabrication," Ana Cruz said.', "en", "denial"),
        ('"The company has nothing to do with the spill," Ana Cruz said.', "en", "denial"),
        ("“Saya tidak yakin angkanya sebesar itu,” kata Sari Utami.", "id", "dispute"),
        ('"The figures are misleading," Ana Cruz said.', "en", "dispute"),
        ("Ana Cruz said the mayor had taken bribes from the builder.", "en", "accusation"),
        ("Sari Utami menyebut bupati melakukan korupsi dana desa.", "id", "accusation"),
        ('"We believe the lawsuit is without merit," Ana Cruz said.', "en", "denial"),
        ("Ana Cruz said the firm would vigorously defend itself in court.", "en", "dispute"),
        ("Ana Cruz said the mayor had made false claims about the budget.", "en", "accusation"),
        ("Sari Utami membela diri dengan menyebut tuduhan itu tanpa bukti.", "id", "dispute"),
        ("Police confirm a taser was deployed.", "en", "support"),
        ("Ana Cruz said the claims were false.", "en", "denial"),
        ("Ana Cruz says she is innocent of the charges.", "en", "denial"),
        ("Ana Cruz said the plant was polluting the river.", "en", "accusation"),
        ("Ana Cruz said the workers were fired for joining the union.", "en", "accusation"),
        ('"We never discriminated against anyone," Ana Cruz said.', "en", "denial"),
        ("Ana Cruz said the accusations were defamatory and concocted.", "en", "denial"),
        ('"We have acted in accordance with the rules," Ana Cruz said.', "en", "denial"),
        ("“Kami tidak pernah membuang limbah ke sungai,” kata Sari Utami.", "id", "denial"),
        ("Sari Utami menyebut pabrik itu membuang limbah ke sungai.", "id", "accusation"),
        ("“Kabar itu isapan jempol belaka,” kata Sari Utami.", "id", "denial"),
        ("Sari Utami menegaskan pihaknya tidak terlibat dalam kasus itu.", "id", "denial"),
    ],
)
def test_stance_comes_from_what_is_said(body: str, lang: str, kind: str) -> None:
    (c,) = extract(body, lang)
    assert c.kind == kind


def test_a_negated_cue_is_not_a_denial() -> None:
    (c,) = extract("“Ini bukan hoaks, ini fakta,” kata Sari Utami.", "id")
    assert c.kind == "assertion"


# ------------------------------------------------------------------ attribution shapes
@pytest.mark.parametrize(
    ("body", "lang", "who", "kind"),
    [
        ("Mayor Ana Cruz firmly rejected the audit findings.", "en", "Ana Cruz", "denial"),
        ("Mayor Ana Cruz early Tuesday said the audit was late.", "en", "Ana Cruz", "assertion"),
        (
            "Bupati Hendra Wijaya secara tegas membantah tuduhan itu.",
            "id",
            "Hendra Wijaya",
            "denial",
        ),
        (
            "Bupati Hendra Wijaya pada Senin (4/2/2019) mengatakan anggaran sudah cair.",
            "id",
            "Hendra Wijaya",
            "assertion",
        ),
        ("The audit was late, Mayor Ana Cruz said.", "en", "Ana Cruz", "assertion"),
        ("Anggaran sudah cair, kata Bupati Hendra Wijaya.", "id", "Hendra Wijaya", "assertion"),
    ],
)
def test_adverbs_times_and_trailing_attributions(body: str, lang: str, who: str, kind: str) -> None:
    (c,) = extract(body, lang)
    assert (c.claimant.label, c.kind) == (who, kind)


def test_long_role_title_after_a_quote_names_the_person() -> None:
    (c,) = extract(
        "“Kami siap menghadapi gugatan itu,” ujar Wakil Ketua Tim Pemenangan Pasangan Calon "
        "Nomor 2, Budi Santoso, kepada wartawan.",
        "id",
    )
    assert c.claimant.label == "Budi Santoso" and c.quote
    assert c.claimant.role_title and c.claimant.role_title.startswith("Wakil Ketua")


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("Ana Cruz, spokeswoman for the mayor's office, said the audit was late.", "en"),
        ("Ana Cruz, speaking to reporters at city hall, said the audit was late.", "en"),
        ("Sari Utami, juru bicara Pemerintah Kota, mengatakan audit terlambat.", "id"),
    ],
)
def test_appositive_names_the_person_not_the_role(body: str, lang: str) -> None:
    (c,) = extract(body, lang)
    assert c.claimant.label in ("Ana Cruz", "Sari Utami") and c.claimant.kind == "person"


def test_the_company_is_a_body_never_a_person_whose_role_names_it() -> None:
    found = extract(
        "Northwind Company denied the report.\nIvan Petrov, vice president of the company,"
        " said the drains were clean.\nBut the company said the regulator lacked data.",
        "en",
    )
    assert [c.claimant.label for c in found] == [
        "Northwind Company",
        "Ivan Petrov",
        "Northwind Company",
    ]


@pytest.mark.parametrize(
    ("body", "lang", "who"),
    [
        ("Coun Vallender stands by what he wrote.", "en", "Coun Vallender"),
        (
            "Presiden Budi Santoso melalui akun twitternya membantah kabar itu.",
            "id",
            "Presiden Budi Santoso",
        ),
    ],
)
def test_a_title_and_name_end_where_the_clause_begins(body: str, lang: str, who: str) -> None:
    assert [c.claimant.label for c in extract(body, lang)][:1] == [who]


def test_a_reporting_word_after_a_preposition_is_a_noun() -> None:
    found = extract(
        "Labour councillors have hit back over claims they were unhappy with their leader.", "en"
    )
    assert summary(found)[0] == ("Labour councillors", "denial")


def test_however_after_a_subject_is_not_part_of_its_name() -> None:
    found = extract("A former staffer at the paper however says the interview took place.", "en")
    assert [c.claimant.label for c in found] == ["A former staffer at the paper"]


@pytest.mark.parametrize(
    ("body", "who"),
    [
        ("Aduan itu diklaim oleh pihak yayasan semua tidak benar.", "Yayasan"),
        (
            "Kabar itu dibantah Kepala Bagian (Kabag) Hukum Setda Kabupaten Bogor, Ana Lestari.",
            "Ana Lestari",
        ),
    ],
)
def test_a_bare_passive_agent_after_oleh_or_a_long_title(body: str, who: str) -> None:
    assert [c.claimant.label for c in extract(body, "id")][:1] == [who]


def test_a_pronoun_and_its_verb_are_never_a_body_named_by_its_noun() -> None:
    found = extract(
        "Ana Lestari mengatakan pemilu berjalan jujur. Ia menyarankan kedua kubu untuk"
        " melaporkan tuduhan itu ke Bawaslu.",
        "id",
    )
    assert [c.claimant.label for c in found] == ["Ana Lestari", "Ana Lestari"]


def test_a_description_refers_to_the_person_already_named() -> None:
    found = extract(
        "Politikus Partai Maju, Dewi Lestari, mengatakan anggaran itu bocor.\n"
        "Politikus partai itu juga menegaskan bahwa audit harus diulang.",
        "id",
    )
    assert [c.claimant.label for c in found] == ["Dewi Lestari", "Dewi Lestari"]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("Meski membantah, Dewi Lestari mempersilakan warga melapor.", "id"),
        ("Sementara itu, harga cabai naik tajam.", "id"),
        ("Instead, prices rose sharply across the region.", "en"),
    ],
)
def test_sentence_adverbs_are_never_claimants(body: str, lang: str) -> None:
    found = extract(body, lang)
    labels = {c.claimant.label.lower() for c in found}
    assert not labels & {"meski", "sementara itu", "sementara", "instead"}


@pytest.mark.parametrize(
    ("body", "who"),
    [
        (
            "Ana Cruz, a partner at a law firm in Savannah, Ga., told reporters the claims were"
            " false.",
            "Ana Cruz",
        ),
        (
            "Clinics ran out of doses, even as the administration denied any shortage.",
            "Administration",
        ),
        ("Clinics ran out of doses, as the ministry denied any shortage.", "Ministry"),
        (
            "Ukraine's Ministry of Foreign Affairs spokesperson Ana Cruz denied the allegations.",
            "Ana Cruz",
        ),
    ],
)
def test_a_state_after_a_place_and_a_clause_opener_are_never_the_speaker(
    body: str, who: str
) -> None:
    assert [c.claimant.label for c in extract(body, "en")][-1:] == [who]


@pytest.mark.parametrize("when", ["Yesterday,", "Last night", "Today"])
def test_a_time_before_the_pronoun_is_never_the_speaker(when: str) -> None:
    found = extract(
        f"Cllr Ana Cruz said the budget was cut.\n{when} she said the council would appeal.", "en"
    )
    assert [c.claimant.label for c in found] == ["Ana Cruz", "Ana Cruz"]


def test_two_reporting_clauses_in_one_sentence_are_two_statements() -> None:
    found = extract(
        "Menteri Rina Hartono menegaskan stok beras aman, bahkan Bulog sudah menyatakan gudang "
        "penuh.",
        "id",
    )
    assert summary(found) == [("Rina Hartono", "assertion"), ("Bulog", "assertion")]
    assert found[0].end <= found[1].start


def test_participle_clause_is_its_own_statement_by_the_same_speaker() -> None:
    found = extract(
        "The ministry denied the report, saying exports had risen in every quarter.", "en"
    )
    assert [c.kind for c in found] == ["denial", "assertion"]
    assert found[0].claimant.id == found[1].claimant.id
    assert found[1].text.startswith("saying")


# --------------------------------------------------------------------- text structure
def test_a_line_broken_inside_a_sentence_is_one_paragraph() -> None:
    text = "Judul\nPemerintah Kota dan Dinas Pasar membantah\nkabar kenaikan harga. Ia pergi.\n"
    spans = [text[a:b] for a, b in paragraphs(text)]
    assert spans == ["Pemerintah Kota dan Dinas Pasar membantah\nkabar kenaikan harga. Ia pergi."]


def test_an_article_cut_off_mid_sentence_keeps_its_last_line() -> None:
    found = extract("Harga beras naik.\nThe city council has consistently denied claims by", "en")
    assert summary(found) == [("City council", "denial")]


def test_page_furniture_is_skipped() -> None:
    text = "Judul\nBaca juga: Harga cabai naik lagi\nRina Hartono mengatakan stok aman."
    found = extract_text(text, "id").claims
    assert [c.claimant.label for c in found] == ["Rina Hartono"]


def test_a_quote_glued_to_the_sentence_before_is_its_own_statement() -> None:
    found = extract(
        'Kapolres Sleman AKBP Dodi Prasetyo mengatakan, kabar itu hoaks."Videonya lama dan bukan'
        ' di wilayah kami," kata Dodi.',
        "id",
    )
    assert [(c.claimant.label, c.text[:12]) for c in found] == [
        ("Dodi Prasetyo", "Kapolres Sle"),
        ("Dodi Prasetyo", "Videonya lam"),
    ]
    assert found[0].text.rstrip(".").endswith("kabar itu hoaks")


def test_a_full_stop_that_lost_its_space_ends_the_sentence() -> None:
    found = extract(
        "Coach Ana Cruz will step down, the Daily Star reported Saturday.A colleague of Cruz"
        " reported the same plans.",
        "en",
    )
    assert [c.claimant.label for c in found][-1] == "A colleague of Cruz"
    assert found[-1].text.startswith("A colleague")


def test_a_quote_missing_its_closing_mark_ends_with_its_paragraph() -> None:
    found = extract(
        "“Kami tidak akan mundur, kata Sari Utami.\nHarga beras naik di semua pasar.", "id"
    )
    assert all("Harga beras" not in c.text for c in found)


def test_a_sentence_longer_than_the_limit_is_cut_at_clause_marks() -> None:
    body = "Menteri itu mengatakan harga naik, " * 400
    text = "Judul\n" + body + "."
    (para,) = paragraphs(text)
    pieces = sentences(text, *para, [])
    assert len(pieces) > 1 and all(b - a <= MAX_SENTENCE for a, b in pieces)
    assert pieces[0][0] == para[0] and pieces[-1][1] == para[1]


# ------------------------------------------------------------------------------ hedges
@pytest.mark.parametrize(
    ("body", "lang", "hedged"),
    [
        ("Sari Utami mengatakan harga diperkirakan naik.", "id", True),
        ("Sari Utami mengatakan harga kemungkinan naik.", "id", True),
        ("Ana Cruz said prices will likely rise.", "en", True),
        ("Ana Cruz said prices appear to be rising.", "en", True),
        ("Sari Utami mengatakan harga tidak mungkin naik.", "id", False),
        ("Ana Cruz said it was impossible for prices to rise.", "en", False),
    ],
)
def test_hedges_and_negated_modals(body: str, lang: str, hedged: bool) -> None:
    (c,) = extract(body, lang)
    assert c.hedged is hedged


# ------------------------------------------------------------------ claim text, names
@pytest.mark.parametrize(
    ("body", "lang", "claim"),
    [
        (
            "The White House said on Friday that North Korea had sent containers to Russia.",
            "en",
            "North Korea had sent containers to Russia",
        ),
        ("Menurut Dewi Lestari, anggaran itu bocor.", "id", "anggaran itu bocor"),
        ("The audit was late, Mayor Ana Cruz said.", "en", "The audit was late"),
        (
            "Bupati Hendra Wijaya mengklaim bahwa jalan sudah diperbaiki.",
            "id",
            "jalan sudah diperbaiki",
        ),
    ],
)
def test_claim_text_is_the_content_clause_alone(body: str, lang: str, claim: str) -> None:
    (c,) = extract(body, lang)
    assert c.claim_text == claim
    assert c.text.startswith(body[:8])  # the span keeps the speaker


def test_a_short_name_after_the_full_name_is_the_same_agent() -> None:
    found = extract(
        "Menurut Rahmad, anggaran sudah cair.\n"
        "Juru bicara partai, Muhammad Rahmad, membantah tuduhan korupsi itu.",
        "id",
    )
    assert {c.claimant.id for c in found} == {"muhammad-rahmad"}


# ------------------------------------------------------- round 2 (after the first fresh set)
def test_a_rumour_is_the_source_of_its_claim_and_the_denial_answers_it() -> None:
    found = extract(
        "Kabar mengenai Bupati Hendra Wijaya dirawat di rumah sakit beredar di media sosial.\n"
        "Disebutkan, bupati menjalani operasi jantung.\n"
        "Juru bicara pemkab, Sari Utami, membantah kabar tersebut.",
        "id",
    )
    rumours = [c for c in found if c.rule == "rumour"]
    assert [c.claimant.label for c in rumours] == ["kabar yang beredar"] * 2
    assert rumours[0].claim_text == "Bupati Hendra Wijaya dirawat di rumah sakit"
    denial = found[-1]
    assert denial.kind == "denial" and set(denial.targets) <= {c.id for c in rumours}
    assert denial.targets


def test_a_post_and_a_rumour_after_a_connective_are_sources_of_their_claims() -> None:
    found = extract(
        "Dalam postingan disebutkan, pelaku pencurian ditangkap anggota Polsek Sukajadi.\n"
        "Kemudian disebutkan pula bahwa pelaku masih berusia belasan tahun.\n"
        "Kapolsek Sukajadi Kompol Budi Santoso mengatakan, informasi tersebut tidak benar.",
        "id",
    )
    rumours = [c for c in found if c.rule == "rumour"]
    assert [c.claimant.label for c in rumours] == ["postingan yang beredar"] * 2
    assert rumours[1].claim_text == "pelaku masih berusia belasan tahun"
    denial = found[-1]
    assert denial.kind == "denial" and denial.claimant.label == "Budi Santoso"
    assert denial.targets and set(denial.targets) <= {c.id for c in rumours}


def test_a_filing_that_alleges_and_claims_makes_two_accusations() -> None:
    found = extract(
        "A lawsuit filed in Ohio alleges Harbor Freight broke safety laws and claims the company"
        " issued false reports to regulators.",
        "en",
    )
    assert summary(found) == [("A lawsuit filed in Ohio", "accusation")] * 2


def test_a_court_filing_is_the_source_of_its_allegation_and_the_denial_answers_it() -> None:
    found = extract(
        "A complaint filed in Boston alleges Harbor Freight misled its investors.\n"
        "Harbor Freight said the complaint is without merit.",
        "en",
    )
    assert summary(found) == [
        ("A complaint filed in Boston", "accusation"),
        ("Harbor Freight", "denial"),
    ]
    assert found[1].targets == [found[0].id]


def test_a_denial_of_that_matter_answers_every_statement_of_the_rumour_before_it() -> None:
    found = extract(
        "Beredar pesan di grup WhatsApp, menyebut jembatan Cikapundung akan ditutup.\n"
        "Disebutkan, penutupan berlangsung sampai akhir tahun.\n"
        "Namun polisi memastikan hal tersebut adalah hoaks.",
        "id",
    )
    rumours = [c.id for c in found if c.rule == "rumour"]
    assert len(rumours) == 2
    assert found[-1].kind == "denial" and found[-1].targets == rumours


def test_an_adverb_after_the_denial_verb_does_not_hide_the_claim() -> None:
    found = extract("Ana Lestari membantah mentah-mentah isu perselingkuhan dengan stafnya.", "id")
    assert summary(found) == [("Ana Lestari", "denial"), ("isu yang beredar", "assertion")]
    assert found[1].claim_text == "perselingkuhan dengan stafnya"
    assert found[0].targets == [found[1].id]


def test_a_voice_note_carries_its_claim() -> None:
    found = extract(
        "Dalam rekaman suara tersebut pun dinyatakan ada larangan masuk bagi pegawai pabrik.", "id"
    )
    assert summary(found) == [("rekaman suara yang beredar", "assertion")]
    assert found[0].claim_text == "ada larangan masuk bagi pegawai pabrik"


def test_days_and_places_between_a_name_and_its_verb_are_skipped() -> None:
    (c,) = extract(
        "Kepala Bidang Logistik BPBD Kabupaten Garut, Andri Sulistyo, di Garut, Rabu, "
        "mengatakan seluruh warga selamat.",
        "id",
    )
    assert c.claimant.label == "Andri Sulistyo"


def test_a_title_before_a_lone_name_names_the_person() -> None:
    (c,) = extract(
        "Kepala Biro Komunikasi dan Pelayanan Masyarakat Kementerian Kesehatan Widyawati "
        "menegaskan kabar itu tidak benar.",
        "id",
    )
    assert (c.claimant.label, c.kind) == ("Widyawati", "denial")


def test_a_passive_with_its_agent_right_after_the_verb() -> None:
    (c,) = extract("Pelaksanaan ujian itu dinilai banyak kalangan bermasalah.", "id")
    assert c.claimant.label == "banyak kalangan" and c.claimant.kind == "unnamed"


def test_a_country_outside_the_registry_speaks_as_its_government() -> None:
    (c,) = extract("Myanmar menampik hampir seluruh tudingan itu.", "id")
    assert (c.claimant.label, c.claimant.kind, c.kind) == ("Myanmar", "government", "denial")


def test_two_named_bodies_both_deny() -> None:
    found = extract(
        "Pemerintah Bangladesh dan Badan Pengungsi Dunia (UNHCR) menampik klaim itu.", "id"
    )
    assert [c.claimant.label for c in found] == ["Pemerintah Bangladesh", "Badan Pengungsi Dunia"]
    assert {c.kind for c in found} == {"denial"}


@pytest.mark.parametrize(
    ("body", "lang", "who", "kind"),
    [
        (
            "Moeldoko, kata juru bicara Hendra Wijaya, bukan penyelenggara kongres itu.",
            "id",
            "Hendra Wijaya",
            "assertion",
        ),
        (
            "Minister Ana Cruz was quoted as saying the audit was late.",
            "en",
            "Ana Cruz",
            "assertion",
        ),
        ("Minister Ana Cruz reiterated that the audit was late.", "en", "Ana Cruz", "assertion"),
        ("The report was denied by Mayor Ana Cruz.", "en", "Ana Cruz", "denial"),
        ("According to the report, the dam was unsafe.", "en", "the report", "assertion"),
    ],
)
def test_more_attribution_shapes(body: str, lang: str, who: str, kind: str) -> None:
    (c,) = extract(body, lang)
    assert (c.claimant.label, c.kind) == (who, kind)


def test_a_pronoun_follows_the_speaker_across_sentences() -> None:
    found = extract(
        "Mayor Ana Cruz said the audit was late.\n\nShe also said the budget was cut.", "en"
    )
    assert [c.claimant.label for c in found] == ["Ana Cruz", "Ana Cruz"]


def test_an_attribution_inside_the_sentence_is_left_out_of_the_claim() -> None:
    (c,) = extract(
        "Moeldoko, kata juru bicara Hendra Wijaya, bukan penyelenggara kongres itu.", "id"
    )
    assert c.claim_text == "Moeldoko bukan penyelenggara kongres itu"


# ------------------------------------------------------------------ round 4 (fresh set 3)
@pytest.mark.parametrize(
    "body",
    [
        "HARBORVILLE, Ore., June 4 (Reuters) - Minister Rina Hartono said rice stocks were safe.",
        "Pune, Feb 9 (PTI) Minister Rina Hartono said rice stocks were safe.",
    ],
)
def test_datelines_with_state_date_and_agency(body: str) -> None:
    found = extract(body, "en")
    assert summary(found) == [("Rina Hartono", "assertion")]
    assert found[0].text.startswith("Minister")


def test_a_determiner_makes_a_reporting_verb_a_noun() -> None:
    found = extract(
        "According to the residents, some clerks might have leaked the questions to a few "
        "pupils a day before.",
        "en",
    )
    assert [c.claimant.label for c in found] == ["the residents"]
    assert found[0].text.endswith("a day before")


def test_reply_set_beside_a_statement_is_its_own_linked_denial_en() -> None:
    found = extract(
        "A lawyer for the fisherman said on Friday his client was beaten in custody, an "
        'allegation police called "entirely false."',
        "en",
    )
    lawyer, police = found
    assert lawyer.text.endswith("beaten in custody")
    assert (police.claimant.label, police.kind) == ("police", "denial")
    assert police.targets == [lawyer.id]


def test_reply_set_beside_a_statement_is_its_own_linked_denial_id() -> None:
    found = extract(
        "Warga menyebut lahan itu diserobot perusahaan, tuduhan yang dibantah PT Sinar Abadi.",
        "id",
    )
    warga, company = found
    assert warga.text == "Warga menyebut lahan itu diserobot perusahaan"
    assert company.kind == "denial" and company.targets == [warga.id]


def test_fronted_attribution_and_bare_passives_id() -> None:
    found = extract(
        "Direktur Budi Santoso menambahkan, nasabah sudah mengganti kartu. Kata dia, ada "
        "sekitar 1.200 kartu yang diblokir.\n"
        "Disampaikan Budi bahwa uji cepat bisa dilakukan di lapangan.\n"
        "Tarif parkir yang tinggi dikeluhkan pengunjung.",
        "id",
    )
    assert summary(found) == [
        ("Budi Santoso", "assertion"),
        ("Budi Santoso", "assertion"),
        ("Budi Santoso", "assertion"),
        ("pengunjung", "accusation"),
    ]
    assert found[1].text.startswith("Kata dia, ada sekitar")


def test_a_body_speaks_through_it_and_its_statement_en() -> None:
    found = extract(
        "The Riverside diocese has dismissed allegations of fraud made against its bishop.\n"
        '"He became angry after the inquiry began," said the statement in Spanish.\n'
        'The complaint has "nothing to do with the bishop. His allegations are baseless," it '
        "added.",
        "en",
    )
    assert [c.claimant.label for c in found if c.rule != "embedded-claim"] == [
        "Riverside diocese"
    ] * 3
    assert found[-1].kind == "denial"


def test_date_dateline_and_descriptor_names_en() -> None:
    found = extract(
        "March 3 - The Federation of Rowing Clubs has denied claims that it hid test results.\n"
        "Dismissing the reports, the Dutch carrier SkyLink accused the passengers of "
        "disorderly conduct.\n"
        "Ferry company owner Rustam has stated that the boats follow every rule.\n"
        "Fisherman Darwis said the harbour was closed for a week.",
        "en",
    )
    said = [(c.claimant.label, c.kind) for c in found if c.rule != "embedded-claim"]
    assert said == [
        ("Federation of Rowing Clubs", "denial"),
        ("SkyLink", "accusation"),
        ("Rustam", "assertion"),
        ("Darwis", "assertion"),
    ]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("The label Starline disregarded it as a rumour.", "denial"),
        ("Ministry officials were not ready to accept that the data had leaked.", "denial"),
        ("But health officials maintain that the closure was justified.", "assertion"),
    ],
)
def test_more_stance_verbs_en(body: str, kind: str) -> None:
    found = extract(body, "en")
    assert [c.kind for c in found] == [kind]


def test_short_name_takes_the_full_name_written_in_the_article_id() -> None:
    found = extract(
        '"Itu hoaks, bukan di Bogor," kata Kepala Bidang (Kabid) Mitigasi Bencana pada BPBD '
        "Kabupaten Sukamaju, Rina Wulandari, ketika dihubungi.\n"
        "Rina mengaku tidak mengetahui lokasi video itu.",
        "id",
    )
    assert [c.claimant.label for c in found] == ["Rina Wulandari", "Rina Wulandari"]


def test_a_word_only_written_before_a_name_is_a_title_id() -> None:
    found = extract(
        "Menkoperkara Budi Santoso mengatakan dialog diutamakan.\n"
        "Budi mengatakan kapal itu sudah pergi.",
        "id",
    )
    assert [c.claimant.label for c in found] == ["Budi Santoso", "Budi Santoso"]
    assert found[0].claimant.role_title == "Menkoperkara"


def test_the_quoted_one_speaks_en() -> None:
    found = extract(
        "The Daily Courier quoted two unnamed rowers as saying the camp turned into a party.",
        "en",
    )
    assert summary(found) == [("two unnamed rowers", "assertion")]


def test_a_paragraph_closed_by_its_speaker_is_one_unmarked_quote_id() -> None:
    found = extract(
        "Budi Santoso mengatakan harga naik.\n"
        "Nggak ada itu. Aman, ujar Manajer Umum Persada FC, Rudi Hartono.",
        "id",
    )
    assert summary(found) == [("Budi Santoso", "assertion"), ("Rudi Hartono", "denial")]
    assert found[1].text.startswith("Nggak ada itu. Aman")


@pytest.mark.parametrize(
    ("body", "who"),
    [
        ("Mayor Dana Reyes is accusing the state auditor of playing politics.", "Dana Reyes"),
        ("Cllr Tom Hale has announced he will stand down as group leader.", "Tom Hale"),
        ("Similarly, the district labour office sources said the firm owed wages.", None),
    ],
)
def test_auxiliaries_titles_and_sentence_adverbs_are_not_names_en(body: str, who) -> None:
    found = extract(body, "en")
    assert len(found) == 1
    if who:
        assert found[0].claimant.label == who
    assert not found[0].claimant.label.lower().startswith("similarly")
    assert not found[0].claimant.label.endswith(" is")


def test_a_passive_reporting_verb_never_makes_its_subject_the_speaker_en() -> None:
    found = extract("A building firm has been accused of cheating its workers.", "en")
    assert [c.claimant.label for c in found if c.rule != "embedded-claim"] == []


def test_quote_after_a_colon_belongs_to_the_last_reporting_verb_en() -> None:
    found = extract(
        'A spokesman for the club told reporters in an email: "The coach has not been sacked."',
        "en",
    )
    assert [(c.claimant.label, c.text) for c in found] == [
        ("A spokesman for the club", "The coach has not been sacked.")
    ]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Harbour FC have hit back at a baseless rumour about their coach.", "denial"),
        ("The union hit out at the company over unpaid wages.", "accusation"),
    ],
)
def test_phrasal_stance_verbs_en(body: str, kind: str) -> None:
    assert [c.kind for c in extract(body, "en")] == [kind]


def test_passives_carrying_the_last_person_id() -> None:
    found = extract(
        "Kepala Desa Yusuf Halim menanggapi demo warga. Tuduhan warga itu disebutnya fitnah.\n"
        "Ditegaskan, desa tidak terlibat dalam proyek itu.\n"
        "Dirinya juga menjelaskan, jika dana desa dipakai sesuai aturan.\n"
        "Dia menganggap tuntutan itu salah alamat.",
        "id",
    )
    # "tidak terlibat" and "sesuai aturan" answer the accusation: denials by what is said
    assert summary(found) == [
        ("Yusuf Halim", "assertion"),
        ("Yusuf Halim", "denial"),
        ("Yusuf Halim", "denial"),
        ("Yusuf Halim", "denial"),
        ("Yusuf Halim", "dispute"),
    ]


def test_content_after_said_is_never_taken_for_a_name_en() -> None:
    found = extract(
        "Cllr Rana Iqbal, Labour leader of the council, said Cllr Hale's claims were "
        "'totally unfounded'.",
        "en",
    )
    assert summary(found) == [("Rana Iqbal", "denial")]


def test_a_place_word_before_a_name_is_not_part_of_it_id() -> None:
    found = extract(
        "Warga Kabupaten Bukit Tengah mengeluhkan tarif parkir.\n"
        "Kepala Dinas Pariwisata Bukit Tengah Rustam mengatakan tarif itu sudah benar.\n"
        '"Tidak ada yang salah," kata Rustam.',
        "id",
    )
    assert [c.claimant.label for c in found[-2:]] == ["Rustam"] * 2


def test_adjectives_of_one_group_and_a_coordinated_second_verb_en() -> None:
    found = extract(
        "But Green and Liberal councillors have dismissed his bullying claims and accused him "
        "of missing council meetings.",
        "en",
    )
    assert [(c.claimant.label, c.kind, c.text) for c in found] == [
        (
            "Green and Liberal councillors",
            "denial",
            "Green and Liberal councillors have dismissed his bullying claims",
        ),
        ("Green and Liberal councillors", "accusation", "accused him of missing council meetings"),
    ]


@pytest.mark.parametrize(
    ("body", "who", "kind"),
    [
        (
            "Union leaders claim a bakery fired workers for organising, allegations the "
            "company's owner firmly denies.",
            "the company's owner",
            "denial",
        ),
        ("The report was rubbished by club chairman Tom Hale.", "Tom Hale", "denial"),
        ("Mr Hale labelled them 'completely untrue'.", "Hale", "denial"),
        ("Coach Tom Hale branded the wage reports a 'nonsensical story'.", None, "denial"),
    ],
)
def test_more_denial_shapes_en(body: str, who, kind: str) -> None:
    found = extract(body, "en")
    last = found[-1]
    assert last.kind == kind
    if who:
        assert last.claimant.label == who


def test_a_sentence_naming_who_said_the_one_before_id() -> None:
    found = extract(
        "Tarif itu sudah sesuai peraturan daerah.\n"
        "Hal tersebut disampaikan Anggota Tim Hukum KPU Rina Hartono dalam sidang di Jakarta.\n"
        "Menurut dia tidak ada bukti sebagaimana dilaporkan warga.\n"
        "Menteri Luar Negeri Dewi Lestari pada pagi tadi memastikan kabar itu benar.",
        "id",
    )
    assert [(c.claimant.label, c.text[:20]) for c in found] == [
        ("Rina Hartono", "Tarif itu sudah sesu"),
        ("Rina Hartono", "Menurut dia tidak ad"),
        ("Dewi Lestari", "Menteri Luar Negeri "),
    ]


def test_what_belongs_to_a_body_is_no_persons_name_en() -> None:
    found = extract(
        "Coach Tom Hale said the players were fine.\n"
        "The League's Finance and Fairness rules state that a club may not lose money.\n"
        '"There is no excuse for us," he continued.',
        "en",
    )
    assert found[-1].claimant.label == "Tom Hale"


def test_places_sentence_adverbs_and_side_trips_are_no_speakers() -> None:
    id_found = extract(
        "PT Sinar Abadi selaku produsen sepatu di Tangerang, Banten membantah melakukan PHK.\n"
        "Terpisah, pihak RSUD Sukamaju juga menepis anggapan itu.",
        "id",
    )
    assert [c.claimant.label for c in id_found] == ["PT Sinar Abadi", "RSUD Sukamaju"]
    en_found = extract(
        "Mayor Tom Hale took to social media yesterday to refute the allegations.", "en"
    )
    assert [(c.claimant.label, c.kind) for c in en_found] == [("Tom Hale", "denial")]


def test_attributions_inside_a_sentence_and_bodies_of_a_place_id() -> None:
    found = extract(
        "Kepala sekolah Sarmin membantah tudingan itu. Dana yang dipungut itu kata dia, juga "
        "untuk perbaikan sekolah.\n"
        "Warga menuding pabrik mencemari sungai. Namun pihak pabrik menyangkal.\n"
        "Pihak PT Tri Karya mengelak atas tuduhan tersebut.",
        "id",
    )
    assert summary(found) == [
        ("Sarmin", "denial"),
        ("Sarmin", "assertion"),
        ("Warga", "accusation"),
        ("Pabrik", "denial"),
        ("PT Tri Karya", "denial"),
    ]


def test_a_passive_in_the_middle_of_a_sentence_is_no_statement_id() -> None:
    found = extract(
        "Dugaan penggelembungan suara ini diungkapkan tim hukum dalam lampiran permohonan.", "id"
    )
    assert found == []


# ------------------------------------------------------- round 8: names, places, degrees
def test_name_then_village_head_title_then_adverb_is_the_person() -> None:
    """ "NAME, Kepala Desa PLACE, dengan tegas membantah": the name, not the village."""
    found = extract(
        "Budi Santoso, Kepala Desa Suka Maju, dengan tegas membantah tuduhan itu.", "id"
    )
    assert summary(found)[0] == ("Budi Santoso", "denial")


def test_academic_degree_after_a_name_is_not_part_of_it() -> None:
    found = extract(
        "Kepala SDN Sukamaju 3 Ahmad Dwi Rahmat SPd membantah pihaknya terlibat.\n\n"
        "Ketua RT Joko Susilo SH membantah kabar tersebut.",
        "id",
    )
    assert [c.claimant.label for c in found] == ["Ahmad Dwi Rahmat", "Joko Susilo"]


def test_pihaknya_is_the_side_that_spoke_last() -> None:
    found = extract(
        "Bupati Rudi Hartono membantah ada pungutan di kantornya.\n\n"
        "Pihaknya mengatakan seluruh laporan keuangan sudah diserahkan.",
        "id",
    )
    assert [c.claimant.label for c in found] == ["Rudi Hartono", "Rudi Hartono"]


def test_terbaru_opening_a_sentence_is_never_a_claimant() -> None:
    found = extract("Terbaru, para pedagang mengeluhkan kenaikan sewa kios di pasar itu.", "id")
    assert found and all(c.claimant.label != "Terbaru" for c in found)


def test_called_the_accusations_baseless_is_a_denial_en() -> None:
    found = extract(
        'Archbishop John Mbeki has called accusations by a priest of his diocese "baseless '
        'and concocted".',
        "en",
    )
    assert summary(found) == [("John Mbeki", "denial")]


def test_say_and_accuse_are_two_statements_of_one_subject_en() -> None:
    found = extract(
        "Police say that the video shows a different story and accuse the activists of "
        "spreading misinformation.",
        "en",
    )
    assert summary(found) == [("Police", "assertion"), ("Police", "accusation")]
    assert found[1].text.startswith("accuse the activists")


def test_relative_clause_without_commas_between_name_and_verb_id() -> None:
    found = extract(
        "Septian yang juga Humas pada RS Sehat Sentosa membantah ada malpraktik di sana.", "id"
    )
    assert summary(found) == [("Septian", "denial")]


@pytest.mark.parametrize(
    ("body", "lang", "who"),
    [
        (
            "Seorang orang tua murid yang enggan disebutkan namanya mengatakan rapat itu "
            "tertutup.\n\nDia menambahkan, surat pungutan keluar sesudahnya.",
            "id",
            "Seorang orang tua murid",
        ),
        (
            "A resident who declined to be named said the road had been broken for years.\n\n"
            "He added that nobody had come to repair it.",
            "en",
            "A resident",
        ),
    ],
)
def test_anonymous_source_then_pronoun(body: str, lang: str, who: str) -> None:
    """The anonymity clause is not part of the source; "dia" / "he" then refers to them."""
    found = extract(body, lang)
    assert [c.claimant.label for c in found] == [who, who]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "Kepala Desa Budi Santoso membantah tuduhan tersebut.\n\n"
            "Sebelumnya, warga menuding Budi menyelewengkan dana desa sebesar Rp300 juta.",
            "id",
        ),
        (
            "Mayor Dan Hill has denied every allegation made against him.\n\n"
            "The council panel accused Hill of misconduct last month.",
            "en",
        ),
    ],
)
def test_a_lead_denial_answers_the_accusation_told_after_it(body: str, lang: str) -> None:
    """News leads deny first and tell the accusation later: the link may point forward."""
    found = extract(body, lang)
    assert [c.kind for c in found] == ["denial", "accusation"]
    assert found[0].targets == [found[1].id]


# ------------------------------------------- round 9: abbreviations, asides, roles told later
@pytest.mark.parametrize(
    "body",
    [
        "“We have done our best to work with the board,” said Sen. Maria Lopez.",
        "“We have done our best to work with the board,” Sen. Maria Lopez said.",
        "“We have done our best to work with the board,” said Riverside Coun. Maria Lopez.",
    ],
)
def test_a_title_abbreviation_with_a_full_stop_keeps_the_name_after_it(body: str) -> None:
    """ "said Coun. X": the full stop of the title is not the end of the speaker."""
    assert [c.claimant.label for c in extract(body, "en")] == ["Maria Lopez"]


def test_an_initial_inside_a_name_is_part_of_it() -> None:
    found = extract("“The plan is sound,” said John F. Walker.", "en")
    assert [c.claimant.label for c in found] == ["John F. Walker"]


def test_a_company_prefix_with_a_full_stop_is_not_the_speaker_id() -> None:
    """ "kata NAME Manajer PT. PERUSAHAAN dalam ...": the person, not the company."""
    found = extract(
        "“Limbah tidak dibuang ke sungai,” kata Rina Wulandari Manajer Komunikasi PT. "
        "Sinar Tambang Jaya dalam keterangan tertulis.",
        "id",
    )
    assert [c.claimant.label for c in found] == ["Rina Wulandari"]


def test_a_thousands_separator_does_not_cut_the_subject() -> None:
    """ "12,000 people had ...", "Across the region, 12,000 people said": never "000 people"."""
    found = extract(
        "The report claimed the firm had paid the town where more than 12,000 people had "
        "announced a protest.\n\nAcross the region, 12,000 people said the water was unsafe.",
        "en",
    )
    assert [c.claimant.label for c in found] == ["The report", "12,000 people"]


def test_a_role_named_later_in_the_article_is_that_person() -> None:
    """ "The mayor is now accusing ..." before "Mayor NAME said": the mayor is that person."""
    found = extract(
        "The mayor is now accusing one of his councillors of a breach of ethics.\n\n"
        "“Nothing like this has happened here before,” Mayor Peter Dawson said.",
        "en",
    )
    assert summary(found)[0] == ("Peter Dawson", "accusation")


def test_a_role_two_people_share_is_left_unresolved() -> None:
    """Two ministers named later: "the minister" names neither of them."""
    found = extract(
        "The minister is now accusing the governor of hiding the figures.\n\n"
        "Minister Ana Costa said the budget was late. Minister Rui Sousa said it was not.",
        "en",
    )
    first = [c for c in found if c.text.startswith("The minister")]
    assert all(c.claimant.label not in ("Ana Costa", "Rui Sousa") for c in first)
    assert [c.claimant.label for c in found if c not in first] == ["Ana Costa", "Rui Sousa"]


@pytest.mark.parametrize(
    ("body", "who"),
    [
        (
            "Hendra Wijaya ketika dikonfirmasi terkait laporan warga tersebut mengatakan "
            "bahwa itu tidak benar.",
            "Hendra Wijaya",
        ),
        ("R selaku pihak yang merasa dituding membantah telah menyebarkan isu itu.", "R"),
    ],
)
def test_an_aside_without_commas_between_name_and_verb_id(body: str, who: str) -> None:
    assert [c.claimant.label for c in extract(body, "id")] == [who]


def test_an_aside_word_opening_another_clause_is_not_a_subject_id() -> None:
    """ "Terlebih setelah X sempat mengeluhkan": "Terlebih" is nobody."""
    found = extract(
        "Terlebih setelah Budi Hartono sempat mengeluhkan kemampuan tim itu pada awal Juli.",
        "id",
    )
    assert all(c.claimant.label != "Terlebih" for c in found)


def test_dotted_degrees_and_abbreviated_first_names_id() -> None:
    """ "Kepala Dinas X, Mohd. Andri A. Nugraha, S.STP., M.Si., menegaskan": the person."""
    found = extract(
        "Kepala Dinas Kominfo Majene, Mohd. Rahmat A. Saputra, S.STP., M.Si., menegaskan "
        "bahwa informasi yang beredar tidak benar.",
        "id",
    )
    assert summary(found) == [("Mohd. Rahmat A. Saputra", "denial")]


def test_a_denial_answers_the_accusation_that_names_its_claimant_id() -> None:
    """ "Budi menolak pernah ..." answers "Ketiganya menuduh Budi ...", told after it, not
    the assertion of a third side in between."""
    found = extract(
        "Bupati Budi Hartono membantah kabar itu dan menolak pernah menerima uang.\n\n"
        "Juru bicara kantor bupati, Sari Dewi, mengatakan jadwal bupati sangat padat.\n\n"
        "Tiga warga menuduh Budi meminta setoran untuk setiap proyek jalan.",
        "id",
    )
    by_text = {c.text.split()[0]: c for c in found}
    assert by_text["Bupati"].kind == "denial"
    assert by_text["Bupati"].targets == [by_text["Tiga"].id]


def test_a_heading_ending_on_a_demonstrative_is_not_joined_to_the_next_line() -> None:
    """ "1. Budi membantah tuduhan tersebut" is a numbered heading; the paragraph after it
    is read on its own."""
    text = (
        "Judul\n1. Budi membantah tuduhan tersebut\n\n"
        "Budi Hartono membantah tuduhan menerima uang dari kontraktor. Ia siap diperiksa."
    )
    assert [text[a:b] for a, b in paragraphs(text)] == [
        "Budi Hartono membantah tuduhan menerima uang dari kontraktor. Ia siap diperiksa."
    ]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("“I strongly refute these defamatory allegations,” said referee Tom Hale.", "en"),
        ("“We categorically reject the story,” the club’s spokesman Ben Ode said.", "en"),
        ("“Kami dengan tegas menyangkal kabar itu,” kata Budi Hartono.", "id"),
    ],
)
def test_a_speakers_own_denial_verb_makes_the_quote_a_denial(body: str, lang: str) -> None:
    """ "I (strongly) refute ...", "kami menyangkal ...": what is said denies."""
    assert [c.kind for c in extract(body, lang)] == ["denial"]


@pytest.mark.parametrize(
    ("body", "lang", "expected"),
    [
        (
            "Dikatakan Hendra Wijaya, pihaknya akan menempuh jalur hukum.",
            "id",
            ("Hendra Wijaya", "assertion"),
        ),
        (
            "Ditegaskan oleh Hendra, bahwa tudingan itu tidak benar.",
            "id",
            ("Hendra", "denial"),
        ),
        ("Tudingan ini dibantah keras oleh Rudi Santoso.", "id", ("Rudi Santoso", "denial")),
        (
            "Kuasa hukum rumah sakit itu, Sari Dewi mengeklaim bahwa video itu disunting.",
            "id",
            ("Sari Dewi", "assertion"),
        ),
        (
            "Kades berinisial HO ini menyatakan, tuduhan selingkuh itu tidak benar.",
            "id",
            ("HO", "denial"),
        ),
        (
            "Maria Lopez's people are saying that the magazine interview never took place.",
            "en",
            ("Maria Lopez's people", "assertion"),
        ),
        (
            "“Those reports are far from the truth,” club spokesman Ben Ode said.",
            "en",
            ("Ben Ode", "denial"),
        ),
    ],
)
def test_round_10_attribution_and_stance_shapes(
    body: str, lang: str, expected: tuple[str, str]
) -> None:
    """Fronted passives with their agent, an adverb before "oleh", a spelling variant,
    initials, progressive "are saying", "far from the truth"."""
    assert summary(extract(body, lang)) == [expected]


def test_a_second_verb_taking_the_denied_thing_as_object_is_the_same_statement_id() -> None:
    """ "membantah tuduhan itu dan menyebutnya fitnah": one denial, not two statements."""
    found = extract("Pihak desa membantah tuduhan tersebut dan menyebutnya sebagai fitnah.", "id")
    assert [c.kind for c in found] == ["denial"]
    assert found[0].text.endswith("menyebutnya sebagai fitnah")


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "Ketua Satgas, Rudi Hartono, sempat mengatakan pelatih itu akan dipecat.\n"
            "Sekretaris Jenderal, Yunus Tanjung, membantahnya. Hingga kini belum ada rencana.",
            "id",
        ),
        (
            "Anggota DPR Budi Santoso mengatakan anggaran sekolah dipotong separuh.\n"
            "Menteri Rina Hartono menepis hal tersebut.",
            "id",
        ),
        (
            "Senator Mark Ellis said the agency would be closed next year.\n"
            "The minister, Anne Cole, denied it on Monday.",
            "en",
        ),
        ("Senator Mark Ellis said the agency would be closed.\nAnne Cole rejected this.", "en"),
    ],
)
def test_a_denial_of_it_answers_the_other_side_just_before(body: str, lang: str) -> None:
    found = extract(body, lang)
    assert [c.kind for c in found][:2] == ["assertion", "denial"]
    assert found[1].targets == [found[0].id]


@pytest.mark.parametrize("adverb", ["pernah", "sempat", "kerap"])
def test_an_adverb_of_time_after_the_name_is_not_part_of_it(adverb: str) -> None:
    found = extract(
        f"Ketua Umum PSSI Edy Rahmayadi {adverb} menegaskan kabar itu tidak benar.", "id"
    )
    assert found[0].claimant.label == "Edy Rahmayadi"


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ('"Kami pastikan cerita itu karangan belaka," kata Rina Hartono.', "id"),
        ('"Salah itu. Kami masih menunggu hasil rapat," ujar Budi Santoso.', "id"),
        ("Budi Santoso menegaskan berita itu tanpa dasar.", "id"),
        ('"I was stunned to read such codswallop," said Anne Cole.', "en"),
        ("Anne Cole said the story was pure speculation.", "en"),
        ("According to Mark Ellis, the reports are fabrications from the opposition.", "en"),
        ("Mark Ellis said the quotes attributed to his aide were a blatant lie.", "en"),
        ("Mark Ellis now denies it, saying he was misquoted.", "en"),
        ("Mark Ellis labelled the newspaper's story a complete invention.", "en"),
        ('"Tuduhan dua orang itu tidak bener," kata Budi Santoso.', "id"),
    ],
)
def test_words_calling_a_story_made_up_deny_it(body: str, lang: str) -> None:
    assert [c.kind for c in extract(body, lang)] == ["denial"]


@pytest.mark.parametrize(
    "body",
    [
        "Residents say officers used excessive force to clear the square.",
        '"It was the most cowardly act I have seen," Mark Ellis said.',
        "Senator Mark Ellis said the firm ran scams on pensioners for years.",
    ],
)
def test_wrongdoing_said_of_someone_accuses(body: str) -> None:
    assert [c.kind for c in extract(body, "en")] == ["accusation"]


def test_an_attribution_inside_the_sentence_keeps_the_words_before_it_en() -> None:
    found = extract(
        "Mark Ellis said the plan failed.\n"
        "The number of visits is normal, he added, with no rise in cases.",
        "en",
    )
    assert summary(found) == [("Mark Ellis", "assertion"), ("Mark Ellis", "assertion")]
    assert found[1].text.startswith("The number of visits is normal")


@pytest.mark.parametrize(
    ("body", "lang", "speaker"),
    [
        ("Mark Ellis said the plan failed.\nHe further said that the budget was cut.", "en", None),
        ("Mark Ellis said the plan failed.\nHe goes on to say that the mayor lied.", "en", None),
        ("Otto Hasibuan hadir.\nOtto beranggapan, pleidoi disusun untuk terdakwa.", "id", None),
        (
            "The Daily Herald alleges that the firm paid bribes.\n"
            "The Alstom spokesman added that the article was old news.\n"
            "He further said that staff were only witnesses.",
            "en",
            "The Alstom spokesman",
        ),
    ],
)
def test_more_ways_of_reporting_speech(body: str, lang: str, speaker: str | None) -> None:
    found = extract(body, lang)
    last = found[-1]
    assert last.text.startswith(body.splitlines()[-1][:12])
    if speaker:
        assert last.claimant.label == speaker


def test_an_answer_whose_words_name_another_claim_answers_that_one() -> None:
    found = extract(
        "Senator Mark Ellis accused the mayor of taking bribes from builders.\n"
        "The treasurer, Anne Cole, said the city budget for parks was cut by half.\n"
        "Mayor Tom Reed denied taking bribes.\n"
        "Reed also denied that the budget for parks was cut by half.",
        "en",
    )
    accusation, budget, denial, again = found
    assert denial.targets == [accusation.id]
    assert again.kind == "denial"
    assert again.targets == [budget.id]  # not the accusation its first denial answered


@pytest.mark.parametrize("noun", ["Pria", "Lelaki", "Sosok"])
def test_a_person_described_by_a_relative_clause_is_the_last_person(noun: str) -> None:
    found = extract(
        "Ketua PSSI Joko Waluyo membantah kabar itu.\n"
        f"{noun} yang juga menjabat Direktur Utama PT Maju Sejahtera itu menegaskan, pelatih "
        "akan ditentukan bulan depan.",
        "id",
    )
    assert [c.claimant.label for c in found] == ["Joko Waluyo", "Joko Waluyo"]


def test_a_spelling_of_protesters_is_an_unnamed_speaker() -> None:
    found = extract("Police had escorted the march along its route, protestors say.", "en")
    assert [c.claimant.label for c in found] == ["protestors"]


def test_a_ministry_of_two_portfolios_is_one_body() -> None:
    found = extract("The Health and Welfare Ministry in Chile on Friday denied the rumours.", "en")
    assert [c.claimant.label for c in found] == ["Health and Welfare Ministry"]


def test_refusing_to_name_is_not_a_denial_id() -> None:
    assert extract("Gatot Widodo menolak menyebutkan dua nama pelatih pengganti.", "id") == []


def test_a_discourse_particle_is_never_a_speaker_id() -> None:
    found = extract(
        "Nah, peserta rapat setuju dan PSSI pun secara resmi mengumumkan Budi sebagai direktur.",
        "id",
    )
    assert "Nah" not in [c.claimant.label for c in found]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("Mayor Anne Cole accused the councillor of making completely false statements.", "en"),
        ("Mark Ellis alleged that the opposition was raising baseless allegations.", "en"),
        ("Budi Santoso menuduh lawannya menyebarkan kabar yang tidak benar.", "id"),
    ],
)
def test_accusing_someone_of_falsehoods_is_an_accusation(body: str, lang: str) -> None:
    """Both annotators of dev18 read these as accusations (docs/annotation.md)."""
    assert [c.kind for c in extract(body, lang)] == ["accusation"]


def test_a_spokesman_of_a_body_named_before_speaks_for_it() -> None:
    found = extract(
        "French engineering group Acmeo has denied that it is under investigation.\n"
        'Responding to the article, an Acmeo spokesman said the report "was pure speculation".\n'
        "The Daily Herald alleges that the bribes were paid in 1995.\n"
        "The Acmeo spokesman added that the article repeats old claims.",
        "en",
    )
    denial, spokesman, herald, again = found
    assert denial.claimant.kind == "organization"
    assert spokesman.claimant.role_of == denial.claimant.id == "acmeo"
    assert "Herald" in herald.claimant.label and herald.kind == "accusation"
    assert again.claimant.id == spokesman.claimant.id  # "The Acmeo spokesman": the same one
    assert herald.id in denial.targets + spokesman.targets


def test_a_denial_answers_the_claim_it_spells_out_before_an_accusation_nearby() -> None:
    found = extract(
        "Relawan Maju menampik tudingan dari mantan anggotanya Rudi Hartono yang menyatakan "
        "kartu anggota dikumpulkan dengan cara membeli.\n"
        "Ketua Relawan Maju, Sinta Dewi, mengatakan ada ormas yang menuduh Relawan Maju "
        "melakukan kecurangan.",
        "id",
    )
    denial, embedded = found[0], found[1]
    assert embedded.claimant.label == "Rudi Hartono"
    assert denial.targets == [embedded.id]


def test_a_denied_accusation_spelled_out_after_its_noun_is_its_own_statement_id() -> None:
    found = extract(
        "Kepala Dinas Ketut Wirawan membantah tuduhan adanya pungutan liar sebesar Rp20 juta "
        "bagi calon pegawai.",
        "id",
    )
    denial, claim = found
    assert denial.kind == "denial" and claim.claimant.kind == "unnamed"
    assert claim.text.startswith("adanya pungutan liar")
    assert denial.targets == [claim.id]


@pytest.mark.parametrize("aside", ["saat dikonfirmasi", "ketika ditemui wartawan"])
def test_an_aside_after_a_titled_name_is_not_part_of_it(aside: str) -> None:
    found = extract(f"Kapolsek Cerme AKP Nur Hadi {aside} langsung membantah kabar itu.", "id")
    assert [c.claimant.label for c in found] == ["Nur Hadi"]


def test_the_acronym_of_a_place_after_a_body_is_not_the_speaker_id() -> None:
    found = extract("Kedutaan Besar Rusia di Amerika Serikat (AS) membantah tuduhan itu.", "id")
    assert [c.claimant.label for c in found][:1] == ["Kedutaan Besar Rusia"]


def test_instead_of_opens_a_clause_and_malah_is_not_part_of_the_name_id() -> None:
    found = extract(
        "Alih-alih menuding Joko berlaku curang, Riza Patria malah menuding kalau Joko "
        "menyampaikan data yang keliru.",
        "id",
    )
    assert [c.claimant.label for c in found] == ["Riza Patria"]
