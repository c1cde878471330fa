"""End to end on real news, with the real embedding model and Chroma on disk."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from servers import cli_json

from assistant import Assistant, EmbeddingMismatch, Settings

REFERENCE = "What did Muraviev say about power balance?"


def _assert_exact(bot: Assistant, answer: object) -> None:
    for c in answer.citations:  # type: ignore[attr-defined]
        assert bot.article(c.article_id).text[c.start : c.end] == c.quote


def test_reference_question_among_real_news(real_assistant: Assistant) -> None:
    answer = real_assistant.ask(REFERENCE)
    assert not answer.refused
    top = answer.citations[0]
    assert top.title.startswith("In talks with Putin amid Ukraine war")
    assert "power balance" in top.quote and "Muraviev said" in top.quote
    _assert_exact(real_assistant, answer)


def test_fact_question_quotes_the_sentence_with_the_answer(real_assistant: Assistant) -> None:
    answer = real_assistant.ask("What is the new owner of the historic du Pont estate Granogue?")
    assert not answer.refused
    assert any("Longwood Gardens" in c.quote for c in answer.citations)
    _assert_exact(real_assistant, answer)


@pytest.mark.parametrize(
    "question",
    [
        "What is the boiling point of tungsten?",
        "What did Elon Musk say about the Mars colony budget for 2031?",
        "What did Muraviev say about the price of eggs in Delaware?",
        "Who won the 1966 World Cup?",
    ],
)
def test_questions_the_articles_cannot_answer_are_refused(real_assistant: Assistant, question: str) -> None:
    answer = real_assistant.ask(question)
    assert answer.refused, answer.text
    assert not answer.citations


def test_reingest_is_skipped_without_embedding(real_assistant: Assistant, news_corpus: Path) -> None:
    before = real_assistant.library.store.count()
    report = real_assistant.ingest([news_corpus])
    assert not report.added and not report.updated and len(report.skipped) > 50
    assert real_assistant.library.store.count() == before


def test_other_embedding_model_on_this_library_is_refused(real_library: Path) -> None:
    with pytest.raises(EmbeddingMismatch, match="all-MiniLM-L6-v2"):
        Assistant.from_settings(Settings(data_dir=real_library, embed={"backend": "hash"}))


def test_cli_ask_json_in_a_new_process(real_library: Path) -> None:
    answer = cli_json(real_library, "ask", "--json", REFERENCE)
    cite = answer["citations"][0]
    shown = cli_json(real_library, "show", cite["article_id"], "--json")
    assert shown["text"][cite["start"] : cite["end"]] == cite["quote"]
    assert "Muraviev" in cite["quote"]


def _shown(bot: Assistant, question: str) -> dict[str, str]:
    """Sentence id -> sentence, as the structured prompt for ``question`` shows them."""
    bot.ask(question)
    user = bot.answerer.llm.history[-1][-1]["content"]  # type: ignore[attr-defined]
    return dict(re.findall(r"^(S\d+): (.*)$", user, flags=re.MULTILINE))


def test_a_model_citing_sentences_about_something_else_is_withheld(real_library: Path) -> None:
    """The real embedding model decides what a cited sentence is about: a sentence the model
    quotes must be near the question in meaning or hold half its words, as a quote must."""
    bot = Assistant.from_settings(Settings(data_dir=real_library, llm={"backend": "fake"}))
    try:
        trade = "How much has trade between China and Russia grown?"
        ids = _shown(bot, trade)
        grown = next(i for i, text in ids.items() if "$240 billion" in text)
        bot.answerer.llm.enqueue(json.dumps({"answerable": True, "sentences": [{"quote": grown}]}))  # type: ignore[attr-defined]
        answer = bot.ask(trade)
        assert not answer.refused, answer.text
        assert "$240 billion" in answer.citations[0].quote

        fish = "Which deep-sea fish was spotted swimming in broad daylight for the first time?"
        ids = _shown(bot, fish)
        off = next(i for i, text in ids.items() if "fish" not in text.lower() and len(text.split()) > 8)
        bot.answerer.llm.enqueue(json.dumps({"answerable": True, "sentences": [{"quote": off}]}))  # type: ignore[attr-defined]
        answer = bot.ask(fish)
        assert answer.refused and not answer.citations
        assert answer.text == "The sentences the model's answer cites are not about what the question asks."
        assert answer.unsupported  # what was withheld stays visible as flagged
    finally:
        bot.close()
