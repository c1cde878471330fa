"""Sentence spans and chunks keep exact offsets and fit the embedding window."""

from __future__ import annotations

from pathlib import Path

from index.chunking import approx_tokens, chunk_article
from index.read import iter_inputs
from index.sentences import sentence_spans


def test_sentence_spans_are_exact_and_trimmed() -> None:
    text = "  First one. Dr. Smith said “hello.” Second line?\n\nThird para starts here.  "
    spans = sentence_spans(text)
    pieces = [text[s:e] for s, e in spans]
    assert pieces[0] == "First one."
    assert pieces[-1] == "Third para starts here."
    assert all(p == p.strip() and p for p in pieces)
    assert any("Dr. Smith" in p for p in pieces)  # no split after the abbreviation


def test_chunks_cover_the_seed_article_with_exact_offsets(seed_path: Path) -> None:
    ((_, article),) = list(iter_inputs([seed_path]))
    chunks = chunk_article(article, max_tokens=120)
    assert len(chunks) > 3
    for chunk in chunks:
        assert article.text[chunk.start : chunk.end] == chunk.text
        assert approx_tokens([chunk.text])[0] <= 120 + 10
    covered = {s for s, _ in sentence_spans(article.text) if any(c.start <= s < c.end for c in chunks)}
    assert len(covered) == len(sentence_spans(article.text))
    assert [c.index for c in chunks] == list(range(len(chunks)))
    assert len({c.id for c in chunks}) == len(chunks)


def test_an_overlong_sentence_is_cut_at_words() -> None:
    from index.models import Article

    text = "word " * 600 + "end."
    chunks = chunk_article(Article(id="x", title="t", text=text.strip()), max_tokens=100)
    assert len(chunks) >= 6
    assert all(text.strip()[c.start : c.end] == c.text for c in chunks)
