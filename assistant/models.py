"""Answer values returned by the public API: ``Answer`` and its ``Citation``s.

``Citation.quote`` is always ``article_text[start:end]`` of the cited article (checked by
``assistant.citations``), so a reader can jump to the exact sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

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
            "source": self.source,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Citation:
        """The citation ``to_json`` wrote (a saved conversation's, for example)."""
        published = data.get("published")
        return cls(
            n=int(data["n"]),
            article_id=str(data["article_id"]),
            title=str(data.get("title") or ""),
            url=data.get("url"),
            published=date.fromisoformat(published) if published else None,
            source=str(data.get("source") or ""),
            quote=str(data["quote"]),
            start=int(data["start"]),
            end=int(data["end"]),
            score=float(data.get("score") or 0.0),
        )


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

    @classmethod
    def from_json(cls, data: dict[str, Any], question: str = "", backend: str = "") -> Answer:
        """The answer ``to_json`` wrote, back as an ``Answer``."""
        flagged = list(data.get("unsupported") or [])
        return cls(
            text=str(data["answer"]),
            citations=tuple(Citation.from_json(c) for c in data.get("citations") or []),
            refused=bool(data.get("refused")),
            question=question,
            backend=backend,
            checks={str(k): int(v) for k, v in (data.get("checks") or {}).items()},
            unsupported=tuple(str(f["sentence"]) for f in flagged),
            reasons=tuple(str(f.get("reason") or "") for f in flagged),
        )
