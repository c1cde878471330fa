"""Shared text knowledge: words keep their letters, and every article format is accepted by
the upload exactly as ingest reads it (both were bugs when each part kept its own copy)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import SimpleNamespace

from assistant import Assistant
from assistant.questions import parse_question
from index.sentences import mended, sentence_spans
from index.text import ARTICLE_SUFFIXES, article_suffix, content_terms


def test_words_ending_in_s_are_not_possessives() -> None:
    terms = parse_question("What did the boss say about the news?").terms
    assert "boss" in terms and "news" in terms
    assert content_terms("news") != content_terms("new")
    assert content_terms("Russia's") == content_terms("Russia") == content_terms("Russia’s")
    assert content_terms("the voters' choice") == content_terms("voters choice")
    assert content_terms("the U.S. and the U.K.") == content_terms("the US and the UK") == ["us", "uk"]


def test_the_pronoun_us_is_no_us_of_the_united_states() -> None:
    assert content_terms("a force that allows us to move forward") == ["forc", "allow", "move", "forward"]
    assert content_terms("the U.S. and the US") == ["us", "us"]


def test_pieces_of_contractions_are_words_of_their_own() -> None:
    """NLTK's stopwords hold "won" and "don" for "won't" and "don't"; here they are words."""
    assert content_terms("Who won the Stanley Cup?") == ["won", "stanley", "cup"]
    assert content_terms("Don Lemon won't say, and I don't know") == ["don", "lemon", "know"]


def test_every_format_ingest_reads_is_named_once() -> None:
    assert {article_suffix(f"a{s.upper()}") for s in ARTICLE_SUFFIXES} == set(ARTICLE_SUFFIXES)
    assert article_suffix("feed.JSONL.GZ") == ".jsonl.gz" and article_suffix("dump.gz") == ".gz"


def test_uploaded_json_gz_is_stored_and_ingested(fast_assistant: Assistant, tmp_path: Path) -> None:
    from assistant.ui import ChatApp

    upload = tmp_path / "wire.json.gz"
    record = {"title": "Ferry strike called off", "text": "The ferry union called off Friday's strike."}
    upload.write_bytes(gzip.compress(json.dumps(record).encode()))
    app = ChatApp(fast_assistant)
    message, *_ = app.add_files([SimpleNamespace(name=str(upload)), str(tmp_path / "dump.gz")])
    assert message.startswith("Added 1,") and "failed 0" in message
    assert "dump.gz: not an article file" in message
    assert list(app.uploads.iterdir()) == []  # stored as .json.gz, ingested, then deleted
    assert [i.title for i in fast_assistant.articles()] == ["Ferry strike called off"]


def test_a_numbers_abbreviation_does_not_end_a_sentence() -> None:
    text = "The FDA banned artificial Red No. 3 on Wednesday. It was in candy. He said no. 3 people left."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The FDA banned artificial Red No. 3 on Wednesday.",
        "It was in candy.",
        "He said no.",
        "3 people left.",
    ]


def test_a_title_before_a_name_does_not_end_a_sentence() -> None:
    text = (
        "The bill now heads to Gov. John Carney. It was signed, said coauthor Dr. Guy Goodwin.\n"
        "We met on Main St. The parade began. It is the largest in the U.S. The end."
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The bill now heads to Gov. John Carney.",
        "It was signed, said coauthor Dr. Guy Goodwin.",
        "We met on Main St.",  # a street's "St." after a name ends a sentence
        "The parade began.",
        "It is the largest in the U.S.",
        "The end.",
    ]
    # Spans an older ingest stored, cut after the title, are joined when read.
    pieces = ["The bill now heads to Gov.", "John Carney.", "It was signed, said coauthor Dr."]
    pieces += ["Guy Goodwin."]
    pieces += ["We met on Main St.", "The parade began.", "It is the largest in the U.S.", "The end."]
    cut, at = [], 0
    for piece in pieces:
        at = text.index(piece, at)
        cut.append((at, at + len(piece)))
    assert mended(text, tuple(cut)) == tuple(sentence_spans(text))


def test_a_dotted_abbreviation_is_one_word_even_without_its_last_dot() -> None:
    # "What did Hu Xijin say about the U.S.?" leaves the topic "the U.S": it is still "US".
    assert content_terms("the U.S") == content_terms("the U.S.") == ["us"]
    assert content_terms("from Washington, D.C. today") == ["washington", "dc", "today"]
    assert content_terms("Antony J. Blinken") == ["antoni", "blinken"]  # an initial is no abbreviation


def test_hyphenated_compounds_count_each_part() -> None:
    assert {"russia", "china", "tie"} <= set(content_terms("Russia-China ties"))


def test_accents_do_not_split_or_change_a_word() -> None:
    """ "Guantánamo" is one word and the same as "Guantanamo", as people type it."""
    assert content_terms("detainees at Guantánamo") == content_terms("detainees at Guantanamo")
    assert content_terms("Zoë Saldaña sang") == ["zoe", "saldana", "sang"]
    assert content_terms("2½ hours") == ["2½", "hour"]  # a fraction keeps its meaning
