"""What kind of answer a question asks for, and whether a sentence holds one.

"How many people died?" is not answered by a sentence on the topic without a figure, "when"
by one without a date, "which city" or "who" by one that names nobody the question does not
already name. Quote-based answers prefer sentences that hold the kind asked for, and refuse
when none of the retrieved ones does, instead of quoting the topic back.

    amount   how many / how much / how long / what percentage ...   a figure (of money: "how much … cost")
    date     when / what year / which day ...                        a date or time
    name     who / whose / which <noun> / what <organisation> ...     a name not in the question
    place    where / from where ...                                   a name not in the question
    reason   why / for what reason / what caused ...                  a cause or purpose said as one
    role     who is <Name> / what is <Name> / what position does X hold   a description of that name
    ordinal  which term / what anniversary / which edition ...       that noun's place in order ("fifth term")
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.text import TITLES, content_terms, undot, word_set

from ..questions import AIM_ASKED, AIM_NOUNS
from .aliases import expand, same_act, same_place
from .evidence import akin_terms
from .names import asks_for_people, asks_person, lower_words, person

__all__ = ["asked", "asking_sentence", "describe", "described_name", "holds", "offers_choice"]

_AMOUNT = re.compile(
    r"^(?:.*\b)?(?:how\s+(?:many|much|long|old|far|big|large|tall|high|fast|often)"
    r"|what\s+(?:percentage|percent|share|proportion|number|amount|price|cost|sum|total|age|rate|size)"
    r"|by\s+how\s+much"
    # "What is the value of trade …?", "What was the total cost?"
    r"|what\s+(?:is|was|are|were|will\s+be)\s+(?:the\s+|its\s+|their\s+)?(?:total\s+|estimated\s+|combined\s+)?"
    r"(?:value|worth|size|cost|price|number|amount|percentage|share|rate|volume|sum|toll|tally|death\s+toll))\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"^\s*(?:when\b|since\s+when\b|(?:on|in|by)?\s*(?:what|which)\s+(?:year|date|day|month|time|decade)\b)",
    re.IGNORECASE,
)
# Nouns whose answer is a name: "which city", "what company".
_NAME_NOUNS = (
    r"city|country|state|town|nation|capital|company|firm|organi[sz]ation|group|team|club|party|person|"
    r"man|woman|player|actor|actress|singer|comedian|artist|leader|president|minister|app|film|movie|"
    r"show|brand|university|school|agency|airline|bank|band|veteran|star|celebrity|politician|senator|"
    r"governor|official|candidate|athlete|island|region|province|county|territory|network|"
    r"rapper|musician|author|writer|novelist|poet|figure|chain|retailer|restaurant|destination|"
    r"holiday|festival|tournament|league|model|chatbot|startup|platform|website|manufacturer|"
    r"automaker|carmaker|broadcaster|newspaper|magazine|museum|stadium|venue|airport|hospital|"
    r"storm|hurricane|volcano|mountain|river|coach|quarterback|executive|billionaire|"
    r"entrepreneur|judge|justice|journalist|director|producer|pope|king|queen|prince|princess|"
    r"monarch|general|golfer|swimmer|skier|boxer|cyclist|racer|driver|superstar|character|ship|"
    r"vessel|residence|palace|castle|site|landmark|program|programme|series|artwork|painting|"
    r"sculpture|book|novel|song|album"
)
_NAME = re.compile(
    r"^\s*(?:who|whom|whose)\b|\b(?:which|what)\s+(?!type\b|kind\b|sort\b|way\b|about\b|"
    # "what did the leaders sign" asks for what they signed, not for a leader
    r"(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could|should|might|may)\b)"
    # (the asked noun comes before the verb: "what declarations did the leaders sign" asks for
    # declarations, not for a leader)
    r"(?:(?!(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could|should|might|may)\b)"
    r"[\w'-]+\s+){0,3}?"
    rf"(?:{_NAME_NOUNS})s?\b"
    r"|\bwhat\s+(?:is|was|are|were)\s+the\s+names?\b|\b(?:with|under|by)\s+what\s+name\b"
    r"|\bwhat\s+(?:was|is|were|are)\s+(?:[\w'-]+\s+){1,4}?(?:named|called|dubbed)\b"
    # "What is the rocket's name?", "what was its name?", "Name the company that ..."
    r"|\bwhat\s+(?:is|was|are|were)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:[\w’'-]+\s+){0,3}?"
    r"(?:[\w-]+[’']s?\s+)?names?\s*[?.]?\s*$|^\s*name\s+(?:the|a|an|one|two|three)\b",
    re.IGNORECASE,
)
# "Which term is Putin serving?", "What anniversary did they celebrate?": a noun of things in
# order asks which of them ("his unprecedented fifth term", "the 75th anniversary"), not for
# the noun in another sense ("on Russia's terms").
# (one of them: "What terms did the union accept?" asks for conditions)
_ORDERED_NOUNS = r"term|anniversary|edition|season|round|instal?lment|birthday|generation|iteration|sequel"
_ORDINAL_ASKED = re.compile(rf"^\s*(?:which|what)\s+(?P<noun>{_ORDERED_NOUNS})(?![\w’'-])", re.IGNORECASE)
_ORDINAL = (
    r"\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|\w+teenth|\w+ieth|hundredth|last|final"
)
_PLACE = re.compile(r"^\s*(?:from\s+|to\s+)?where\b|\bin\s+what\s+place\b", re.IGNORECASE)
_REASON = re.compile(
    r"^\s*(?:and\s+|so\s+)?why\b|\bfor\s+what\s+reason\b|"
    # ("What was Putin's purpose in visiting China?", "What was the aim of the welcome?")
    rf"\b{AIM_ASKED}(?:cause|{AIM_NOUNS})\b|"
    r"^\s*what\s+(?:caused|prompted|led\s+to|triggered|drove)\b",
    re.IGNORECASE,
)
# How a sentence gives a cause or a purpose: "because", "due to", "after", "over concerns",
# "citing", "in a bid to", "to avoid" ...
_BECAUSE = re.compile(
    r"\b(?:because|due\s+to|owing\s+to|as\s+a\s+result|thanks\s+to|after|amid|over\s+(?:concerns?|fears?|"
    # (not a stretch of time: "over the last five decades", "over the weekend", "over the phone")
    r"worries|allegations?|claims?|(?:its|his|her|their|the)\b(?!\s+(?:last|past|next|coming|following|"
    r"weekend|summer|winter|spring|fall|autumn|holidays?|years?|months?|weeks?|days?|decades?|"
    r"centur(?:y|ies)|course|phone)\b))|citing|cited|in\s+order\s+to|so\s+as\s+to|"
    r"in\s+a\s+bid\s+to|in\s+an\s+(?:attempt|effort)\s+to|(?:meant|intended|designed)\s+to|seeking\s+to|"
    r"sought\s+to|aim(?:s|ed|ing)?\s+(?:to|at)|so\s+that|reasons?|caused?|"
    r"causing|led\s+to|blamed|following|in\s+response\s+to|in\s+protest|as\s+part\s+of|"
    r"to\s+(?:help|ensure|avoid|prevent|protect|boost|secure|strengthen|show|signal|counter|reduce|"
    r"cut|save|support|deter|punish|pressure|stop|address|comply|meet|fund|pay))\b",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|twice|double|tripled?|percent|"
    # an ordinal counts what came before: "his fifth term" for "how many terms" ("first" is
    # too common a word to tell anything)
    r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\b",
    re.IGNORECASE,
)
# A time told by another event: "announced just before Russia's full invasion", and "ahead of
# his arrival", "on the eve of the summit".
_NEAR_EVENT = (
    r"(?:shortly|just|soon|right|immediately|moments|hours|days|weeks|months|years)\s+(?:before|after)"
)
_AHEAD_OF_EVENT = r"ahead\s+of|prior\s+to|on\s+the\s+eve\s+of|in\s+the\s+(?:run|lead)-up\s+to"
_WHEN = re.compile(
    r"\b(?:(?:19|20)\d\d|January|February|March|April|May|June|July|August|September|October|November|"
    # (an abbreviated month's dot is no word boundary: "Sept. 22")
    r"December|(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)(?=\.)|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|today|yesterday|tomorrow|tonight|ago|(?:last|next|this)\s+(?:week|month|year|"
    r"weekend|spring|summer|fall|autumn|winter)|\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|"
    rf"{_NEAR_EVENT}|(?i:{_AHEAD_OF_EVENT}))\b"
)
# A time told by the very event asked about tells nothing: "When did Putin arrive?" is not
# answered by "… ahead of his arrival".
_RELATIVE_EVENT = re.compile(
    rf"\b(?:{_NEAR_EVENT}|{_AHEAD_OF_EVENT})"
    r"\s+(?:(?:the|a|an|his|her|its|their|this|that)\s+)?(?P<event>[\w’'-]+)",
    re.IGNORECASE,
)


def _without_own_event(sentence: str, question: str) -> str:
    """``sentence`` with each time told by the event the question asks about blanked."""
    asked = set(content_terms(question))
    return _RELATIVE_EVENT.sub(
        lambda m: " " * len(m.group(0)) if set(content_terms(m.group("event"))) & asked else m.group(0),
        sentence,
    )


# Someone's words of four words or more, whole ("“…”") or a sentence of a longer quotation,
# where the quote marks open before it ("With its economy, China is a bigger brother to
# Russia,” Muraviev said.") or close after it (“Back in 1950 the Soviet Union was the big brother.).
_QUOTATION = re.compile(
    r"[\"“][^\"“”]*(?:\s+[^\s\"“”]+){3}[^\"“”]*[\"”]"
    r"|^[^\"“”]*(?:[^\s\"“”]+\s+){3}[^\"“”]*[,.!?]”"
    r"|^\s*“[^\"“”]*(?:\s+[^\s\"“”]+){3}[^\"“”]*$"
)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’&.-]*")
_FIRST_WORD = re.compile(r"\W*([A-Z][\w'’&.-]*)(,|\s+[A-Z])?")


# A place is named where something is: "in Glendale, Arizona", "outside the Great Hall of the
# People", "the city of Harbin", "near Washington, DC"; a name that follows none of these is
# more often someone's ("Xi referred to the meeting …" holds no place).
_LOCATIVE = re.compile(
    r"\b(?:in|at|on|near|outside|inside|from|to|into|onto|across|of|off|toward|towards|around|"
    r"between|within|throughout|through|via|along|over|above|below|beyond)"
    r"(?:\s+[\w'’&.-]+){0,3}\s*$",
    re.IGNORECASE,
)


_DATELINE = re.compile(
    r"\s*([A-Z][A-Z.'’ -]*[A-Z])(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s+(?:\([A-Z]+\)\s+)?[—–‒-]\s"
)


def _located(text: str, at: int) -> bool:
    """Whether the capitalised word at ``at`` is named as a place: after a word for where,
    within three words ("in the northeastern city of Harbin")."""
    return bool(_LOCATIVE.search(text[max(0, at - 60) : at]))


# Nouns that ask for a place by name ("in which city?").
PLACE_NOUNS = word_set(
    "city country state town nation capital island region province county territory village"
)


def located(name: str, sentence: str) -> bool:
    """Whether ``sentence`` names ``name`` (a word of it, any case) as a place: "… in Harbin"."""
    return any(_located(sentence, m.start()) for m in re.finditer(rf"\b(?i:{re.escape(name)})\b", sentence))


def _initial_name(sentence: str) -> list[str]:
    """A sentence's first word when it is a name, not just capitalised: one with a capital
    inside ("DeepSeek"), a possessive ("Orbit's"), or followed by a comma or another
    capitalised word ("Matchly, the dating service, ...", "Joe Biden said")."""
    match = _FIRST_WORD.match(sentence)
    if match is None:
        return []
    word = match.group(1)
    named = match.group(2) or re.search(r"[a-z][A-Z]", word) or re.search(r"[’']s$", word)
    return [word] if named else []


# "Who is more experienced, Russia or China?": the answer is one of the names the question
# offers, so no kind that wants a name the question does not hold.
_CHOICE = re.compile(
    r",\s*(?:the\s+)?[\w’'.-]+(?:\s+[\w’'.-]+)?\s+or\s+(?:the\s+)?[\w’'.-]+(?:\s+[\w’'.-]+)?[\s?.!]*$"
)


def offers_choice(question: str) -> bool:
    """Whether ``question`` ends with the names to choose from ("…, Russia or China?")."""
    return bool(_CHOICE.search(question))


# Where a question's wh-word stands at its end ("peace talks that took place where?", "a book
# entitled 'Notes to' who?", "an embryo frozen in what year?").
_LAST_PLACE = re.compile(r"\bwhere\s*\?\s*$", re.IGNORECASE)
_LAST_NAME = re.compile(r"\b(?:who|whom)\s*\?\s*$|^[^,]{3,60},\s*who\b", re.IGNORECASE)
_LAST_DATE = re.compile(
    r"\b(?:in|on|since|by)\s+(?:what|which)\s+(?:year|date|day|month|decade)\s*\?\s*$", re.IGNORECASE
)
# A question's sentences end where a full stop, "!" or "?" is followed by a capital. Not
# ``index.sentences.sentence_spans``: its Punkt model, trained on prose, ends a sentence at an
# initial ("…the John F. Kennedy Profile in Courage Award?" asks with "Kennedy Profile …?").
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z])")


def asking_sentence(question: str) -> str:
    """The sentence of ``question`` that asks: its last one with a question mark, else its last
    ("A flight crashed this week, injuring 21. Where did the incident occur?")."""
    sentences = [s for s in _SENTENCE_END.split(undot(question).strip()) if s.strip()]
    if len(sentences) < 2:
        return question
    return next((s for s in reversed(sentences) if "?" in s), sentences[-1])


# "Who is Alexey Muraviev?", "What is the Global Times?", "What position does Muraviev hold?",
# "What is Blinken's job?": what a named person or thing is. A name is capitalised words, with
# "of (the)" between them ("the Great Hall of the People").
_CAPS = r"(?-i:[A-Z][\w.’'&-]*)"
_A_NAME = rf"(?:the\s+)?{_CAPS}(?:\s+(?:of\s+(?:the\s+)?)?{_CAPS})*"
_ROLE = (
    re.compile(rf"^\s*(?:who|what)\s+(?:is|was|are|were)\s+(?P<name>{_A_NAME})\s*[?.!]*\s*$", re.IGNORECASE),
    re.compile(
        r"^\s*what\s+(?:position|role|job|title|post|office|rank|profession|occupation)s?\s+(?:does|did|do|has|"
        rf"have|had)\s+(?P<name>{_A_NAME})\s+(?:hold|have|has|occupy|play|fill)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^\s*what\s+(?:is|was)\s+(?P<name>{_A_NAME})[’']s?\s+(?:position|role|job|title|post|occupation|"
        r"profession)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^\s*what\s+(?:does|did)\s+(?P<name>{_A_NAME})\s+do(?:\s+for\s+a\s+living)?\s*[?.!]*\s*$",
        re.IGNORECASE,
    ),
)


def described_name(question: str) -> str | None:
    """The name a question asks to have described ("Who is Alexey Muraviev?" -> "Alexey
    Muraviev"), or None when it asks something else."""
    question = asking_sentence(question)
    for pattern in _ROLE:
        match = pattern.match(question)
        if match and any(c.isupper() for c in match.group("name")):
            return re.sub(r"^the\s+", "", match.group("name"), flags=re.IGNORECASE)
    return None


# What describes a name in a sentence: a phrase set off after it ("Alexey Muraviev, an associate
# professor", "the Global Times, the Communist Party tabloid"), "is a/the …", or a title or
# common noun before it ("President Xi Jinping", "news agency Tass", "the city of Harbin").
_AFTER = (
    r"(?:[’']s)?\s*(?:\([^)]*\)\s*)?,\s+(?:a|an|the|who|which|whose|its|his|her|their|one|former|then|"
    r"now|longtime|also)\b"
    r"|\s+(?:is|was|are|were|has\s+been|had\s+been|remains|became|serves\s+as|served\s+as|works\s+as)\s+"
    r"(?:a|an|the|one|its|his|her|their|now|also|currently|still)\b"
)
# A common noun that says what the name after it is: "news agency Tass", "the city of Harbin",
# "an associate professor … Muraviev" is told by ``_AFTER``.
_DESCRIBING_NOUN = re.compile(
    rf"(?:{_NAME_NOUNS}|professor|analyst|expert|researcher|scientist|economist|editor|reporter|"
    r"lawmaker|spokes(?:wo)?man|chief|founder|owner|head|activist|lawyer|attorney|doctor|outlet|"
    r"tabloid|lab|laboratory|service|institute|body|bloc|alliance|movement|militia|village|port)s?",
    re.IGNORECASE,
)
_RUN = r"(?-i:(?:[A-Z][\w.’'&-]*\s+(?:of\s+(?:the\s+)?)?){0,6})"


def _describes(sentence: str, name: str) -> bool:
    """Whether ``sentence`` says what ``name`` is: by one of the ``_AFTER`` phrases, by a title
    among the capitalised words before it ("Secretary of State Antony J. Blinken"), or by a
    common noun just before those ("news agency Tass")."""
    words = [w for w in re.findall(_CAPS, name) if w.lower() not in TITLES | {"the", "of"}]
    if not words:
        return False
    first, last = re.escape(words[0]), re.escape(words[-1])
    if re.search(rf"(?<!\w){last}(?!\w)(?:{_AFTER})", sentence):
        return True
    for before in re.finditer(
        rf"(?:^|(?<=\s))(?:([\w’'-]+)\s+(?:of\s+(?:the\s+)?)?)?({_RUN}){first}(?!\w)", sentence
    ):
        noun = before.group(1) or ""
        run = re.findall(r"[\w’'-]+", f"{noun} {before.group(2)}")
        if any(w.lower() in TITLES for w in run):
            return True
        if noun.islower() and _DESCRIBING_NOUN.fullmatch(noun):
            return True
    return False


def _ordinal(sentence: str, question: str) -> bool:
    """Whether ``sentence`` gives the place in order of the noun ``question`` asks about: "the
    75th anniversary", "his unprecedented fifth term" (up to two words between)."""
    match = _ORDINAL_ASKED.search(asking_sentence(question))
    if match is None:
        return False
    noun = match.group("noun").lower()
    stem = noun[:-1] if noun.endswith("y") else noun
    placed = rf"\b(?:{_ORDINAL})\s+(?:[\w’'-]+\s+){{0,2}}?{re.escape(stem)}(?:y|ies|s)?\b"
    return bool(re.search(placed, sentence, re.IGNORECASE))


# In order: a question word at the end first, then the first that matches.
_KINDS = (
    (_LAST_PLACE, "place"),
    (_LAST_DATE, "date"),
    (_LAST_NAME, "name"),
    (_AMOUNT, "amount"),
    (_DATE, "date"),
    (_NAME, "name"),
    (_PLACE, "place"),
    (_REASON, "reason"),
    (_ORDINAL_ASKED, "ordinal"),
)


# A word that opens a question without asking anything: "Finally, when …?", "And who …?"
_OPENING = re.compile(
    r"^\s*(?:finally|lastly|so|and|but|also|now|then|ok|okay|well|first|next)\b,?\s+", re.IGNORECASE
)


def asked(question: str) -> str | None:
    """The kind of answer ``question`` asks for: "amount", "date", "name", "place", "reason",
    or None (also for a choice between the names it offers). Read from the sentence that asks,
    with its wh-word first or last."""
    question = _OPENING.sub("", asking_sentence(question))
    if offers_choice(question):
        return None
    if described_name(question):
        return "role"
    return next((kind for pattern, kind in _KINDS if pattern.search(question)), None)


# "How much will it cost?", "How much money did they spend?" ask for a sum of money: "three to
# four years" or "25%" answers neither ("by how much" asks for a change, which a share can be).
_ASKS_MONEY = re.compile(
    r"(?<!by\s)\bhow\s+much\s+(?:money|cash|funding)\b"
    r"|(?<!by\s)\bhow\s+much\b(?:\s+[\w’'-]+){0,8}?\s+(?:cost|costs|costing|pay|paid|spend|spent|earn|earned|"
    r"raise|raised|charge|charged|fined?|owe|owed|worth|sell|sold|buy|bought|invest|invested|budget)\b"
    r"|\bwhat\s+(?:is|was|will\s+be|would\s+be)\s+the\s+(?:estimated\s+|total\s+)?(?:cost|price|fine|budget)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"[$£€¥]\s?\d|\b\d[\d.,]*\s*(?:(?:million|billion|trillion|m|bn)\s+)?(?:dollars|euros|pounds|yuan|rubles|"
    r"roubles|yen|rupees|francs|pesos)\b|\bUS\$|\b(?:USD|EUR|GBP)\s?\d",
    re.IGNORECASE,
)


def describe(kind: str, question: str = "") -> str:
    """What an answer of ``kind`` is, in words ("a figure"; "a span of time" for "how long")."""
    if kind == "amount" and _HOW_OLD.search(question):
        return "an age"
    if kind == "amount" and _HOW_LONG.search(question):
        return "a length or span of time"
    if kind == "amount" and _ASKS_MONEY.search(question):
        return "a sum of money"
    answers = {
        "amount": "a figure",
        "date": "a date",
        "name": "a name",
        "place": "a place",
        "reason": "a reason",
        "role": "a description",
        "ordinal": "a place in order (“fifth”)",
    }
    return answers.get(kind, "an answer")


_WORD = re.compile(r"[\w'’$%.,-]+")
_NEAR = 10  # words: a figure or date this close to a word of the question is about it


# What a figure measures when it is no count of things: "75 years", "a 2½-hour meeting", "40%".
_MEASURE = re.compile(
    r"(?:^|-)(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|century|centuries|"
    r"percent|per|%)$|%|^[$£€¥]",
    re.IGNORECASE,
)
_HOW_MANY = re.compile(r"\bhow\s+many\s+(?P<what>(?:[\w’'-]+\s+){0,3})", re.IGNORECASE)


def _counts_things(question: str) -> bool:
    """Whether ``question`` asks how many of some thing ("how many troops"), not how many
    years, days or percent."""
    match = _HOW_MANY.search(question)
    return match is not None and not any(_MEASURE.search(w) for w in match.group("what").split())


def _a_measure(words: list[re.Match[str]], at: int) -> bool:
    """Whether the figure at word ``at`` measures time, a share or money, by itself or its next word."""
    here = words[at].group(0) if at < len(words) else ""
    after = words[at + 1].group(0) if at + 1 < len(words) else ""
    return bool(_MEASURE.search(here.rstrip(".,")) or _MEASURE.search(after.rstrip(".,")))


_ANY_PEOPLE = re.compile(
    r"\bhow\s+many\s+(?:[\w’'-]+\s+)?(?:people|persons|individuals|others)\b", re.IGNORECASE
)


def _counts_other(words: list[re.Match[str]], at: int, asked: set[str]) -> bool:
    """Whether the figure at word ``at`` counts other things than the question's: "their two
    nations" for "how many declarations" (a plural noun after it, and none of the question's
    words in the three after it; "five brigades of troops" counts troops)."""
    after = [w.group(0).strip(".,").lower() for w in words[at + 1 : at + 4]]
    if not after or not re.fullmatch(r"[a-z]{3,}s", after[0]) or after[0].endswith("ss"):
        return False
    return not any(_shares(asked, content_terms(w)) for w in after)


def _shares(asked: set[str], terms: list[str]) -> bool:
    """Whether a word's ``terms`` are the question's, of their family ("relations" for
    "relationship") or another word for the same act ("received" for "welcome")."""
    return bool(asked & set(terms)) or bool(akin_terms(asked, terms)) or bool(same_act(asked, terms))


# A whole number as written ("25%", "$12,500", "3.5") and a month's day ("April 2").
_WHOLE_NUMBER = re.compile(r"[$£€¥]?\d[\d.,]*%?")
_DAY_OF_MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.)\s+\d{1,2}\b"
)


def _new_figures(sentence: str, question: str) -> str:
    """``sentence`` with the figures that give no amount blanked out: those the question itself
    gives ("a 25% tariff" answers no "how much will prices rise" about a 25% tariff) and the
    days of months ("Starting April 2")."""
    given = {m.group(0).rstrip(".,") for m in _WHOLE_NUMBER.finditer(question)}

    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group(0))

    out = _DAY_OF_MONTH.sub(blank, sentence)
    return _WHOLE_NUMBER.sub(lambda m: blank(m) if m.group(0).rstrip(".,") in given else m.group(0), out)


def _about(
    pattern: re.Pattern[str], sentence: str, question: str, things: bool = False, near_words: int = _NEAR
) -> bool:
    """Whether ``pattern`` matches within ``near_words`` words of one of the question's words
    (``things``: not a figure of time, a share or money, which counts no things)."""
    asked_terms = set(content_terms(question))
    words = list(_WORD.finditer(sentence))
    near = [i for i, w in enumerate(words) if _shares(asked_terms, content_terms(w.group(0)))]
    if not near:
        return False
    specific = not _ANY_PEOPLE.search(question)  # "how many people": victims and residents are people
    for match in pattern.finditer(sentence):
        at = next((i for i, w in enumerate(words) if w.end() > match.start()), len(words))
        if things and (_a_measure(words, at) or (specific and _counts_other(words, at, asked_terms))):
            continue
        if any(abs(at - i) <= near_words for i in near):
            return True
    return False


# "How long …?" asks for a span of time ("a 2½-hour meeting", "for 10 years", "since 2019") or,
# of a thing, a length ("10 inches").
_HOW_LONG = re.compile(r"\bhow\s+(?:long|old)\b", re.IGNORECASE)  # an age is a span of time: "75 years"
_HOW_OLD = re.compile(r"\bhow\s+old\b", re.IGNORECASE)
_SINCE_WHEN = re.compile(r"^\s*since\s+when\b", re.IGNORECASE)
_NUMBERISH = (
    r"(?:\d[\d.,]*[½¼¾]?|[½¼¾]|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundred|several|few|many|a\s+few|a\s+couple\s+of)"
)
_SPAN_OF_TIME = re.compile(
    rf"\b{_NUMBERISH}(?P<joint>[\s-]+)(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|"
    r"centur(?:y|ies)|nights?|inch(?:es)?|feet|foot|yards?|miles?|(?:centi|milli|kilo)?met(?:er|re)s?|cm|mm|km)"
    r"\b(?:-long)?(?P<noun>\s+[a-z][\w-]*)?"
    r"|\bsince\s+(?:(?:19|20)\d\d|January|February|March|April|May|June|July|August|September|October|"
    r"November|December|last|the)\b|\b(?:for|over)\s+the\s+(?:past|last)\s+\w+",
    re.IGNORECASE,
)


# Words for people meeting to talk, as verbs and as nouns: one asks what another measures.
_TALKS = frozenset(
    content_terms(
        "talk talks talked meet met meeting conversation discuss discussion negotiate "
        "negotiations session summit"
    )
)


def _lasts(sentence: str, question: str) -> bool:
    """Whether ``sentence`` gives a span of time near what "how long" asks about. A span joined
    to a noun by a hyphen measures that noun ("a two-day visit"): it counts only when the
    question asks about that noun ("How long was the visit?", not "How long has he been
    president?")."""
    asked_terms = set(content_terms(question))
    for match in _SPAN_OF_TIME.finditer(sentence):
        noun = match.group("noun")
        if match.group("joint") == "-" and noun:
            measured = set(content_terms(noun))
            if measured & _TALKS and asked_terms & _TALKS:
                return True  # "How long did they talk?": "a 2½-hour meeting", whatever else is said
            if not measured & asked_terms:
                continue
        if _about(re.compile(re.escape(match.group(0))), sentence, question):
            return True
    return False


_TO_DO = re.compile(r"^to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b|be\b)[a-z]+$")


def _purpose(sentence: str, question: str) -> bool:
    """Whether ``sentence`` gives the purpose of what the question asks about: one of its words,
    then "to <verb>" with at most two words between ("the leaders signed declarations to deepen
    cooperation" for "Why did they sign declarations?")."""
    asked_terms = set(content_terms(question))
    words = re.findall(r"[\w’'-]+", sentence)
    for i, word in enumerate(words):
        if not set(content_terms(word)) & asked_terms:
            continue
        for j in range(i + 1, min(i + 4, len(words) - 1)):
            # (not "went to court" for "why did he go to court": the question's own word)
            if (
                _TO_DO.match(f"{words[j]} {words[j + 1]}")
                and not set(content_terms(words[j + 1])) & asked_terms
            ):
                return True
    return False


# "When does summer officially end?", "When will the strike begin?": a date asked of an edge of
# something is of that edge; the sentence must say it ("ends", "ending", "the end of"), not give
# the date of another ("The summer solstice happens around June 20-21").
_EDGES = {  # a verb's forms in a question: the words a sentence says that edge with
    "end|ends|ended": "end",
    "start|starts|started": "start",
    "begin|begins|began": "begin|began|begun|beginning",
    "open|opens|opened": "open",
    "close|closes|closed": "clos",
    "expire|expires|expired": "expir",
    "finish|finishes|finished": "finish",
}
_EDGE = re.compile(
    r"\b(?:when|(?:what|which)\s+(?:year|date|day|month|time))\b.*\b"
    rf"(?P<verb>{'|'.join(_EDGES)})\b",
    re.IGNORECASE,
)


def _says_edge(verb: str, sentence: str) -> bool:
    said = next(words for forms, words in _EDGES.items() if verb.lower() in forms.split("|"))
    return bool(re.search(rf"\b(?:{said})", sentence, re.IGNORECASE))


# Words that name a part or stage of an event, capitalised in its name: "Stanley Cup Final".
_EVENT_WORDS = word_set(
    """final finals semifinal semifinals championship championships series game games match playoffs
    playoff round season edition tournament summit conference festival awards ceremony"""
)


def _extends(text: str, match: re.Match[str], known: frozenset[str], article: str) -> bool:
    """Whether the capitalised word ``match`` only extends a name the question holds, being a
    word ``article`` writes in lower case too, or a stage of an event: "Final" of "Stanley Cup
    Final" answers no "which team won the Stanley Cup?" (not "Panthers" of "the Florida
    Panthers", no common word)."""
    before = re.search(r"([A-Z][\w'’&.-]*)\s+$", text[: match.start()])
    after = re.match(r"\s+([A-Z][\w'’&.-]*)", text[match.end() :])
    if not any(
        m is not None and (t := content_terms(m.group(1))) and set(t) <= known for m in (before, after)
    ):
        return False
    word = match.group(0).rstrip(".").lower()
    return word in _EVENT_WORDS or word in _lower_case_words(article)


@lru_cache(maxsize=256)
def _lower_case_words(article: str) -> frozenset[str]:
    """The words ``article`` writes in lower case (``names.lower_words``), read once an article."""
    return lower_words([article])


def _named_elsewhere(word: str, article: str) -> bool:
    """Whether ``article`` writes ``word`` with its capital inside a sentence too: a name, not
    a word capitalised for opening one ("Starbucks will begin …" where "… changes at Starbucks"
    follows; never "However")."""
    return bool(article) and bool(re.search(rf"(?<=[a-z,;:] ){re.escape(word)}\b", article))


def holds(kind: str | None, sentence: str, question: str, article: str = "") -> bool:
    """Whether ``sentence`` holds an answer of ``kind``: a figure or date near what is asked
    about (not "the two leaders" for "how much has trade grown"), or a name the question
    does not hold. ``article``: the sentence's article, where a first word that is a name may
    show as one."""
    if kind == "amount":
        if _HOW_LONG.search(question):
            return _lasts(sentence, question)
        sentence = _new_figures(sentence, question)
        if _ASKS_MONEY.search(question):
            return _about(_MONEY, sentence, question, near_words=2 * _NEAR)  # a sum ends its clause
        return _about(_FIGURE, sentence, question, things=_counts_things(question))
    if kind == "date":  # "Since when …?" is answered by how long too: "through 75 years of relations"
        if (edge := _EDGE.search(question)) and not _says_edge(edge.group("verb"), sentence):
            return False  # "When does summer end?" is not answered by when it starts
        sentence = _without_own_event(sentence, question)
        return _about(_WHEN, sentence, question) or (
            bool(_SINCE_WHEN.search(question)) and _lasts(sentence, question)
        )
    if kind in ("name", "place"):
        known = expand(content_terms(question))  # "Japan" is no answer to "which Japanese city"
        text = undot(sentence)
        words = [*_initial_name(text)]
        if not words and (first := _FIRST_WORD.match(text)) and _named_elsewhere(first.group(1), article):
            words.append(first.group(1))
        if kind == "place" and (dateline := _DATELINE.match(text)):
            words.append(dateline.group(1))  # "BASEL, Switzerland — …": where it was reported from
        words += [
            m.group(0)
            for m in _CAPITALISED.finditer(text)
            if (kind == "name" or _located(text, m.start())) and not _extends(text, m, known, article)
        ]
        # (a person is no answer to "which party", "which app": "Trump has floated … since his
        # election victory" gives no party)
        anyone = kind == "place" or asks_person(question)
        # (nor is a country an answer to "which two leaders": "… Russia’s leader to Beijing")
        people = kind == "name" and asks_for_people(question)
        for word in words:
            word = word.rstrip(".")
            terms = content_terms(word)
            if (
                word.lower() not in TITLES
                and terms
                and not set(terms) <= known
                and not _WHEN.match(word)
                and (anyone or not person(word, [sentence, article]))
                and not (people and all(same_place(t) for t in terms))
            ):
                return True
        return False
    if kind == "role":
        name = described_name(question)
        return name is not None and _describes(sentence, name)
    if kind == "ordinal":
        return _ordinal(sentence, question)
    if kind == "reason":  # a cause said as one, or someone's own words (news gives reasons as quotes)
        return bool(_BECAUSE.search(sentence) or _QUOTATION.search(sentence) or _purpose(sentence, question))
    return True
