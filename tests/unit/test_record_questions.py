"""Questions about the reporting itself (who wrote it, when, which outlet), answered from the
library's record of the article and its own credit lines; no model, no age check."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from assistant import Assistant, Query, Settings
from assistant.answer.reporting.record import about_record
from assistant.answer.reporting.summary import KEY_SENTENCES, asks_for_summary
from assistant.stories.route import story_topic


@pytest.fixture
def loaded(news_library: Path) -> Iterator[Assistant]:
    bot = Assistant.from_settings(Settings(data_dir=news_library, embed={"backend": "hash"}))
    yield bot
    bot.close()


@pytest.mark.parametrize(
    ("question", "what"),
    [
        ("Who wrote the article?", "author"),
        ("Who is the author of the story about the rail strike?", "author"),
        ("Who wrote it?", "author"),
        ("When was the article published?", "date"),
        ("What is the publication date of this story?", "date"),
        ("Which outlet published the article on the rail strike?", "outlet"),
        ("Where was this story published?", "outlet"),
        ("What is the headline?", "title"),
        ("What is the title of the article about the rail strike?", "title"),
        ("What is the story called?", "title"),
        ("Who is the author?", "author"),
        ("Who is the author of the new law?", None),  # a fact of the story
        ("What is the title of the new law?", None),  # a fact of the story
        ("Who wrote the letter to the council?", None),  # a fact of the story, not of the article
        ("When was the harbor expansion approved?", None),
        ("Which outlet did Berg talk to?", None),
    ],
)
def test_what_a_question_asks_of_the_articles_record(question: str, what: str | None) -> None:
    assert about_record(question) == what


def test_the_author_date_and_outlet_come_from_the_record(loaded: Assistant) -> None:
    answer = loaded.ask("Who wrote the article about the rail strike ending after three weeks?")
    expected = "“Rail strike ends after three weeks” is by Priya Nair (from the library's record of it)."
    assert answer.text == expected
    assert not answer.refused and answer.backend == "extractive, library record"
    answer = loaded.ask("When was the article about the rail strike published?")
    assert answer.text.startswith("“Rail strike ends after three weeks” was published on 2024-03-14")
    answer = loaded.ask("Which outlet published the article about the rail strike?")
    assert "https://ledger.example.com/news/rail-strike-ends" in answer.text
    answer = loaded.ask("What is the title of the article about the rail strike?")
    headline = "Rail strike ends after three weeks"
    assert answer.text.startswith(f"The headline of the article found is “{headline}”")
    for c in answer.citations:  # cited where the text opens with it
        assert loaded.article(c.article_id).text[c.start : c.end] == c.quote == headline


def test_an_old_article_is_no_stale_answer_to_who_wrote_it(loaded: Assistant) -> None:
    # Asked years after it was published: the age check of news answers does not apply.
    answer = loaded.ask(Query("Who wrote the article about the rail strike?", as_of=date(2031, 1, 1)))
    assert not answer.refused and "Priya Nair" in answer.text


def test_an_article_without_a_byline_is_answered_by_its_credit_line(loaded: Assistant) -> None:
    answer = loaded.ask("Who wrote the article about Muraviev and the power balance?")
    assert answer.text.startswith("The library records no author for “In talks with Putin")
    quote = answer.citations[0].quote
    assert "Xin-yun Wu" in quote and quote.endswith("contributed to this report.")
    doc = loaded.article(answer.citations[0].article_id)
    assert doc.text[answer.citations[0].start : answer.citations[0].end] == answer.citations[0].quote
    answer = loaded.ask("When was the article about Muraviev and the power balance published?")
    assert answer.refused and "no publication date" in answer.text


@pytest.mark.parametrize(
    ("question", "summary"),
    [
        ("Summarize the article.", True),
        ("What is the article about?", True),
        ("Give me the key points of the story about the harbor.", True),
        ("Give me a summary of the article about the rail strike", True),
        ("TL;DR", True),
        ("Summarize", True),
        ("Sum it up.", True),
        ("Give me three key facts.", True),
        ("What is the lede?", True),  # the opening the key sentences start with
        ("What is the main point of the article?", True),
        ("What's the gist?", True),
        ("What is the lead singer's name?", False),
        ("What did the article say about trade?", False),  # a question about what it says
        ("Summarize the news about tariffs this week", False),  # a story over many articles
    ],
)
def test_a_question_asking_what_an_article_says_as_a_whole(question: str, summary: bool) -> None:
    assert asks_for_summary(question) is summary
    if summary:
        assert story_topic(question) is None  # not a digest of a topic over many articles


def test_a_summary_is_the_articles_key_sentences_in_its_order(loaded: Assistant) -> None:
    answer = loaded.ask("Summarize the article about Muraviev and the power balance.")
    assert answer.text.startswith("Key sentences of “In talks with Putin amid Ukraine war")
    assert answer.backend == "extractive, key sentences"
    assert len(answer.citations) == KEY_SENTENCES
    assert len({c.article_id for c in answer.citations}) == 1
    starts = [c.start for c in answer.citations]
    assert starts == sorted(starts)  # in the article's order
    doc = loaded.article(answer.citations[0].article_id)
    for c in answer.citations:
        assert doc.text[c.start : c.end] == c.quote
        assert "contributed to this report" not in c.quote  # no credit line
        assert not c.quote.lower().startswith(
            ("he ", "she ", "they ", "“he", "but ")
        )  # none leans on another
    # A short article is all key sentences (those long enough to be one).
    answer = loaded.ask("Give me the key points of the article about the rail strike.")
    assert {c.title for c in answer.citations} == {"Rail strike ends after three weeks"}
