"""Chat sessions: follow-up questions are made standalone before retrieval (the condense step).

"And what did he say about Ukraine?" must retrieve Muraviev's passage, so the follow-up is
rewritten first: by a simple rule when the conversation named a speaker ("he" -> that
person, "what about X?" -> "what did <speaker> say about X?"), otherwise by the configured
LLM from the recent turns. The rewritten question is kept in the history with its answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from .llm import LLM
from .models import Answer
from .query import Query
from .questions import parse_question, resolve_it
from .templates import render

__all__ = ["ChatSession", "Turn", "condense", "condense_with_llm"]

# One person's pronouns: "they" after a question about Muraviev are more often the leaders.
_PRONOUN = re.compile(r"\b(he|she|him|her)\b", re.IGNORECASE)
# "What about X?", "And about X?", "About X?", "And on X?"
_WHAT_ABOUT = re.compile(
    r"^\s*(?:and\s+)?(?:(?:what|how)\s+)?about\s+(?P<topic>.+?)[\s?.!]*$|^\s*and\s+on\s+(?P<on>.+?)[\s?.!]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Turn:
    asked: str
    standalone: str
    answer: Answer


def _it(history: Sequence[Turn], question: str) -> str:
    """``question`` with its "it" replaced by the thing the last question asked about
    (``questions.resolve_it``)."""
    return resolve_it(history[-1].standalone, question) if history else question


def condense(history: Sequence[Turn], question: str) -> str:
    """A standalone version of ``question`` by rule, from the last speaker asked about, or the
    thing the last question asked about for its "it"."""
    speaker = next((s for s in (parse_question(t.standalone).speaker for t in reversed(history)) if s), None)
    if not speaker:
        return _it(history, question)
    about = _WHAT_ABOUT.match(question)
    if about:
        return f"What did {speaker} say about {about.group('topic') or about.group('on')}?"
    if parse_question(question).speaker is None and _PRONOUN.search(question):
        return _PRONOUN.sub(speaker, question, count=1)
    return _it(history, question)


def condense_with_llm(llm: LLM, history: Sequence[tuple[str, str]], question: str) -> str:
    """Ask the model to rewrite ``question`` standalone; keep the original if it answers oddly."""
    lines = []
    for asked, answered in list(history)[-3:]:
        lines += [f"User: {asked}", f"Assistant: {answered[:300]}"]
    prompt = render("condense", history="\n".join(lines), question=question)
    reply = llm.complete([{"role": "user", "content": prompt}]).strip()
    first = reply.splitlines()[0].strip().strip("\"'“”") if reply else ""
    if not first or len(first) > 3 * len(question) + 200:
        return question
    return first


@dataclass
class ChatSession:
    """A conversation: ``send`` answers one message, ``stream`` streams it.

    ``answer`` streams the answer to a standalone ``Query`` (``Assistant.stream``); ``llm``,
    when the assistant has one, rewrites follow-ups that no rule resolves; ``save``, when set,
    keeps every answered turn (``Assistant.chat`` saves to the data dir's conversations).
    """

    answer: Callable[[Query], Iterator[str | Answer]]
    llm: LLM | None = None
    history: list[Turn] = field(default_factory=list)
    # Stores each answered turn in the conversation of that id (None: a new one) and says its id.
    save: Callable[[str | None, Turn], str] | None = None
    conversation_id: str | None = None

    def standalone(self, message: str) -> str:
        by_rule = condense(self.history, message)
        if by_rule != message or not self.history or self.llm is None:
            return by_rule
        return condense_with_llm(self.llm, [(t.standalone, t.answer.text) for t in self.history], message)

    def stream(self, message: str | Query) -> Iterator[str | Answer]:
        """Answer ``message`` (a ``Query`` keeps its filters) in the context of this chat."""
        query = Query.of(message)
        standalone = self.standalone(query.text)
        for event in self.answer(replace(query, text=standalone)):
            if isinstance(event, Answer):
                turn = Turn(query.text, standalone, event)
                self.history.append(turn)
                if self.save is not None:
                    self.conversation_id = self.save(self.conversation_id, turn)
            yield event

    def send(self, message: str | Query) -> Answer:
        return next(e for e in self.stream(message) if isinstance(e, Answer))
