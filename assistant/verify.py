"""Checking a model's answer against the passages it was given, sentence by sentence.

- Every ``[n]`` marker is mapped to retrieved passage n; a marker that points nowhere is removed.
- Text the answer puts in quotation marks must appear verbatim (up to spacing and quote style)
  in a retrieved passage; the citation then points at exactly that text.
- A cited sentence is checked against the sentences of its passage; the best supporting one
  becomes the citation's exact quote. An uncited sentence is attached to the best retrieved
  sentence when the support is strong, otherwise it is flagged as unsupported.
The result reports what was checked, so nobody has to take a citation on trust.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from index.embedding import Embedder
from index.models import Article, Passage
from index.sentences import sentence_spans

from .citations import make_citation
from .evidence import cosine, coverage, support
from .models import Citation
from .questions import content_terms

__all__ = ["Verified", "verify_answer"]

_MARKERS = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_TRAILING = re.compile(r"([.!?][\"”’']?)\s*((?:\[\d+(?:\s*[,;]\s*\d+)*\]\s*)+)")
_MIN_CLAIM_WORDS = 4
_QUOTED = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")


@dataclass
class Verified:
    text: str
    citations: list[Citation]
    unsupported: list[str]
    checks: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Sentence:
    article: Article
    start: int
    end: int
    passage: int  # 1-based passage number


def _quote_pattern(quote: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in quote.split()]
    body = r"\s+".join(words)
    body = body.replace("'", "['’]").replace("’", "['’]").replace('\\"', '["“”]')
    return re.compile(body)


class _Checker:
    def __init__(self, passages: Sequence[Passage], article: Callable[[str], Article], embedder: Embedder):
        self.passages = passages
        self.embedder = embedder
        self.articles = {p.article_id: article(p.article_id) for p in passages}
        self.sentences: list[_Sentence] = []
        for n, p in enumerate(passages, start=1):
            doc = self.articles[p.article_id]
            for s, e in sentence_spans(doc.text[p.start : p.end]):
                self.sentences.append(_Sentence(doc, p.start + s, p.start + e, n))
        texts = [s.article.text[s.start : s.end] for s in self.sentences]
        self.vectors = embedder.embed(texts) if texts else []
        self.terms = [set(content_terms(t)) for t in texts]

    def find_quote(self, quote: str, prefer: Sequence[int]) -> tuple[int, int, int] | None:
        """(passage, start, end) of ``quote`` in the passages, cited ones first."""
        pattern = _quote_pattern(quote)
        order = list(prefer) + [n for n in range(1, len(self.passages) + 1) if n not in prefer]
        for n in order:
            p = self.passages[n - 1]
            found = pattern.search(self.articles[p.article_id].text, p.start, p.end)
            if found:
                return n, found.start(), found.end()
        return None

    def best_support(self, claim: str, within: Sequence[int] | None) -> tuple[_Sentence, float] | None:
        vector = self.embedder.embed([claim])[0]
        terms = set(content_terms(claim))
        best: tuple[_Sentence, float] | None = None
        for sentence, vec, sterms in zip(self.sentences, self.vectors, self.terms, strict=True):
            if within is not None and sentence.passage not in within:
                continue
            score = support(cosine(vector, vec), coverage(terms, sterms))
            if best is None or score > best[1]:
                best = (sentence, score)
        return best


_FENCE_ECHO = re.compile(r"</?\s*passage\b[^>]*>", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    text = _FENCE_ECHO.sub(" ", text)  # small models echo the prompt's passage markers
    text = _TRAILING.sub(lambda m: f" {m.group(2).strip()}{m.group(1)}", text.strip())
    return [text[s:e] for s, e in sentence_spans(text)]


def verify_answer(
    raw: str,
    passages: Sequence[Passage],
    article: Callable[[str], Article],
    embedder: Embedder,
    cited_floor: float = 0.45,
    attach_floor: float = 0.6,
) -> Verified:
    """Map, check and re-cite ``raw`` (a model's answer) against ``passages``."""
    checker = _Checker(passages, article, embedder)
    citations: dict[tuple[str, int, int], Citation] = {}
    checks = dict.fromkeys(
        (
            "sentences",
            "verified",
            "attached",
            "unsupported",
            "removed_markers",
            "quotes_verified",
            "quotes_unverified",
        ),
        0,
    )
    unsupported: list[str] = []
    out: list[str] = []

    def cite(doc: Article, start: int, end: int, score: float) -> int:
        key = (doc.id, start, end)
        if key not in citations:
            citations[key] = make_citation(len(citations) + 1, doc, start, end, score)
        return citations[key].n

    for sentence in _sentences(raw):
        numbers = [int(n) for group in _MARKERS.findall(sentence) for n in re.split(r"[,;]", group)]
        claim = _MARKERS.sub("", sentence).strip()
        if not claim:
            continue
        checks["sentences"] += 1
        valid = [n for n in dict.fromkeys(numbers) if 1 <= n <= len(passages)]
        checks["removed_markers"] += len(numbers) - len([n for n in numbers if 1 <= n <= len(passages)])
        marks: list[int] = []
        quotes_ok = True
        for quote in _QUOTED.findall(claim):
            found = checker.find_quote(quote, valid)
            if found:
                checks["quotes_verified"] += 1
                n, start, end = found
                marks.append(cite(checker.articles[passages[n - 1].article_id], start, end, 1.0))
            else:
                checks["quotes_unverified"] += 1
                quotes_ok = False
        # A fragment ("PWNED", "Yes.") is not a checkable claim, whatever words it shares.
        checkable = len(claim.split()) >= _MIN_CLAIM_WORDS
        support = checker.best_support(claim, valid or None) if checkable else None
        floor = cited_floor if valid else attach_floor
        if support and support[1] >= floor and quotes_ok:
            sent, score = support
            if not marks:
                marks.append(cite(sent.article, sent.start, sent.end, score))
            checks["verified" if valid else "attached"] += 1
        elif marks and quotes_ok:
            checks["verified"] += 1
        else:
            checks["unsupported"] += 1
            unsupported.append(claim)
            marks = []
        suffix = "".join(f"[{n}]" for n in dict.fromkeys(marks))
        out.append(_attach(claim, suffix))
    return Verified(" ".join(out), sorted(citations.values(), key=lambda c: c.n), unsupported, checks)


def _attach(claim: str, markers: str) -> str:
    """Markers go before the closing full stop ("… balance [1].") or after a closing quote."""
    if not markers:
        return claim
    if claim.endswith(("”", '"', "’")):
        return f"{claim} {markers}"  # never inside someone's quoted words
    match = re.search(r"[.!?]$", claim)
    if match:
        return f"{claim[: match.start()]} {markers}{claim[match.start() :]}"
    return f"{claim} {markers}"
