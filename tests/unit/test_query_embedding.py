"""Questions are embedded as queries, articles as passages: a model that reads the two
differently (E5's "query: " and "passage: ") gets each side right, in retrieval and in the
answer's sentence scoring alike."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant import Assistant, Settings
from assistant.answer.extractive import ExtractiveAnswerer
from index import Library
from index.embedding.hash import HashEmbedder

QUESTION = "What did Whitfield say about peak demand?"
ARTICLE = """Grid operator warns of winter shortfall

The national grid operator said on Monday that electricity reserves could fall short in January.
"We are asking households to cut peak demand by five percent," said Dana Whitfield, the chief executive.
"""


class Asymmetric(HashEmbedder):
    """Hashed vectors that record which side each text was embedded as."""

    def __init__(self) -> None:
        super().__init__(64)
        self.queries: list[str] = []
        self.passages: list[str] = []

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        self.passages += texts
        return super().embed(texts)

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        self.queries += texts
        return super().embed(texts)


def test_questions_are_embedded_as_queries_and_sentences_as_passages(tmp_path: Path) -> None:
    (tmp_path / "grid.txt").write_text(ARTICLE, encoding="utf-8")
    library_model, judge = Asymmetric(), Asymmetric()
    library = Library(tmp_path / "lib", library_model)
    bot = Assistant(library, ExtractiveAnswerer(judge), Settings(data_dir=tmp_path / "lib"), judge)
    try:
        bot.ingest([tmp_path / "grid.txt"])
        stored = list(library_model.passages)
        assert stored and not library_model.queries  # ingest stores passages only
        answer = bot.ask(QUESTION)
        assert not answer.refused and "peak demand" in answer.citations[0].quote
        # Retrieval asked with the question as a query; nothing asked was embedded as a passage.
        # (the whole question, and its topic for a question about what someone said)
        assert QUESTION in library_model.queries and all(q in QUESTION for q in library_model.queries)
        assert library_model.passages == stored
        # The answer scored the article's sentences as passages against the question as a query.
        assert judge.queries and all(q in QUESTION for q in judge.queries)
        assert any("five percent" in p for p in judge.passages)
        assert not any(QUESTION in p for p in judge.passages)
    finally:
        bot.close()
