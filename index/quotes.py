"""Who said what: the sentences each person is quoted or paraphrased in, found at ingest.

News attributes speech with a small grammar: ``"…," Muraviev said``, ``said Alexey Muraviev,
an associate professor at …``, ``according to Putin``, ``he told reporters``, and later ``the
professor said``. This module reads an article paragraph by paragraph, resolves each
attribution to a person named in the article (full name, surname, pronoun, or a role given
earlier in an appositive or a title) and records which sentences that person owns:

- a paragraph with one speaker belongs to that speaker (news puts one speaker per paragraph);
- in a paragraph with several, each sentence goes to its own attribution, else the nearest;
- a paragraph that opens with a quotation mark and names nobody continues the last speaker.

The result is a list of ``Quote`` spans with exact offsets into the article text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .models import Quote
from .sentences import Span, paragraph_spans, sentence_spans
from .text import NEAR_SPELLING, TITLES, spelling_closeness, word_set

__all__ = [
    "ROLE_NOUNS",
    "find_quotes",
    "leading_speaker",
    "nearest_speaker",
    "role_holder",
    "speaker_matches",
]

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_TOKEN = rf"(?:[{_UP}][{_LOW}]+(?:[A-Z][{_LOW}]+)?(?:[-’'][{_UP}{_LOW}]+)*|[A-Z]\.(?:[A-Z]\.)*|[A-Z]{{2,}})"
_PARTICLE = r"(?:de|da|del|der|van|von|bin|al|el|la|le|du|dos|di)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{0,3}}"

_SPEECH = (
    r"said|says|say|told|tells|added|adds|noted|notes|argued|argues|warned|warns|wrote|writes|"
    r"explained|explains|stated|states|continued|insisted|insists|acknowledged|asserted|remarked|"
    r"commented|predicted|suggested|cautioned|claimed|claims|announced|declared|recalled|"
    r"emphasized|emphasised|stressed|urged|replied|responded|conceded|admitted|tweeted|posted"
)
_AFTER_NAME = re.compile(
    rf"(?P<name>{_NAME})(?P<appos>(?:\s*,\s*[^,\"“”\n]{{2,150}}?){{1,2}}\s*,)?\s+"
    rf"(?:has\s+|had\s+|also\s+|later\s+|then\s+)?(?:{_SPEECH})\b"
)
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?P<name>{_NAME})")
_PRONOUN = re.compile(
    rf"\b(?:[Hh]e|[Ss]he)\s+(?:also\s+|later\s+|then\s+)?(?:{_SPEECH})\b|\b(?:said|says|added)\s+(?:he|she)\b"
)
_ROLE_WORDS = r"(?:[a-z][\w\-]*\s+){0,3}?[a-z][\w\-]*"
_ROLE = re.compile(
    rf"\b[Tt]he\s+(?P<role>{_ROLE_WORDS})\s+(?:also\s+)?(?:{_SPEECH})\b"
    rf"|\b(?:said|says|added|according\s+to)\s+the\s+(?P<role2>{_ROLE_WORDS})\b"
)
_APPOSITIVE = re.compile(
    rf"(?P<name>{_NAME})\s*,\s*(?:a|an|the|who\s+is|who\s+was)\s+(?P<role>[^,.;\"“”\n]{{3,120}})"
)
_PRE_ROLE = re.compile(rf"(?P<role>(?:[a-z][\w\-]*\s+){{0,2}}[a-z][\w\-]*)\s+(?P<name>{_NAME})")
_ANY_NAME = re.compile(_NAME)
_OPENING_QUOTE = ("“", '"', "‘")


_QUOTE_MARKS = ("“", "”", '"')

# Capitalised words that open sentences or name days and months, never a speaker.
_NOT_NAMES = word_set(
    """the a an he she it they we i you but and or in on at for this that these those his her their our
    its when while after before as if so then also however meanwhile still yet speaking asked there here
    both some many most officials police analysts experts critics one two three last earlier later now
    today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december what who why how where which
    according despite during since until with without from by to of"""
)
# Lowercase nouns that, right before a name, make the words before it a role ("former editor Jo Li").
ROLE_NOUNS = word_set(
    """editor professor analyst spokesperson spokesman spokeswoman minister president secretary senator
    governor mayor director chief ceo chairman chairwoman official lawyer attorney judge economist
    researcher scientist author reporter founder leader ambassador commander general coach manager
    executive chancellor premier lawmaker representative strategist expert historian activist candidate
    head adviser advisor diplomat envoy officer fellow lecturer doctor correspondent columnist academic
    scholar journalist"""
)
# "said Jo Li", and "said harbor manager Jo Li" (lowercase role words ending in a role noun).
_BEFORE_NAME = re.compile(
    rf"\b(?:said|says|added|wrote|noted|explained|argued|warned|recalled|continued)\s+"
    rf"(?:(?P<role>(?:[a-z][\w\-]*\s+){{0,2}}(?:{'|'.join(sorted(ROLE_NOUNS))}))\s+)?"
    rf"(?P<name>{_NAME})(?P<appos>\s*,\s*[^,\"“”\n]{{2,150}})?"
)
_FUNCTION_WORDS = word_set(
    "of to and or with by from in on at for that as a an the his her their its our about said says"
)


def _words(text: str) -> list[str]:
    return [w.strip(".,").lower() for w in text.split() if w.strip(".,")]


@dataclass
class _Person:
    name: str
    roles: set[str] = field(default_factory=set)
    last_seen: int = -1
    # every word of the phrases that describe them ("… of the Global Times"), not just the role's
    described: set[str] = field(default_factory=set)


@dataclass
class _People:
    """The people an article names, with their roles, for resolving later references."""

    known: dict[str, _Person] = field(default_factory=dict)

    def clean(self, raw: str) -> tuple[str, set[str]]:
        """``raw`` without leading sentence words and titles; the titles become roles."""
        tokens = raw.split()
        # "Blue Origin’s Bezos": the name is what follows the possessive.
        owner = max((i for i, t in enumerate(tokens[:-1]) if t.endswith(("’s", "'s"))), default=-1)
        tokens = tokens[owner + 1 :]
        while tokens and tokens[0].lower() in _NOT_NAMES:
            tokens.pop(0)
        roles = set()
        # "Ukrainian President Volodymyr Zelensky": everything up to the last title is a role.
        titled = [i for i, t in enumerate(tokens[:-1]) if t.lower().rstrip(".") in TITLES]
        if titled:
            roles |= {t.lower().rstrip(".") for t in tokens[: titled[-1] + 1]}
            tokens = tokens[titled[-1] + 1 :]
        if tokens and tokens[-1].lower() in _NOT_NAMES:
            return "", roles
        return " ".join(tokens), roles

    def register(self, raw: str, at: int, roles: set[str] | None = None) -> str | None:
        name, titles = self.clean(raw)
        if not name:
            return None
        person = self.resolve_name(name, at) if len(name.split()) == 1 else None
        if person is None:
            person = self.known.setdefault(name, _Person(name))
        person.roles |= titles | (roles or set())
        person.last_seen = max(person.last_seen, at)
        return person.name

    def resolve_name(self, name: str, at: int) -> _Person | None:
        """The fuller name a surname or first name stands for, preferring the latest mention."""
        if name in self.known:
            return self.known[name]
        token = name.lower()
        matches = [p for p in self.known.values() if token in (t.lower() for t in p.name.split())]
        if not matches:
            return None
        by_surname = [p for p in matches if p.name.split()[-1].lower() == token] or matches
        return max(by_surname, key=lambda p: (p.last_seen <= at, p.last_seen))

    def resolve_role(self, role: str, at: int) -> str | None:
        wanted = {w for w in _words(role) if w not in _FUNCTION_WORDS}
        if not wanted:
            return None
        fits = [p for p in self.known.values() if wanted <= p.roles and p.last_seen <= at]
        return max(fits, key=lambda p: p.last_seen).name if fits else None


def _role_words(appositive: str) -> set[str]:
    """Role words of "a professor of strategic studies at …": the words before the preposition."""
    head = re.split(r"\b(?:of|at|for|in|with|from|on|who|which|and)\b", appositive.strip(" ,"), maxsplit=1)[0]
    return {w for w in _words(head) if w not in _FUNCTION_WORDS}


def _scan_people(text: str) -> _People:
    """Everyone the article names with two or more words, and the roles it gives them."""
    found = _People()
    for match in _ANY_NAME.finditer(text):
        name, _ = found.clean(match.group())
        if len(name.split()) >= 2:
            found.register(match.group(), match.start())
    for match in _APPOSITIVE.finditer(text):
        registered = found.register(match.group("name"), match.start(), _role_words(match.group("role")))
        if registered:
            found.known[registered].described |= set(_words(match.group("role")))
    for match in _PRE_ROLE.finditer(text):
        words = _words(match.group("role"))
        if words and words[-1] in ROLE_NOUNS:
            kept: list[str] = []
            for word in reversed(words):
                if word in _FUNCTION_WORDS or word in ("said", "says", "told"):
                    break
                kept.append(word)
            found.register(match.group("name"), match.start("name"), set(kept))
    for person in found.known.values():
        person.last_seen = -1
    return found


def _attribution(sentence: str, at: int, found: _People, last: str | None) -> str | None:
    """The person a sentence attributes speech to, or None."""
    for pattern in (_AFTER_NAME,):
        for match in pattern.finditer(sentence):
            appos = match.group("appos")
            speaker = found.register(match.group("name"), at, _role_words(appos) if appos else None)
            if speaker:
                return speaker
    if last and _PRONOUN.search(sentence):
        return last
    for pattern in (_BEFORE_NAME, _ACCORDING):
        for match in pattern.finditer(sentence):
            appos = match.groupdict().get("appos")
            roles = _role_words(appos) if appos else set()
            roles |= set(_words(match.groupdict().get("role") or ""))
            speaker = found.register(match.group("name"), at, roles or None)
            if speaker:
                return speaker
    for match in _ROLE.finditer(sentence):
        speaker = found.resolve_role(match.group("role") or match.group("role2"), at)
        if speaker:
            return speaker
    return None


def _owners(attributed: list[str | None]) -> list[str | None]:
    """Who owns each sentence of a paragraph, given each sentence's own attribution."""
    speakers = {s for s in attributed if s}
    if len(speakers) == 1:
        return [next(iter(speakers))] * len(attributed)
    owners: list[str | None] = []
    for i, own in enumerate(attributed):
        if own:
            owners.append(own)
            continue
        before = next((s for s in reversed(attributed[:i]) if s), None)
        after = next((s for s in attributed[i + 1 :] if s), None)
        owners.append(before or after)
    return owners


def find_quotes(
    text: str, paragraphs: Sequence[Span] | None = None, sentences: Sequence[Span] | None = None
) -> list[Quote]:
    """Every sentence of ``text`` attributed to a named speaker, in order."""
    paragraphs = paragraph_spans(text) if paragraphs is None else paragraphs
    sentences = sentence_spans(text) if sentences is None else sentences
    found = _scan_people(text)
    quotes: list[Quote] = []
    last: str | None = None
    continuing = False
    s = 0
    for p_start, p_end in paragraphs:
        inside: list[Span] = []
        while s < len(sentences) and sentences[s][1] <= p_end:
            if sentences[s][0] >= p_start:
                inside.append(sentences[s])
            s += 1
        attributed: list[str | None] = []
        for start, end in inside:
            speaker = _attribution(text[start:end], start, found, last)
            if speaker:
                last = speaker
            attributed.append(speaker)
        if any(attributed):
            owners = _owners(attributed)
            continuing = True
        elif continuing and last and text[p_start:p_end].startswith(_OPENING_QUOTE):
            owners = [last] * len(inside)
        else:
            owners = [None] * len(inside)
            continuing = False
        for (start, end), owner in zip(inside, owners, strict=True):
            if owner:
                direct = any(mark in text[start:end] for mark in _QUOTE_MARKS)
                quotes.append(Quote(owner, start, end, direct))
    return quotes


def speaker_matches(speaker: str, names: Sequence[str]) -> bool:
    """Does the stored ``speaker`` ("Alexey Muraviev") match the asked ``names`` ("Muraviev")?"""
    have = [t.lower() for t in speaker.split()]
    asked = [n.lower() for n in names if n]
    if not asked or not have:
        return False
    return all(a in have for a in asked) or asked[-1] == have[-1]


def nearest_speaker(names: Sequence[str], speakers: Iterable[str]) -> str | None:
    """The speaker whose last name is spelt nearly as the asked one ("Muravev" for "Alexey
    Muraviev"), for a question that names someone nobody of that exact name is quoted as.
    Names of five letters or more, the same first letter, and at most about one letter in
    seven off (difflib ratio 0.85); None when no speaker comes that close."""
    asked = names[-1].lower() if names else ""
    if len(asked) < 5:
        return None
    best, score = None, NEAR_SPELLING
    for speaker in dict.fromkeys(speakers):
        last = speaker.split()[-1].lower() if speaker.split() else ""
        ratio = spelling_closeness(asked, last)
        if ratio >= score and last != asked:
            best, score = speaker, ratio
    return best


def leading_speaker(text: str, speakers: Iterable[str]) -> tuple[str, str] | None:
    """The name a search opens (or ends) with and what it asks of them ("muraviev power
    balance", "power balance muraviev" -> ("Muraviev", "power balance")): the longest run of
    its first (or last) words, three at most, that are all words of one quoted ``speakers``'
    name. None when it has no such name at either end or is nothing but the name."""
    words = [w.strip("?.!,;:") for w in text.split()]
    words = [re.sub(r"[’']s$", "", w) for w in words if w]
    names = sorted(set(speakers), key=len, reverse=True)
    for order in (words, words[::-1]):
        for speaker in names:
            have = {t.lower() for t in speaker.split()}
            run = 0
            while run < len(order) and order[run].lower() in have:
                run += 1
            if run == len(order):
                return None  # the name alone: what the articles say of them, not what they said
            if 0 < run <= 3:
                name, rest = order[:run], order[run:]
                if order is not words:
                    name, rest = name[::-1], rest[::-1]
                return " ".join(w[:1].upper() + w[1:] for w in name), " ".join(rest)
    return None


# A role asked in other words than the article's: "the academic" is the article's professor.
_SCHOLARS = "professor lecturer researcher scholar academic fellow"
_KIN = {
    "academic": word_set(_SCHOLARS),
    "scholar": word_set(_SCHOLARS),
    "expert": word_set(f"{_SCHOLARS} analyst economist strategist historian scientist"),
    "analyst": word_set(f"{_SCHOLARS} expert economist strategist"),
    "leader": word_set("president premier chancellor prime king queen"),
    "journalist": word_set("editor reporter correspondent columnist"),
    "spokesperson": word_set("spokesman spokeswoman"),
    "spokesman": word_set("spokesperson spokeswoman"),
    "spokeswoman": word_set("spokesperson spokesman"),
}


def _akin(asked: str, have: str) -> bool:
    """Whether the asked word is the article's, in another form ("Australian" for "Australia")."""
    if asked == have:
        return True
    common = len(asked) if asked.startswith(have) else len(have) if have.startswith(asked) else 0
    return common >= 6 and common >= min(len(asked), len(have)) - 1


def role_holder(text: str, role: str) -> str | None:
    """The one person ``text`` gives ``role`` ("the professor" for "Alexey Muraviev, an
    associate professor …", "the Secretary of State" for "Secretary of State Antony J.
    Blinken"), or None when nobody or several people hold it. The role's noun may be a kin of
    the article's ("the academic" for a professor); its other words ("the Australian academic",
    "the former Global Times editor") must each be a word, or a form of one, of what the article
    says of the person."""
    head_words = _role_words(role)  # "the professor from Curtin University": a professor
    if not head_words:
        return None
    words = [re.sub(r"[’']s$", "", w) for w in _words(role) if w not in _FUNCTION_WORDS]
    head = next((w for w in reversed(words) if w in head_words and (w in ROLE_NOUNS or w in _KIN)), None)
    fits = []
    for person in _scan_people(text).known.values():
        titles = person.roles | _before(text, person.name)
        if head is None:
            held = head_words <= titles
        else:
            said = titles | person.described
            held = bool(({head} | _KIN.get(head, frozenset())) & titles) and all(
                any(_akin(w, d) for d in said) for w in words if w != head
            )
        if held:
            fits.append(person.name)
    return fits[0] if len(fits) == 1 else None


def _before(text: str, name: str) -> set[str]:
    """The words right before each mention of ``name`` in its sentence ("U.S. Secretary of
    State Antony J. Blinken": a title run that the name scan splits at "of")."""
    words: set[str] = set()
    for match in re.finditer(re.escape(name), text):
        run: list[str] = []
        for word in reversed(text[max(0, match.start() - 60) : match.start()].split()):
            if not (word[:1].isupper() or (run and word in ("of", "the"))) or (
                word.endswith((".", ",")) and not run
            ):
                break
            run.append(word)
        words |= set(_words(" ".join(run)))
    return words
