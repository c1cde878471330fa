"""Answers written by an LLM from numbered, fenced passages, then verified sentence by sentence.

The model sees each retrieved passage with its number, title, outlet and date, between
``<passage>`` markers that article text cannot forge, and is told that passages are data.
Whatever it writes goes through ``verify_answer`` before anyone sees it: markers are mapped,
quotes checked verbatim, unsupported sentences flagged. A refusal is recognised as one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from index.embedding import Embedder
from index.models import Article, Passage

from ..llm import LLM, Message, build_llm
from ..models import Answer
from ..questions import Question
from ..templates import render
from .extractive import ExtractiveAnswerer
from .verify import verify_answer

if TYPE_CHECKING:
    from ..config import Settings

__all__ = ["REFUSAL", "GenerativeAnswerer", "build_messages", "fence"]

REFUSAL = "The articles provided do not answer this question."
WITHHELD = "The model's answer could not be verified against the articles, so it is not shown."
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


def build_messages(question: str, passages: Sequence[Passage], today: date | None = None) -> list[Message]:
    blocks = []
    for n, p in enumerate(passages, start=1):
        published = p.published.isoformat() if p.published else "unknown"
        head = (
            f'<passage n="{n}" title="{_attr(p.title)}" outlet="{_attr(p.source)}" published="{published}">'
        )
        blocks.append(f"{head}\n{fence(p.text)}\n</passage>")
    return [
        {"role": "system", "content": render("answer_system", refusal=REFUSAL, max_sentences=5)},
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


def is_refusal(text: str) -> bool:
    return not text.strip() or REFUSAL.lower() in text.lower() or bool(_REFUSAL_PATTERNS.search(text[:300]))


class GenerativeAnswerer:
    """Writes answers with an LLM and returns only what survives verification."""

    def __init__(self, llm: LLM, embedder: Embedder) -> None:
        self.llm = llm
        self.embedder = embedder
        self.quotes = ExtractiveAnswerer(embedder)  # when nothing the model wrote can be verified
        self.name = llm.name

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder) -> GenerativeAnswerer:
        return cls(build_llm(settings.llm, settings.cache_dir), embedder)

    def refusal(self, question: Question, reason: str) -> Answer:
        return Answer(text=reason, refused=True, question=question.text, backend=self.name)

    def finish(
        self, question: Question, raw: str, passages: Sequence[Passage], article: Callable[[str], Article]
    ) -> Answer:
        """Turn the model's raw text into a verified ``Answer`` (or a refusal)."""
        checked = verify_answer(raw, passages, article, self.embedder, question=question.text)
        if not checked.citations and is_refusal(raw):
            return self.refusal(question, REFUSAL)
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
            return verified
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
        messages = build_messages(question.text, passages)
        if tokens:
            pieces = []
            for piece in self.llm.stream(messages):
                pieces.append(piece)
                yield piece
            raw = "".join(pieces)
        else:
            raw = self.llm.complete(messages)
        yield self.finish(question, raw, passages, article)
