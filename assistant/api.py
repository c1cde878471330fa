"""The public Python API: ``Assistant`` ties settings, the library and the answer backend.

Configuration meets objects here and nowhere else (``Assistant.from_settings``). The UI and
the CLI call only these methods.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Protocol

from index.embedding import Embedder, HashEmbedder, LocalEmbedder
from index.ingest import ProgressCallback
from index.library import Library
from index.models import Article, ArticleInfo, IngestReport, Passage, Quote
from index.quotes import speaker_matches
from index.retrieve import TimeSignal
from index.store import Filters

from .citations import verify_citation
from .config import Settings, load_settings
from .errors import AssistantError, BackendError
from .extractive import ExtractiveAnswerer
from .models import Answer
from .questions import Question, name_tokens, parse_question
from .when import TimeFrame, resolve_time

if TYPE_CHECKING:
    from .chat import ChatSession

__all__ = ["MAX_QUESTION_CHARS", "Assistant"]

MAX_QUESTION_CHARS = 2000
_HAS_WORD = re.compile(r"\w")


def build_embedder(settings: Settings) -> Embedder:
    """The configured embedding model (provider packages are imported only when chosen)."""
    embed = settings.embed
    if embed.backend == "hash":
        return HashEmbedder()
    if embed.backend in ("openai", "openai_compatible"):
        from .embed_openai import OpenAIEmbedder

        return OpenAIEmbedder(
            backend=embed.backend,
            model=embed.model,
            base_url=embed.base_url,
            api_key=embed.api_key.get_secret_value() if embed.api_key else None,
            batch_size=embed.batch_size,
        )
    return LocalEmbedder(embed.model, batch_size=embed.batch_size, quantize=embed.quantize)


def build_answerer(settings: Settings, embedder: Embedder) -> Answerer:
    """``extractive`` quotes; any other backend writes with an LLM and is verified."""
    if settings.llm.backend == "extractive":
        return ExtractiveAnswerer(embedder)
    from .generative import GenerativeAnswerer
    from .llm import build_llm

    return GenerativeAnswerer(build_llm(settings.llm), embedder)


class Answerer(Protocol):
    name: str

    def refusal(self, question: Question, reason: str) -> Answer: ...

    def stream(
        self, question: Question, passages: Sequence[Passage], article: Callable[[str], Article]
    ) -> Iterator[str | Answer]: ...


class Assistant:
    """Ingest articles, then ask questions and get answers cited to exact sentences."""

    def __init__(self, library: Library, answerer: Answerer, settings: Settings) -> None:
        self.library = library
        self.answerer = answerer
        self.settings = settings

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Assistant:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        settings = settings or load_settings()
        embedder = build_embedder(settings)
        library = Library(
            settings.data_dir,
            embedder,
            chroma_host=settings.store.chroma_host,
            chroma_port=settings.store.chroma_port,
            collection=settings.store.collection,
            chunk_tokens=settings.retrieval.chunk_tokens,
            duplicate_threshold=settings.retrieval.duplicate_threshold,
        )
        library.retriever.candidates = settings.retrieval.candidates
        return cls(library, build_answerer(settings, embedder), settings)

    # -- library ---------------------------------------------------------------------------
    def ingest(
        self, inputs: Iterable[str | os.PathLike[str]], progress: ProgressCallback | None = None
    ) -> IngestReport:
        if isinstance(inputs, (str, os.PathLike)):
            inputs = [inputs]
        return self.library.ingest(inputs, progress=progress)

    def articles(self) -> list[ArticleInfo]:
        return self.library.articles()

    def article(self, article_id: str) -> Article:
        return self.library.article(article_id)

    def remove(self, article_id: str) -> None:
        self.library.remove(article_id)

    def status(self) -> dict[str, object]:
        articles, chunks = self.library.counts()
        return {
            "answer_backend": self.answerer.name,
            "embedding_model": self.library.embedder.model_id,
            "articles": articles,
            "chunks": chunks,
            "data_dir": str(self.settings.data_dir),
            "store": (
                f"chroma server {self.settings.store.chroma_host}:{self.settings.store.chroma_port}"
                if self.settings.store.chroma_host
                else "embedded chroma"
            ),
        }

    # -- questions -------------------------------------------------------------------------
    def quotes(self, article_id: str, speaker: str | None = None) -> list[Quote]:
        """Who said what in one article: its attributed sentences, optionally one speaker's."""
        quotes = self.library.article(article_id).quotes
        if speaker:
            names = name_tokens(speaker)
            quotes = tuple(q for q in quotes if speaker_matches(q.speaker, names))
        return list(quotes)

    def people(self) -> dict[str, list[tuple[str, int]]]:
        """Who is quoted in each article (by article id): (speaker, sentences), most quoted first."""
        return self.library.catalog.people()

    def timeframe(self, question: str, as_of: date | None = None) -> TimeFrame:
        """What ``question`` says about time, resolved against ``as_of`` (default: today)."""
        return resolve_time(question, as_of or date.today())

    def _time_signal(self, frame: TimeFrame, as_of: date | None, recency: bool | None) -> TimeSignal | None:
        cfg = self.settings.retrieval
        if not (cfg.recency if recency is None else recency):
            return None
        weight = cfg.recency_weight * (2.0 if frame.latest else 1.0)
        return TimeSignal(
            now=as_of or date.today(),
            since=frame.since,
            until=frame.until,
            half_life_days=cfg.recency_half_life_days,
            weight=weight,
        )

    def retrieve(
        self,
        question: str,
        filters: Filters | None = None,
        top_k: int | None = None,
        *,
        as_of: date | None = None,
        recency: bool | None = None,
    ) -> list[Passage]:
        """The passages an answer to ``question`` would be written from, best first.

        For "what did X say about Y" the passages of articles that quote X come first. With
        recency on (``retrieval.recency``, or ``recency=``), recent articles and those inside a
        window the question names ("this week", resolved against ``as_of``) rank higher.
        """
        parsed, time, query = self._read(question[:MAX_QUESTION_CHARS], as_of, recency)
        return self._passages(parsed, query, filters, top_k or self.settings.retrieval.top_k, time)

    def _read(
        self, question: str, as_of: date | None, recency: bool | None
    ) -> tuple[Question, TimeSignal | None, str]:
        """The parsed question, its time signal, and the text to search with.

        "this week" is about when, not what: with recency on, the time phrase is ranked by
        date and left out of the searched text and of the words an answer must contain.
        """
        frame = self.timeframe(question, as_of)
        time = self._time_signal(frame, as_of, recency)
        query = question
        if time is not None and frame.phrase:
            query = " ".join(question.replace(frame.phrase, " ").split()) or question
        parsed = parse_question(query)
        if query != question:
            parsed = replace(parsed, text=question, subject=query)
        if time is not None and (frame.phrase or frame.latest):
            parsed = replace(parsed, time=time)
        return parsed, time, query

    def _passages(
        self, parsed: Question, query: str, filters: Filters | None, top_k: int, time: TimeSignal | None
    ) -> list[Passage]:
        """Hybrid retrieval; for "what did X say", passages of the articles quoting X first."""
        passages = self.library.retrieve(query, top_k=top_k, filters=filters, time=time)
        quoting = self.library.quoting(parsed.speaker_names)
        if filters and filters.article_ids:
            quoting = [a for a in quoting if a in filters.article_ids]
        if not quoting:
            return passages
        base = filters or Filters()
        only = Filters(base.sources, tuple(quoting), base.since, base.until)
        first = self.library.retrieve(parsed.topic or query, top_k=top_k, filters=only, time=time)
        seen = {p.chunk_id for p in first}
        return (first + [p for p in passages if p.chunk_id not in seen])[:top_k]

    def ask(
        self,
        question: str,
        *,
        sources: Sequence[str] = (),
        article_ids: Sequence[str] = (),
        since: date | None = None,
        until: date | None = None,
        as_of: date | None = None,
        recency: bool | None = None,
    ) -> Answer:
        """Answer ``question`` from the library, citing exact sentences, or refuse.

        ``since``/``until`` filter by published date. ``as_of`` is the question's "now"
        (default today) for phrases such as "this week"; ``recency`` overrides the setting.
        """
        events = self.stream(
            question,
            sources=sources,
            article_ids=article_ids,
            since=since,
            until=until,
            as_of=as_of,
            recency=recency,
        )
        return next(e for e in events if isinstance(e, Answer))

    def stream(
        self,
        question: str,
        *,
        sources: Sequence[str] = (),
        article_ids: Sequence[str] = (),
        since: date | None = None,
        until: date | None = None,
        as_of: date | None = None,
        recency: bool | None = None,
    ) -> Iterator[str | Answer]:
        """Yield the answer text as it is written, then the final, verified ``Answer``.

        With an LLM the final text can differ from the streamed tokens: markers that point
        nowhere are removed and unsupported sentences lose their citation.
        """
        question = " ".join(question.split())
        if not _HAS_WORD.search(question):
            raise AssistantError("Ask a question with at least one word in it.")
        question = question[:MAX_QUESTION_CHARS]
        parsed, time, query = self._read(question, as_of, recency)
        if self.library.counts()[0] == 0:
            yield self.answerer.refusal(
                parsed,
                f"The library in {self.settings.data_dir} is empty: add articles with "
                "`assistant ingest PATH` (or Assistant.ingest) first.",
            )
            return
        filters = Filters(tuple(sources), tuple(article_ids), since, until)
        passages = self._passages(parsed, query, filters or None, self.settings.retrieval.top_k, time)
        for event in self.answerer.stream(parsed, passages, self.library.article):
            if isinstance(event, Answer):
                self._check(event)
            yield event

    def _check(self, answer: Answer) -> None:
        for citation in answer.citations:
            if not verify_citation(citation, self.library.article(citation.article_id)):
                raise BackendError(
                    f"Citation [{citation.n}] does not match the text of {citation.article_id!r}; "
                    "this is a bug: please report it with the question."
                )

    def condense(self, history: Sequence[tuple[str, str]], message: str) -> str:
        """A standalone version of ``message`` given earlier (question, answer) turns."""
        from .chat import condense_with_llm

        llm = getattr(self.answerer, "llm", None)
        return condense_with_llm(llm, history, message) if llm is not None and history else message

    def chat(self) -> ChatSession:
        from .chat import ChatSession

        return ChatSession(self)

    def close(self) -> None:
        self.library.close()
