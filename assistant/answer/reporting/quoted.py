"""Who is quoted: the people an article quotes, each with one of their sentences, cited.

"Who is quoted in the article?", "Which experts are cited?", "Who are the sources?" ask about
the reporting itself, not about the story: no sentence of the article says "these people are
quoted", so a sentence search finds nothing to quote. The attributions found at ingest
(``index.quotes``) answer it exactly: each person the retrieved articles quote, most quoted
first, with the first sentence they own as the citation. "In the article" means the best
article found; otherwise the people of the best three are listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from index.models import Article, Passage

from ...models import Answer, Citation
from ..citations import make_citation

__all__ = ["MAX_ARTICLES", "MAX_PEOPLE", "answer_who_is_quoted", "asks_who_is_quoted"]

MAX_ARTICLES = 3  # the articles of the best passages whose people are listed
MAX_PEOPLE = 6

_PEOPLE = r"(?:people|persons|experts|officials|analysts|sources|leaders|speakers|voices|politicians|critics)"
_QUOTED = r"(?:quoted|cited|interviewed|featured)"
_ASKS = re.compile(
    rf"^\s*(?:who|which\s+{_PEOPLE}|what\s+{_PEOPLE}|how\s+many\s+{_PEOPLE})\s+(?:is|are|was|were|gets?|got|"
    rf"has\s+been|have\s+been|had\s+been)\s+(?:(?:the\s+)?most\s+(?:often\s+)?)?{_QUOTED}\b"
    r"|^\s*(?:who|what)\s+(?:are|were)\s+the\s+(?:sources|people\s+quoted|voices)\b"
    rf"|^\s*(?:list|name|show)\s+(?:me\s+)?(?:all\s+)?(?:the\s+)?{_PEOPLE}\s+(?:who\s+(?:are|were)\s+)?{_QUOTED}\b"
    r"|^\s*(?:who|which\s+(?:sources|people))\s+(?:does|did)\s+the\s+(?:article|story|piece|report)\s+"
    r"(?:quote|cite|rely\s+on|use)\b"
    r"|^\s*what\s+sources\s+(?:does|did)\s+the\s+(?:article|story|piece|report)\s+(?:quote|cite|use)\b"
    r"|^\s*whose\s+(?:words|quotes|comments)\s+(?:are|were)\s+(?:in|used)\b",
    re.IGNORECASE,
)


_HOW_MANY = re.compile(r"^\s*how\s+many\b", re.IGNORECASE)
_ONE = re.compile(r"\b(?:the|this|that)\s+(?:article|story|piece|report)\b", re.IGNORECASE)


def asks_who_is_quoted(question: str) -> bool:
    """Whether ``question`` asks which people the reporting quotes."""
    return bool(_ASKS.search(question))


def _first_sentence(doc: Article, speaker: str) -> tuple[int, int] | None:
    """The first sentence ``speaker`` owns in ``doc``: a direct quotation if there is one."""
    owned = [q for q in doc.quotes if q.speaker == speaker]
    if not owned:
        return None
    best = next((q for q in owned if q.direct), owned[0])
    return best.start, best.end


def answer_who_is_quoted(
    question: str, passages: Sequence[Passage], article: Callable[[str], Article], backend: str
) -> Answer:
    """The people quoted in the articles of the best ``passages``, each cited once."""
    one = bool(_ONE.search(question))  # "in the article": the best one alone
    ids = list(dict.fromkeys(p.article_id for p in passages))[: 1 if one else MAX_ARTICLES]
    docs = [article(i) for i in ids]
    lines: list[str] = []
    citations: list[Citation] = []
    seen: set[str] = set()
    for doc in docs:
        for speaker, count in doc.people():
            if speaker in seen or len(citations) >= MAX_PEOPLE:
                continue
            span = _first_sentence(doc, speaker)
            if span is None:
                continue
            seen.add(speaker)
            cite = make_citation(len(citations) + 1, doc, span[0], span[1], 1.0)
            citations.append(cite)
            owned = f"{count} sentence{'s' if count != 1 else ''}"
            where = f" in “{doc.title}”" if len(docs) > 1 else ""
            lines.append(f"- {speaker} ({owned}{where}): {cite.quote} [{cite.n}]")
    if not citations:
        return Answer(
            text="The articles found quote nobody by name.", refused=True, question=question, backend=backend
        )
    head = "People quoted in the articles found:"
    if len(docs) == 1:
        head = f"People quoted in “{docs[0].title}”:"
        if _HOW_MANY.search(question):  # every one of them counted, though no more than six are listed
            people = len(docs[0].people())
            head = f"{people} {'person is' if people == 1 else 'people are'} quoted in “{docs[0].title}”:"
    return Answer(
        text="\n".join([head, *lines]),
        citations=tuple(citations),
        question=question,
        backend=backend,
        checks={"verified": len(citations), "unsupported": 0},
    )
