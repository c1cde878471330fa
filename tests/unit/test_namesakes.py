"""A sentence that names another thing under a name ending like the question's speaks of it."""

from __future__ import annotations

import pytest

from assistant.answer.roles import namesake, other_country


@pytest.mark.parametrize(
    ("question", "sentence", "other"),
    [
        (
            "What was the issue with the funding for Indian River Inlet beach repair?",
            "Sebastian Inlet District increased its millage rate to fund a jetty project.",
            "Sebastian Inlet",
        ),
        (
            "Donald Trump Jr's ex-wife Vanessa Trump has been dating which athlete?",
            "He entered the room alongside former first lady Melania Trump.",
            "Melania Trump",
        ),
        ("Who won the Carabao Cup final?", "Liverpool won the FA Cup in 2022.", "FA Cup"),
        ("What did North Korea launch?", "South Korea said a missile flew 600 km.", "South Korea"),
    ],
)
def test_another_thing_of_a_name_ending_alike_is_a_namesake(question: str, sentence: str, other: str) -> None:
    assert namesake(question, sentence) == other


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # the question's own name, or the word that sets it apart, is there
        ("Who won the Carabao Cup final?", "Newcastle beat Liverpool in the Carabao Cup final."),
        ("What did Vanessa Trump say?", "Vanessa, who was married to Donald Trump Jr., said ..."),
        # a title or a word for the kind of thing sets nothing apart
        ("What did President Trump say about tariffs?", "President Donald Trump said on Monday ..."),
        ("Where did Hurricane Erin make landfall?", "Tropical Storm Erin made landfall in Florida."),
        # another name the question itself holds
        ("What did Jimmy Carter's grandson Jason Carter say?", "Jason Carter said the family was grateful."),
        # a question word or small word opens no name
        ("Which Marvel star got engaged?", "The Marvel star got engaged to Dario Venn."),
        # nor does a verb that opens a yes-or-no question, or a word capitalised for opening a
        # sentence or a quotation
        (
            "Could Russia's successes help Putin?",
            "“Given Russia’s current successes, it may help Putin,” he said.",
        ),
        ("Would Portugal's team win?", "Despite Portugal's loss, the team went through."),
    ],
)
def test_the_same_thing_or_its_kind_is_no_namesake(question: str, sentence: str) -> None:
    assert namesake(question, sentence) is None


@pytest.mark.parametrize(
    ("question", "sentence", "other"),
    [
        (
            "What is the name of Russia's news agency?",
            "In an interview with China’s official state news agency Xinhua, Putin said he is open.",
            "China",
        ),
        (
            "Which Chinese news agency interviewed Putin?",
            "According to Russian news agency Tass, Putin said.",
            "Russian",
        ),
        ("Who is Russia's leader?", "China’s leader Xi Jinping received him.", "China"),
        # the country said of the thing after it
        ("Which news agency is Chinese?", "According to Russian news agency Tass, Putin said.", "Russian"),
        ("Which news agency is Russian?", "According to Russian news agency Tass, Putin said.", None),
        # the question's country is given the thing too, or only a continent another one
        (
            "What is the name of Russia's news agency?",
            "According to Russian news agency Tass, Putin said.",
            None,
        ),
        (
            "Which Italian volcano erupted?",
            "Italy's Etna, Europe's tallest volcano, erupted on Monday.",
            None,
        ),
        ("Which city announced a ban?", "The Osaka court ruled in Japan.", None),  # no country asked
    ],
)
def test_the_asked_thing_of_another_country_is_not_the_questions(
    question: str, sentence: str, other: str | None
) -> None:
    assert other_country(question, sentence) == other
