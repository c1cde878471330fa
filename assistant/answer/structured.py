"""Structured answers: the model names the passage sentences each of its sentences rests on.

The passages are shown with every sentence numbered (S1, S2, …), and the reply must be JSON
of ``schema(count)``: first whether the passages answer the question at all, then up to
``MAX_ITEMS`` answer sentences, each either

    {"quote": "S3"}                               that sentence, verbatim: never retyped
    {"sources": ["S3", "S5"], "text": "…"}        a sentence of the model's own, resting on those

Before the sentences comes ``answer``: the answer itself in a few words copied from one passage
sentence ("DeepSeek", "April 15"). Small models find such a span far more reliably than they
choose sentence ids; the program then finds the sentence that holds the span (``locate``) and
quotes it first, and a span that no shown sentence holds is not from the articles.

The ids are an enum of the shown sentences, so a constrained model cannot cite one that does
not exist. ``parse`` reads a reply (keeping the whole items of one cut off at the token limit);
``Preview`` turns a reply streaming in into readable text as it arrives.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from index.text import content_terms

from ..llm import Schema

__all__ = ["MAX_ITEMS", "Item", "Preview", "Reply", "is_id", "locate", "parse", "schema", "sentence_id"]

MAX_ITEMS = 4
_ID = re.compile(r"^S(\d+)$")


def sentence_id(index: int) -> str:
    """The id the prompt shows for the sentence at 0-based ``index``."""
    return f"S{index + 1}"


def schema(count: int) -> Schema:
    """The JSON schema of a reply about ``count`` numbered sentences."""
    ids = {"type": "string", "enum": [sentence_id(i) for i in range(count)]}
    quote = {
        "type": "object",
        "properties": {"quote": ids},
        "required": ["quote"],
        "additionalProperties": False,
    }
    written = {
        "type": "object",
        "properties": {
            "sources": {"type": "array", "items": ids, "minItems": 1, "maxItems": 3},
            "text": {"type": "string"},
        },
        "required": ["sources", "text"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {
            "answerable": {"type": "boolean"},
            "answer": {"type": "string"},
            "sentences": {"type": "array", "items": {"anyOf": [quote, written]}, "maxItems": MAX_ITEMS},
        },
        "required": ["answerable", "answer", "sentences"],
        "additionalProperties": False,
    }


@dataclass(frozen=True)
class Item:
    """One answer sentence: the 0-based sentences it rests on, and its text (None: a quote)."""

    sources: tuple[int, ...]
    text: str | None = None


@dataclass(frozen=True)
class Reply:
    answerable: bool
    items: tuple[Item, ...]
    answer: str | None = None  # the short answer span; None when the reply has none


_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _words(text: str) -> list[str]:
    """Lower-case words, with full stops dropped first so that "D.C." is "DC" everywhere."""
    return [w.casefold().replace("’", "'") for w in _WORDS.findall(text.replace(".", ""))]


def locate(answer: str, sentences: Sequence[str]) -> list[int]:
    """The sentences that hold ``answer`` word for word (case, punctuation and spacing aside);
    failing that, those holding every content word of it ("the Drents Museum in the
    Netherlands" for "... at the Drents Museum, in the northern Netherlands"). Only the
    sentence is ever shown, so a loose match cannot put words in the articles' mouths."""
    wanted = _words(answer)
    if not wanted:
        return []
    n = len(wanted)
    split = [_words(sentence) for sentence in sentences]
    exact = [
        i
        for i, words in enumerate(split)
        if any(words[k : k + n] == wanted for k in range(len(words) - n + 1))
    ]
    if exact:
        return exact
    terms = set(content_terms(answer.replace(".", "")))
    if not terms:
        return []
    return [
        i for i, sentence in enumerate(sentences) if terms <= set(content_terms(sentence.replace(".", "")))
    ]


def is_id(text: str) -> bool:
    """Whether ``text`` is a sentence id ("S34"), as a small model sometimes gives for an answer."""
    return bool(_ID.match(text.strip()))


def _index(value: Any, count: int) -> int | None:
    found = _ID.match(value) if isinstance(value, str) else None
    index = int(found.group(1)) - 1 if found else -1
    return index if 0 <= index < count else None


def _item(value: Any, count: int) -> Item | None:
    if not isinstance(value, dict):
        return None
    if "quote" in value:
        index = _index(value["quote"], count)
        return None if index is None else Item((index,))
    sources = value.get("sources")
    text = value.get("text")
    if not isinstance(sources, list) or not isinstance(text, str) or not text.strip():
        return None
    indices = tuple(dict.fromkeys(i for s in sources if (i := _index(s, count)) is not None))
    return Item(indices, text.strip())


_ANSWERABLE = re.compile(r'"answerable"\s*:\s*(true|false)')
_SENTENCES = re.compile(r'"sentences"\s*:\s*\[')
_ANSWER = re.compile(r'"answer"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _whole_items(raw: str) -> tuple[list[Any], int]:
    """The complete JSON values of the ``sentences`` array, and where the incomplete rest starts."""
    found = _SENTENCES.search(raw)
    if not found:
        return [], len(raw)
    decoder = json.JSONDecoder()
    values: list[Any] = []
    pos = found.end()
    while True:
        while pos < len(raw) and raw[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(raw) or raw[pos] != "{":
            return values, pos
        try:
            value, end = decoder.raw_decode(raw, pos)
        except json.JSONDecodeError:
            return values, pos
        values.append(value)
        pos = end


def parse(raw: str, count: int) -> Reply | None:
    """The reply in ``raw`` about ``count`` sentences; None when it is not such JSON at all.

    A reply cut off by the token limit keeps its whole items; items naming no shown sentence
    are dropped (a written one keeps its text with no sources, for the checker to place).
    """
    flag = _ANSWERABLE.search(raw)
    if flag is None:
        return None
    values, _ = _whole_items(raw)
    items = tuple(item for v in values[:MAX_ITEMS] if (item := _item(v, count)) is not None)
    span = _ANSWER.search(raw)
    answer = None
    if span:
        with contextlib.suppress(json.JSONDecodeError):
            answer = str(json.loads(f'"{span.group(1)}"')).strip()
    return Reply(flag.group(1) == "true", items, answer)


_PARTIAL_TEXT = re.compile(r'"text"\s*:\s*"((?:[^"\\]|\\.)*)')


class Preview:
    """What a streaming structured reply says so far, as text a person can read."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self.sentences = sentences
        self.raw = ""
        self.shown = ""

    def _text(self) -> str:
        values, rest = _whole_items(self.raw)
        parts = []
        for value in values:
            item = _item(value, len(self.sentences))
            if item is not None:
                parts.append(self.sentences[item.sources[0]] if item.text is None else item.text)
        partial = _PARTIAL_TEXT.search(self.raw, rest)
        if partial:
            body = partial.group(1).rstrip("\\")
            with contextlib.suppress(json.JSONDecodeError):  # half an escape: shown with the next piece
                parts.append(json.loads(f'"{body}"'))
        return " ".join(parts)

    def feed(self, piece: str) -> str:
        """The text that ``piece`` adds to what was shown (empty while it adds none).

        A reply that is not JSON (a server that ignored the schema) is shown as it comes.
        """
        self.raw += piece
        start = self.raw.lstrip()
        if start and not start.startswith("{"):
            return piece
        text = self._text()
        if not text.startswith(self.shown):
            return ""
        new, self.shown = text[len(self.shown) :], text
        return new
