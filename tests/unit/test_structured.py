"""Structured answers: sentence ids in the prompt, quotes by id, checks per named sentence,
refusals, cut-off replies, readable streaming, and the fall back to free text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openai_stub import StubOpenAI
from scripted import fake, scripted_assistant

from assistant import Answer, Assistant, Query, Settings
from assistant.answer import structured
from assistant.answer.generative import REFUSAL, within

QUESTION = "What did Muraviev say about power balance?"
CHINA = "China's economic might has been a powerful determinant in the power balance"
MIGHT = "economic might has been a powerful determinant in the power balance"  # the article: ’s


@pytest.fixture
def bot(seed_library: Path, tmp_path: Path) -> Iterator[Assistant]:
    yield from scripted_assistant(seed_library, tmp_path, structured=True)  # structured


def shown_ids(bot: Assistant, question: str = QUESTION) -> dict[str, str]:
    """Sentence id -> sentence, as the prompt for ``question`` shows them (asks once to see it)."""
    bot.ask(question)
    user = fake(bot).history[-1][-1]["content"]
    return dict(re.findall(r"^(S\d+): (.*)$", user, flags=re.MULTILINE))


def id_of(ids: dict[str, str], needle: str) -> str:
    return next(i for i, text in ids.items() if needle in text)


def reply(*items: dict[str, object], answerable: bool = True) -> str:
    return json.dumps({"answerable": answerable, "sentences": list(items)})


def exact(bot: Assistant, answer: Answer) -> None:
    for c in answer.citations:
        assert bot.article(c.article_id).text[c.start : c.end] == c.quote


def test_prompt_numbers_every_sentence_and_the_schema_allows_only_those_ids(bot: Assistant) -> None:
    ids = shown_ids(bot)
    system, _ = fake(bot).history[-1]
    assert '"answerable"' in system["content"] and '{"quote": "S3"}' in system["content"]
    assert list(ids) == [f"S{n}" for n in range(1, len(ids) + 1)] and len(ids) > 5
    schema = fake(bot).schemas[-1]
    assert schema is not None
    quote, written = schema["properties"]["sentences"]["items"]["anyOf"]
    assert quote["properties"]["quote"]["enum"] == list(ids)
    assert written["properties"]["sources"]["items"]["enum"] == list(ids)


def test_a_quote_by_id_is_that_sentence_cited_exactly(bot: Assistant) -> None:
    ids = shown_ids(bot)
    target = id_of(ids, MIGHT)
    fake(bot).enqueue(reply({"quote": target}))
    answer = bot.ask(QUESTION)
    assert not answer.refused and MIGHT in answer.text and answer.text.endswith("[1].")
    (citation,) = answer.citations
    assert " ".join(citation.quote.split()) == ids[target]
    assert answer.checks["quoted_by_id"] == 1 and answer.checks["structured"] == 1
    exact(bot, answer)


def test_a_written_sentence_is_checked_against_the_sentence_it_names(bot: Assistant) -> None:
    ids = shown_ids(bot)
    target = id_of(ids, MIGHT)
    faithful = "Muraviev said China's economic might has been a powerful determinant in the power balance."
    swapped = faithful.replace("China's", "Russia's")
    fake(bot).enqueue(reply({"sources": [target], "text": faithful}, {"sources": [target], "text": swapped}))
    answer = bot.ask(QUESTION)
    assert answer.text.startswith(faithful[:-1] + " [1].")
    assert MIGHT in answer.citations[0].quote and len(answer.citations) == 1
    assert answer.unsupported == (swapped,)
    assert "Russia" in answer.reasons[0] and "China" in answer.reasons[0]
    exact(bot, answer)


def test_a_quoted_sentence_written_out_again_is_shown_once(bot: Assistant) -> None:
    ids = shown_ids(bot)
    target = id_of(ids, MIGHT)
    again = ids[target].replace("’", "'")  # the model retypes the sentence it just quoted
    fake(bot).enqueue(reply({"quote": target}, {"sources": [target], "text": again}))
    answer = bot.ask(QUESTION)
    assert answer.text.count("powerful determinant") == 1 and answer.checks["repeated"] == 1
    assert len(answer.citations) == 1 and not answer.unsupported
    # Saying more than the quote (who said it, in other words) is not a repeat.
    more = (
        "Alexey Muraviev, a professor, argued that the economic might of China is shaping the power balance."
    )
    fake(bot).enqueue(reply({"quote": target}, {"sources": [target], "text": more}))
    answer = bot.ask(QUESTION)
    assert answer.checks["repeated"] == 0 and "Alexey Muraviev, a professor" in answer.text


def test_a_written_sentence_naming_the_wrong_id_is_recited(bot: Assistant) -> None:
    ids = shown_ids(bot)
    wrong = next(i for i, text in ids.items() if "power balance" not in text and "Muraviev" not in text)
    claim = "Muraviev said China's economic might has been a powerful determinant in the power balance."
    fake(bot).enqueue(reply({"sources": [wrong], "text": claim}))
    answer = bot.ask(QUESTION)
    assert answer.citations and MIGHT in answer.citations[0].quote
    assert answer.checks["recited"] == 1


def test_the_short_answer_puts_the_sentence_that_holds_it_first(bot: Assistant) -> None:
    ids = shown_ids(bot, "How much has trade between China and Russia grown?")
    holding = id_of(ids, "$240 billion")
    other = next(i for i in ids if i != holding)
    fake(bot).enqueue(
        json.dumps({"answerable": True, "answer": "more than $240 billion", "sentences": [{"quote": other}]})
    )
    answer = bot.ask("How much has trade between China and Russia grown?")
    assert not answer.refused
    assert "$240 billion" in answer.citations[0].quote  # found by the program, not the model's id
    assert " ".join(answer.citations[1].quote.split()) == ids[other]
    exact(bot, answer)


def test_a_short_answer_in_no_passage_is_a_refusal_that_shows_it(bot: Assistant) -> None:
    ids = shown_ids(bot)
    invented = {"answerable": True, "answer": "Beijing controls the Kremlin", "sentences": [{"quote": "S1"}]}
    fake(bot).enqueue(json.dumps(invented))
    answer = bot.ask(QUESTION)
    assert answer.refused and not answer.citations and len(ids) > 1
    assert "Beijing controls the Kremlin" in answer.text and answer.unsupported == (
        "Beijing controls the Kremlin",
    )


def test_a_long_answer_in_no_passage_is_checked_as_a_written_sentence(bot: Assistant) -> None:
    ids = shown_ids(bot)
    target = id_of(ids, MIGHT)
    faithful = "Muraviev said that economic might is a powerful determinant in the power balance"
    swapped = "Muraviev said Russia's economic might has been a powerful determinant in the power balance"
    for answer in (faithful, swapped):
        fake(bot).enqueue(
            json.dumps({"answerable": True, "answer": answer, "sentences": [{"quote": target}]})
        )
    kept = bot.ask(QUESTION)
    assert not kept.refused and kept.text.startswith(faithful) and MIGHT in kept.citations[0].quote
    flagged = bot.ask(QUESTION)
    assert swapped in flagged.unsupported and "Russia" in flagged.reasons[0]
    assert all(swapped not in c.quote for c in flagged.citations)
    exact(bot, kept)


@pytest.mark.parametrize(
    ("span", "sentence"),
    [
        ("Washington, DC", "The jet collided in midair near Washington D.C. on Wednesday."),
        ("april 15", "This year's deadline falls on April 15, as usual."),
        ("Xi’s", "It was Xi's idea."),
        (
            "The Drents Museum in the Netherlands",
            "Thieves broke into the Drents Museum in the northern Netherlands.",
        ),
    ],
)
def test_a_span_is_found_whatever_its_case_punctuation_and_spacing(span: str, sentence: str) -> None:
    assert structured.locate(span, ["Nothing here.", sentence]) == [1]
    assert structured.locate("Washington state", [sentence]) == []


def test_not_answerable_is_a_refusal(bot: Assistant) -> None:
    fake(bot).enqueue(reply(answerable=False))
    answer = bot.ask(QUESTION)
    assert answer.refused and answer.text == REFUSAL and not answer.citations


def test_a_reply_cut_off_at_the_token_limit_keeps_its_whole_items() -> None:
    raw = '{"answerable": true, "sentences": [{"quote": "S2"}, {"sources": ["S9", "S1"], "text": "Half a sen'
    parsed = structured.parse(raw, count=5)
    assert parsed == structured.Reply(True, (structured.Item((1,)),))
    assert structured.parse('{"answerable": true, "answer": "A \\"B\\"", "sentences": []}', 2) == (
        structured.Reply(True, (), 'A "B"')
    )
    whole = '{"answerable": true, "sentences": [{"sources": ["S9", "S1"], "text": "A claim."}]}'
    assert structured.parse(whole, count=5) == structured.Reply(True, (structured.Item((0,), "A claim."),))
    assert structured.parse("Muraviev said so [1].", count=5) is None


def test_stream_shows_the_answer_as_text_never_as_json(bot: Assistant) -> None:
    ids = shown_ids(bot)
    target = id_of(ids, MIGHT)
    text = "Muraviev said China's economic might shaped the power balance."
    fake(bot).enqueue(reply({"sources": [target], "text": text}, {"quote": target}))
    events = list(bot.stream(QUESTION))
    shown = "".join(e for e in events if isinstance(e, str))
    assert "{" not in shown and '"' not in shown
    assert shown.startswith(text) and shown.endswith(ids[target])
    assert isinstance(events[-1], Answer)


def test_a_model_that_takes_no_schema_is_asked_in_free_text_from_then_on(bot: Assistant) -> None:
    model = fake(bot)
    model.structured = False
    first = bot.ask(QUESTION)
    second = bot.ask(QUESTION)
    assert model.schemas == [None, None]  # the refused schema call never reached the model
    assert "[1]" in first.text and first.citations and second.citations
    assert "S1:" not in model.history[-1][-1]["content"]


@pytest.mark.parametrize(
    ("formats", "status", "first", "then"),
    [
        ({"json_schema"}, 400, ["json_schema"], ["json_schema"]),
        ({"json_object"}, 500, ["json_schema", "json_object"], ["json_object"]),  # llama-cpp-python's
        (set(), 400, ["json_schema", "json_object", "text"], ["text"]),  # no structured output at all
    ],
)
def test_the_server_format_is_found_once_and_kept(
    tmp_path: Path, seed_path: Path, formats: set[str], status: int, first: list[str], then: list[str]
) -> None:
    with StubOpenAI() as stub:
        stub.formats, stub.refusal_status = formats, status
        llm = {"backend": "openai_compatible", "base_url": stub.base_url, "model": "m", "max_retries": 0}
        bot = Assistant.from_settings(Settings(data_dir=tmp_path / "lib", embed={"backend": "hash"}, llm=llm))
        bot.ingest([seed_path])
        for _ in range(2):
            stub.enqueue("ok", reply({"quote": "S1"}) if formats else f"{CHINA} [1].")
        asked = [bot.ask(QUESTION), bot.ask(QUESTION)]
        kinds = [r["body"].get("response_format", {}).get("type", "text") for r in stub.chat_requests()]
    assert kinds == first + then
    assert all(a.citations and not a.refused for a in asked)
    if "json_object" in first[-1:]:
        sent = stub.chat_requests()[-1]["body"]["response_format"]
        assert sent["schema"]["required"] == ["answerable", "answer", "sentences"]


def test_the_model_reads_whole_passages_up_to_its_token_budget(bot: Assistant) -> None:
    passages = bot.retrieve(QUESTION)
    assert len(passages) > 2
    budget = (len(passages[0].text) + len(passages[1].text)) // 4 + 1
    assert list(within(passages, budget)) == passages[:2]
    assert list(within(passages, 1)) == passages[:1]  # never nothing
    bot.answerer.passage_tokens = budget  # type: ignore[attr-defined]
    bot.ask(QUESTION)
    assert fake(bot).history[-1][-1]["content"].count("</passage>") == 2


def test_an_answer_whose_sentences_hold_no_figure_is_no_answer_to_how_much(bot: Assistant) -> None:
    """A model that answers anyway is held to the quote test: "how much" needs a figure."""
    question = "How much has trade between China and Russia grown?"
    ids = shown_ids(bot, question)
    target = id_of(ids, "China has stopped short of supplying arms")  # verifiable, but no amount
    fake(bot).enqueue(reply({"quote": target}))
    answer = bot.ask(question)
    assert answer.refused and not answer.citations
    assert answer.text == "The articles found do not give a figure that answers this."
    assert "stopped short" in answer.unsupported[-1] and answer.reasons[-1] == answer.text
    trade = id_of(ids, "nearly doubled")
    fake(bot).enqueue(reply({"quote": trade}))
    answer = bot.ask(question)
    assert not answer.refused and "$240 billion" in answer.citations[0].quote


OLD_ROCKET = {
    "title": "Corvid Aerospace unveils its heavy rocket",
    "text": "Corvid Aerospace showed a model of its heavy rocket, Tall Heron, at a trade fair. "
    "The company said the Tall Heron would fly before the end of the decade.",
    "url": "https://space.example.org/2016/corvid-unveils",
    "publish_date": "2016-09-12",
}
NEW_ROCKET = {
    "title": "Corvid Aerospace reaches orbit",
    "text": "Corvid Aerospace reached orbit for the first time on Thursday. "
    "Its Tall Heron rocket lifted off from the coast before dawn and placed a test payload in orbit.",
    "url": "https://space.example.org/2025/corvid-orbit",
    "publish_date": "2025-01-16",
}


def test_a_short_answer_is_quoted_from_an_article_of_the_time_the_question_names(tmp_path: Path) -> None:
    for name, record in (("old", OLD_ROCKET), ("new", NEW_ROCKET)):
        (tmp_path / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "lib", embed={"backend": "hash"}, llm={"backend": "fake"})
    bot = Assistant.from_settings(settings)
    try:
        assert bot.ingest([tmp_path / "old.json", tmp_path / "new.json"]).ok
        asked = Query(
            "Corvid Aerospace launched a new rocket to orbit this week. What is the rocket's name?",
            as_of=date(2025, 1, 17),
        )
        bot.ask(asked)
        user = fake(bot).history[-1][-1]["content"]
        ids = dict(re.findall(r"^(S\d+): (.*)$", user, flags=re.MULTILINE))
        old = id_of(ids, "showed a model")  # the model cites the 2016 report that names it too
        fake(bot).enqueue(
            json.dumps({"answerable": True, "answer": "Tall Heron", "sentences": [{"quote": old}]})
        )
        answer = bot.ask(asked)
        assert not answer.refused, answer.text
        assert "lifted off" in answer.citations[0].quote
        assert answer.citations[0].published == date(2025, 1, 16)
        exact(bot, answer)
    finally:
        bot.close()


def test_a_short_answer_that_only_repeats_the_question_is_a_refusal(bot: Assistant) -> None:
    ids = shown_ids(bot)
    might = id_of(ids, MIGHT)
    fake(bot).enqueue(json.dumps({"answerable": True, "answer": "Muraviev", "sentences": [{"quote": might}]}))
    answer = bot.ask(QUESTION)
    assert answer.refused and not answer.citations
    assert answer.text == "The model's answer (Muraviev) only repeats the question."
    # A question that offers a choice is answered with one of its own words.
    choice = "Did Muraviev say China's or Russia's economic might shapes the power balance?"
    fake(bot).enqueue(json.dumps({"answerable": True, "answer": "China's", "sentences": [{"quote": might}]}))
    answer = bot.ask(choice)
    assert not answer.refused and MIGHT in answer.citations[0].quote


def test_a_short_answer_found_only_in_a_heading_or_byline_is_a_refusal(bot: Assistant) -> None:
    ids = shown_ids(bot)
    fragment = next(text for text in ids.values() if len(text.split()) < 5)  # "view original post"
    fake(bot).enqueue(json.dumps({"answerable": True, "answer": fragment, "sentences": []}))
    answer = bot.ask(QUESTION)
    assert answer.refused and not answer.citations
    assert (
        answer.text == f"The model's answer ({fragment}) is only in a heading or byline, not in a sentence."
    )


def test_a_model_answer_from_a_sentence_about_another_numbered_thing_is_withheld(bot: Assistant) -> None:
    question = "What did the two countries commemorate at the 70th anniversary of their relations?"
    ids = shown_ids(bot, question)
    fake(bot).enqueue(json.dumps({"answerable": True, "answer": "exuberant commemoration", "sentences": []}))
    answer = bot.ask(question)
    assert answer.refused and not answer.citations and len(ids) > 1
    assert (
        answer.text
        == "The articles found are about the 75th anniversary, not the 70th the question asks about."
    )


def test_a_list_answer_no_sentence_holds_whole_is_quoted_item_by_item(bot: Assistant) -> None:
    """ "The Gulf of Mexico and Denali": each item from the sentence that holds it, in order."""
    question = "Where is Putin travelling, and where does Muraviev teach?"
    ids = shown_ids(bot, question)
    assert not any("Harbin" in text and "Curtin University" in text for text in ids.values())
    listed = {"answerable": True, "answer": "Harbin and Curtin University", "sentences": []}
    fake(bot).enqueue(json.dumps(listed))
    answer = bot.ask(question)
    assert not answer.refused, answer.text
    assert "city of Harbin" in answer.citations[0].quote
    assert "Curtin University" in answer.citations[1].quote
    exact(bot, answer)
    # An item that no sentence holds leaves the list unplaced: not from the articles.
    fake(bot).enqueue(json.dumps({**listed, "answer": "Harbin and Oxford University"}))
    answer = bot.ask(question)
    assert answer.refused and answer.unsupported == ("Harbin and Oxford University",)


def test_a_sentence_id_given_as_the_answer_is_a_refusal_that_says_so(bot: Assistant) -> None:
    ids = shown_ids(bot)
    might = id_of(ids, MIGHT)
    fake(bot).enqueue(json.dumps({"answerable": True, "answer": might, "sentences": [{"quote": might}]}))
    answer = bot.ask(QUESTION)
    assert answer.refused and not answer.citations
    assert answer.text == f"The model gave a sentence id ({might}), not an answer."


def test_a_short_answer_whose_sentence_is_about_something_else_is_withheld(bot: Assistant) -> None:
    """ "Aurora", quoted from a sentence on a mascot, for "which new submarine": the name is in
    the sentence, but nothing ties the sentence to what is asked."""
    question = "Which deep-sea fish was spotted swimming in broad daylight for the first time?"
    ids = shown_ids(bot, question)
    harbin = id_of(ids, "Harbin")
    fake(bot).enqueue(json.dumps({"answerable": True, "answer": "Harbin", "sentences": [{"quote": harbin}]}))
    answer = bot.ask(question)
    assert answer.refused and not answer.citations
    assert answer.text == "The sentences the model's answer cites are not about what the question asks."
    assert ids[harbin].rstrip(".") in " ".join(answer.unsupported[-1].split())  # withheld, still shown

    trade = "How much has trade between China and Russia grown?"  # the same shape, on the question
    grown = id_of(shown_ids(bot, trade), "$240 billion")
    on_it = {"answerable": True, "answer": "$240 billion", "sentences": [{"quote": grown}]}
    fake(bot).enqueue(json.dumps(on_it))
    assert not bot.ask(trade).refused


@pytest.mark.parametrize("verdict", ["Yes", "no."])
def test_a_bare_yes_or_no_is_answered_by_the_sentences_the_model_names(bot: Assistant, verdict: str) -> None:
    """A yes or a no is in no sentence: the sentence the model names is the answer, and a
    reader sees from it that China "stopped short of supplying arms" whatever the model said."""
    question = "Did China supply arms to Russia?"
    arms = id_of(shown_ids(bot, question), "stopped short of supplying arms")
    fake(bot).enqueue(json.dumps({"answerable": True, "answer": verdict, "sentences": [{"quote": arms}]}))
    answer = bot.ask(question)
    assert not answer.refused, answer.text
    assert "stopped short of supplying arms" in answer.citations[0].quote
    assert not answer.text.lower().startswith(("yes", "no"))
    exact(bot, answer)
