"""Who said what: speakers and their sentences, found at ingest, on written and real news."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from index.quotes import find_quotes, leading_speaker, nearest_speaker, role_holder, speaker_matches

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"  # ../shared beside the repo

PROFILE = """Court rules on harbour permits

Jo Wren, the former editor of the Harbour Gazette, said the ruling was overdue.
"The permits were never checked," the former editor said. "Everyone knew it."
The council declined to comment on Thursday.
"We will appeal," said Prime Minister Ana Duarte. She added that the harbour would stay open.
"Nothing changes for the fishing fleet."
Dock workers gathered outside the court.
"Another quote nobody claims," a passer-by shouted.
"This is a victory for the coast," Wren told Reuters, while Duarte said the court had overreached.
The prime minister said talks would resume next week.
"""


def _owners(text: str) -> dict[str, str]:
    return {text[q.start : q.end]: q.speaker for q in find_quotes(text)}


def test_names_pronouns_and_roles_resolve_to_the_person() -> None:
    owners = _owners(PROFILE)
    assert (
        owners["Jo Wren, the former editor of the Harbour Gazette, said the ruling was overdue."] == "Jo Wren"
    )
    # "the former editor" is the role the appositive gave Jo Wren; the next bare sentence is hers too.
    assert owners['"The permits were never checked," the former editor said.'] == "Jo Wren"
    assert owners['"Everyone knew it."'] == "Jo Wren"
    # A title before the name is a role; "She added" continues the last speaker.
    assert owners['"We will appeal," said Prime Minister Ana Duarte.'] == "Ana Duarte"
    assert owners["She added that the harbour would stay open."] == "Ana Duarte"
    # A paragraph that opens with a quotation mark and names nobody continues the last speaker.
    assert owners['"Nothing changes for the fishing fleet."'] == "Ana Duarte"
    # "the prime minister" resolves through the title.
    assert owners["The prime minister said talks would resume next week."] == "Ana Duarte"


def test_a_lowercase_role_between_said_and_the_name() -> None:
    """ "said harbor manager Leo Brandt": the role words are not the name, the name is the speaker,
    and the role resolves later mentions ("the harbor manager said")."""
    text = (
        "Cargo piles up at the port.\n"
        '"We will not return until wages rise," said harbor manager Leo Brandt.\n'
        "Farmers warned that fruit would rot on the quay.\n"
        '"Talks are the only way," said port spokeswoman Ana Ruiz.\n'
        "Ships waited outside the breakwater.\n"
        "The harbor manager said the port would stay open."
    )
    owners = _owners(text)
    assert owners['"We will not return until wages rise," said harbor manager Leo Brandt.'] == "Leo Brandt"
    assert owners['"Talks are the only way," said port spokeswoman Ana Ruiz.'] == "Ana Ruiz"
    assert owners["The harbor manager said the port would stay open."] == "Leo Brandt"
    assert "Ships waited outside the breakwater." not in owners


def test_narration_reporters_and_weekdays_are_not_speakers() -> None:
    owners = _owners(PROFILE)
    assert "The council declined to comment on Thursday." not in owners
    assert "Dock workers gathered outside the court." not in owners
    # After a narrative paragraph a bare quotation is not given to the previous speaker, and
    # "told Reuters" makes Wren the speaker, not the news agency.
    assert '"Another quote nobody claims," a passer-by shouted.' not in owners
    mixed = next(s for s in owners if s.startswith('"This is a victory'))
    assert owners[mixed] == "Jo Wren"
    assert "Reuters" not in set(owners.values()) and "Thursday" not in set(owners.values())


def test_reference_article_speakers(seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    quotes = find_quotes(text)
    by_speaker: dict[str, list[str]] = {}
    for q in quotes:
        assert text[q.start : q.end].strip() == text[q.start : q.end] and q.end > q.start
        by_speaker.setdefault(q.speaker, []).append(text[q.start : q.end])
    muraviev = by_speaker["Alexey Muraviev"]
    # The power-balance paraphrase ("..., Muraviev said") and the "he said" paragraph after it.
    assert any("power balance" in s for s in muraviev)
    assert any(s.startswith("“Given Russia’s current successes") for s in muraviev)
    # "Hu Xijin, the former editor in chief ..., said" then "..., he said." in a later paragraph.
    assert any("full-scale suppression" in s for s in by_speaker["Hu Xijin"])
    assert "Antony J. Blinken" in by_speaker and "Vladimir Putin" in by_speaker
    # "According to Russian news agency Tass, Putin said ..." is Putin's, not "Russian"'s.
    assert "Russian" not in by_speaker


def test_speaker_matching() -> None:
    assert speaker_matches("Alexey Muraviev", ("Muraviev",))
    assert speaker_matches("Alexey Muraviev", ("Alexey", "Muraviev"))
    assert speaker_matches("Xi Jinping", ("Xi",))
    assert not speaker_matches("Alexey Muraviev", ("Putin",))
    assert not speaker_matches("Alexey Muraviev", ())


_SAID = re.compile(r"“[^”]{20,}[,?!]” (?P<name>[A-Z][a-z]+) said\.$")


def test_real_news_attributions_are_found() -> None:
    """On real articles, every sentence of the form “…,” Name said. is given to that Name."""
    files = sorted((SHARED / "realtimeqa").glob("*_gcs.jsonl.gz"))[:3]
    if not files:
        pytest.fail("../shared/data/realtimeqa is missing")
    checked = 0
    missed: list[str] = []
    seen: set[str] = set()
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                for record in json.loads(line)["search_result"]:
                    text = record.get("text") or ""
                    if record.get("url") in seen or len(text) > 30_000:
                        continue
                    seen.add(record.get("url"))
                    owners = _owners(text)
                    for line in text.splitlines():
                        match = _SAID.search(line.strip())
                        if match:
                            checked += 1
                            owner = next((o for s, o in owners.items() if line.strip().endswith(s)), "")
                            if match.group("name") not in owner.split():
                                missed.append(f"{match.group('name')} (given to {owner!r}): {line[-80:]}")
    assert checked == 55, checked  # the README's figure: three weeks hold 55 such paragraphs
    assert not missed, f"{len(missed)} of {checked} plain attributions missed: {missed}"


REFERENCE_QUESTION = "What did Muraviev say about power balance?"

DECOY = """Power balance in the Pacific: a reading list {n}

Readers asked for books on the power balance. The power balance between great powers shifts slowly.
A review of Muraviev's book on the power balance appeared in a journal in issue {n}.
Power balance, power balance, power balance: the phrase is everywhere this year.
"""


def test_speaker_questions_retrieve_the_speakers_quotes_first(
    fast_assistant: object, seed_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "decoys"
    folder.mkdir()
    for n in range(8):
        (folder / f"decoy{n}.txt").write_text(DECOY.format(n=n), encoding="utf-8")
    bot = fast_assistant
    bot.ingest([folder, seed_path])  # type: ignore[attr-defined]
    seed_id = next(
        i.id for i in bot.articles() if "Muraviev" not in i.title and "reading list" not in i.title
    )  # type: ignore[attr-defined]

    # On words alone the decoys, which name Muraviev and repeat the topic, rank first ...
    plain = bot.library.retrieve(REFERENCE_QUESTION, top_k=8)  # type: ignore[attr-defined]
    assert plain[0].article_id != seed_id
    # ... but only the seed article quotes him, so its passages come first.
    first = bot.retrieve(REFERENCE_QUESTION, top_k=8)  # type: ignore[attr-defined]
    assert first[0].article_id == seed_id
    answer = bot.ask(REFERENCE_QUESTION)  # type: ignore[attr-defined]
    assert not answer.refused and answer.citations[0].article_id == seed_id
    assert "power balance" in answer.citations[0].quote and "Muraviev said" in answer.citations[0].quote


def test_api_and_cli_list_who_is_quoted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_path: Path
) -> None:
    from assistant.cli import run

    monkeypatch.setenv("ASSISTANT_EMBED__BACKEND", "hash")
    lib = str(tmp_path / "lib")
    assert run(["--data-dir", lib, "ingest", str(seed_path), "--json"]) == 0
    article_id = json.loads(capsys.readouterr().out)["added"][0]
    assert run(["--data-dir", lib, "quotes", article_id, "--speaker", "Muraviev", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    run(["--data-dir", lib, "show", article_id, "--json"])
    text = json.loads(capsys.readouterr().out)["text"]
    assert rows and {r["speaker"] for r in rows} == {"Alexey Muraviev"}
    assert all(text[r["start"] : r["end"]] == r["quote"] for r in rows)
    assert run(["--data-dir", lib, "quotes", article_id]) == 0
    out = capsys.readouterr().out
    assert "Hu Xijin" in out and "Alexey Muraviev" in out
    assert run(["--data-dir", lib, "quotes", article_id, "--speaker", "Nobody"]) == 0
    assert "does not quote Nobody" in capsys.readouterr().out
    assert run(["--data-dir", lib, "show", article_id]) == 0
    assert "Quoted: Alexey Muraviev" in capsys.readouterr().out


def test_the_nearest_speaker_is_a_close_spelling_of_a_long_enough_name() -> None:
    speakers = ["Alexey Muraviev", "Vladimir Putin", "Xi Jinping"]
    assert nearest_speaker(["Muravev"], speakers) == "Alexey Muraviev"  # one letter off
    assert nearest_speaker(["Alexei", "Muraviyev"], speakers) == "Alexey Muraviev"
    assert nearest_speaker(["Putim"], speakers) is None  # five letters, one off: too far to tell
    assert nearest_speaker(["Xy"], speakers) is None  # short names are matched exactly or not at all
    assert nearest_speaker(["Lavrov"], speakers) is None
    assert nearest_speaker(["Muraviev"], speakers) is None  # the same name is a match, not a respelling


ROLES = """Port strike talks resume

Mara Quist, a senior mediator at the labour board, said both sides had moved.
Secretary of State Ines J. Berg said the cranes would restart on Monday.
The union's chair, Tomas Berg, declined to comment. Union chair Lena Ott said nothing either.
"""


def test_a_role_is_resolved_to_the_one_person_the_article_gives_it() -> None:
    assert role_holder(ROLES, "the mediator") == "Mara Quist"  # "…, a senior mediator at …"
    assert role_holder(ROLES, "the senior mediator") == "Mara Quist"
    assert role_holder(ROLES, "the mediator at the labour board") == "Mara Quist"  # the role's head
    assert role_holder(ROLES, "the Secretary of State") == "Ines J. Berg"  # a title run before the name
    assert role_holder(ROLES, "the chair") is None  # two people hold it: no guess
    assert role_holder(ROLES, "the minister") is None  # nobody holds it


KIN = """Fisheries quotas cut

Ana Pell, an associate professor of marine economics at Lund University in Sweden, said the cut was overdue.
Ole Brandt, the former editor in chief of the Harbour Gazette, said on social media that fishers were angry.
"""


def test_a_role_asked_in_other_words_is_the_articles_role_for_that_person() -> None:
    # A kin of the article's role noun: an associate professor is the academic, the expert.
    assert role_holder(KIN, "the academic") == "Ana Pell"
    assert role_holder(KIN, "the expert") == "Ana Pell"
    assert role_holder(KIN, "the journalist") == "Ole Brandt"  # an editor
    # The role's other words must each be said of the person, in some form of the word:
    # "Swedish" is not "Sweden", but "Lund" and "Harbour Gazette" are in what describes them.
    assert role_holder(KIN, "the Lund University academic") == "Ana Pell"
    assert role_holder(KIN, "the former Harbour Gazette editor") == "Ole Brandt"
    assert role_holder(KIN, "the Oslo academic") is None
    assert role_holder(KIN, "the former Lund editor") is None
    assert role_holder(KIN, "the minister") is None  # no kin of a professor or an editor
    summit = "Russian President Ivan Dorn met Finnish President Aino Lehto in Turku on Friday."
    assert role_holder(summit, "Russia's president") == "Ivan Dorn"  # "Russia" said as "Russian"
    assert role_holder(summit, "the Russian leader") == "Ivan Dorn"  # a president leads
    assert role_holder(summit, "the leader") is None  # two do


def test_a_search_opens_with_the_quoted_name_it_asks_about() -> None:
    speakers = ["Alexey Muraviev", "Hu Xijin", "Antony J. Blinken"]
    assert leading_speaker("muraviev power balance", speakers) == ("Muraviev", "power balance")
    assert leading_speaker("Hu Xijin necessity", speakers) == ("Hu Xijin", "necessity")
    assert leading_speaker("Blinken’s European security", speakers) == ("Blinken", "European security")
    assert leading_speaker("Hu Xijin", speakers) is None  # the name alone asks what is said of them
    # or end with it
    assert leading_speaker("power balance Muraviev", speakers) == ("Muraviev", "power balance")
    assert leading_speaker("necessity hu xijin", iter(speakers)) == ("Hu Xijin", "necessity")  # read once
    assert leading_speaker("Putin Harbin", speakers) is None  # nobody quoted by that name
