"""Answers written by an LLM from numbered, fenced passages, then verified sentence by sentence.

The model sees each retrieved passage with its number, title, outlet and date, between
``<passage>`` markers that article text cannot forge, and is told that passages are data.
Where the backend can constrain its output (``llm.structured``, on by default), every passage
sentence carries an id and the reply is JSON naming, for each answer sentence, the sentences
it rests on (``structured``); a backend that cannot is asked in free text with ``[n]`` markers
from then on. Whatever the model writes goes through ``verify`` before anyone sees it: ids
and markers mapped, quotes checked verbatim, facts compared, unsupported sentences flagged.
A refusal is recognised as one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from index.embedding import Embedder
from index.models import Article, Passage
from index.text import content_terms

from ..llm import LLM, Message, Schema, StructuredUnsupported, build_llm
from ..models import Answer
from ..questions import Question
from ..templates import render
from . import structured, timely
from .extractive import ExtractiveAnswerer, about_question, evidence_problem, quotable
from .verify import Checker, Verified, verify_answer, verify_items

if TYPE_CHECKING:
    from ..config import Settings

__all__ = ["REFUSAL", "GenerativeAnswerer", "build_messages", "build_structured_messages", "fence"]

REFUSAL = "The articles provided do not answer this question."
# A short answer of at most this many words must be in a passage word for word; a longer one
# is a sentence of the model's and goes through the checker like any written sentence.
SHORT_ANSWER_WORDS = 5
WITHHELD = "The model's answer could not be verified against the articles, so it is not shown."
OFF_QUESTION = "The sentences the model's answer cites are not about what the question asks."
_REFUSAL_PATTERNS = re.compile(
    r"do(?:es)? not (?:answer|contain|provide|mention|include|say)|"
    r"(?:cannot|can't|unable to) (?:answer|find|determine)|no (?:information|mention)|"
    r"not (?:enough|sufficient) information|not (?:mentioned|stated) in the",
    re.IGNORECASE,
)


def fence(text: str) -> str:
    """Article text with anything that could close or open a passage marker defused."""
    return re.sub(r"<(/?)\s*passage", r"‹\1passage", text, flags=re.IGNORECASE)


def _attr(value: str) -> str:
    return fence(value).replace('"', "'").replace("\n", " ")


def _head(n: int, p: Passage) -> str:
    published = p.published.isoformat() if p.published else "unknown"
    return f'<passage n="{n}" title="{_attr(p.title)}" outlet="{_attr(p.source)}" published="{published}">'


def build_messages(
    question: str,
    passages: Sequence[Passage],
    today: date | None = None,
    system_prompt: str = "answer_system",
    max_sentences: int = 5,
) -> list[Message]:
    """The free-text prompt: whole passages, answers cite them with ``[n]``."""
    blocks = [f"{_head(n, p)}\n{fence(p.text)}\n</passage>" for n, p in enumerate(passages, start=1)]
    system = render(system_prompt, refusal=REFUSAL, max_sentences=max_sentences)
    return _messages(system, question, blocks, today)


def build_structured_messages(
    question: str, passages: Sequence[Passage], checker: Checker, today: date | None = None
) -> list[Message]:
    """The structured prompt: each passage sentence on its own line after its id."""
    lines: dict[int, list[str]] = {}
    for s in checker.sentences:
        text = " ".join(s.text.split())
        lines.setdefault(s.passage, []).append(f"{structured.sentence_id(s.index)}: {fence(text)}")
    blocks = [
        f"{_head(n, p)}\n" + "\n".join(lines.get(n, [])) + "\n</passage>"
        for n, p in enumerate(passages, start=1)
    ]
    system = render("answer_structured_system", max_sentences=structured.MAX_ITEMS)
    return _messages(system, question, blocks, today)


def _messages(system: str, question: str, blocks: list[str], today: date | None) -> list[Message]:
    return [
        {"role": "system", "content": system},
        {
            "role": "user",
            "content": render(
                "answer_user",
                today=(today or date.today()).isoformat(),
                passages="\n\n".join(blocks),
                question=question,
            ),
        },
    ]


def within(passages: Sequence[Passage], tokens: int) -> Sequence[Passage]:
    """The best passages, whole, that fit ``tokens`` (about 4 characters each); at least one."""
    budget = tokens * 4
    for n, p in enumerate(passages):
        budget -= len(p.text)
        if budget < 0:
            return passages[: max(n, 1)]
    return passages


def _echoes(question: Question, answer: str) -> bool:
    """Whether a short answer is only the question's own words ("Jimmy Carter" for "which of
    Carter's predecessors"): it answers nothing. A question offering a choice ("X or Y") may
    be answered with one of its words."""
    if len(answer.split()) > SHORT_ANSWER_WORDS or re.search(r"\bor\b", question.text):
        return False
    terms = set(content_terms(answer))
    return bool(terms) and terms <= set(content_terms(question.text))


_VERDICT = re.compile(r"\s*(?:yes|no)\W*", re.IGNORECASE)
_LISTED = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")


def _listed(answer: str) -> list[str]:
    """The items of a list answer ("The Gulf of Mexico and Denali"); [] for one thing."""
    parts = [part for part in _LISTED.split(answer) if part.strip()]
    return parts if 1 < len(parts) <= structured.MAX_ITEMS else []


def _ranking(
    question: Question, reply: structured.Reply, checker: Checker
) -> Callable[[int], tuple[object, ...]]:
    """How to order the sentences that hold a short answer: a quotable one first, then one
    from an article of the time the question names ("this week": not a report from years ago
    that names the same rocket), then one the model cites, then the one sharing most words
    with the question (the better passage on a tie)."""
    texts = [s.text for s in checker.sentences]
    cited = list(dict.fromkeys(i for item in reply.items for i in item.sources))
    terms = set(content_terms(question.subject or question.text))

    def rank(i: int) -> tuple[object, ...]:
        published = checker.passages[checker.sentences[i].passage - 1].published
        order = len(cited) - cited.index(i) if i in cited else 0
        shared = len(terms & set(content_terms(texts[i])))
        return quotable(texts[i]), timely(question, published, texts[i]), order, shared, -i

    return rank


def _answer_first(
    question: Question, reply: structured.Reply, checker: Checker
) -> tuple[structured.Item, ...] | str | None:
    """The reply's items led by a quote of the sentence holding its short answer (the best by
    ``_ranking``); a list answer that no sentence holds whole ("The Gulf of Mexico and
    Denali"), by a sentence for each item. None when no shown sentence holds the answer: it is
    not from the articles; why not, when only a heading or byline holds it ("David Jackson,
    USA TODAY"), it repeats the question, or it is a sentence id ("S34") instead of words."""
    answer = reply.answer or ""
    if structured.is_id(answer):
        return f"The model gave a sentence id ({answer}), not an answer."
    if _echoes(question, answer):
        return f"The model's answer ({answer}) only repeats the question."
    texts = [s.text for s in checker.sentences]
    rank = _ranking(question, reply, checker)
    holding = structured.locate(answer, texts)
    lead = [max(holding, key=rank)] if holding else []
    if not any(quotable(texts[i]) for i in holding) and (parts := _listed(answer)):
        each = [[i for i in structured.locate(part, texts) if quotable(texts[i])] for part in parts]
        if all(each):
            lead = list(dict.fromkeys(max(held, key=rank) for held in each))
    if not lead:
        return None
    if not quotable(texts[lead[0]]):
        return f"The model's answer ({answer}) is only in a heading or byline, not in a sentence."
    first = tuple(structured.Item((i,)) for i in lead)
    rest = [item for item in reply.items if item not in first]
    return (*first, *rest)[: structured.MAX_ITEMS]


def is_refusal(text: str) -> bool:
    return not text.strip() or REFUSAL.lower() in text.lower() or bool(_REFUSAL_PATTERNS.search(text[:300]))


class GenerativeAnswerer:
    """Writes answers with an LLM and returns only what survives verification."""

    def __init__(
        self, llm: LLM, embedder: Embedder, structured: bool = True, passage_tokens: int = 1280
    ) -> None:
        self.llm = llm
        self.passage_tokens = passage_tokens
        self.embedder = embedder
        self.structured = structured  # turned off for good when the backend refuses a schema
        self.quotes = ExtractiveAnswerer(embedder)  # when nothing the model wrote can be verified
        self.name = llm.name

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder) -> GenerativeAnswerer:
        llm = build_llm(settings.llm, settings.cache_dir)
        return cls(llm, embedder, settings.llm.structured, settings.llm.passage_tokens)

    def refusal(self, question: Question, reason: str) -> Answer:
        return Answer(text=reason, refused=True, question=question.text, backend=self.name)

    def finish(
        self, question: Question, raw: str, passages: Sequence[Passage], article: Callable[[str], Article]
    ) -> Answer:
        """Turn the model's free text into a verified ``Answer`` (or a refusal)."""
        checked = verify_answer(raw, passages, article, self.embedder, question=question.text)
        if not checked.citations and is_refusal(raw):
            return self.refusal(question, REFUSAL)
        return self._conclude(question, checked, passages, article)

    def finish_structured(
        self,
        question: Question,
        raw: str,
        checker: Checker,
        article: Callable[[str], Article],
    ) -> Answer:
        """Turn the model's JSON into a verified ``Answer``; free text is checked as such."""
        reply = structured.parse(raw, len(checker.sentences))
        if reply is None:  # the server ignored the schema
            return self.finish(question, raw, checker.passages, article)
        if not reply.answerable or not (reply.items or reply.answer):
            return self.refusal(question, REFUSAL)
        if question.polar and _VERDICT.fullmatch(reply.answer or ""):
            # A bare yes or no is not a claim the articles can be searched for: the sentences
            # the model names answer instead, checked like any others, and the reader judges.
            reply = replace(reply, answer="")
        items = reply.items
        if reply.answer:
            placed = _answer_first(question, reply, checker)
            if isinstance(placed, str):
                return replace(self.refusal(question, placed), unsupported=(reply.answer,), reasons=(placed,))
            if placed is not None:
                items = placed
            elif len(reply.answer.split()) > SHORT_ANSWER_WORDS:
                # A sentence of the model's own, not a span: checked like a written one.
                named = tuple(dict.fromkeys(i for item in reply.items for i in item.sources))
                items = (structured.Item(named, reply.answer), *reply.items)[: structured.MAX_ITEMS]
            else:  # a name or figure that no passage holds: not from the articles
                problem = f"The model's answer ({reply.answer}) is in none of the passages."
                return replace(
                    self.refusal(question, problem), unsupported=(reply.answer,), reasons=(problem,)
                )
        checked = verify_items(items, checker)
        checked.checks["structured"] = 1
        return self._conclude(question, checked, checker.passages, article)

    def _conclude(
        self,
        question: Question,
        checked: Verified,
        passages: Sequence[Passage],
        article: Callable[[str], Article],
    ) -> Answer:
        verified = Answer(
            text=checked.text,
            citations=tuple(checked.citations),
            question=question.text,
            backend=self.name,
            checks=checked.checks,
            unsupported=tuple(checked.unsupported),
            reasons=tuple(checked.problems),
        )
        if checked.citations:
            # The sentences it cites must be able to answer what was asked, as a quote must.
            articles = {c.article_id: article(c.article_id) for c in checked.citations}
            cited = [c.quote for c in checked.citations]
            problem = evidence_problem(question, cited, list(articles.values()))
            # Who said what is checked against the speaker; anything else, against the question.
            if problem is None and (not question.speaker or question.guessed):
                titles = [a.title for a in articles.values()]
                problem = None if about_question(question, cited, self.embedder, titles) else OFF_QUESTION
            if problem is None:
                return verified
            return verified.withheld(problem)
        quotes = self.quotes.answer(question, passages, article)
        if quotes.refused:
            text = f"{WITHHELD} The articles hold no sentence that answers it either."
            return replace(verified, text=text, refused=True)
        # The articles' own sentences, each verifiable, instead of nothing.
        return replace(
            verified,
            text=f"{WITHHELD} The articles' own sentences:\n{quotes.text}",
            citations=quotes.citations,
            backend=f"{self.name}, then quotes",
        )

    def answer(
        self, question: Question, passages: Sequence[Passage], article: Callable[[str], Article]
    ) -> Answer:
        return next(
            e for e in self.stream(question, passages, article, tokens=False) if isinstance(e, Answer)
        )

    def stream(
        self,
        question: Question,
        passages: Sequence[Passage],
        article: Callable[[str], Article],
        tokens: bool = True,
    ) -> Iterator[str | Answer]:
        if not passages:
            yield self.refusal(question, "The library has no passages that match this question.")
            return
        passages = within(passages, self.passage_tokens)
        if self.structured:
            checker = Checker(passages, article, self.embedder, question.text)
            messages = build_structured_messages(question.text, passages, checker)
            schema = structured.schema(len(checker.sentences))
            preview = structured.Preview([s.text.strip() for s in checker.sentences])
            try:
                raw = yield from self._write(messages, tokens, schema, preview)
            except StructuredUnsupported:
                self.structured = False  # this backend writes free text: ask it that way
            else:
                yield self.finish_structured(question, raw, checker, article)
                return
        raw = yield from self._write(build_messages(question.text, passages), tokens)
        yield self.finish(question, raw, passages, article)

    def _write(
        self,
        messages: list[Message],
        tokens: bool,
        schema: Schema | None = None,
        preview: structured.Preview | None = None,
    ) -> Generator[str, None, str]:
        """Yield what the model writes as it comes (readable text); return the raw reply."""
        if not tokens:
            return self.llm.complete(messages, schema)
        pieces = []
        for piece in self.llm.stream(messages, schema):
            pieces.append(piece)
            shown = preview.feed(piece) if preview else piece
            if shown:
                yield shown
        return "".join(pieces)
