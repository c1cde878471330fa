"""A sentence that gives another number for what the question numbers speaks of another one."""

from __future__ import annotations

import pytest

from assistant.answer.numbered import Conflict, other_number, other_sum


@pytest.mark.parametrize(
    ("question", "sentence", "conflict"),
    [
        (  # another edition of the show
            "Which breed won at the 149th Westminster Kennel Club Dog Show?",
            "Sage won Best in Show at the 148th annual Westminster Kennel Club Dog Show last May.",
            Conflict("Westminster", "149th", "148th"),
        ),
        (  # another tax year, though the sentence's date holds the question's year
            "The IRS began processing 2024 income tax returns. What is the deadline?",
            "The IRS began processing 2023 federal income tax returns on Jan. 29, 2024.",
            Conflict("income", "2024", "2023"),
        ),
        (  # another quake
            "Which island was hit with a 5.2 magnitude earthquake?",
            "A 5.3 magnitude earthquake struck the area on Tuesday.",
            Conflict("magnitude", "5.2", "5.3"),
        ),
        (  # another group
            "A group of 11 Yemeni detainees were transferred to which country?",
            "Under President Bush, 500 detainees were transferred out of the prison.",
            Conflict("detainees", "11", "500"),
        ),
        (  # money, with the scale word between
            "Which club unveiled plans for a new £2 billion stadium?",
            "The club plans a £1.5 billion stadium.",
            Conflict("stadium", "£2", "£1.5"),
        ),
    ],
)
def test_another_number_for_the_same_thing_is_a_conflict(
    question: str, sentence: str, conflict: Conflict
) -> None:
    assert other_number(question, sentence) == conflict


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # The same figure in other words: "25 percent tariff" for "25% duty".
        ("Which goods got a 25% duty?", "A 25 percent tariff on steel and a 10% duty on aluminum."),
        # Words that many numbers stand before: 21 injured of 80 on board.
        (
            "A flight crashed, injuring 21 people. Where?",
            "The jet with 80 people on board flipped in Toronto.",
        ),
        # A number tied to other words: "10 nominations for the American Music Awards".
        (
            "Who led the 2025 American Music Awards?",
            "Kendrick Lamar earned 10 nominations for the American Music Awards.",
        ),
        ("How much has trade grown?", "Trade nearly doubled in the past 10 years to more than $240 billion."),
        (
            "What happened at the 75th anniversary?",
            "Despite the exuberant commemoration of the 75th anniversary, ...",
        ),
        ("1,000 protesters marched where?", "The 1000 protesters marched to the square."),
        # A year and an ordinal name one event two ways.
        ("Which show led the 2025 Emmys?", "The drama leads the 77th Emmys with 27 nominations."),
        ("Who won the 82nd Golden Globes?", "At the 2025 Golden Globes, the drama won."),
    ],
)
def test_the_same_number_or_another_thing_is_no_conflict(question: str, sentence: str) -> None:
    assert other_number(question, sentence) is None


def test_a_sum_far_from_the_one_the_question_names_is_another_deal() -> None:
    question = "Which tech CEO was offered a pay package potentially worth $1 trillion?"
    sentence = "A shareholder is challenging a pay plan for the CEO potentially worth more than $55 billion."
    assert other_sum(question, sentence) == Conflict("", "$1 trillion", "$55 billion")


@pytest.mark.parametrize(
    "sentence",
    [
        "Two ticket holders have won the $1.78 billion jackpot.",  # "nearly $1.8 billion", rounded
        "Two ticket holders have won the $1.8bn jackpot and $2 million each in side prizes.",  # one is it
        "Two ticket holders have won the £1.4 billion jackpot.",  # another currency: maybe converted
        "Two ticket holders from Missouri and Texas have won the jackpot.",  # no sum at all
    ],
)
def test_the_same_sum_rounded_or_another_currency_is_no_conflict(sentence: str) -> None:
    assert other_sum("Who won the nearly $1.8 billion Powerball jackpot?", sentence) is None
