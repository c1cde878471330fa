"""Quote-based answers: the sentences of the retrieved articles that answer the question.

No LLM is involved, so nothing can be invented: the answer is made of verbatim sentences,
each cited with its exact offsets. Sentences are scored by meaning (embedding cosine with
the question) and by the question's content words they contain. For "what did X say about
Y" only sentences attributed to X compete, ranked by Y. When the best evidence is weak the
answer is refused rather than filled with loosely related text: a sentence close in meaning
that holds under a third of the question's words tells a neighbouring story. For "who" and
"which <noun>" questions, the name most of the best sentences agree on (``names``) is quoted
too when the best sentence tells the event without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from index.embedding import Embedder
from index.models import Article, Passage
from index.quotes import leading_speaker, nearest_speaker, role_holder, speaker_matches
from index.sentences import Span, article_sentences, cached_sentence_spans, paragraph_spans
from index.text import content_terms, undot

from ..models import Answer, Citation
from ..questions import Question, compound_parts, is_role, name_tokens, parse_question, party_terms
from ..when import dates_told
from .aliases import said_short, same_act, same_place
from .citations import carrier, headline, make_citation, read_as_text
from .evidence import (
    agent_terms,
    akin_terms,
    cosine,
    coverage,
    meanings,
    question_and,
    rarity,
    support,
    weighted_coverage,
)
from .facts import NUMBER_WORDS
from .kinds import (
    PLACE_NOUNS,
    asked,
    asking_sentence,
    describe,
    described_name,
    holds,
    located,
    offers_choice,
)
from .names import agreed, asks_person, clear_winner, known_terms, lower_words, names_in, person
from .numbered import Conflict, close_sums, other_number, other_sum, sums_in
from .referents import apposed, asked_noun, referent_side
from .roles import other_country, other_thing, owner_apart, reverses

if TYPE_CHECKING:
    from ..config import Settings

__all__ = ["ExtractiveAnswerer", "about_question", "evidence_problem", "quotable"]


@dataclass(frozen=True)
class _Candidate:
    """A sentence of an article, or its headline (``headline``; ``reading``: as the text
    would write it) quoted through the sentence that tells what it does (``start``, ``end``:
    the span a citation gets)."""

    article: Article
    start: int
    end: int
    sentence: int
    passage_rank: int
    headline: str = ""
    reading: str = ""


@dataclass(frozen=True)
class _Scored:
    candidate: _Candidate
    meaning: float
    words: float
    score: float


def _layout(doc: Article) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """An article's paragraphs and sentences (those found at ingest when the library has them)."""
    return _paragraphs(doc.text), article_sentences(doc)


@lru_cache(maxsize=512)
def _paragraphs(text: str) -> tuple[Span, ...]:
    return tuple(paragraph_spans(text))


def quotable(sentence: str) -> bool:
    """Headings, fragments and the questions articles ask themselves are not answers."""
    return len(sentence.split()) >= 5 and not sentence.rstrip("”\"’' ").endswith("?")


_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NEAR, _NEAR_SCORE = 3, 0.05  # when the best sentence is not evidence, how far down to look
_VOTERS = 20  # the best sentences whose names are counted for a "which"/"who" question
# The share of the question's words that a sentence near it in meaning need hold, when it holds
# the name the best sentences agree on by far.
_AGREED_WORDS = 0.25


def _specifics(question: Question) -> set[str]:
    """Numbers and names the question asks about (other than the speaker): must be in the article."""
    names = {n.lower() for n in question.speaker_names}
    names |= {w.lower() for w in re.findall(r"[\w’'-]+", question.source or "")}  # credited, not asked
    words = [e for e in question.entities if e.lower() not in names]
    words += [n.replace(",", "") for n in _NUMBER.findall(question.topic or question.text)]
    return {t for w in words for t in content_terms(w)}


# A count or an ordinal, not an amount of money, a share or a year: "11 detainees", "97th".
_COUNT = re.compile(
    r"(?<![\d£$€¥.,])(\d+(?:,\d{3})*)(?:st|nd|rd|th)?(?!\d|[.,]\d)"
    r"(?!\s*(?:%|percent|per\s+cent|k\b|m\b|bn\b|million|billion|trillion|thousand))",
    re.IGNORECASE,
)


@lru_cache(maxsize=512)
def _numbers(text: str) -> frozenset[str]:
    """Every whole number in ``text``, in digits ("1,000" as "1000", "97th" as "97", "eleven"
    as "11")."""
    digits = {m.replace(",", "") for m in re.findall(r"\d+(?:,\d{3})*", text)}
    words = {NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in NUMBER_WORDS}
    return frozenset(digits | words)


def _missing_numbers(question: Question, articles: Sequence[Article]) -> list[str]:
    """The counts and ordinals the question gives ("11 detainees", "the 97th Academy Awards"),
    and its sums of money ("a $1 trillion pay package"), that none of ``articles`` holds, in
    digits or words: articles without them report on something else."""
    asked = question.topic or question.text
    asked_counts = [m.group(1).replace(",", "") for m in _COUNT.finditer(asked)]
    asked_counts = [n for n in asked_counts if not re.fullmatch(r"(?:19|20)\d\d", n)]
    asked_sums = sums_in(asked)
    if not asked_counts and not asked_sums:
        return []
    present = frozenset().union(*(_numbers(a.text) for a in articles))
    sums = frozenset().union(*(_sums(a.text) for a in articles)) if asked_sums else frozenset()
    missing = [n for n in asked_counts if n not in present]
    return missing + [
        said for said, value in asked_sums.items() if not any(close_sums(value, v) for v in sums)
    ]


@lru_cache(maxsize=512)
def _sums(text: str) -> frozenset[float]:
    """Every sum of money in ``text``, as a value ("$1.2 billion" and "$1.2bn" alike)."""
    return frozenset(sums_in(text).values())


def _lacks_number(question: Question, articles: Sequence[Article]) -> bool:
    return bool(_missing_numbers(question, articles))


def _lacks_specifics(question: Question, present: frozenset[str]) -> bool:
    """Whether more than a third of the question's names and numbers are not in ``present``
    (a place counts as named by its people's word too: "Japanese" by "Japan")."""
    required = _specifics(question)
    missing = {t for t in required if t not in present and not same_place(t) & present}
    return len(missing) > len(required) // 3


_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")


def _missing_quotes(question: Question, present: frozenset[str]) -> list[str]:
    """The words the question quotes ("not a snowball's chance in hell", "chronically
    delayed") that are mostly missing from ``present``: a report of those words quotes them.
    A quotation of one content word ("predator") is too common to tell."""
    missing = []
    for phrase in _QUOTED.findall(question.text):
        terms = set(content_terms(phrase))
        if len(terms) >= 2 and len(terms - present) * 2 > len(terms):
            missing.append(phrase.strip())
    return missing


def _unquoted(missing: Sequence[str]) -> str:
    return (
        "The articles found do not have the words the question quotes: "
        + ", ".join(f"“{phrase}”" for phrase in missing)
        + "."
    )


def _off_topic(question: Question, present: frozenset[str], articles: Sequence[Article]) -> bool:
    """Whether the articles miss the question's counts, most of its names, or its quoted words."""
    return (
        _lacks_number(question, articles)
        or _lacks_specifics(question, present)
        or bool(_missing_quotes(question, present))
    )


# "… Blinken said during a trip …": who speaks in a sentence, by name.
_ATTRIBUTED = re.compile(r"\b(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)*)\s+(?:said|says|told|tells)\b")


def _someone_elses(question: Question, sentence: str) -> bool:
    """Whether a time, place or reason asked of what a named party did ("When did Putin arrive
    in Beijing?", "Why did Putin visit China?") is answered by a sentence that leaves that party
    out (its headline may name it) and tells what another one said: "… Blinken said during a
    trip to Beijing last month" gives Blinken's time and trip, not Putin's."""
    if kind_asked(question) not in ("date", "place", "reason"):
        return False
    said = set(content_terms(sentence))
    missing = [e for e in question.entities if not set(content_terms(e)) <= said]
    if not missing:
        return False
    asked = {t for e in question.entities for t in content_terms(e)}
    return any(not set(content_terms(m.group("name"))) & asked for m in _ATTRIBUTED.finditer(sentence))


def _dated_before(question: Question, sentence: str) -> bool:
    """Whether every full date ``sentence`` gives is before the window the question names: it
    tells an earlier story ("On April 11, 2024, the agency opened a recall query" for a recall
    "this week" of 2025)."""
    window = question.time.window() if question.time else None
    told = dates_told(sentence) if window else []
    return window is not None and bool(told) and all(day < window[0] for day in told)


def _other_figure(asking: str, sentence: str, kind: str | None) -> Conflict | None:
    """Another numbered thing than the question's ("the 148th show" for the 149th), or, unless
    a sum is asked for, another sum ("a plan worth $55 billion" for "a package worth $1 trillion")."""
    return other_number(asking, sentence) or (other_sum(asking, sentence) if kind != "amount" else None)


def _elsewhere(conflict: Conflict) -> str:
    about = f"{conflict.theirs} {conflict.word}".strip()
    return f"The articles found are about the {about}, not the {conflict.ours} the question asks about."


def _no_kind(kind: str, question: Question) -> str:
    wanted = describe(kind, question.subject or question.text)
    if question.speaker:
        what = wanted.split(" ", 1)[1]  # "a sum of money": "no sum of money"
        return f"What the articles found quote {question.speaker} saying gives no {what} that answers this."
    return f"The articles found do not give {wanted} that answers this."


# The kinds of answer a quotation is asked to give ("How much will it cost, according to
# Duffy?": a figure of his). Why someone spoke, or who they are, is not asked of their words.
_QUOTED_KINDS = frozenset({"amount", "date", "name", "place"})


def kind_asked(question: Question) -> str | None:
    """The kind of answer ``question`` asks for (``kinds.asked``); of a speaker's words, only
    a figure, a date, a name or a place."""
    kind = asked(question.subject or question.text)
    return kind if not question.speaker or kind in _QUOTED_KINDS else None


# (past tense in a report, present in a headline: "Xi calls Russia-China ties a …")
_DESCRIBING_VERBS = (
    r"refer(?:red|s)\s+to|describe[sd]|call(?:ed|s)|dub(?:bed|s)|hail(?:ed|s)|label(?:l?ed|s)|"
    r"brand(?:ed|s)|characteri[sz](?:ed|es)"
)
_REPORTING = (
    r"(?:said|says|tells|told|add(?:ed|s)|note[sd]|warn(?:ed|s)|urge[sd]|insist(?:ed|s)|argue[sd]|"
    rf"state[sd]|announce[sd]|tout(?:ed|s)|praise[sd]|{_DESCRIBING_VERBS})"
)
# "Which artist received the most nominations?": a sentence that ranks ("a leading 10
# nominations", "the biggest", "a record") ranks first.
_SUPERLATIVE = (
    r"\b(?:(?<=the\s)(?:most|least)|(?:larg|bigg|high|low|long|old|young|rich|fast|great|tall|deadli|busi|"
    r"hott|cold|small|strong|wealthi)est|best|worst)\b"
)
_RANKS_ASKED = re.compile(_SUPERLATIVE + r"|\bmost-", re.IGNORECASE)
_RANKS = re.compile(
    _SUPERLATIVE + r"|\b(?:most|top|leading|record|topped|tops|surpass\w*|No\.\s*1|number\s+one)\b",
    re.IGNORECASE,
)
# A question asking what was not done ("What hasn't China done?", "Who did not declare …?") is
# answered by a sentence that says so: "has not called for", "stopped short of declaring".
_NEGATED = re.compile(r"\b(?:not|never)\b(?!\s+only\b)|n[’']t\b", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|stopped\s+short|refused|refuses|declined|declines|failed|fails|yet\s+to|"
    r"rejected|rejects|ruled\s+out)\b|n[’']t\b",
    re.IGNORECASE,
)
_DESCRIBING = re.compile(rf"\b(?:{_DESCRIBING_VERBS})\b", re.IGNORECASE)


def _headline(
    question: Question, doc: Article, sentences: Sequence[Span], passages: Sequence[Passage]
) -> _Candidate | None:
    """The article's headline as a candidate, cited by the sentence that carries it, ranked as
    that sentence's passage (after all of them when none was retrieved); for a speaker's
    words, only a headline that reports them ("Xi calls Russia-China ties a …")."""
    title = headline(doc)
    if title is None or (question.speaker and not _reports(title, question)):
        return None
    at = carrier(title, doc.text, sentences)
    if at is None:
        return None
    start, end = sentences[at]
    rank = next(
        (i for i, p in enumerate(passages) if p.article_id == doc.id and p.start <= start and end <= p.end),
        len(passages),
    )
    return _Candidate(doc, start, end, at, rank, headline=title, reading=read_as_text(title, doc.text))


# The story an article tells, in the words a question uses for it: "What did Muraviev say about
# the visit?" asks for his words in the report on the visit, whether or not they name it.
_STORY = frozenset(content_terms("visit trip tour summit meeting talks relations relationship ties"))


def _on_the_story(question: Question, doc: Article) -> bool:
    """Whether the question's topic is the story ``doc`` tells: a word for a visit, a meeting
    or two sides' relations (the article has one), and names the article has."""
    topic = set(content_terms(question.topic or ""))
    held = _article_terms(doc.text)
    return bool(topic & _STORY) and topic - held <= _STORY and bool(held & _STORY)


def _reports(sentence: str, question: Question) -> bool:
    """Whether the sentence reports the question's speaker saying or calling something."""
    names = "|".join(re.escape(n) for n in question.speaker_names)
    return bool(re.search(rf"(?<!\w)(?:{names})(?!\w)(?:\s+[\w’',]+){{0,3}}?\s+{_REPORTING}\b", sentence))


_CITED = re.compile(r"\[(\d+)\]$")


def _renumbered(text: str, offset: int) -> list[str]:
    """The lines of an answer's ``text`` with each citation number moved up by ``offset``."""
    return [_CITED.sub(lambda m: f"[{offset + int(m.group(1))}]", line) for line in text.split("\n")]


def _restates(question: Question, sentence: str) -> bool:
    """Whether ``sentence`` says nothing the question does not: every word of it is the
    question's. It can tell a yes or a no, never what a question asks for."""
    said = set(content_terms(sentence))
    return bool(said) and said <= set(content_terms(question.text))


_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")


@lru_cache(maxsize=512)
def _article_terms(text: str) -> frozenset[str]:
    """An article's content terms; an ordinal counts as its number too ("82nd" holds "82")."""
    terms = set(content_terms(text.replace(",", "")))
    return frozenset(terms | {m.group(1) for t in terms if (m := _ORDINAL.fullmatch(t))})


def _present(question: Question, articles: Iterable[Article]) -> frozenset[str]:
    """The question's terms and others in ``articles``, a name said by its initials counted as
    said in full ("EPA" for "the Environmental Protection Agency")."""
    return frozenset().union(*(_article_terms(a.text) | said_short(question.text, a.text) for a in articles))


def evidence_problem(question: Question, quotes: Sequence[str], articles: Sequence[Article]) -> str | None:
    """Why cited sentences cannot answer ``question`` (a model's answer gets the same test as
    a quote), or None: the kind of answer asked must be in one of them ("how many": a
    figure near what is asked), and the question's names and numbers in their articles."""
    asking = question.subject or question.text
    kind = kind_asked(question)
    # (a description is preferred, not required: "at Curtin University in Western Australia"
    # tells what it is well enough)
    if kind not in (None, "role") and not any(holds(kind, quote, asking) for quote in quotes):
        return _no_kind(kind, question)
    if quotes and (conflict := _other_figure(asking, quotes[0], kind)):  # "the 148th show" for the 149th
        return _elsewhere(conflict)
    one = asking_sentence(asking)
    others = [other_thing(one, q) for q in quotes] if not question.speaker else []
    if others and all(others):
        return f"The articles found are about {others[0]}, not what the question names."
    if quotes and all(_dated_before(question, q) for q in quotes):
        return "The sentences found date what they tell before the time the question asks about."
    if not articles:
        return None
    present = _present(question, articles)
    if missing := _missing_quotes(question, present):
        return _unquoted(missing)
    if _lacks_number(question, articles) or _lacks_specifics(question, present):
        return "The articles found do not mention what the question asks about."
    return None


# What a sentence that answers a question shares with it, at the least: this embedding
# cosine, or this share of the question's words. A quote must clear both (or a higher cosine);
# a sentence that a model's answer cites, at least one.
MIN_MEANING = 0.35
MIN_WORDS = 0.5


def focus(question: Question) -> str:
    """What a sentence answering ``question`` should be about: the topic of a question about
    what someone said ("power balance"), else the question (its subject when it has a preamble)."""
    if question.speaker and question.topic:
        return question.topic
    return question.subject or question.text


# "What is the name of the tabloid?", "What is it called?", "Name the company ...": "name" and
# "called" ask; they are no words the answer's sentence need hold.
_BY_NAME = re.compile(
    r"\bwhat\s+(?:is|was|are|were)\s+(?:the|its|their|his|her)\s+(?:[\w’'-]+\s+){0,4}?names?\b"
    r"|\b(?:with|under|by)\s+what\s+name\b|\b(?:names?|called)\s*[?.]?\s*$|^\s*name\s+(?:the|a|an)\b",
    re.IGNORECASE,
)


# "Where did Blinken make his remarks?", "Where did Blinken speak?": a report says "Blinken
# said …"; the words for speaking are no words the answer's sentence need hold ("talks" are
# negotiations, not speaking).
_SPEECH = frozenset(content_terms("remarks comments statement speech speak spoke spoken"))
_SPEECH_WORDS = re.compile(
    r"\b(?:quotes?|quotations?|comments?|remarks?|statements?|views?|says?|said)\b", re.IGNORECASE
)
_SPEAKING = _SPEECH | frozenset(content_terms("make made give gave deliver delivered say said"))


def _focus_terms(question: Question) -> list[str]:
    if question.speaker:
        return content_terms(focus(question))
    terms = list(question.terms)
    if _BY_NAME.search(question.subject or question.text):
        terms = [t for t in terms if t not in ("name", "call")] or terms
    if _SPEECH & set(terms):
        terms = [t for t in terms if t not in _SPEAKING] or terms
    return terms


def _asked_terms(question: Question) -> tuple[str, ...]:
    """The words of the sentence that asks, when a question opens with what it is about
    ("The Grammys took place in Los Angeles. Which artist won album of the year?"); empty
    for a question of one sentence."""
    return () if question.speaker else _last_sentence_terms(question.subject or question.text)


@lru_cache(maxsize=256)
def _last_sentence_terms(text: str) -> tuple[str, ...]:
    spans = cached_sentence_spans(text)
    if len(spans) < 2:
        return ()
    start, end = spans[-1]
    return tuple(content_terms(text[start:end]))


def about_question(
    question: Question, texts: Sequence[str], embedder: Embedder, headings: Sequence[str] = ()
) -> bool:
    """Whether ``texts`` are about what ``question`` asks: one of them close to it in meaning,
    or half its words in them and their ``headings``. A model's answer can hold a name that no
    sentence it cites ties to the question ("Aurora", from a sentence on a mascot's wings, for
    "which new submarine")."""
    if not texts:
        return False
    asked, *vectors = question_and(embedder, focus(question), texts)
    if any(cosine(asked, vec) >= MIN_MEANING for vec in vectors):
        return True
    return coverage(_focus_terms(question), content_terms("\n".join([*headings, *texts]))) >= MIN_WORDS


def _about(question: Question) -> str:
    """ " about <topic>" where the question asks about one ("say about power balance"); nothing
    where its topic is not a subject ("say he advocates for", "tell Xinhua")."""
    topic = question.topic
    if topic and re.search(
        # "… say about power balance", "What are the risks Muraviev sees?"
        rf"\b(?:about|on|regarding|concerning|over|of)\s+{re.escape(topic)}|^(?:what|which)\s+"
        rf"(?:(?:is|are|was|were)\s+)?{re.escape(topic)}\b",
        question.text,
        re.IGNORECASE,
    ):
        return f" about {topic}"
    return ""


# "Who said …?", "Who warned that …?": a sentence of someone's quoted words names them through
# its attribution, found at ingest, which may sit in the sentence before ("…,” Putin said. “But
# such negotiations …”). Not "who wrote": a song or a book has an author, not a speaker.
# So is "Did Xi say …?" asked as a plain question, when nothing of Xi's says it: who did.
_WHO_SAID = re.compile(
    r"^\s*(?:who\s+(?:has\s+|had\s+|is\s+|was\s+)?|(?:did|does|has|had)\s+.+?\s+)(?:said|says|say|told|tells|"
    r"tell|warned|warns|warn|argued|argues|argue|claimed|claims|claim|stated|insisted|insist|added|noted|"
    r"stressed|stress|predicted|predict|tweeted|"
    # a view is said too: "Who thinks the closer ties are inevitable?"
    r"thinks?|thought|believes?|believed|considers?|considered|feels?|felt)\b"
    # "Who was quoted …?" asks for the speaker; "Who quoted the Russian leader?" for the one
    # who relays the words (an outlet: "…,” Tass quoted the Russian leader.")
    r"|^\s*who\s+(?:is|was|are|were)\s+quoted\b",
    re.IGNORECASE,
)


def _asks_who_said(question: Question) -> bool:
    return bool(_WHO_SAID.search(question.subject or question.text))


def _speaker_of(c: _Candidate) -> str | None:
    """Who the candidate sentence quotes, by the attributions found at ingest."""
    if c.headline:
        return None
    return next((q.speaker for q in c.article.quotes if q.start <= c.start and c.end <= q.end), None)


def _quoted_speaker(question: Question, candidate: _Candidate) -> str | None:
    """Who the candidate sentence quotes, when the question asks who said something."""
    return _speaker_of(candidate) if _asks_who_said(question) else None


_WHICH = re.compile(r"\bwhich\s+(?!of\b)", re.IGNORECASE)


def _names_one(kind: str | None, asking: str) -> bool:
    """Whether the question asks for something by its name: "who", "which city", "which
    streaming service" (even where the noun is not one the kinds know)."""
    if offers_choice(asking):  # "…, Russia or China?": the names are the question's own
        return False
    return kind in ("name", "place") or (kind is None and bool(_WHICH.search(asking)))


# How much a rare question word counts for more than a common one in ranking the sentences
# (not in judging whether the best is evidence enough).
_RARE_WEIGHT = 0.25


def _heading(question: Question, respelt: str | None) -> list[str]:
    """The lines over a speaker's quotes: whom a role or a near spelling was taken for, and
    whose words follow."""
    if not question.speaker:
        return []
    lines = [f"What the articles report {question.speaker} saying{_about(question)}:"]
    if respelt and is_role(respelt):
        lines.insert(0, f"{respelt[0].upper()}{respelt[1:]} in the articles found is {question.speaker}.")
    elif respelt:
        lines.insert(0, f"No one called “{respelt}” is quoted; the nearest name is {question.speaker}.")
    return lines


_ASKS_WHO = re.compile(r"\s*who\b", re.IGNORECASE)


def _quote_lines(citation: Citation, head: str) -> list[str]:
    """A citation's lines of an answer: its quote, under the headline it carries if any."""
    quote = f"{' '.join(citation.quote.split())} [{citation.n}]"
    return [f"Headline: {head} [{citation.n}]", quote] if head else [quote]


_WRITTEN_NAME = re.compile(r"(?<=[\w,;:’'\")”] )[A-Z][\w’'-]*")


def _names_written(sentence: str) -> set[str]:
    """The terms of the words ``sentence`` capitalises inside it (not its first word)."""
    return {t for m in _WRITTEN_NAME.finditer(sentence) for t in content_terms(m.group(0))}


def _as_asked(noun: str, name: str, sentence: str) -> bool:
    """Whether ``sentence`` gives ``name`` as the kind of thing asked: it names a place where
    a city or country is asked ("… in Wassenaar", not "Wassenaar was convicted"), else it says
    the noun ("… shut the app down" for "which app")."""
    if noun in PLACE_NOUNS:
        return located(name, sentence)
    said = set(content_terms(sentence))
    wanted = content_terms(noun)
    return bool(set(wanted) & said or same_act(wanted, said))


def _near(scored: list[_Scored]) -> list[_Scored]:
    """The best sentences: up to ``_NEAR``, each nearly as good as the very best."""
    return [item for item in scored[:_NEAR] if item.score >= scored[0].score - _NEAR_SCORE]


class ExtractiveAnswerer:
    """Answers with verbatim, cited sentences; refuses when the evidence is weak."""

    name = "extractive"
    llm = None  # quotes only: no model to condense follow-ups with

    def __init__(
        self,
        embedder: Embedder,
        max_quotes: int = 3,
        min_meaning: float = MIN_MEANING,
        min_words: float = MIN_WORDS,
        strong_meaning: float = 0.55,
        strong_words: float = 0.3,
        all_words_meaning: float = 0.15,
        fit_relief: float = 0.1,
        min_sum: float = 0.93,
    ) -> None:
        self.embedder = embedder
        self.max_quotes = max_quotes
        self.min_meaning = min_meaning
        self.min_words = min_words
        self.strong_meaning = strong_meaning
        self.strong_words = strong_words
        self.all_words_meaning = all_words_meaning
        self.fit_relief = fit_relief
        # Below the strong bar, little of one signal needs much of the other: 0.4 in meaning
        # with half the words of a longer question is a sentence on its topic, not its answer.
        self.min_sum = min_sum

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder) -> ExtractiveAnswerer:
        return cls(embedder)

    def _candidates(
        self, question: Question, passages: Sequence[Passage], article: Callable[[str], Article]
    ) -> list[_Candidate]:
        out: dict[tuple[str, int], _Candidate] = {}
        attributed: dict[str, list[int]] = {}
        headed: set[str] = set()  # the articles whose headline was tried
        for rank, passage in enumerate(passages):
            doc = article(passage.article_id)
            _, sentences = _layout(doc)
            if question.speaker:
                # The speaker's sentences anywhere in a retrieved article (found at ingest):
                # the attribution ("..., Muraviev said.") may sit in a neighbouring chunk.
                if doc.id not in attributed:
                    index = {span: i for i, span in enumerate(sentences)}
                    attributed[doc.id] = [
                        index[(q.start, q.end)]
                        for q in doc.quotes
                        if (q.start, q.end) in index and speaker_matches(q.speaker, question.speaker_names)
                    ]
                # And what the passage reports them saying or calling something, unquoted:
                # "Xi referred to the meeting as a new start".
                chosen = attributed[doc.id] + [
                    i
                    for i, (s, e) in enumerate(sentences)
                    if s >= passage.start and e <= passage.end and _reports(doc.text[s:e], question)
                ]
            else:
                chosen = [i for i, (s, e) in enumerate(sentences) if s >= passage.start and e <= passage.end]
            for i in chosen:
                key = (doc.id, i)
                s, e = sentences[i]
                if key not in out and quotable(doc.text[s:e]):
                    out[key] = _Candidate(doc, s, e, i, rank)
            if doc.id not in headed:
                headed.add(doc.id)
                if head := _headline(question, doc, sentences, passages):
                    out[(doc.id, -1)] = head
        return list(out.values())

    def _as_quoted(
        self, question: Question, passages: Sequence[Passage], article: Callable[[str], Article]
    ) -> tuple[Question, list[_Candidate]]:
        """The question as the articles quote its speaker, with its candidate sentences: a name
        nobody is quoted by but one nearly so ("Muravev") becomes that one, a role ("the
        professor") the one person an article gives it; a guessed speaker nobody is quoted by
        ("what did officials say", typed in lower case) is dropped."""
        candidates = self._candidates(question, passages, article)
        if not candidates and question.speaker:
            quoted = (q.speaker for p in passages for q in article(p.article_id).quotes)
            if nearest := nearest_speaker(question.speaker_names, quoted):
                asked = set(question.speaker_names)  # the spelling asked is no name to look for
                entities = tuple(e for e in question.entities if e not in asked)
                question = replace(question, speaker=nearest, entities=entities)
                candidates = self._candidates(question, passages, article)
        if not candidates and question.speaker and is_role(question.speaker):
            # "the professor": the one person an article found gives that role
            holders = (role_holder(article(p.article_id).text, question.speaker) for p in passages)
            if holder := next((h for h in holders if h), None):
                question = replace(question, speaker=holder)
                candidates = self._candidates(question, passages, article)
        if not candidates and question.guessed:
            question = replace(question, speaker=None, topic=None, guessed=False)
            candidates = self._candidates(question, passages, article)
        return question, candidates

    def _score(self, question: Question, candidates: list[_Candidate]) -> list[_Scored]:
        asking, terms, asked_terms = focus(question), _focus_terms(question), _asked_terms(question)
        # The words of a credited source ("according to Reuters") help a sentence that names it
        # and are not needed by one that does not.
        credited = set(content_terms(question.source or ""))
        own = [t for t in terms if t not in credited] if credited else terms
        # "What do the two countries stand against?": a sentence may call the parties "their"
        # ("… a desire to stand united against …"), so it is measured without them too.
        asking_one = asking_sentence(question.subject or question.text)
        parties = party_terms(asking_one)
        unnamed = [t for t in terms if t not in parties] if parties else terms
        texts = [c.reading or c.article.text[c.start : c.end] for c in candidates]
        # A sentence is read under its headline: "the harbor" may be named only there. Not one
        # that holds nothing of the question but the noun it asks for ("But both leaders have
        # stopped short …" under "Xi calls Russia-China ties a ‘strong driving force’", for
        # "Which leader called the ties a strong driving force?"): it is on another point.
        named = kind_asked(question) in ("name", "place")  # (not "What anniversary …?", where it is all)
        noun = asked_noun(asking_sentence(question.subject or question.text)) if named else None
        noun_terms = set(content_terms(noun or ""))
        on_point = set(terms) - noun_terms
        headed = [
            text
            if c.headline or (noun_terms and not on_point & set(content_terms(text)))
            else f"{c.article.title}\n{text}"
            for c, text in zip(candidates, texts, strict=True)
        ]
        presents = [{*content_terms(h), *said_short(asking, h)} for h in headed]
        # A word no sentence holds is looked for in another form of its family ("relationship":
        # the sentences say "relations"); a word some sentence holds is not ("comedian" is no
        # "comedy" where a sentence names the comedian).
        unheld = {t for t in (*terms, *asked_terms) if not any(t in p for p in presents)}
        presents = [p | akin_terms(unheld, p) | same_act((*terms, *asked_terms), p) for p in presents]
        if _ASKS_WHO.match(asking_one):
            presents = [p | agent_terms(unheld, p) for p in presents]  # "Who edits …?": "its editor"
        weights = rarity(terms, presents)
        negated = bool(_NEGATED.search(question.subject or question.text))
        ranks = bool(_RANKS_ASKED.search(asking_one))
        scored = []
        for cand, text, meaning, present in zip(
            candidates, texts, meanings(self.embedder, asking, texts), presents, strict=True
        ):
            words = max(
                coverage(terms, present),
                coverage(asked_terms, present),
                coverage(own, present),
                coverage(unnamed, present),
            )
            rare = weighted_coverage(weights, present) if weights else words
            prior = 0.05 / (1 + cand.passage_rank)
            if question.describes and _DESCRIBING.search(text):  # "how did X describe Y"
                prior += 0.1
            if negated and _NEGATION.search(text):  # "What hasn't China done?": "has not called for …"
                prior += 0.1
            if ranks and _RANKS.search(text):
                prior += 0.1
            if question.time is not None:  # "this week", "latest": that time's reporting first
                prior += 0.15 * question.time.closeness(cand.article.published)
            ranked_words = (1 - _RARE_WEIGHT) * words + _RARE_WEIGHT * rare
            scored.append(_Scored(cand, meaning, words, support(meaning, ranked_words) + prior))
        return sorted(scored, key=lambda s: s.score, reverse=True)

    def _supported(self, question: Question, best: _Scored, fits: bool = False) -> bool:
        """Is this sentence real evidence? Topic match, and the question's specifics present.

        ``fits``: it holds the kind of answer asked for (a figure for "how many"), so fewer of
        the question's own words need be in it: answers rephrase the question.
        """
        doc = best.candidate.article
        # A caption of the question's own words ("Deputy Chief of Staff Stephen Miller") answers
        # no wh-question; it may answer a yes or a no, or who said those words.
        answers_restated = question.polar or question.speaker or _quoted_speaker(question, best.candidate)
        if self._disqualified(question, best, restated=not answers_restated):
            return False
        if question.speaker:
            if not question.topic or _on_the_story(question, doc):
                return True
            if not self._names_topic(question, best):
                return False  # the headline may name Ukraine; Hu Xijin's words do not
            if question.guessed and question.polar:
                # "Did Muraviev warn about European security?" asks whether his words hold it:
                # a quote near in meaning is no yes (the plain question finds who said it).
                return best.words >= self.min_words
            return best.words >= self.min_words or best.meaning >= self.min_meaning + 0.1
        if best.meaning >= self.strong_meaning and best.words >= self.strong_words:
            return True
        # All the words of a short question of one sentence: "Who has a slight upper hand?", or
        # a name alone ("Tell me about Harbin.": the sentences that name it).
        terms = set(_focus_terms(question))
        # (a question typed in lower case names what the sentence writes as a name: "where is
        # harbin" asks about "Harbin")
        names = {t for e in question.entities for t in content_terms(e)} | _names_written(self._text(best))
        named = bool(terms) and terms <= names
        # "What about the crackdown?": the sentences that hold it, however long and far in
        # meaning ("… amid a crackdown on his opposition")
        topical = bool(terms) and question.topical is not None
        # (one word is all of a question when the sentence holds the kind of answer it asks:
        # "Where did the welcome take place?")
        short = (len(terms) >= 2 or named or topical or fits) and not _asked_terms(question)
        # ("Who is the Chinese leader?": not "The two leaders … Chinese electric vehicles")
        every_word = (
            short
            and best.words >= 1.0
            and not owner_apart(question.subject or question.text, self._text(best))
        )
        if every_word and (topical or best.meaning >= self.all_words_meaning):
            return True
        # "Which tabloid is run by the Communist Party?": "… the Global Times, the Communist Party
        # tabloid, …" names it in so many words, however far the long sentence is in meaning.
        by_name = best.words >= self.min_words and apposed(
            self._text(best), question.subject or question.text
        )
        if by_name and best.meaning >= self.all_words_meaning:
            return True
        words = self.min_words - (self.fit_relief if fits else 0.0)
        # (a short question's share of words is coarse: one of two words is half of them)
        summed = len(terms) < 4 or best.meaning + best.words >= self.min_sum
        return best.meaning >= self.min_meaning and best.words >= words and summed

    def _of_another(self, question: Question, best: _Scored) -> bool:
        """Whether the sentence tells of another thing than the one asked about, however near
        its words: another numbered event, the act the other way round, a namesake, an earlier
        time, someone else's time or place."""
        text = self._text(best)
        if _other_figure(question.subject or question.text, text, kind_asked(question)):
            return True  # "the 148th annual show" answers nothing about the 149th
        if self._reversed(question, best):
            return True  # "How has Russia benefited from China?": not "China has benefited from Russia"
        asking = asking_sentence(question.subject or question.text)
        if not question.speaker and other_thing(asking, text):
            return True  # not "Sebastian Inlet" for "Indian River Inlet", nor "China's" for "Russia's"
        if _dated_before(question, text):
            return True  # "On April 11, 2024, …" tells of no recall "this week" in 2025
        # "… Blinken said during a trip to Beijing last month": not Putin's arrival
        return not question.speaker and _someone_elses(question, text)

    def _anothers(self, question: Question, best: _Scored) -> bool:
        """Whether the sentence names the asked thing as another country's ("Russian news agency
        Tass" for the Chinese one: ``other_country``); not a namesake, whose article's other
        sentences are no more about the thing asked ("Sebastian Inlet" for "Marlow Inlet")."""
        asking = asking_sentence(question.subject or question.text)
        return not question.speaker and bool(other_country(asking, self._text(best)))

    def _reversed(self, question: Question, best: _Scored) -> bool:
        """Whether the sentence says the asked act with its parties swapped (``reverses``)."""
        return not (question.speaker or question.polar) and reverses(
            question.subject or question.text, self._text(best), question.entities
        )

    def _names_topic(self, question: Question, best: _Scored) -> bool:
        """Whether a speaker's quote, with its paragraph's attribution, names what their topic
        names ("What did Muraviev say about Xi?": the quote that names Xi), a name of theirs or
        of the topic said by its initials counted as named."""
        topic = undot(question.topic or "")  # "the U.S." names "US"
        names = [
            e for e in question.entities if e in topic and not speaker_matches(e, question.speaker_names)
        ]
        if not names:
            return True
        start, end = self._span(question, best)
        text = best.candidate.article.text[start:end]
        said = set(content_terms(text)) | said_short(topic, text)
        return all(set(content_terms(name)) <= said for name in names)

    def _votes(
        self, asking: str, scored: list[_Scored]
    ) -> tuple[dict[str, float], frozenset[str], list[str]]:
        """The names the best sentences agree on, with their support (``names.agreed``); the
        words their articles write in lower case; those articles' texts."""
        pool = scored[:_VOTERS]
        texts = list({s.candidate.article.id: s.candidate.article.text for s in pool}.values())
        common = lower_words(texts)
        return agreed(asking, [(self._text(s), s.score) for s in pool], common), common, texts

    def _naming(self, question: Question, asking: str, scored: list[_Scored]) -> _Scored | None:
        """The best supported sentence that holds the name the best sentences agree on most
        (``names``), or None when they name nothing the question does not."""
        votes, common, _ = self._votes(asking, scored)
        if not votes:
            return None
        winner = max(votes, key=votes.__getitem__)
        known = known_terms(asking)
        return next(
            (
                item
                for item in scored
                if winner in names_in(self._text(item), known, common)
                and self._supported(question, item, fits=True)
            ),
            None,
        )

    def _by_consensus(self, question: Question, asking: str, scored: list[_Scored]) -> _Scored | None:
        """When no sentence is evidence enough for a "which"/"who" question: the best sentence
        holding the name the best sentences agree on by far (``names.clear_winner``), if it is
        near the question and tells of no other thing. "Which app is back online …?": five
        sentences name TikTok, none in so many of the question's words. A person is no answer
        to "which app", "which country" (the president most reports name is not the country)."""
        noun = asked_noun(asking)
        if noun is None:
            return None  # "who …?": the news names too many people for the most named to answer
        votes, common, texts = self._votes(asking, scored)
        winner = clear_winner(votes)
        if winner is None or (not asks_person(asking) and person(winner, texts)):
            return None
        known = known_terms(asking)
        return next(
            (
                item
                for item in scored[:_VOTERS]
                if winner in names_in(text := self._text(item), known, common)
                and _as_asked(noun, winner, text)
                and self._near_enough(question, item)
            ),
            None,
        )

    def _near_enough(self, question: Question, item: _Scored) -> bool:
        """The looser bar of a sentence holding the agreed name: near the question in meaning, a
        quarter of its words (``_AGREED_WORDS``), and no sign of another thing, another story or
        a restated question."""
        return (
            item.meaning >= self.min_meaning
            and item.words >= _AGREED_WORDS
            and not self._disqualified(question, item, restated=True)
        )

    def _disqualified(self, question: Question, item: _Scored, restated: bool) -> bool:
        """Whether the sentence is no evidence however near: its article misses the question's
        figures, names or quoted words; it only restates the question (checked when
        ``restated``); or it tells of another thing (``_of_another``)."""
        doc = item.candidate.article
        return (
            _off_topic(question, _present(question, [doc]), [doc])
            or (restated and _restates(question, self._text(item)))
            or self._of_another(question, item)
        )

    def _describes_all(self, asking: str, item: _Scored) -> bool:
        """For "Who is Alexey Muraviev?": the sentence describes that name (it was kept for
        holding a description) and has all of it, however little else of the question it has
        ("What is the Global Times?" is answered by "…the Global Times, the Communist Party
        tabloid, …", whose meaning is far from so short a question)."""
        name = set(content_terms(described_name(asking) or ""))
        return bool(name) and name <= set(content_terms(self._text(item)))

    @staticmethod
    def _text(scored: _Scored) -> str:
        c = scored.candidate
        return c.reading or c.article.text[c.start : c.end]

    def _span(self, question: Question, best: _Scored) -> tuple[int, int]:
        """The quote: the sentence, widened to its paragraph's attribution for speakers, and
        for "who said …?" a quoted sentence."""
        cand = best.candidate
        if not question.speaker and not _quoted_speaker(question, cand):
            return cand.start, cand.end
        paragraphs, sentences = _layout(cand.article)
        for p_start, p_end in paragraphs:
            if p_start <= cand.start and cand.end <= p_end:
                inside = [(s, e) for s, e in sentences if s >= p_start and e <= p_end]
                if len(inside) <= 3:
                    return p_start, p_end
        return cand.start, cand.end

    def _with_cause(self, item: _Scored, asking: str) -> _Scored:
        """A sentence about what a "why" question asks that gives no reason itself, quoted with
        the sentence before it in its paragraph when that one gives the reason: "Trade with
        China has helped keep Russia's war efforts afloat, after sanctions … that economic
        reliance has given Xi a slight upper hand." Any other sentence, unchanged."""
        cand = item.candidate
        if item.words < self.min_words or cand.sentence == 0 or cand.headline:
            return item
        if holds("reason", self._text(item), asking):
            return item
        paragraphs, sentences = _layout(cand.article)
        start, end = sentences[cand.sentence - 1]
        same = any(p_start <= start and cand.end <= p_end for p_start, p_end in paragraphs)
        if not same or not holds("reason", cand.article.text[start:end], asking):
            return item
        joined = _Candidate(cand.article, start, cand.end, cand.sentence, cand.passage_rank)
        return _Scored(joined, item.meaning, item.words, item.score)

    def _cite(self, question: Question, chosen: Sequence[_Scored]) -> list[tuple[Citation, str]]:
        """Citations of the ``chosen`` sentences in order, up to ``max_quotes``, no two overlapping
        and no sentence twice (a newsletter line or a wire story's sentence in two articles),
        each with the headline it carries (or ""): a headline whose sentence is quoted already
        heads that quote."""
        citations: list[tuple[Citation, str]] = []
        taken: list[tuple[str, int, int]] = []
        said: set[str] = set()
        for item in chosen:
            start, end = self._span(question, item)
            doc = item.candidate.article
            overlap = [i for i, (a, s, e) in enumerate(taken) if a == doc.id and start < e and s < end]
            if item.candidate.headline and overlap and not citations[overlap[0]][1]:
                citations[overlap[0]] = (citations[overlap[0]][0], item.candidate.headline)
            if len(citations) >= self.max_quotes:
                break
            words = " ".join(doc.text[start:end].split()).lower()
            if words in said or overlap:
                continue
            said.add(words)
            taken.append((doc.id, start, end))
            cited = make_citation(len(citations) + 1, doc, start, end, item.score)
            citations.append((cited, item.candidate.headline))
        return citations

    def _quoted(self, question: Question, lines: Sequence[str], citations: Sequence[Citation]) -> Answer:
        """An answer of quotes: ``lines`` (headings and "quote [n]"), every citation verified."""
        return Answer(
            text="\n".join(lines),
            citations=tuple(citations),
            question=question.text,
            backend=self.name,
            checks={"verified": len(citations), "unsupported": 0},
        )

    def refusal(self, question: Question, reason: str) -> Answer:
        return Answer(text=reason, refused=True, question=question.text, backend=self.name)

    def _other_reason(
        self, question: Question, near: list[_Scored], kind: str | None, found: Sequence[Article]
    ) -> str | None:
        """Why none of the ``near`` best sentences answers, when the reason is not merely that
        none holds an answer of the kind asked: what the question names that the ``found``
        articles lack, or another numbered thing. None when there is no such reason."""
        missing = _missing_numbers(question, found)
        if missing:
            return f"The articles found do not mention the {' or '.join(missing)} the question has."
        if (topic := question.topical) and not any(item.words >= 1.0 for item in near):
            return f"The articles found do not mention {topic}."  # "Does the article mention the Pope?"
        present = _present(question, (item.candidate.article for item in near))
        if unquoted := _missing_quotes(question, present):
            return _unquoted(unquoted)
        if near and (conflict := _other_figure(question.subject or question.text, self._text(near[0]), kind)):
            return _elsewhere(conflict)
        return None

    def _why_not(
        self, question: Question, near: list[_Scored], kind: str | None, found: Sequence[Article]
    ) -> str:
        """Why none of the ``near`` best sentences answers: what the question names that the
        ``found`` articles lack, another numbered thing, no answer of the kind asked, or nothing.
        (``found``: the articles of the best sentences of any kind too; a "how much" whose
        figure is the question's own is no answer, yet its article has the figure.)"""
        if reason := self._other_reason(question, near, kind, found):
            return reason
        if kind is not None:
            return _no_kind(kind, question)
        who = f"what {question.speaker} said{_about(question)}" if question.speaker else "this"
        return f"The articles in the library do not answer {who.rstrip('.')}."  # "the U.S."

    def answer(
        self, question: Question, passages: Sequence[Passage], article: Callable[[str], Article]
    ) -> Answer:
        if not passages:
            return self.refusal(question, "The library has no passages that match this question.")
        if question.search:
            return self._search(question, passages, article)
        if not question.speaker and (parts := compound_parts(question.subject or question.text)):
            return self._each(question, parts, passages, article)
        respelt = question.speaker
        question, candidates = self._as_quoted(question, passages, article)
        respelt = respelt if respelt != question.speaker and question.speaker else None
        if not candidates:
            if question.speaker:
                return self.refusal(
                    question,
                    f"The articles found do not quote {question.speaker}"
                    + (f" on {question.topic.rstrip('.')}." if question.topic else "."),
                )
            return self.refusal(question, "The articles found contain no usable sentences.")
        asking = question.subject or question.text
        every = self._score(question, candidates)
        kind, scored = self._of_kind(question, asking, every)
        near = _near(scored)
        found = list(
            {item.candidate.article.id: item.candidate.article for item in [*near, *_near(every)]}.values()
        )
        best = self._best(question, kind, scored, found)
        if best is None and question.guessed and question.polar and question.speaker:
            # "Did Xi say China is a bigger brother?": nothing of Xi's says so; what the
            # articles say of it, and who said it, is the answer.
            plain = self.answer(replace(question, speaker=None, topic=None, guessed=False), passages, article)
            if not plain.refused:
                return plain
        if best is None:
            return self.refusal(question, self._why_not(question, near, kind, found))
        cited = self._cite(question, self._chosen(question, kind, best, scored))
        citations = [c for c, _ in cited]
        lines = [*_heading(question, respelt), *(line for c, head in cited for line in _quote_lines(c, head))]
        quoted = _quoted_speaker(question, best.candidate)
        if quoted and citations and not any(n in citations[0].quote for n in name_tokens(quoted)):
            lines.insert(0, f"{quoted} said it, as the article quotes:")  # "…,” he said.": who he is
        return self._quoted(question, lines, citations)

    def _best(
        self, question: Question, kind: str | None, scored: list[_Scored], found: list[Article]
    ) -> _Scored | None:
        """The best sentence that is real evidence, of those nearly as good as the very best;
        failing that, the best of the rest when the best tell of the act the other way round,
        or the one that holds the name the best sentences agree on by far."""
        asking = question.subject or question.text
        near = _near(scored)
        fits = kind is not None
        best = next(
            (
                item
                for item in near
                if self._supported(question, item, fits=fits)
                or (kind == "role" and self._describes_all(asking, item))
            ),
            None,
        )
        # The best sentences tell of the act the other way round ("China has benefited from
        # Russia’s support" for "How did China support Russia?"), or name the asked thing of
        # another country ("Russian news agency Tass" for "the Chinese news agency"): the rest
        # are judged on their own, as the sentences with the same words of the thing asked.
        # (all of the best that do so: "How has Russia helped China?" has two sentences of
        # China's help to Russia before "… benefited from Russia’s diplomatic support")
        for set_aside in (self._reversed, self._anothers):
            if best is None and any(set_aside(question, item) for item in near):
                others = [item for item in scored[:_VOTERS] if set_aside(question, item)]
                rest = [item for item in scored if item not in others]
                best = next((i for i in _near(rest) if self._supported(question, i, fits=fits)), None)
        # No sentence is evidence enough, and none gives a name: the name the best sentences
        # agree on by far, if one holds it near enough (not when the articles are about another
        # numbered event, or lack the question's figures: those refusals stand).
        if (
            best is None
            and kind is not None
            and _names_one(kind, asking)
            and self._other_reason(question, near, kind, found) is None
        ):
            best = self._by_consensus(question, asking, scored)
        return best

    def _chosen(
        self, question: Question, kind: str | None, best: _Scored, scored: list[_Scored]
    ) -> list[_Scored]:
        """The sentences to quote: the best, those nearly as good that are evidence too, and the
        name most of the best sentences give ("which"/"who"), when those chosen do not. A
        headline is quoted when it is the best or gives that name: after a better sentence it
        retells the story, most often in the words of the sentence that carries it."""
        asking = question.subject or question.text
        chosen = [best] + [
            item
            for item in scored
            if item is not best
            and not item.candidate.headline
            and item.score >= 0.8 * best.score
            and self._supported(question, item)
        ]
        named = self._naming(question, asking, scored) if _names_one(kind, asking) else None
        if named is not None and named not in chosen[: self.max_quotes]:
            chosen.insert(1, named)
        return chosen

    def _with_referents(self, question: Question, asking: str, scored: list[_Scored]) -> list[_Scored]:
        """``scored``, each sentence that refers to what is asked without naming it ("She will
        also …", "The Marvel actor revealed …", "… yet another special guest.") widened to the
        neighbouring sentence that names it (``referents``): one that holds a name neither the
        question nor the sentence has. A quotation is widened to its attribution instead, when a
        speaker's words or who said them are asked."""
        if question.speaker or _asks_who_said(question):
            return scored
        sides = [referent_side(self._text(item), asking) for item in scored]
        if not any(sides):
            return scored
        common = lower_words({s.candidate.article.id: s.candidate.article.text for s in scored}.values())
        known = known_terms(asking)
        named: dict[str, set[str]] = {}  # by article: its names (not only where a sentence opens)

        def widened(item: _Scored, side: int) -> _Scored:
            cand = item.candidate
            _, sentences = _layout(cand.article)
            at = cand.sentence + side
            if not side or cand.headline or not 0 <= at < len(sentences):
                return item
            start, end = sentences[at]
            doc = cand.article
            found = names_in(doc.text[start:end], known, common)
            if any(found.values()) and doc.id not in named:
                # (a word capitalised only where it opens a sentence, "Make that two rings.", is a
                # name only if the article capitalises it elsewhere too)
                named[doc.id] = {k for k, opening in names_in(doc.text, known, common).items() if not opening}
            new = {k for k, opening in found.items() if not opening or k in named[doc.id]}
            if not new or new <= set(names_in(self._text(item), known, common)):
                return item
            joined = _Candidate(
                doc, min(start, cand.start), max(end, cand.end), cand.sentence, cand.passage_rank
            )
            return _Scored(joined, item.meaning, item.words, item.score)

        return [widened(item, side) for item, side in zip(scored, sides, strict=True)]

    def _each(
        self,
        question: Question,
        parts: tuple[str, str],
        passages: Sequence[Passage],
        article: Callable[[str], Article],
    ) -> Answer:
        """Two questions in one ("Who met in Beijing and what did they sign?"): each answered
        from the passages found for both, under its own heading; refused, for the first part's
        reason, when neither part is answered."""
        replies = [
            (part, self.answer(replace(parse_question(part), time=question.time), passages, article))
            for part in parts
        ]
        if all(reply.refused for _, reply in replies):
            return self.refusal(question, replies[0][1].text)
        lines: list[str] = []
        citations: list[Citation] = []
        for part, reply in replies:
            lines.append(part)
            if reply.refused:
                lines.append(reply.text)
                continue
            offset = len(citations)
            lines.extend(_renumbered(reply.text, offset))
            citations.extend([replace(c, n=offset + c.n) for c in reply.citations])
        return self._quoted(question, lines, citations)

    def _search(
        self, question: Question, passages: Sequence[Passage], article: Callable[[str], Article]
    ) -> Answer:
        """A search ("muraviev power balance"): what the person it opens with is quoted saying
        on the rest, when an article found quotes them so; else the search as a plain question."""
        plain = replace(question, speaker=None, topic=None, guessed=False, search=False)
        asked = replace(question, search=False) if question.speaker else None
        if asked is None:
            quoted = (q.speaker for p in passages for q in article(p.article_id).quotes)
            if lead := leading_speaker(question.text, quoted):
                topic = _SPEECH_WORDS.sub(" ", lead[1]).strip() or None  # "… power balance quote"
                asked = replace(plain, speaker=lead[0], topic=topic, guessed=True)
        if asked is not None:
            reply = self.answer(asked, passages, article)
            if not reply.refused:
                return reply
        return self.answer(plain, passages, article)

    def _of_kind(
        self, question: Question, asking: str, scored: list[_Scored]
    ) -> tuple[str | None, list[_Scored]]:
        """The kind of answer asked, and the sentences that hold one ("how many": a figure); a
        "why" sentence with its cause in the sentence before, widened to hold both."""
        kind = kind_asked(question)
        if kind == "reason":
            scored = [self._with_cause(item, asking) for item in scored]
        elif _names_one(kind, asking) or asked_noun(asking):
            scored = self._with_referents(question, asking, scored)
        if kind is None:
            return kind, scored
        # (a quoted sentence names its speaker for "who said …?")
        who_said = kind == "name" and _asks_who_said(question)
        kept = [
            s
            for s in scored
            if (who_said and _speaker_of(s.candidate))
            or holds(kind, self._text(s), asking, s.candidate.article.text)
        ]
        if kind == "role" and not kept:
            return None, scored  # nothing describes the name: the sentences that name it, as for any question
        return kind, kept

    def stream(
        self, question: Question, passages: Sequence[Passage], article: Callable[[str], Article]
    ) -> Iterator[str | Answer]:
        """The answer text in pieces (it is ready at once), then the ``Answer``."""
        answer = self.answer(question, passages, article)
        yield from re.findall(r"\S+\s*", answer.text)
        yield answer
