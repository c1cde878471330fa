"""Reading a question: its content terms, named entities, and "what did X say about Y".

News questions are very often about what somebody said. Recognising the speaker and the
topic lets the answer step look for that person's attributed sentences first, and refuse
when the articles never quote them, instead of quoting someone else on the same topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import capwords

from index.quotes import ROLE_NOUNS
from index.retrieve import TimeSignal
from index.text import (
    QUESTION_WORDS,
    TITLES,
    WORD,
    content_terms,
    stopwords,
    strip_possessive,
    undot,
    word_set,
)

__all__ = [
    "AIM_ASKED",
    "AIM_NOUNS",
    "Question",
    "compound_parts",
    "is_role",
    "name_tokens",
    "parse_question",
    "party_terms",
    "resolve_it",
]

# "What did Tass report?": a report's sentences say "according to Tass", "Tass quoted …": the
# verb is no word they need hold.
_REPORT = r"report(?:ed|s)?"
_REPORT_VERB = re.compile(_REPORT, re.IGNORECASE)
# Words put out otherwise than aloud, or said with a stress: the speaker may be reported, not
# quoted ("What did the ministry insist?"), so who is named is a guess. In lower case only.
_ALSO_SAY_VERBS = (
    r"post|posted|tweet|tweeted|insist|insisted|stress|stressed|emphasi[sz]e|emphasi[sz]ed|admit|"
    r"admitted|deny|denied|reply|replied|acknowledge|acknowledged|vow|vowed|pledge|pledged|"
    # (not "What did Tass report Putin said?": Putin's words, which Tass relays)
    rf"{_REPORT}(?!\w)(?!\s+(?:that\s+)?[A-Z])"
)
_SAY = (
    r"say|said|tell|told|think|thought|claim|claimed|write|wrote|argue|argued|comment|"
    r"commented|mention|mentioned|note|noted|suggest|suggested|warn|warned|believe|feel|"
    # "state" in lower case only: "What did the Secretary of State say?" names a State
    r"predict|predicted|add|added|(?-i:state|stated)|describe|described|call|called|characteri[sz]e|"
    rf"characteri[sz]ed|refer\s+to|referred\s+to|label|labell?ed|(?-i:{_ALSO_SAY_VERBS})"
)
_ALSO_SAY = re.compile(rf"(?:{_ALSO_SAY_VERBS})\b")
_CALL_FOR = re.compile(r"call(?:ed|s)?\s+for\b", re.IGNORECASE)
# "Did China supply arms?", "Is Putin willing to negotiate?": answered yes or no.
_POLAR = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may|"
    r"might|must)\b",
    re.IGNORECASE,
)
_DESCRIBE = re.compile(r"\b(?:describe|call(?!\s+for\b)|characteri[sz]e|refer\s+to|label)\b", re.IGNORECASE)
# "What unique agendas does Muraviev mention?", "What are the risks Muraviev cites?": the thing
# asked about first, then who spoke of it (a guess: "What are the concerns the West raised?").
_THING_THEN_SPEAKER = re.compile(
    r"^\s*(?i:what|which)\s+(?:(?i:is|are|was|were)\s+)?(?P<topic>[\w’'\- ]+?)\s+"
    r"(?:(?i:that|which)\s+|(?i:does|did|do|has|have|had)\s+)?(?:the\s+)?"
    r"(?P<speaker>[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*)\s+"
    rf"(?i:(?:{_SAY}|says|tells|thinks|claims|writes|argues|comments|mentions|notes|suggests|warns|"
    r"believes|predicts|describes|calls|cites?|cited|lists?|listed|raises?|raised|names|named|"
    r"point(?:s|ed)?\s+to|sees|saw|identifies|identified))(?:\s+(?:about|of|to|on))?[\s?.!]*$"
)
_SPEAKER_PATTERNS = [
    re.compile(
        rf"^\s*(?:(?:and|so|but|then)\s+)?(?:(?P<wh>what(?:\s+else)?|how)\s+)?(?:did|does|do|has|have|had|would|will)\s+"
        # "What has China not called for", "What did Xi also say": the adverb is no part of a name
        rf"(?P<speaker>.+?)(?:\s+(?:not|never|also|ever|just|already|recently|repeatedly|publicly|previously))*"
        rf"\s+(?P<verb>{_SAY})\b(?:\s+anything)?(?:\s+(?:about|on|regarding|concerning|of|to|over|in|for)\b)?"
        rf"\s*(?P<topic>.*?)[\s?.!]*$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^\s*(?:(?i:what)\s+(?:is|was|are|were)\s+|(?i:what)[’']s\s+|(?i:describe|explain|summari[sz]e|give\s+me|tell\s+me)\s+)?"
        r"(?P<speaker>[A-Z][\w.’'\- ]+?)[’']s?\s+"
        r"(?:view|views|opinion|position|stance|take|comment|comments|remarks?|quote)\s+"
        r"(?:on|about|regarding|of)\s+(?P<topic>.+?)[\s?.!]*$",
    ),
    # "Tell me what Muraviev said about power balance.", "Summarize what Xi has said."
    re.compile(
        r"^\s*(?:(?:please\s+)?(?:tell|show|give)\s+(?:me|us)\s+|summari[sz]e\s+|quote\s+)?what\s+"
        r"(?P<speaker>.+?)\s+(?:has\s+|had\s+)?(?:said|says|thinks|thought|wrote|told\s+\w+)\b"
        r"(?:\s+(?:about|on|regarding|concerning|over)\b)?\s*(?P<topic>.*?)[\s?.!]*$",
        re.IGNORECASE,
    ),
    # "Quote Blinken.", "Show me quotes from Xi.", "What quotes does the article include from Xi?"
    re.compile(
        r"^\s*(?:(?i:quote)|(?i:(?:show|give)\s+(?:me|us)\s+(?:the\s+)?quotes?\s+(?:from|of|by))|"
        r"(?i:what\s+quotes?\s+(?:does|did)\s+the\s+(?:article|story|piece|report)\s+(?:include|have|give|use)\s+"
        r"(?:from|of|by)))\s+(?P<speaker>[A-Z][\w.’'\-]*?(?:\s+[A-Z][\w.’'\-]*?){0,2})"
        r"(?:\s+(?i:on|about)\s+(?P<topic>.+?))?[\s?.!]*$"
    ),
    _THING_THEN_SPEAKER,
    re.compile(r"^\s*according\s+to\s+(?P<speaker>[^,]+),\s*(?P<topic>.+?)[\s?.!]*$", re.IGNORECASE),
    # "What is inevitable according to Hu Xijin?", "…, in Hu's view?": the credit at the end.
    re.compile(r"^\s*(?P<topic>.+?),?\s+according\s+to\s+(?P<speaker>[^,?]+?)[\s?.!]*$", re.IGNORECASE),
]
_ACCORDING = _SPEAKER_PATTERNS[-2:]  # who is credited may be a source ("according to Reuters")
# "…, in Hu's view?", "…, in the words of Hu?": a credit at the end, read as "according to Hu".
_IN_VIEW = re.compile(
    r",?\s+in\s+(?:(?P<who>[^,?]+?)[’']s?|the\s+(?:view|words|opinion)\s+of\s+(?P<whom>[^,?]+?))"
    r"(?(who)\s+(?:view|words|opinion|estimation))(?=[\s?.!]*$)",
    re.IGNORECASE,
)


# "According to X, how much ...?" names X as the source of a report, not as a speaker to quote,
# when X is an organisation: an acronym (AP, CDC) or a name with an institution's word in it.
_SOURCE_WORDS = word_set(
    """press news times post journal herald tribune telegraph guardian reuters bloomberg xinhua tass
    afp media agency ministry department office bureau institute commission council committee
    association service survey report reports data statistics census poll study university bank
    government police court network radio television tv"""
)


# "What did Tass report Putin said?": an outlet relays someone's words; the words are the speaker's.
_RELAYED = re.compile(
    r"^(?P<source>.+?)\s+(?:report|reports|reported|quote|quotes|quoted)\s+(?:that\s+)?(?P<speaker>[A-Z].*)$"
)


def _is_source(name: str) -> bool:
    words = re.findall(r"[\w’'.-]+", name)
    capitals = [w for w in words if w[0].isupper()]
    if capitals and all(re.fullmatch(r"[A-Z]{2,}s?|(?:[A-Z]\.){2,}", w) for w in capitals):
        return True
    return any(w.lower().strip(".") in _SOURCE_WORDS for w in words)


@dataclass(frozen=True)
class Question:
    """A parsed question."""

    text: str
    terms: tuple[str, ...]
    entities: tuple[str, ...]
    speaker: str | None = None
    topic: str | None = None
    # Set when the question names a time ("this week", "latest"): answers prefer that time too,
    # and ``subject`` is the question without the time phrase.
    time: TimeSignal | None = None
    subject: str | None = None
    # "According to Reuters, ...": the outlet or body the question credits, never a speaker.
    source: str | None = None
    # The speaker is a guess: read from a question typed all in lower case ("what did muraviev
    # say about ...", where no capital tells a name from "officials"), from a yes-or-no
    # question ("Did China warn …?") or from a search ("Muraviev on power balance?"). The
    # answer step asks it as a plain question when the articles quote nobody by that name.
    guessed: bool = False
    # Typed as a search, not a question ("muraviev power balance"): a few words, none of them a
    # question word, a verb of asking or a request. Its first words may name whom it is about.
    search: bool = False

    @property
    def describes(self) -> bool:
        """Whether it asks how the speaker described or called something."""
        return self.speaker is not None and bool(_DESCRIBE.search(self.text))

    @property
    def polar(self) -> bool:
        """Whether it asks for a yes or a no ("Did China supply arms to Russia?")."""
        return bool(_POLAR.search(self.subject or self.text))

    @property
    def topical(self) -> str | None:
        """What the question asks about as a whole, when that is all it asks: "What about the
        crackdown?", "Tell me about Harbin." (and "Does the article mention Harbin?", read so)."""
        match = _TOPICAL.match(self.subject or self.text)
        return match.group("topic") if match and not self.speaker else None

    @property
    def speaker_names(self) -> tuple[str, ...]:
        """Name tokens by which the speaker may appear in text ("Alexey Muraviev" -> both)."""
        return name_tokens(self.speaker) if self.speaker else ()


def name_tokens(name: str) -> tuple[str, ...]:
    """The capitalised words of a person's name, titles dropped ("President Joe Biden" -> both)."""
    tokens = [w for w in re.findall(r"[A-Z][\w’'\-]+", name) if w.lower() not in _NOT_NAME]
    return tuple(tokens) or (name,)


# "How long did the meeting last?": "long" belongs to the question word, as "many" and "much"
# do; a sentence answering it need not say "long".
_HOW = re.compile(r"\bhow\s+(?:long|old|far|big|large|tall|high|fast|often|soon|late|early)\b", re.IGNORECASE)
# "What are the two countries' ties like?": "like" asks for a description; no sentence says it.
_LIKE = re.compile(r"^(\s*(?:what|how)\b.*\S)\s+like\s*\?\s*$", re.IGNORECASE)
_TOPIC_LEAD = re.compile(r"^(?:\w+\s+){0,3}?(?:about|on|regarding|concerning)\s+", re.IGNORECASE)
_NOT_NAME = TITLES | {"the"}
# "What is described as a strong driving force?": the sentence that answers it need not say
# "described"; the words after "as" are what it must hold.
_FRAMED = re.compile(
    r"\b(?:is|are|was|were|been|being)\s+(?:described|called|referred\s+to|known|labell?ed|dubbed|seen)\s+as\b",
    re.IGNORECASE,
)


# "Where is Curtin University located?", "What day did the ceremony take place?": the words that
# say something is somewhere or at some time are the question's, not words the answer must hold
# ("… at Curtin University in Western Australia").
_WHERE_OR_WHEN = re.compile(
    r"^\s*(?:where|when|(?:on|in|by)?\s*(?:what|which)\s+(?:year|date|day|month|time|decade))\b",
    re.IGNORECASE,
)
_SITUATING = re.compile(
    r"\b(?:located|situated|based|headquartered|(?:take|takes|took|taken|taking)\s+place|held|happen(?:ed|s)?|"
    # "Where does the oversupply come from?": "… oversupply from China"
    r"occur(?:red|s)?|(?:come|comes|came|coming)(?=\s+from\b))\b|^\s*(?:on|in|by)?\s*(?:what|which)\s+(?:year|date|day|month|time|decade)\b",
    re.IGNORECASE,
)


# "What amount has trade reached?", "What percentage of voters …?": the noun asks for a figure,
# and the figure answers without it ("to more than $240 billion").
_FIGURE_NOUN = re.compile(
    r"^\s*(?:by\s+)?(?:what|which)\s+(?:amount|number|percentage|percent|share|proportion|sum|total|figure)\b",
    re.IGNORECASE,
)

# "What was the aim of the welcome?" asks why: the sentence that answers says "meant to", not
# "aim" (as "what amount" asks how much).
# (``kinds`` reads the same words, and "the cause of", as asking for a reason)
AIM_ASKED = (
    r"what\s+(?:was|is|were|are)\s+(?:the|his|her|its|their|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s?)"
    r"\s+(?:main\s+|real\s+)?"
)
AIM_NOUNS = r"reasons?|motives?|purpose|goal|aim|intent|intention|objective"
_PURPOSE_NOUN = re.compile(rf"^(\s*{AIM_ASKED})(?:{AIM_NOUNS})\b", re.IGNORECASE)

# "Which city did Putin visit besides Beijing?": what is set aside is no word of the answer, nor
# is the word that sets it aside ("… a trip to the northeastern city of Harbin …").
_SET_ASIDE = re.compile(
    r"\b(?i:besides|apart\s+from|aside\s+from|other\s+than|except(?:\s+for)?|excluding)\b"
    r"(?:\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)?"
)


# "What do the two countries stand against?": the parties the story is about, called by what
# they are, are no words of the answer ("… a desire to stand united against …" says "their").
_PARTIES = re.compile(
    r"\b(?:the\s+two|both(?:\s+the)?)\s+(?:countries|nations|leaders|sides|presidents|neighbou?rs|"
    r"governments|powers|men|women)(?:[’']s?)?(?![\w’'-])",
    re.IGNORECASE,
)


def party_terms(text: str) -> frozenset[str]:
    """The terms of ``text``'s words for the story's two parties ("the two countries"), which
    a sentence may hold or not; none when they are all it asks about ("Who are the two
    leaders?")."""
    parties = frozenset(t for m in _PARTIES.finditer(text) for t in content_terms(m.group(0)))
    return parties if parties and set(content_terms(text)) - parties else frozenset()


# "Where did the welcome ceremony take place?": a ceremony, event or occasion named by what it
# is ("welcome", "awards") is that word; the articles say "the red-carpet welcome".
_GENERIC_HEAD = re.compile(r"\b(?P<what>[A-Za-z][\w’'-]+)\s+(?:ceremony|ceremonies|event|events|occasion)\b")


def _without_generic_heads(text: str) -> str:
    return _GENERIC_HEAD.sub(
        lambda m: m.group(0) if m.group("what").lower() in stopwords() else m.group("what"), text
    )


def _unsituated(text: str) -> str:
    """A where or when question without its words of being somewhere or at some time; a "what
    amount" question without the noun that asks for a figure, "what was the aim of" without the
    noun that asks why."""
    text = _PURPOSE_NOUN.sub(r"\1", _FIGURE_NOUN.sub(" what ", text))
    return _SITUATING.sub(" ", text) if _WHERE_OR_WHEN.search(text) else text


# "What might tip the scales?" is answered by "that could tip the scales": a modal verb is no
# word the answer need hold.
_MODALS = frozenset(content_terms("might could would may must shall ought"))

# "Who used to edit the Global Times?": a habit in the past, no word the answer need hold
# ("the former editor"). Not "What was the money used to buy?", where "used" is the verb.
_USED_TO = re.compile(r"\bused\s+to\b(?=\s+[a-z])", re.IGNORECASE)
_USED_TO_VERB = re.compile(_USED_TO.pattern + r"\s+\w+", re.IGNORECASE)  # with its verb: "used to be"
_BEING = re.compile(r"\b(?:is|are|was|were|be|been|being)\b", re.IGNORECASE)


def _without_habit(text: str) -> str:
    return text if _BEING.search(_USED_TO_VERB.sub(" ", text)) else _USED_TO.sub(" ", text)


# "what did he say about Ukraine?": a pronoun is for the conversation to resolve, not a name.
_PRONOUNS = word_set("he she they it we you i him her them this that")
# A request's first word is capitalised as any first word is: "Summarize what Muraviev said.",
# "Name the university where Muraviev works.";
# so is a rough count's: "Hundreds of senior officers were ordered …".
_REQUESTS = word_set("summarize summarise tell show give list explain describe quote please name identify")
_ROUGH_COUNTS = word_set("dozens hundreds thousands millions billions scores tens")
# "Describe the welcome ceremony.": the request is no word the answer's sentence need hold.
_REQUEST = re.compile(
    r"^\s*(?:please\s+)?(?:describe|explain|list|tell\s+(?:me|us)\s+(?:about|of)|give\s+(?:me|us)|show\s+(?:me|us))\b",
    re.IGNORECASE,
)


_TOPICAL = re.compile(
    r"^\s*(?:(?:and\s+)?what\s+about|(?:please\s+)?tell\s+(?:me|us)\s+(?:about|of))\s+(?P<topic>.+?)[\s?.!]*$",
    re.IGNORECASE,
)


def _entities(text: str) -> list[str]:
    """Capitalised words that are not sentence-initial question words or requests ("U.S."
    as "US")."""
    words = WORD.findall(undot(text))
    out = []
    for i, w in enumerate(words):
        # (nor a verb that opens a yes-or-no question: "Could Russia's successes …?")
        opening = i == 0 and (w.lower() in stopwords() or w.lower() in _REQUESTS | _ROUGH_COUNTS | _AFTER_WH)
        if w[0].isupper() and not opening and w.lower() not in QUESTION_WORDS:
            out.append(strip_possessive(w))
    return out


_CUT_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.)+[A-Za-z]$")
# "Muraviev on power balance?": a name and a topic, typed as a search. A guess ("Sanctions on
# Russia?" names nobody), asked as a plain question when nobody by that name is quoted.
_BRIEF = re.compile(
    r"^\s*(?:(?i:quote|show\s+me|give\s+me|find)\s+)?"  # "Quote Muraviev on the power balance."
    r"(?P<speaker>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,2})\s+(?:on|about)\s+(?P<topic>.+?)[\s?.!]*$"
)


_WH = ("what", "who", "when", "where", "why", "how", "which", "whose")
_HOW_NEXT = word_set("many much long often old far big large soon")
_AFTER_WH = _HOW_NEXT | word_set(
    "did does do is was are were has have had will would can could should may might must"
)


def _one_slip(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with one letter changed, added, dropped, or two swapped."""
    if typed == word or abs(len(typed) - len(word)) > 1:
        return False
    if len(typed) == len(word):
        diff = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == word[diff[1]]
        return len(diff) == 1 or (swapped and typed[diff[1]] == word[diff[0]])
    short, long = sorted((typed, word), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# "whats the global times": "what's" typed without its apostrophe.
_NO_APOSTROPHE = re.compile(r"^(\s*)(what|who|where|when|why|how)s\b", re.IGNORECASE)


def mend_question_word(text: str) -> str:
    """``text`` with a slip in its first word mended when that word can only be a question word
    ("Waht did Muraviev say …?", "Hw many …?", "Whats …?"): a misspelt "what" is otherwise a
    word the answer must hold. A word that could be two ("hwo": who or how) is mended by what
    follows."""
    text = _NO_APOSTROPHE.sub(r"\1\2 is", text)
    match = re.match(r"(\s*)([A-Za-z]+)(\s+)(\w+)", text)
    if match is None or match.group(2).lower() in _WH or match.group(2).lower() in stopwords():
        return text
    typed = match.group(2).lower()
    if len(typed) < 2 or match.group(4).lower() not in _AFTER_WH:  # "Wen Jiabao said …" is a name
        return text
    found = [w for w in _WH if _one_slip(typed, w)]
    if len(found) > 1 and "how" in found:
        found = ["how"] if match.group(4).lower() in _HOW_NEXT else [w for w in found if w != "how"]
    if len(found) != 1:
        return text
    word = found[0].capitalize() if match.group(2)[0].isupper() else found[0]
    return text[: match.start(2)] + word + text[match.end(2) :]


# "What did the professor say?": a person named by a role the articles give them, resolved to
# a name against the articles found (``index.quotes.role_holder``).
_A_ROLE = re.compile(
    # "the former editor", "Russia's president"
    rf"^(?:the|[\w.-]+[’']s)\s+(?:[\w’'-]+\s+){{0,3}}?(?:{'|'.join(sorted(ROLE_NOUNS))})$",
    re.IGNORECASE,
)


# "muraviev power balance", "Blinken European security": no word of a question or a request.
# (A request's word may come later in a search: "muraviev power balance quote".)
_ASKING = (QUESTION_WORDS | (_AFTER_WH - _HOW_NEXT) | _PRONOUNS | word_set("if whether")) - _REQUESTS


def _searched(text: str) -> bool:
    """Whether ``text`` is typed as a search: two to eight words, none that asks, and no request
    first ("muraviev power balance quote" is a search, "quote muraviev" a request)."""
    words = [_CONTRACTED.sub("", w.lower()) for w in WORD.findall(text)]  # "what’s" asks as "what"
    return 2 <= len(words) <= 8 and words[0] not in _REQUESTS and not any(w in _ASKING for w in words)


_CONTRACTED = re.compile(r"[’'](?:s|re|d|ll|ve)$")


# "Who met in Beijing and what did they sign?": two questions in one, each asked on its own.
_COMPOUND = re.compile(
    r"^(?P<first>(?:what|who|whom|whose|where|when|why|how|which)\b.*?\w)[\s,;]+and\s+"
    r"(?P<second>(?:what|who|whom|whose|where|when|why|how|which)\b.*\w)[\s?.!]*$",
    re.IGNORECASE,
)


def compound_parts(text: str) -> tuple[str, str] | None:
    """The two questions of "<wh-question> and <wh-question>?", each of three words or more."""
    match = _COMPOUND.match(" ".join(text.split()))
    if match is None:
        return None
    first, second = match.group("first"), match.group("second")
    if len(first.split()) < 3 or len(second.split()) < 3:
        return None  # "Who and why?", "When and where did it happen?"
    names = _NAME_RUN.findall(first.split(" ", 1)[1])
    if len(names) == 1:  # "Who is Muraviev, and where does he work?": he is Muraviev
        name = names[0]
        his = _HIS.search(second)
        second = _HIS.sub(f"{name}'s", second, count=1) if his else _HE.sub(name, second, count=1)
    second = resolve_it(first, second)  # "How long did the meeting last and where was it held?"
    return f"{first}?", f"{second[0].upper()}{second[1:]}?"


# "How long did the meeting last?" then "Where did it take place?": "it" as the subject after
# "did" (or after a preposition, or in "where was it") stands for the thing the last question
# was about, "the meeting"; "Is it true …?" is no such "it".
_IT = re.compile(
    r"\b(?:(?:did|does|do|will|would|has|have|had)|(?:about|of|on|at|after|before|during)|"
    r"(?:where|when|how|why)\s+(?:was|is|were|will\s+be))\s+(it)\b",
    re.IGNORECASE,
)
_THE_THING = re.compile(
    r"\b(?:did|does|do|is|was|were|will|would|has|have|had)\s+(the\s+(?!\w+s\b)[a-z][\w-]*)\b"
)


def resolve_it(previous: str, question: str) -> str:
    """``question`` with its "it" replaced by the thing the ``previous`` question asked about,
    when that one has one ("the meeting"); unchanged otherwise."""
    it = _IT.search(question)
    thing = _THE_THING.search(previous) if it else None
    if it is None or thing is None:
        return question
    return question[: it.start(1)] + thing.group(1) + question[it.end(1) :]


_NAME_RUN = re.compile(r"\b[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*")
_HE = re.compile(r"\b(?:he|she|him)\b", re.IGNORECASE)
_HIS = re.compile(r"\b(?:his|her)\b(?=\s+\w)", re.IGNORECASE)


def is_role(speaker: str) -> bool:
    """Whether a speaker is named by a role ("the former editor", "the Secretary of State",
    "Russia's president")."""
    return speaker.lower().startswith("the ") or bool(_A_ROLE.match(speaker))


def _guessed(
    text: str, speaker: str, pattern: re.Pattern[str], match: re.Match[str] | None, lower: bool
) -> bool:
    """Whether the speaker read is a guess, asked as a plain question when nobody by that name
    is quoted: typed in lower case; a role ("the president") or a body ("the West"); a
    yes-or-no question, which may ask about an act, not words ("Did China warn …?"); words put
    out otherwise than aloud
    ("posted", "insisted"); a demand ("What has China not called for?"), reported more often
    than quoted; a country's stance ("China's stance on …"); a credit at the end, which may name
    no speaker ("…, according to an annual list from the Economist Intelligence Unit?"); an
    outlet ("How did Tass describe …?"), which reports more than it is quoted."""
    if lower or is_role(speaker) or _is_source(speaker):
        return True
    if pattern in (_SPEAKER_PATTERNS[1], _THING_THEN_SPEAKER, _SPEAKER_PATTERNS[-1]):
        return True
    if pattern is not _SPEAKER_PATTERNS[0] or match is None:
        return False
    verb = text[match.start("verb") :]
    return not match.group("wh") or bool(_ALSO_SAY.match(verb) or _CALL_FOR.match(verb))


def parse_question(text: str) -> Question:
    text = mend_question_word(" ".join(text.split()))
    speaker = topic = source = None
    lower = not any(c.isupper() for c in text)  # typed in lower case: a name has no capital
    credited = _IN_VIEW.sub(lambda m: f" according to {m.group('who') or m.group('whom')}", text)
    for pattern in _SPEAKER_PATTERNS:
        match = pattern.match(credited)
        named = lower and match is not None and match.group("speaker").lower() not in _PRONOUNS
        named = named or (match is not None and bool(_A_ROLE.match(match.group("speaker"))))
        if match and (named or any(c.isupper() for c in match.group("speaker"))):
            speaker = match.group("speaker").strip()
            speaker = capwords(speaker) if lower else speaker
            topic = _TOPIC_LEAD.sub("", match.group("topic") or "").strip() or None
            if topic and _CUT_ABBREVIATION.search(topic):
                topic += "."  # the question mark took "U.S." for "U.S" and an end of sentence
            break
    if speaker and (relayed := _RELAYED.match(speaker)):  # "What did Tass report Putin said?"
        source, speaker = relayed.group("source"), relayed.group("speaker")
    if speaker and pattern in _ACCORDING and _is_source(speaker):
        source, speaker, topic = speaker, None, None  # a report's source: answer the question itself
    guessed = speaker is not None and _guessed(text, speaker, pattern, match, lower)
    verb = match.group("verb") if speaker and match and "verb" in pattern.groupindex else ""
    unsaid = frozenset(content_terms(verb)) if _REPORT_VERB.fullmatch(verb) else frozenset()
    if (
        speaker is None
        and (brief := _BRIEF.match(text))
        and brief.group("speaker").lower() not in QUESTION_WORDS
        and brief.group("speaker").split()[0].lower() not in stopwords()  # "And about Putin?"
    ):
        speaker, topic, guessed, search = brief.group("speaker"), brief.group("topic"), True, True
    else:
        search = speaker is None and _searched(text)
    asked = _unsituated(_without_generic_heads(_SET_ASIDE.sub(" ", text)))
    asked = _without_habit(_FRAMED.sub(" ", _HOW.sub("how", _REQUEST.sub("", _LIKE.sub(r"\1?", asked)))))
    return Question(
        text=text,
        terms=tuple(t for t in content_terms(asked) if t not in _MODALS and t not in unsaid),
        entities=tuple(_entities(text)),
        speaker=speaker,
        topic=topic,
        source=source,
        guessed=guessed,
        search=search,
    )
