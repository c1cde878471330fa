"""Who said it: which sentences of an article are attributed to a given person.

News attributes quotes and paraphrases paragraph by paragraph: "..., Muraviev said." owns
its whole paragraph; a following paragraph with "he said" (or a bare quotation) continues
the same speaker until another person is attributed. This module follows that convention
to find the sentences a speaker is responsible for, with exact offsets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.sentences import Span

__all__ = ["attributed_sentences"]

_VERBS = (
    r"said|says|say|told|tells|added|adds|noted|notes|argued|argues|warned|warns|wrote|writes|"
    r"explained|explains|stated|states|continued|insisted|acknowledged|asserted|remarked|"
    r"believes|thinks|according to|quoted|commented|predicted|suggested|cautioned"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)
_PRONOUN_ATTRIBUTION = re.compile(
    rf"\b(?:he|she|they)\s+(?:{_VERBS})\b|\b(?:said|says|added)\s+(?:he|she)\b", re.IGNORECASE
)
_OPENING_QUOTE = ("“", '"', "‘", "'")


def _names_pattern(names: Sequence[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in names if n)
    return re.compile(rf"\b(?:{alternatives})\b")


def attributed_sentences(
    text: str, paragraphs: Sequence[Span], sentences: Sequence[Span], names: Sequence[str]
) -> list[int]:
    """Indexes into ``sentences`` of the sentences attributed to the person ``names`` names."""
    if not names:
        return []
    mentions = _names_pattern(names)
    owned: list[int] = []
    current_is_speaker = False
    s = 0
    for p_start, p_end in paragraphs:
        block = text[p_start:p_end]
        has_verb = bool(_VERB.search(block))
        if mentions.search(block) and has_verb:
            current_is_speaker = True
        elif _PRONOUN_ATTRIBUTION.search(block) or (block.startswith(_OPENING_QUOTE) and not has_verb):
            pass  # "he said" or a bare quotation continues whoever spoke last
        elif has_verb:
            current_is_speaker = False  # somebody else is attributed here
        else:
            current_is_speaker = current_is_speaker and block.startswith(_OPENING_QUOTE)
        while s < len(sentences) and sentences[s][1] <= p_end:
            if current_is_speaker and sentences[s][0] >= p_start:
                owned.append(s)
            s += 1
    return owned
