"""A sentence that says the question's act with its parties swapped (``roles.reverses``)."""

from __future__ import annotations

import pytest

from assistant.answer.roles import reverses
from assistant.questions import parse_question

TRADE = "Trade with China has helped keep Russia’s war efforts afloat."
AHEAD = "As it has helped Russia withstand isolation, China has offered plans."


@pytest.mark.parametrize(
    ("question", "sentence", "swapped"),
    [
        ("How has Russia benefited from China?", "China has also benefited from Russia’s support.", True),
        ("How has China benefited from Russia?", "China has also benefited from Russia’s support.", False),
        ("What has Russia supplied to China?", "China has stopped short of supplying arms to Russia.", True),
        ("What has China supplied to Russia?", "China has stopped short of supplying arms to Russia.", False),
        # a passive keeps the roles: in the question or in the sentence
        ("How is China framed by Xi?", "Xi has framed China as a neutral party.", False),
        ("How has Russia benefited from China?", "China was benefited by Russia’s support.", False),
        # one name, or a noun between two names, is no act with two parties
        ("Who has China supplied?", "Russia has supplied China.", False),
        ("Which athlete had a Ken doll made by Mattel?", "Mattel launched a doll named Ken.", False),
        # the verb after "did <name>" is one too, in any form the sentence writes it
        ("How did Russia help China?", TRADE, True),
        ("How did China help Russia?", TRADE, False),
        # a people's word is its place; an act said as a noun a name owns is that name's act
        ("How did Russia support China?", "It was a show of Chinese support for Russia.", True),
        ("How did China support Russia?", "China has benefited from Russia’s diplomatic support.", True),
        ("How did Russia support China?", "China has benefited from Russia’s diplomatic support.", False),
        # a pronoun in a clause put first stands for the main clause's first name
        ("How did Russia help China?", AHEAD, True),
        ("How did China help Russia?", AHEAD, False),
    ],
)
def test_a_sentence_that_swaps_who_did_what_to_whom(question: str, sentence: str, swapped: bool) -> None:
    assert reverses(question, sentence, parse_question(question).entities) is swapped
