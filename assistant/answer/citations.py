"""Citations that can be trusted: built from and checked against the stored article text.

Every citation's ``quote`` must equal ``article_text[start:end]``. ``make_citation`` builds
one from offsets; ``verify_citation`` re-checks one against the article (used on every
answer before it leaves the assistant, whoever wrote it).
"""

from __future__ import annotations

from index.models import Article

from ..models import Citation

__all__ = ["make_citation", "verify_citation"]


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
