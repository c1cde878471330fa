"""The checker's fact comparison: each kind of change is caught, faithful rewording is not.

Sentences are written for the test (names of places and people, figures, dates, negation).
"""

from __future__ import annotations

import pytest

from assistant.answer.facts import disagreement

SOURCE = (
    "While Norway has a larger fleet, Chile's copper exports have been the decisive factor in "
    "the trade balance, Okafor said on Tuesday in March."
)
ARTICLE = (
    f"Trade talks\n{SOURCE}\nThe ministers met in Lima. Exports rose 12% to $4.5 billion, officials said."
)
FIGURES = "Exports rose 12% to $4.5 billion, officials said."


@pytest.mark.parametrize(
    ("claim", "reason"),
    [
        (  # two names trade places
            "While Chile has a larger fleet, Norway's copper exports have been the decisive factor.",
            "swaps",
        ),
        (  # one name put where another stands (both in the sentence)
            "Norway's copper exports have been the decisive factor in the trade balance, Okafor said.",
            "puts Norway where the cited sentence has Chile",
        ),
        ("Peru's copper exports have been the decisive factor in the trade balance.", "names Peru"),
        ("Lima said Chile's copper exports have been the decisive factor.", "names Lima"),  # speaker
        ("Exports rose 14% to $4.5 billion, officials said.", "states 14"),
        ("Exports rose 12% to $5.4 billion, officials said.", "states 5.4"),
        ("Chile's copper exports have not been the decisive factor in the trade balance.", "negates"),
        ("Okafor said on Friday that Chile's copper exports were decisive in the trade balance.", "Friday"),
        ("Okafor said in April that Chile's copper exports were decisive in the trade balance.", "April"),
    ],
)
def test_a_changed_fact_is_caught_with_its_reason(claim: str, reason: str) -> None:
    source = FIGURES if claim.startswith("Exports") else SOURCE
    found = disagreement(claim, source, article=ARTICLE)
    assert found is not None and reason in found, found


@pytest.mark.parametrize(
    "claim",
    [
        "Okafor said that Chile's copper exports have been the decisive factor in the trade balance.",
        "Chile's copper exports decided the trade balance, while Norway has a larger fleet.",
        "Chilean copper exports were the decisive factor in the trade balance, Okafor stated.",  # demonym
        "Chile's copper exports have been the factor in the trade balance.",  # a modifier dropped
        "Trade between the two countries turned on Chile's copper exports, Okafor said.",  # "Trade" opens it
        "In March, Okafor said Chile's copper exports decided the trade balance.",
    ],
)
def test_faithful_rewording_agrees(claim: str) -> None:
    assert disagreement(claim, SOURCE, article=ARTICLE) is None


def test_names_that_share_their_words_are_not_a_swap() -> None:
    source = "Chile and Norway signed a new fisheries agreement on Tuesday."
    assert disagreement("Norway and Chile signed a new fisheries agreement on Tuesday.", source) is None


def test_the_speaker_of_a_sentence_may_be_named_in_the_next_one() -> None:
    source = "Chile's copper exports have been the decisive factor in the trade balance."
    claim = "Okafor said Chile's copper exports have been the decisive factor in the trade balance."
    assert disagreement(claim, source) is not None
    assert disagreement(claim, source, speakers=("Ana Okafor",)) is None


def test_asserting_what_the_sentence_negates_is_caught() -> None:
    source = "The council did not approve the harbor expansion on Tuesday."
    assert "asserts what the cited sentence negates" in str(
        disagreement("The council did approve the harbor expansion on Tuesday.", source)
    )
    assert disagreement("On Tuesday the council did not approve the harbor expansion.", source) is None


def test_a_name_the_question_asks_about_may_frame_the_answer_but_not_speak() -> None:
    source = "Bilateral copper trade has nearly doubled in the past 10 years to $240 billion."
    article = f"Chile and Norway talks\nChile and Norway met on Tuesday. {source}"
    question = "How much has trade between Chile and Norway grown?"
    claim = "Trade between Chile and Norway has nearly doubled in the past 10 years to $240 billion."
    assert disagreement(claim, source, article=article, question=question) is None
    assert "names Chile" in str(disagreement(claim, source, article=article))  # not asked about
    spoken = "Chile said trade has nearly doubled in the past 10 years to $240 billion."
    assert "names Chile" in str(disagreement(spoken, source, article=article, question=question))


def test_a_name_in_the_slot_of_another_is_a_swap() -> None:
    source = "Exports to Chile make up 30% of the Norwegian economy, according to Statistics Norway."
    claim = "Exports to Chile make up 30% of the Statistics economy, according to Norwegian Norway."
    assert "swaps" in str(disagreement(claim, source))
    fine = "According to Statistics Norway, exports to Chile make up 30% of the Norwegian economy."
    assert disagreement(fine, source) is None


def test_two_names_trading_slots_word_for_word_are_a_swap() -> None:
    """Laid over the sentence word for word, the claim has each name where the other stands."""
    source = "Repairs are needed on ten bridges on the Lima Coast, according to the Okafor Department of"
    source += " Transport."
    claim = "Repairs are needed on ten bridges on the Okafor Department, according to the Lima Coast of"
    claim += " Transport."
    assert "swaps" in str(disagreement(claim, source))
    listed = "Chile, Norway and Peru signed the accord in Lima on Tuesday."
    assert disagreement("Norway, Chile and Peru signed the accord in Lima on Tuesday.", listed) is None
