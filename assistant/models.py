"""Answer values returned by the public API: ``Answer`` and its ``Citation``s.

``Citation.quote`` is always ``article_text[start:end]`` of the cited article (checked by
``assistant.citations``), so a reader can jump to the exact sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

__all__ = ["Answer", "Citation"]


@dataclass(frozen=True)
class Citation:
    """One piece of evidence: the exact quoted text of one article, with offsets."""

    n: int
    article_id: str
    title: str
    url: str | None
    published: date | None
    source: str
    quote: str
    start: int
    end: int
    score: float

    def to_json(self) -> dict[str, object]:
        """The citation object of ``assistant ask --json`` (DESIGN.md), key for key."""
        return {
            "n": self.n,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Answer:
    """An answer with its citations, or a refusal (``refused=True``) with a short message."""

    text: str
    citations: tuple[Citation, ...] = ()
    refused: bool = False
    question: str = ""
    backend: str = "extractive"
    checks: dict[str, int] = field(default_factory=dict)
    unsupported: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # why each unsupported sentence was flagged, in the same order

    def withheld(self, reason: str) -> Answer:
        """This answer refused for ``reason``: its citations dropped, its text kept among the
        unsupported sentences (flagged with ``reason``) so that a reader can see what was withheld."""
        return replace(
            self,
            text=reason,
            citations=(),
            refused=True,
            unsupported=(*self.unsupported, self.text),
            reasons=(*self.reasons, reason),
        )

    def flagged(self) -> list[tuple[str, str]]:
        """(sentence, reason) for every sentence shown without a citation."""
        reasons = [*self.reasons, *[""] * (len(self.unsupported) - len(self.reasons))]
        return list(zip(self.unsupported, reasons, strict=False))

    def to_json(self) -> dict[str, object]:
        """The object ``assistant ask --json`` prints: the answer, its citations, and what the
        checker found (``unsupported``: sentences shown without a citation, each with the reason;
        ``checks``: counts)."""
        return {
            "answer": self.text,
            "refused": self.refused,
            "citations": [c.to_json() for c in self.citations],
            "unsupported": [{"sentence": s, "reason": r} for s, r in self.flagged()],
            "checks": dict(self.checks),
        }
