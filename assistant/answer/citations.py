"""Citations that can be trusted: built from and checked against the stored article text.

Every citation's ``quote`` must equal ``article_text[start:end]``. ``make_citation`` builds
one from offsets; ``verify_citation`` re-checks one against the article (used on every
answer before it leaves the assistant, whoever wrote it).

A headline is no part of the text offsets point into, yet it is where news states what
happened ("Kirsty Coventry elected IOC's first female president"). ``headline`` gives an
article's own headline, and ``carrier`` the sentence of its text that tells what the
headline does: a headline is quoted through that sentence's citation, whose ``title`` it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from index.models import Article
from index.sentences import Span
from index.text import WORD, content_terms, stopwords

from ..models import Citation

__all__ = ["carrier", "headline", "make_citation", "read_as_text", "verify_citation"]


def make_citation(n: int, article: Article, start: int, end: int, score: float) -> Citation:
    if not 0 <= start < end <= len(article.text):
        raise ValueError(f"offsets {start}:{end} are outside article {article.id!r}")
    return Citation(
        n=n,
        article_id=article.id,
        title=article.title,
        url=article.url,
        published=article.published,
        source=article.source,
        quote=article.text[start:end],
        start=start,
        end=end,
        score=score,
    )


def verify_citation(citation: Citation, article: Article) -> bool:
    """True when the citation quotes ``article`` exactly at its offsets."""
    return (
        citation.article_id == article.id
        and article.text[citation.start : citation.end] == citation.quote
        and bool(citation.quote.strip())
    )


# What a site adds to a headline: its name after a bar ("… | CNN Business", "… | Opinion") or
# after a dash when the outlet's address has it ("… - BBC News" from bbc.co.uk), and the dots of
# a headline cut short in a listing ("… China is hit with ...").
_SITE = re.compile(r"\s+\|\s+[^|]{1,40}$")
_DASHED = re.compile(r"\s+[-–—]\s+(?P<site>(?:[\w.&’']+\s*){1,5})$")
_CUT = re.compile(r"\s*(?:\.\.\.|…)$")


def _without_site(title: str, source: str) -> str:
    title = _SITE.sub("", title)
    dashed = _DASHED.search(title)
    if dashed is None:
        return title
    site = [w for w in dashed.group("site").lower().split() if len(w) >= 3 and w not in stopwords()]
    return title[: dashed.start()] if any(w in source.lower() for w in site) else title


def headline(article: Article) -> str | None:
    """The article's headline without a site's name, or None when it has none of its own (a
    title made of the text's first words, as a file without one gets) or asks a question."""
    title = _without_site(" ".join(article.title.split()), article.source)
    if _CUT.search(title):
        title = _CUT.sub(" …", title)
    words = title.replace("…", "").split()
    if len(words) < 4 or "?" in title:  # "Is Starbucks cutting its menu? Coffee chain …"
        return None
    if " ".join(article.text.split()[: len(words)]) == " ".join(words):
        return None  # the text's own opening, not a headline
    return title


@lru_cache(maxsize=1024)
def carrier(title: str, text: str, sentences: Sequence[Span]) -> int | None:
    """The index of the sentence of ``text`` that tells what the headline ``title`` does: the
    one sharing most of its words, a word counting less the more sentences have it ("a strong
    driving force" tells more than "China"). None when no sentence shares a third of them."""
    wanted = set(content_terms(title))
    if len(wanted) < 2:
        return None
    held = [wanted & set(content_terms(text[s:e])) for s, e in sentences]
    spread = Counter(t for terms in held for t in terms)
    best, weight = None, 0.0
    for i, terms in enumerate(held):
        score = sum(1 / spread[t] for t in terms)
        if score > weight and 3 * len(terms) >= len(wanted) and len(terms) >= 2:
            best, weight = i, score
    return best


@lru_cache(maxsize=1024)
def read_as_text(title: str, text: str) -> str:
    """A headline as the text would write it: a capitalised word the text never writes so is
    no name ("… 2025 inductees: See who made the list", "Trump Signs Order") and is read in
    lower case, so that only the text's names count as the headline's."""

    def cased(match: re.Match[str]) -> str:
        word = match.group(0)
        if word[0].islower() or re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text):
            return word
        return word.lower()

    return WORD.sub(cased, title)
