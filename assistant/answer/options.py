"""Questions that point at options they do not list: "Which of the following is …?", "Which of
these nations …?".

A quiz question copied without its choices asks to pick among options nobody gave. Answered as
if open, it gets whatever the articles say nearest its topic: on RealTime QA (weeks 1-34),
which asks them without their choices, 35 such questions were answered right once and falsely
(the library holds no answer) 9 times. The question is refused before any search, with what to do instead.
A question that lists its options ("Which of the following is larger: Lyon, Nice or Lille?",
"… Russia or China?", or lettered "A) … B) …") is asked as it is.
"""

from __future__ import annotations

import re

from ..models import Answer
from ..questions import Question
from .kinds import offers_choice

__all__ = ["unlisted_options"]

_POINTS = re.compile(
    r"\b(?:of|from|among|between)\s+the\s+(?:following|options|choices|answers)(?:\s+below)?\b"
    r"|\b(?<=which\s)(?:one\s+)?of\s+these\b"
    r"|\bthe\s+following(?=\s+(?:\w+\s+){0,3}?(?:is|was|are|were|has|have|did|does)\b)",
    re.IGNORECASE,
)
# Options given: after a colon, lettered or numbered ("A) … B) …", "(1) … (2) …"), or as
# "…, X or Y?" at the end.
_LISTED = re.compile(
    r":\s*\S[^?]*(?:,|\bor\b)"
    r"|(?:^|\s)\(?[Aa1][.)]\s+\S.*\s\(?[Bb2][.)]\s+\S",
)

REFUSAL = (
    "The question asks to choose “{phrase}” but lists no options. Add them (“…: A, B or C?”) "
    "or ask it without “{phrase}”."
)


def unlisted_options(question: Question, backend: str) -> Answer | None:
    """A refusal for a question that points at options it does not list; None otherwise."""
    text = question.text
    match = _POINTS.search(text)
    if match is None or _LISTED.search(text) or offers_choice(text.rstrip()):
        return None
    phrase = match.group(0).lower()
    return Answer(text=REFUSAL.format(phrase=phrase), refused=True, question=text, backend=backend)
