"""The public Python API: ``Assistant``, a thin facade over the library and the answerer.

Configuration meets objects here and nowhere else (``Assistant.from_settings``). A question
flows one way: ``Query`` -> ``read`` (once) -> ``Library.retrieve`` (the stage pipeline) ->
the answerer -> ``check_citations``. The UI and the CLI call only these methods.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from index.embedding import EmbedConfig, Embedder, build_embedder
from index.ingest import ProgressCallback
from index.library import Library
from index.models import Article, ArticleInfo, IngestReport, Passage, Quote
from index.quotes import speaker_matches
from index.read import ReadLimits
from index.read.web import PublicOnly

from .answer import Answerer, build_answerer, check_age, check_citations, check_cited, check_window
from .answer.names import respell_question
from .answer.options import unlisted_options
from .answer.reporting import about_reporting
from .chat import ChatSession, Turn
from .config import Settings, load_settings, offline_environment
from .conversations import Conversations, ConversationStore
from .models import Answer
from .query import Query, read
from .questions import name_tokens
from .stories.models import Comparison, Story, StoryItem
from .stories.route import as_answer, story_topic
from .stories.service import DIGEST_ITEMS, TIMELINE_ITEMS, Span, Stories
from .users import SharedUsers, Users
from .when import TimeFrame

__all__ = ["Assistant"]


class Assistant:
    """Ingest articles, then ask questions and get answers cited to exact sentences."""

    def __init__(
        self, library: Library, answerer: Answerer, settings: Settings, judge: Embedder | None = None
    ) -> None:
        """``judge``: the model answers and stories score sentences with (the library's own
        model when None)."""
        self.library = library
        self.answerer = answerer
        self.settings = settings
        self.judge = judge or library.embedder
        self.stories = Stories(library, self.judge, answerer.llm)
        self._conversations: ConversationStore | None = None

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Assistant:
        offline_environment()
        settings = settings or load_settings()
        embedder = build_embedder(settings.embed_config())
        library = Library(
            settings.data_dir,
            embedder,
            chroma_host=settings.store.chroma_host,
            chroma_port=settings.store.chroma_port,
            collection=settings.store.collection,
            chunk_tokens=settings.retrieval.chunk_tokens,
            duplicate_threshold=settings.retrieval.duplicate_threshold,
            candidates=settings.retrieval.candidates,
            search_ef=settings.retrieval.search_ef,
            lease_s=settings.store.lease_seconds,
            limits=ReadLimits(
                settings.ingest.max_decompressed_mb * 2**20, settings.ingest.max_line_mb * 2**20
            ),
        )
        # Answers are scored with the model their thresholds were measured with (MiniLM).
        judge = embedder if embedder.calibrated else build_embedder(EmbedConfig(cache_dir=settings.cache_dir))
        return cls(library, build_answerer(settings, judge), settings, judge)

    # -- library ---------------------------------------------------------------------------
    def ingest(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        progress: ProgressCallback | None = None,
        guard: PublicOnly | None = None,
    ) -> IngestReport:
        """Add files, folders, page and feed URLs. ``guard`` (``PublicOnly``) fetches only from
        public addresses, checked at every redirect: what the browser's "Add URLs" uses."""
        if isinstance(inputs, (str, os.PathLike)):
            inputs = [inputs]
        return self.library.ingest(inputs, progress=progress, guard=guard)

    def articles(self, ids: Sequence[str] | None = None) -> list[ArticleInfo]:
        """Every article's listing (or those of ``ids``): title, outlet, date, chunks, copies."""
        return self.library.articles(ids)

    def article(self, article_id: str) -> Article:
        return self.library.article(article_id)

    def remove(self, article_id: str) -> None:
        self.library.remove(article_id)

    def status(self) -> dict[str, object]:
        articles, chunks = self.library.counts()
        store = self.settings.store
        return {
            "answer_backend": self.answerer.name,
            "embedding_model": self.library.embedder.model_id,
            "articles": articles,
            "chunks": chunks,
            "data_dir": str(self.settings.data_dir),
            "store": f"chroma server {store.chroma_host}:{store.chroma_port}"
            if store.chroma_host
            else "embedded chroma",
        }

    # -- who said what ---------------------------------------------------------------------
    def quotes(self, article_id: str, speaker: str | None = None) -> list[Quote]:
        """Who said what in one article: its attributed sentences, optionally one speaker's."""
        quotes = self.library.article(article_id).quotes
        if speaker:
            names = name_tokens(speaker)
            quotes = tuple(q for q in quotes if speaker_matches(q.speaker, names))
        return list(quotes)

    def people(self, article_ids: Sequence[str] | None = None) -> dict[str, list[tuple[str, int]]]:
        """Who is quoted in each article (by article id; of ``article_ids`` only, when given):
        (speaker, sentences), most quoted first."""
        return self.library.catalog.people(article_ids)

    # -- questions -------------------------------------------------------------------------
    def timeframe(self, question: str, as_of: date | None = None) -> TimeFrame:
        """What ``question`` says about time, resolved against ``as_of`` (default: today)."""
        return Query(question, as_of=as_of).frame()

    def retrieve(self, query: str | Query, top_k: int | None = None) -> list[Passage]:
        """The passages an answer to ``query`` would be written from, best first.

        For "what did X say about Y" the passages of articles that quote X come first. With
        recency on (``retrieval.recency``, or ``Query.recency``), recent articles and those
        inside a window the question names ("this week", resolved against ``Query.as_of``)
        rank higher.
        """
        reading = read(Query.of(query), self.settings.retrieval, top_k)
        return self.library.retrieve(reading.search)

    def ask(self, query: str | Query) -> Answer:
        """Answer ``query`` from the library, citing exact sentences, or refuse."""
        return next(e for e in self.stream(query) if isinstance(e, Answer))

    def stream(self, query: str | Query) -> Iterator[str | Answer]:
        """Yield the answer text as it is written, then the final, verified ``Answer``.

        With an LLM the final text can differ from the streamed tokens: markers that point
        nowhere are removed and unsupported sentences lose their citation.
        """
        query = Query.of(query)
        query.check()
        reading = read(query, self.settings.retrieval)
        if self.library.counts()[0] == 0:
            yield self.answerer.refusal(
                reading.question,
                f"The library in {self.settings.data_dir} is empty: add articles with "
                "`assistant ingest PATH` (or Assistant.ingest) first.",
            )
            return
        if (incomplete := unlisted_options(reading.question, self.answerer.name)) is not None:
            yield incomplete  # "Which of the following …?" with nothing following
            return
        topic = story_topic(query.text)
        if topic is not None:
            yield self._story_answer(query, topic)
            return
        passages = self.library.retrieve(reading.search)
        # "Who is Hu Xijn?": a name no article found spells so, read as they spell it
        question, respelt = respell_question(reading.question, passages, self.library.article)
        reporting = about_reporting(question, passages, self.library.article, self.answerer.name, self.judge)
        if reporting is not None:  # who is quoted, who wrote it, when: what ingest recorded
            yield check_citations(reporting, self.library.article)
            return
        yield from (f"{line}\n" for line in respelt)
        for event in self.answerer.stream(question, passages, self.library.article):
            if isinstance(event, Answer):
                event = check_window(check_citations(event, self.library.article), question)
                event = check_age(event, self._news_day(query), self.settings.retrieval.stale_after_days)
                if respelt and not event.refused:
                    event = replace(event, text="\n".join([*respelt, event.text]))
            yield event

    def _news_day(self, query: Query) -> date | None:
        """The day an answer's age counts back from: the question's date, or the library's
        newest article when that is older (an archive of 2012 is not stale in 2026). None when
        the question or its filters name a time or articles: then any date is what was asked."""
        return None if query.names_time() else self.library.newest(query.today)

    def _story_answer(self, query: Query, topic: str) -> Answer:
        """ "What happened with X this week?" answered with a digest of X over that week."""
        frame = query.frame()
        filters = query.filters
        span = Span(
            filters.since or frame.since, filters.until or frame.until or query.as_of, sources=filters.sources
        )
        story = self.stories.digest(topic, span)
        head = None
        if not story.items and (frame.since or frame.until) and not (filters.since or filters.until):
            # A time the question names is a preference, as for any question: when nothing of
            # that time reports on the topic, the library's other articles still can.
            story = self.stories.digest(topic, Span(sources=filters.sources))
            head = f"Nothing published {frame.describe()} reports on {topic}; from all dates:"
        answer = as_answer(story, query.text, self.answerer.name, head)
        return check_citations(answer, self.library.article)

    # -- stories ---------------------------------------------------------------------------
    def digest(
        self,
        topic: str,
        since: date | None = None,
        until: date | None = None,
        new_since: date | None = None,
        sources: Iterable[str] = (),
        limit: int = DIGEST_ITEMS,
    ) -> Story:
        """What happened with ``topic`` between ``since`` and ``until`` (publication dates,
        inclusive): at most ``limit`` sentences, one per development, each cited with the
        outlets that also carried it; only what no article before ``new_since`` reported."""
        span = Span(since, until, new_since, tuple(sources))
        return self._checked(self.stories.digest(topic, span, limit))

    def timeline(
        self,
        topic: str,
        since: date | None = None,
        until: date | None = None,
        new_since: date | None = None,
        sources: Iterable[str] = (),
        limit: int = TIMELINE_ITEMS,
    ) -> Story:
        """Dated events of ``topic`` in the order they happened (the date a sentence gives,
        resolved against its article's date, else the publication date), each once."""
        span = Span(since, until, new_since, tuple(sources))
        return self._checked(self.stories.timeline(topic, span, limit))

    def compare(
        self, topic: str, since: date | None = None, until: date | None = None, sources: Iterable[str] = ()
    ) -> Comparison:
        """Where outlets report ``topic`` differently (numbers, who said a quotation, facts only
        some carry), each side cited, and where they agree."""
        found = self.stories.compare(topic, Span(since, until, sources=tuple(sources)))
        for group in (found.differences, found.agreements, found.only):
            for difference in group:
                self._verify_items(difference.sides)
        return found

    def _checked(self, story: Story) -> Story:
        self._verify_items(story.items)
        if story.summary is not None:
            check_citations(story.summary, self.library.article)
        return story

    def _verify_items(self, items: Iterable[StoryItem]) -> None:
        check_cited((i.citation for i in items), self.library.article)

    @property
    def conversations(self) -> ConversationStore:
        """The saved conversations: ``conversations.sqlite3`` in the data dir, or beside the
        library on the Chroma server when app servers share one (``store.chroma_host``)."""
        if self._conversations is None:
            if self.settings.store.chroma_host:
                from .shared_conversations import SharedConversations

                self._conversations = SharedConversations(self.library.chroma, self.settings.store.collection)
            else:
                self._conversations = Conversations(Path(self.settings.data_dir) / "conversations.sqlite3")
        return self._conversations

    @property
    def users(self) -> Users:
        """The accounts ``assistant serve`` logs in: ``users.json`` in the data dir, or one record
        beside the library on the Chroma server when app servers share one."""
        path = Path(self.settings.data_dir) / "users.json"
        store = self.settings.store
        if store.chroma_host:
            where = f"the Chroma server at {store.chroma_host}:{store.chroma_port}"
            return SharedUsers(path, self.library.chroma, store.collection, where)
        return Users(path)

    def chat(self, resume: str | None = None, user: str = "", save: bool = True) -> ChatSession:
        """A conversation whose follow-ups ("And what did he say about X?") are made standalone.

        It is saved as it goes (``save``): a new conversation on its first answer, or, with
        ``resume``, the saved conversation of that id, continued from its turns. ``user`` names
        whose conversation it is (``""`` without accounts)."""
        history = self.conversations.get(resume, user).history() if resume else []
        session = ChatSession(self.stream, self.answerer.llm, history, conversation_id=resume)
        if save:

            def keep(conversation_id: str | None, turn: Turn) -> str:
                if conversation_id is None:
                    conversation_id = self.conversations.start(user).id
                self.conversations.add_turn(conversation_id, turn, user)
                return conversation_id

            session.save = keep
        return session

    def close(self) -> None:
        if self._conversations is not None:
            self._conversations.close()
        self.library.close()
