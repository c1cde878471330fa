"""Questions that ask for a story, not a fact, and a story told as a chat answer.

"What happened with the Gaza ceasefire this week?", "How did the tariff story unfold?",
"Catch me up on the strike", "What's new on X since Monday?": ``story_topic`` finds the
topic (time phrase and question words left out) so ``ask`` and chat answer with a digest.
"What happened to X?" asks what became of a thing (a fact: "to trade": it nearly doubled)
unless it names a span ("to the strike this week"); "who", "when", "how many" never route,
nor does a question credited to a source ("..., according to Tass?").
"""

from __future__ import annotations

import re

from ..models import Answer
from .models import Story

__all__ = ["as_answer", "story_topic"]

_WHEN = (
    r"\s+(?:this|last|past|the\s+past|over\s+the\s+(?:past|last))\s+(?:few\s+)?"
    r"(?:\d+\s+)?(?:week|weekend|month|year|days?)s?|\s+(?:today|yesterday|recently|lately|so\s+far)"
    r"|\s+since\s+[\w ,]+?|\s+in\s+(?:the\s+)?(?:past|last)\s+[\w ]+?"
)
_TIME = rf"(?:{_WHEN})?"  # an optional time phrase after the topic
_SPAN = rf"(?:{_WHEN})"  # a required one
_PATTERNS = [
    re.compile(
        rf"^\s*(?:so\s+|and\s+)?what(?:'s|’s|\s+has|\s+have)?\s+(?:happened|been\s+happening|is\s+happening|"
        rf"happening|going\s+on)\s+(?:with|in|at|on|around|regarding|about)\s+(?P<topic>.+?){_TIME}[\s?.!]*$",
        re.IGNORECASE,
    ),
    # "What happened to X?" asks what became of a thing ("to trade": it nearly doubled), a fact;
    # over a span of time ("to the strike this week") it asks for the story.
    re.compile(
        rf"^\s*(?:so\s+|and\s+)?what(?:\s+has)?\s+happened\s+to\s+(?P<topic>.+?){_SPAN}[\s?.!]*$",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^\s*what(?:'s|’s|\s+is)\s+(?:new|the\s+latest)\s+(?:with|on|in|about|regarding)\s+(?P<topic>.+?)"
        rf"{_TIME}[\s?.!]*$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^\s*how\s+(?:did|has|have)\s+(?P<topic>.+?)\s+(?:story\s+)?(?:develop|developed|unfold|unfolded|"
        r"evolve|evolved|progress|progressed)(?:\s+(?:this|last|over\s+the\s+past)\s+\w+)?[\s?.!]*$",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^\s*(?:please\s+)?(?:catch\s+me\s+up|bring\s+me\s+up\s+to\s+(?:date|speed)|give\s+me\s+(?:a\s+)?"
        rf"(?:digest|summary|rundown|recap|round-?up)|summari[sz]e(?:\s+the\s+news)?|recap)\s+"
        rf"(?:on|of|about|with|for|regarding)\s+(?P<topic>.+?){_TIME}[\s?.!]*$",
        re.IGNORECASE,
    ),
]
_LEADING = re.compile(r"^(?:the\s+)(?=\w)", re.IGNORECASE)


_CREDITED = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
_ONE_ARTICLE = re.compile(r"(?:the|this|that)\s+(?:news\s+)?(?:article|piece|report|text)\b", re.IGNORECASE)


def story_topic(question: str) -> str | None:
    """The topic of a question that asks what happened over time, or None for other questions
    (one asking what a source says, "according to Tass", is answered as a question)."""
    if _CREDITED.search(question):
        return None
    for pattern in _PATTERNS:
        match = pattern.match(question)
        if match:
            topic = match.group("topic").strip(" ,")
            topic = re.sub(r"\s+(?:story|news|situation)$", "", topic, flags=re.IGNORECASE)
            if _ONE_ARTICLE.match(topic):  # "a summary of the article about X": that article's key sentences
                return None
            return topic or None
    return None


def as_answer(story: Story, question: str, backend: str, head: str | None = None) -> Answer:
    """A digest as a chat answer: its summary when a model wrote one that checks, else its
    sentences, one per line, each cited, with the outlets that also carried it (under ``head``)."""
    if story.summary is not None and story.summary.citations:
        return story.summary
    if not story.items:
        text = story.note or "No article in the library reports on this."
        return Answer(text=text, refused=True, question=question, backend=backend)
    lines = []
    for item in story.items:
        c = item.citation
        also = f" ({item.also_text()})" if item.also else ""
        lines.append(f"- {item.when} · {c.source or c.title}: {c.quote} [{c.n}]{also}")
    head = head or f"What the articles report on {story.topic}, one line per development:"
    return Answer(
        text="\n".join([head, *lines]),
        citations=tuple(i.citation for i in story.items),
        question=question,
        backend=f"{backend} (digest)",
        checks={"digest": len(story.items)},
    )
