"""Which reports a digest counts as about its topic (``stories.digest.about``): a name of several
words ("the Cold War") is named only whole."""

from __future__ import annotations

import numpy as np

from assistant.stories.digest import _whole_names, about
from assistant.stories.pool import Report, Sentence
from index.models import Article
from index.text import content_terms

TOPIC = "the end of the Cold War"


def _report(text: str, meaning: float = 0.1) -> Report:
    article = Article(id="a", title="t", text=text)
    terms = frozenset(content_terms(text))
    shared = len(set(content_terms(TOPIC)) & terms)
    return Report(Sentence(article, 0, len(text), np.zeros(4, np.float32), terms, 0.5, meaning, shared))


def test_a_name_of_several_words_counts_only_whole() -> None:
    whole = _whole_names(TOPIC)
    assert whole == [frozenset(content_terms("Cold War"))]
    assert not about(_report("The protracted war in Ukraine goes on."), 1, 0.45, whole)
    assert about(_report("It is the biggest threat since the end of the Cold War."), 1, 0.45, whole)
    assert about(_report("The Cold War shaped the map."), 1, 0.45, whole)
    # another word of the topic, or nearness in meaning, still counts
    assert about(_report("The talks came to an end."), 1, 0.45, whole)
    assert about(_report("The war in Ukraine goes on.", meaning=0.6), 1, 0.45, whole)
    # without the rule, a word of the name is a word of the topic
    assert about(_report("The protracted war in Ukraine goes on."), 1, 0.45)
