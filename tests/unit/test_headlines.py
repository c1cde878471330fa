"""An article's headline, the sentence that carries it, and its words as the text writes them."""

from __future__ import annotations

import pytest

from assistant.answer.citations import carrier, headline, read_as_text
from index.models import Article
from index.read.articles import make_article
from index.sentences import cached_sentence_spans

BODY = (
    "Through 75 years of relations, China and Russia want the world to know their ties are strong.\n"
    "Xi said the friendship between China and Russia has formed a strong driving force.\n"
    "Trade between China and Russia nearly doubled in ten years."
)


def article(title: str, text: str = BODY) -> Article:
    return make_article(text, title, None, None, (), "")


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Xi calls Russia-China ties a 'strong driving force'",) * 2,
        # a site's name after a bar is no part of it; a cut headline keeps its mark
        (
            "2021: The year of billionaires going to space | CNN Business",
            "2021: The year of billionaires going to space",
        ),
        (
            "Trump imposes 25% tariffs on Canada and Mexico; China is hit with ...",
            "Trump imposes 25% tariffs on Canada and Mexico; China is hit with …",
        ),
    ],
)
def test_a_headline_is_the_title_without_what_a_site_adds(title: str, shown: str) -> None:
    assert headline(article(title)) == shown


@pytest.mark.parametrize(
    ("title", "source", "shown"),
    [
        ("Trump signs order on tariffs - BBC News", "bbc.co.uk", "Trump signs order on tariffs"),
        (
            "Floods hit Valencia after storm — The Guardian",
            "theguardian.com",
            "Floods hit Valencia after storm",
        ),
        # a dash inside the headline, or a name after it that is not the outlet's
        ("Trump - Putin summit set for Friday", "bbc.co.uk", "Trump - Putin summit set for Friday"),
        (
            "Floods hit Valencia after storm — The Guardian",
            "local",
            "Floods hit Valencia after storm — The Guardian",
        ),
    ],
)
def test_an_outlets_name_after_a_dash_is_no_part_of_its_headline(title: str, source: str, shown: str) -> None:
    assert headline(make_article(BODY, title, None, None, (), source)) == shown


@pytest.mark.parametrize(
    "title",
    [
        "Is Starbucks cutting its menu? Coffee chain announces offerings will …",  # asks a question
        "Trade news",  # too short to tell anything
        "Through 75 years of relations, China and Russia",  # the text's own opening (no title was given)
    ],
)
def test_a_title_that_tells_nothing_of_its_own_is_no_headline(title: str) -> None:
    assert headline(article(title)) is None


def test_the_carrier_shares_the_headlines_rare_words_not_its_common_ones() -> None:
    """Every sentence names China and Russia; only one says "a strong driving force"."""
    spans = cached_sentence_spans(BODY)
    at = carrier("Xi calls Russia-China ties a 'strong driving force'", BODY, spans)
    assert at is not None
    start, end = spans[at]
    assert BODY[start:end].startswith("Xi said the friendship")


def test_no_sentence_carries_a_headline_it_shares_too_little_with() -> None:
    spans = cached_sentence_spans(BODY)
    assert carrier("Floods force thousands from homes in Riverton", BODY, spans) is None


def test_a_capitalised_word_the_text_never_writes_so_is_read_in_lower_case() -> None:
    text = "The Rock & Roll Hall of Fame named seven inductees. The ceremony is in Los Angeles."
    title = "Rock & Roll Hall of Fame 2025 inductees: See Who Made the List"
    assert read_as_text(title, text) == "Rock & Roll Hall of Fame 2025 inductees: see who made the list"
