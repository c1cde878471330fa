"""Checking a model's answer against the passages it was given, sentence by sentence.

- Every ``[n]`` marker is mapped to retrieved passage n; a marker that points nowhere is removed.
  A structured answer names sentences instead (``verify_items``): a quotation by id cites that
  sentence exactly; a written sentence is checked against the sentences it names first.
- Text the answer puts in quotation marks must appear verbatim (up to spacing and quote style)
  in a retrieved passage; the citation then points at exactly that text.
- A cited sentence is checked against the sentences of its passage; the best supporting one
  whose names, numbers, dates and negation agree with it (``facts``) becomes the citation's
  exact quote: "Russia's economic might" never cites a sentence about China's. An uncited
  sentence is attached to the best retrieved sentence when the support is strong, otherwise
  it is flagged as unsupported.
The result reports what was checked, so nobody has to take a citation on trust.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from index.embedding import Embedder
from index.models import Article, Passage
from index.sentences import sentence_spans
from index.text import content_terms

from ..models import Citation
from .citations import make_citation
from .evidence import cosine, coverage, support
from .facts import disagreement, facts
from .structured import Item

__all__ = ["Checker", "Verified", "verify_answer", "verify_items"]

_MARKERS = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_TRAILING = re.compile(r"([.!?][\"”’']?)\s*((?:\[\d+(?:\s*[,;]\s*\d+)*\]\s*)+)")
_MIN_CLAIM_WORDS = 4
_RESCUE = 0.1  # how far below the best-supporting sentence another may be cited instead
_CITED_FLOOR, _ATTACH_FLOOR = 0.45, 0.6  # support a cited claim needs; an uncited one
_QUOTED = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")


@dataclass
class Verified:
    text: str
    citations: list[Citation]
    unsupported: list[str]
    checks: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # why each unsupported sentence was flagged


@dataclass(frozen=True)
class _Sentence:
    article: Article
    start: int
    end: int
    passage: int  # 1-based passage number
    index: int  # 0-based, over all passages: the structured prompt's S<index + 1>

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]


def _quote_pattern(quote: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in quote.split()]
    body = r"\s+".join(words)
    body = body.replace("'", "['’]").replace("’", "['’]").replace('\\"', '["“”]')
    return re.compile(body)


class Checker:
    """The retrieved passages split into sentences, each embedded once, to check claims against."""

    def __init__(
        self,
        passages: Sequence[Passage],
        article: Callable[[str], Article],
        embedder: Embedder,
        question: str = "",
    ):
        self.question = question
        self.passages = passages
        self.embedder = embedder
        self.articles = {p.article_id: article(p.article_id) for p in passages}
        self.sentences: list[_Sentence] = []
        for n, p in enumerate(passages, start=1):
            doc = self.articles[p.article_id]
            for s, e in sentence_spans(doc.text[p.start : p.end]):
                self.sentences.append(_Sentence(doc, p.start + s, p.start + e, n, len(self.sentences)))

    @cached_property
    def vectors(self) -> list[list[float]]:
        texts = [s.text for s in self.sentences]
        return self.embedder.embed(texts) if texts else []

    @cached_property
    def terms(self) -> list[set[str]]:
        return [set(content_terms(s.text)) for s in self.sentences]

    def passages_of(self, allowed: set[int]) -> list[int]:
        """The passage numbers of the sentences ``allowed``, in order."""
        return sorted({self.sentences[i].passage for i in allowed})

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

    def ranked(self, claim: str) -> list[tuple[_Sentence, float]]:
        """Every sentence of the passages, by support for ``claim``."""
        vector = self.embedder.embed([claim])[0]
        terms = set(content_terms(claim))
        scored = [
            (sentence, support(cosine(vector, vec), coverage(terms, sterms)))
            for sentence, vec, sterms in zip(self.sentences, self.vectors, self.terms, strict=True)
        ]
        return sorted(scored, key=lambda pair: pair[1], reverse=True)

    def agrees(self, claim: str, sentence: _Sentence) -> str | None:
        """Why the claim misstates ``sentence`` (names, numbers, dates, negation), or None."""
        doc = sentence.article
        speakers = [q.speaker for q in doc.quotes if q.start < sentence.end and sentence.start < q.end]
        text = doc.text[sentence.start : sentence.end]
        return disagreement(claim, text, speakers, f"{doc.title}\n{doc.text}", self.question)


_FENCE_ECHO = re.compile(r"</?\s*passage\b[^>]*>", re.IGNORECASE)


# "According to the passages, X." and "The article states that X." claim X: the frame is not a fact.
_FRAME = re.compile(
    r"^(?:(?:according\s+to|based\s+on|as\s+(?:stated|mentioned|noted|reported)\s+in|from)\s+"
    r"(?:the\s+)?(?:provided\s+|given\s+)?(?:news\s+)?(?:passages?|articles?|text|sources?|context|"
    r"information(?:\s+provided)?)(?:\s*\[\d+\])?\s*,\s*"
    r"|the\s+(?:news\s+)?(?:passages?|articles?|text|sources?)(?:\s*\[\d+\])?\s+"
    r"(?:says?|states?|mentions?|notes?|indicates?|reports?|explains?)\s+that\s+)",
    re.IGNORECASE,
)


def _unframed(sentence: str) -> str:
    found = _FRAME.match(sentence)
    if not found or found.end() >= len(sentence):
        return sentence
    rest = sentence[found.end() :]
    return rest[0].upper() + rest[1:]


def _sentences(text: str) -> list[str]:
    text = _FENCE_ECHO.sub(" ", text)  # small models echo the prompt's passage markers
    text = _TRAILING.sub(lambda m: f" {m.group(2).strip()}{m.group(1)}", text.strip())
    return [_unframed(text[s:e]) for s, e in sentence_spans(text)]


_CHECKS = (
    "sentences",
    "verified",
    "attached",
    "unsupported",
    "contradicted",
    "recited",
    "removed_markers",
    "quotes_verified",
    "quotes_unverified",
    "quoted_by_id",
    "repeated",
)
_RESTATES = 0.9  # a claim whose content words are this share of a shown sentence's only restates it


class _Verification:
    """The running result: citations made so far (one per exact span), counts, flagged claims."""

    def __init__(
        self, checker: Checker, cited_floor: float, attach_floor: float, check_facts: bool = True
    ) -> None:
        self.checker = checker
        self.check_facts = check_facts
        self.problems: list[str] = []
        self.cited_floor = cited_floor
        self.attach_floor = attach_floor
        self.citations: dict[tuple[str, int, int], Citation] = {}
        self.checks = dict.fromkeys(_CHECKS, 0)
        self.unsupported: list[str] = []
        self.shown: list[set[str]] = []  # the content words of each sentence the answer shows

    def repeats(self, text: str, cites: set[tuple[str, int, int]]) -> bool:
        """Whether ``text``, supported by the spans ``cites``, says nothing the answer does not
        already show: every span it rests on is cited already, and its words are (nearly) those
        of a sentence shown (a small model often quotes a sentence by id, then writes the same
        sentence out again). Only supported sentences count: a flagged one is never dropped."""
        words = set(content_terms(text))
        if cites <= set(self.citations) and any(
            len(words & earlier) >= _RESTATES * len(words) for earlier in self.shown if words
        ):
            self.checks["repeated"] += 1
            return True
        self.shown.append(words)
        return False

    def cite(self, doc: Article, start: int, end: int, score: float) -> int:
        key = (doc.id, start, end)
        if key not in self.citations:
            self.citations[key] = make_citation(len(self.citations) + 1, doc, start, end, score)
        return self.citations[key].n

    def quotes(self, claim: str, allowed: set[int]) -> tuple[list[tuple[Article, int, int]], bool]:
        """Where the claim's quoted words are, verbatim, and whether every quotation was found.

        Nothing is cited yet: a quotation's citation is made only if its sentence is accepted.
        """
        spans: list[tuple[Article, int, int]] = []
        ok = True
        for quote in _QUOTED.findall(claim):
            found = self.checker.find_quote(quote, self.checker.passages_of(allowed))
            if found:
                self.checks["quotes_verified"] += 1
                n, start, end = found
                spans.append((self.checker.articles[self.checker.passages[n - 1].article_id], start, end))
            else:
                self.checks["quotes_unverified"] += 1
                ok = False
        return spans, ok

    def support(self, claim: str, allowed: set[int]) -> tuple[tuple[_Sentence, float] | None, str | None]:
        """The best sentence that supports ``claim`` and agrees with its facts; else why not.

        ``allowed``: the sentences the claim cites (those of its passages, or those it names);
        empty when it cites none. A sentence supports a claim when meaning and shared words
        reach the floor (lower when the claim cites, higher for an uncited claim). Of those, the
        citation goes to the best one whose names, numbers, dates and negation agree with the claim; when none
        agrees, the first disagreement is the reason the claim is flagged. A claim its cited
        passages do not support is checked against the other retrieved passages as if uncited
        (small models often get the passage number wrong): ``checks["recited"]`` counts those.
        """
        # A fragment ("PWNED", "Yes.") is not a checkable claim, whatever words it shares.
        if len(claim.split()) < _MIN_CLAIM_WORDS:
            return None, None
        ranked = self.checker.ranked(claim)  # the claim is embedded once, whichever passages count
        best, problem = self._best(claim, ranked, allowed)
        if best is None and allowed:
            best, other = self._best(claim, ranked, set())
            problem = problem or other
            if best is not None:
                self.checks["recited"] += 1
                problem = None
        return best, problem

    def _best(
        self, claim: str, ranked: list[tuple[_Sentence, float]], allowed: set[int]
    ) -> tuple[tuple[_Sentence, float] | None, str | None]:
        """The best of ``ranked`` (of the cited sentences, if any) that supports and agrees."""
        if allowed:
            ranked = [(sent, score) for sent, score in ranked if sent.index in allowed]
        # Only sentences nearly as close as the best: a claim that misstates its closest
        # sentence is not rescued by a weaker one that happens to share its names.
        floor = max(self.cited_floor, ranked[0][1] - _RESCUE if ranked else 0)
        # An uncited claim that states figures or names, all found in the sentence it matches,
        # may be attached at the cited floor: the agreement of its facts is the evidence.
        stated = facts(claim) if self.check_facts and not allowed else None
        corroborated = stated is not None and (bool(stated.numbers) or len(stated.names) >= 2)
        problem = None
        for sent, score in ranked:
            if score < floor:
                break
            reason = self.checker.agrees(claim, sent) if self.check_facts else None
            if reason is None and (allowed or score >= self.attach_floor or corroborated):
                return (sent, score), None
            problem = problem or reason
        return None, problem

    def sentence(self, sentence: str) -> str | None:
        """The checked sentence with its markers, or None when it holds no claim."""
        count = len(self.checker.passages)
        numbers = [int(n) for group in _MARKERS.findall(sentence) for n in re.split(r"[,;]", group)]
        claim = _MARKERS.sub("", sentence).strip()
        if not claim:
            return None
        valid = {n for n in numbers if 1 <= n <= count}
        self.checks["removed_markers"] += len([n for n in numbers if not 1 <= n <= count])
        return self.claim(claim, {s.index for s in self.checker.sentences if s.passage in valid})

    def item(self, item: Item) -> str | None:
        """A structured answer sentence, checked: a quotation by id is that sentence, cited."""
        if item.text is not None:
            claims = [_MARKERS.sub("", c).strip() for c in _sentences(item.text)]
            checked = [self.claim(c, set(item.sources)) for c in claims if c]
            return " ".join(c for c in checked if c) or None
        sent = self.checker.sentences[item.sources[0]]
        if self.repeats(sent.text, {(sent.article.id, sent.start, sent.end)}):
            return None
        self.checks["sentences"] += 1
        self.checks["verified"] += 1
        self.checks["quoted_by_id"] += 1
        return _attach(sent.text.strip(), f"[{self.cite(sent.article, sent.start, sent.end, 1.0)}]")

    def claim(self, claim: str, allowed: set[int]) -> str:
        """``claim`` with the markers of what supports it, or flagged as unsupported; empty when
        it only repeats a sentence the answer already shows."""
        quoted, quotes_ok = self.quotes(claim, allowed)
        best, problem = self.support(claim, allowed)
        marks: list[int] = []
        if quotes_ok and (best or (quoted and problem is None)):
            spans = {(doc.id, start, end) for doc, start, end in quoted}
            if best and not spans:
                spans = {(best[0].article.id, best[0].start, best[0].end)}
            if self.repeats(claim, spans):
                return ""
            self.checks["sentences"] += 1
            marks = [self.cite(doc, start, end, 1.0) for doc, start, end in quoted]
            if best and not marks:
                sent, score = best
                marks.append(self.cite(sent.article, sent.start, sent.end, score))
            self.checks["verified" if allowed or not best else "attached"] += 1
        else:
            self.checks["sentences"] += 1
            self.checks["unsupported"] += 1
            self.checks["contradicted"] += problem is not None
            self.unsupported.append(claim)
            self.problems.append(problem or "no retrieved sentence supports it")
        return _attach(claim, "".join(f"[{n}]" for n in dict.fromkeys(marks)))

    def result(self, out: list[str]) -> Verified:
        citations = sorted(self.citations.values(), key=lambda c: c.n)
        return Verified(" ".join(out), citations, self.unsupported, self.checks, self.problems)


def verify_answer(
    raw: str,
    passages: Sequence[Passage],
    article: Callable[[str], Article],
    embedder: Embedder,
    cited_floor: float = _CITED_FLOOR,
    attach_floor: float = _ATTACH_FLOOR,
    check_facts: bool = True,
    question: str = "",
) -> Verified:
    """Map, check and re-cite ``raw`` (a model's answer) against ``passages``.

    ``check_facts=False`` checks meaning and shared words only (the checker before names,
    numbers, dates and negation were compared; kept for the benchmark's baseline).
    """
    checker = Checker(passages, article, embedder, question)
    run = _Verification(checker, cited_floor, attach_floor, check_facts)
    return run.result([c for sentence in _sentences(raw) if (c := run.sentence(sentence))])


def verify_items(
    items: Sequence[Item],
    checker: Checker,
    cited_floor: float = _CITED_FLOOR,
    attach_floor: float = _ATTACH_FLOOR,
) -> Verified:
    """Check a structured answer's sentences against the sentences ``checker`` numbered."""
    run = _Verification(checker, cited_floor, attach_floor)
    return run.result([c for item in items if (c := run.item(item)) is not None])


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
