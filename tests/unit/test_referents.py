"""Which neighbour names what a sentence refers to without naming it (``referents``). The quote
answer that joins the two is tested in ``test_extractive_choice.py`` and, with the real model,
in ``tests/integration/test_question_kinds.py``."""

from __future__ import annotations

import pytest

from assistant.answer.referents import AFTER, BEFORE, apposed, asked_noun, referent_side


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("Beyoncé closed out her tour with which special guest?", "guest"),
        ("What popular item is returning to the McDonald’s menu?", "item"),
        ("Which Marvel star got engaged in Paris this week?", "star"),
        ("Which company said its CEO was ousted?", "company"),
        ("Which two NFL teams are set to face off?", "team"),
        ("Which two leaders met on Thursday?", "leader"),  # an irregular verb ends the noun
        ("Which team won the Stanley Cup?", "team"),
        ("What did Xi say to Putin?", None),  # "what" of a verb asks for no thing
        ("What type of nest was found?", None),
        ("Who was elected?", None),
    ],
)
def test_the_noun_a_which_or_what_question_asks_for(question: str, noun: str | None) -> None:
    assert asked_noun(question) == noun


@pytest.mark.parametrize(
    ("sentence", "question", "side"),
    [
        # a pronoun, for "who"; never inside a quotation, where it is the speaker's own
        ("She will also have to work closely with the United States.", "Who was elected?", BEFORE),
        ("She will also have to work closely with the United States.", "Which city won?", 0),
        ("“They recognize it might get uncomfortable,” he said.", "Who said it?", 0),
        # a description of the asked thing, with no name the question lacks
        ("The Marvel actor revealed the news on Instagram.", "Which Marvel star got engaged?", BEFORE),
        ("The burger chain said it replaced the dye.", "Which burger chain dropped dyes?", BEFORE),
        ("The president confirmed the order on Monday.", "Which country did the president name?", 0),
        ("The White House said it would act.", "Which agency said so?", 0),
        # the asked noun, described, as a subject: "the famed Italian destination introduced …"
        (
            "In a world first, the famed Italian destination introduced a fee.",
            "Which destination doubled its fee?",
            BEFORE,
        ),
        ("He said the government of that country has acted.", "Which country acted?", 0),
        # a demonstrative whose thing is the one before: "That was the message …"
        ("That was the message blared through the welcome.", "What message did the welcome send?", BEFORE),
        ("That was the message of a welcome for Russia’s leader.", "Which country's leader came?", 0),
        # the asked noun at the sentence's end: "the …" looks back, "another …" ahead
        ("Fans read the post confirming the date for the tasty item.", "What popular item is back?", BEFORE),
        ("It ended with a bang and yet another special guest.", "With which special guest?", AFTER),
        ("Hegseth ordered the name removed from a ship.", "Which ship is renamed?", 0),
        ("The team will rename a ship next year.", "Which ship is renamed?", 0),
    ],
)
def test_which_neighbour_names_what_a_sentence_refers_to(sentence: str, question: str, side: int) -> None:
    assert referent_side(sentence, question) == side


def test_a_name_called_by_the_asked_noun_beside_it() -> None:
    question = "Which tabloid is run by the Communist Party?"
    assert apposed(
        "Hu Xijin, the former editor of the Global Times, the Communist Party tabloid, said", question
    )
    assert not apposed("Hu Xijin said the tabloid was read widely.", question)  # the noun, no name beside it
    assert not apposed("Hu Xijin, the Global Times editor, said", "What did Hu say?")  # no thing asked
    # another word for the asked thing
    newspaper = "What newspaper is run by the Communist Party?"
    assert apposed(
        "Hu Xijin, the former editor of the Global Times, the Communist Party tabloid, said", newspaper
    )
