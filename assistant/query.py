"""A question as one frozen value, and its one reading: what to search, what to answer.

The CLI, the browser, chat sessions and Python callers all build a ``Query`` (the text, hard
filters, the question's date and the recency switch) and hand it over whole. ``read`` turns
it, once per question, into a ``Reading``: the parsed question the answer step needs and the
``Search`` the index runs. "this week" is about when, not what: with recency on, the time
phrase is ranked by date and left out of the searched text and of the words an answer must
contain.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from datetime import date

from index.errors import AssistantError
from index.retrieve import Search, TimeSignal
from index.store import Filters
from index.text import content_terms

from .config import RetrievalSettings
from .questions import Question, mend_question_word, parse_question
from .when import TimeFrame, resolve_time

__all__ = ["MAX_QUESTION_CHARS", "Query", "Reading", "read"]

MAX_QUESTION_CHARS = 2000
_HAS_WORD = re.compile(r"\w")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # markup a question pasted from a web page carries
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def plain_question(text: str) -> str:
    """``text`` without HTML markup or entities, its spaces collapsed: the link in "the <a
    href=...>NFL</a> is considering" is "NFL"."""
    if "<" in text or "&" in text:
        text = html.unescape(_TAG.sub("", text))
    return " ".join(text.split())


@dataclass(frozen=True)
class Query:
    """What a person asked, and under which conditions.

    ``filters`` are hard (sources, article ids, a published-date range). ``as_of`` is the
    question's "now" for phrases such as "this week" (default: today); ``recency`` switches
    time ranking on or off (default: the ``retrieval.recency`` setting). The text is
    normalised (markup removed, spaces collapsed, cut to ``MAX_QUESTION_CHARS``) when the query is made.
    """

    text: str
    filters: Filters = field(default_factory=Filters)
    as_of: date | None = None
    recency: bool | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", plain_question(self.text)[:MAX_QUESTION_CHARS])

    @classmethod
    def of(cls, query: str | Query) -> Query:
        return query if isinstance(query, Query) else cls(query)

    def check(self) -> None:
        """An ``AssistantError`` for a question that has nothing to ask."""
        if not _HAS_WORD.search(self.text):
            raise AssistantError("Ask a question with at least one word in it.")

    @property
    def today(self) -> date:
        return self.as_of or date.today()

    def frame(self) -> TimeFrame:
        """What the text says about time, resolved against ``as_of``."""
        return resolve_time(self.text, self.today)

    def names_time(self) -> bool:
        """Whether the question or its filters say which time or articles it is about: a window
        ("this week", "in 2016"), a year ("the 2016 election"), a date range or article ids."""
        frame, filters = self.frame(), self.filters
        return bool(
            frame.since
            or frame.until
            or _YEAR.search(self.text)
            or filters.since
            or filters.until
            or filters.article_ids
        )


@dataclass(frozen=True)
class Reading:
    """A query read once: the parsed question (for the answer) and the search (for the index)."""

    query: Query
    question: Question
    search: Search


def _time_signal(query: Query, frame: TimeFrame, cfg: RetrievalSettings) -> TimeSignal | None:
    if not (cfg.recency if query.recency is None else query.recency):
        return None
    return TimeSignal(
        now=query.today,
        since=frame.since,
        until=frame.until,
        half_life_days=cfg.recency_half_life_days,
        weight=cfg.recency_weight * (2.0 if frame.latest else 1.0),
    )


def _without(text: str, phrase: str) -> str:
    """``text`` without its time ``phrase``, but for the years the phrase names: "in 1950" is
    what the question is about as well as a window, and the articles that tell of it say "1950"."""
    years = " ".join(_YEAR.findall(phrase))
    return " ".join(text.replace(phrase, f" {years} ").split()) or text


# The text itself named in a question ("What does the article say about Harbin?", "According to
# the story, …", "Which war is mentioned in the report?"): no word of what is asked, so it is
# left out of what is searched and matched.
_TEXT = r"(?:article|story|piece|text|document|report)"
_TEXTS = rf"(?:{_TEXT}s?|stories)"  # "the article", "these reports", "the stories"
_TEXT_SAYS = re.compile(
    rf"^\s*what\s+(?:does|did|do)\s+(?:the|this|these)\s+{_TEXTS}\s+"
    r"(?:say|tell\s+(?:us|me)|report|write|mention)\s+(?:about|on|regarding)\s+(?P<topic>.+?)[\s?.!]*$",
    re.IGNORECASE,
)
_IN_THE_TEXT = re.compile(
    r"(?:\b(?:is|are|was|were|gets?|being)\s+(?:mentioned|named|cited|discussed|referred\s+to)\s+)?"
    rf"\b(?:according\s+to|in|from|by)\s+(?:the|this)\s+{_TEXT}\b,?\s*",
    re.IGNORECASE,
)


# "Does the article mention Harbin?", "Is Harbin mentioned?", "Is the crackdown discussed in
# the story?": what it says of Harbin, of the crackdown (the quotes that name it, or none).
_MENTION = r"(?:mention|discuss|cover|name|talk\s+about|refer\s+to|say\s+anything\s+about)"
_TEXT_MENTIONS = re.compile(
    rf"^\s*(?:does|did|do)\s+(?:the|this|these|any)\s+{_TEXTS}\s+(?:ever\s+)?{_MENTION}\s+"
    r"(?P<topic>.+?)[\s?.!]*$",
    re.IGNORECASE,
)
_IS_MENTIONED = re.compile(
    r"^\s*(?:is|are|was|were)\s+(?P<topic>.+?)\s+(?:ever\s+|even\s+)?(?:mentioned|discussed|covered|"
    r"referred\s+to|talked\s+about)(?:\s+(?:at\s+all|anywhere))?[\s?.!]*$",
    re.IGNORECASE,
)
# "What crackdown is mentioned?": what the text says of the crackdown. "Which sanctions are
# discussed?": the words that point at the text are no words of the answer.
_IS_DISCUSSED = r"(?:is|are|was|were)\s+(?:mentioned|discussed)"
_MENTIONED_LAST = re.compile(rf"\s+{_IS_DISCUSSED}(?=[\s?.!]*$)", re.IGNORECASE)
_WHAT_MENTIONED = re.compile(
    rf"^\s*what\s+(?P<topic>(?!else\b)[\w’'-]+(?:\s+[\w’'-]+){{0,3}}?)\s+{_IS_DISCUSSED}"
    rf"(?:\s+in\s+(?:the|this)\s+{_TEXT})?[\s?.!]*$",
    re.IGNORECASE,
)

# "Find the sentence about electric vehicles.", "Show me the passages on the sanctions": what
# the text says of them.
_FIND_ABOUT = re.compile(
    r"^\s*(?:find|show|give|list|quote)(?:\s+(?:me|us))?\s+(?:the\s+|a\s+|any\s+|all\s+(?:the\s+)?)?"
    r"(?:sentences?|passages?|parts?|lines?|paragraphs?|bits?|quotes?|quotations?)\s+"
    r"(?:about|on|regarding|concerning|that\s+mentions?|mentioning)\s+(?P<topic>.+?)[\s?.!]*$",
    re.IGNORECASE,
)

# "How does the article describe the welcome?": what it says of the welcome.
_TEXT_DESCRIBES = re.compile(
    rf"^\s*how\s+(?:does|did|do)\s+(?:the|this|these)\s+{_TEXTS}"
    r"\s+(?:describe|characteri[sz]e|portray|depict|present|cover)\s+(?P<topic>.+?)[\s?.!]*$",
    re.IGNORECASE,
)


# A polite preamble is no part of what is asked: "Can you tell me what Muraviev said …?", "I'd
# like to know …", "Please quote Muraviev about …".
_POLITE = re.compile(
    r"^\s*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|show|give)\s+(?:me|us)\s+"
    r"|(?:i['’]?d|i\s+would)\s+like\s+to\s+know\s+|i\s+(?:want|need)\s+to\s+know\s+|do\s+you\s+know\s+"
    r"|i\s+wonder\s+|please\s+)(?=\S)",
    re.IGNORECASE,
)


def _without_the_text(text: str) -> str:
    if polite := _POLITE.match(text):
        rest = text[polite.end() :]
        text = rest[0].upper() + rest[1:]
    about = (
        _TEXT_SAYS.match(text)
        or _TEXT_DESCRIBES.match(text)
        or _TEXT_MENTIONS.match(text)
        or _WHAT_MENTIONED.match(text)
        or _FIND_ABOUT.match(text)
    )
    if about is None:
        text = re.sub(r"\s+(?=[?.!,])", "", " ".join(_IN_THE_TEXT.sub(" ", text).split())) or text
        about = _IS_MENTIONED.match(text)
    if about is not None and content_terms(about.group("topic")):
        return f"What about {about.group('topic')}?"
    bare = _MENTIONED_LAST.sub("", text)  # "Which sanctions?"; not "What?" for "What is mentioned?"
    return bare if content_terms(bare) else text


# "In which country is Curtin University?", "Which city is the Great Hall in?", "What is Curtin
# University's location?": where it is. The answer names a place ("… at Curtin University in
# Western Australia"), not the noun asked. Not "Which city is the capital?", which asks which.
_PLACE_NOUNS = (
    r"(?:country|city|state|province|region|town|county|nation|continent|district|area|neighbou?rhood)"
)
_WHERE_IS = (
    re.compile(
        rf"^\s*in\s+(?:which|what)\s+{_PLACE_NOUNS}\s+(?P<verb>is|was|are|were)\s+(?P<thing>.+?)"
        r"(?:\s+(?:located|based|situated|headquartered))?[\s?.!]*$",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^\s*(?:which|what)\s+{_PLACE_NOUNS}\s+(?P<verb>is|was|are|were)\s+(?P<thing>.+?)\s+"
        r"(?:(?:located|based|situated|headquartered)\s+)?in[\s?.!]*$",
        re.IGNORECASE,
    ),
    re.compile(r"^\s*what\s+(?P<verb>is|was)\s+(?P<thing>.+?)[’']s?\s+location[\s?.!]*$", re.IGNORECASE),
)


def _as_where(text: str) -> str:
    match = next((m for pattern in _WHERE_IS if (m := pattern.match(text))), None)
    return f"Where {match.group('verb').lower()} {match.group('thing')}?" if match else text


def read(query: Query, cfg: RetrievalSettings, top_k: int | None = None) -> Reading:
    """Parse ``query`` once: the question for the answer step, the ``Search`` for the index."""
    frame = query.frame()
    time = _time_signal(query, frame, cfg)
    searched = _as_where(_without_the_text(mend_question_word(query.text)))
    if time is not None and frame.phrase:
        searched = _without(searched, frame.phrase)
    question = parse_question(searched)
    if searched != query.text:
        question = replace(question, text=query.text, subject=searched)
    if time is not None and (frame.phrase or frame.latest):
        question = replace(question, time=time)
    search = Search(
        text=searched,
        top_k=top_k or cfg.top_k,
        filters=query.filters,
        time=time,
        speaker_names=question.speaker_names,
        topic=question.topic,
    )
    return Reading(query, question, search)
