"""Quote-based answers: the right sentence of the right article, exact offsets, refusals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import Assistant, Query, Settings
from assistant.answer.extractive import _someone_elses
from assistant.answer.names import respelt_names
from assistant.answer.reporting.quoted import asks_who_is_quoted
from assistant.chat import condense
from assistant.query import read
from assistant.questions import mend_question_word, parse_question, party_terms

REFERENCE_QUESTION = "What did Muraviev say about power balance?"


@pytest.fixture
def loaded(news_library: Path) -> Iterator[Assistant]:
    """The written corpus and the seed article (built once per session; only read here)."""
    bot = Assistant.from_settings(Settings(data_dir=news_library, embed={"backend": "hash"}))
    yield bot
    bot.close()


def _check_offsets(bot: Assistant, answer: object) -> None:
    for c in answer.citations:  # type: ignore[attr-defined]
        assert bot.article(c.article_id).text[c.start : c.end] == c.quote


def test_reference_question_returns_muravievs_quote(loaded: Assistant, seed_path: Path) -> None:
    answer = loaded.ask(REFERENCE_QUESTION)
    assert not answer.refused
    first = answer.citations[0]
    assert first.title.startswith("In talks with Putin amid Ukraine war")
    assert "power balance" in first.quote and "Muraviev said" in first.quote
    assert "[1]" in answer.text
    _check_offsets(loaded, answer)


def test_a_slip_in_the_question_word_is_mended(loaded: Assistant) -> None:
    answer = loaded.ask("Waht did Muraviev say about power balance?")
    assert not answer.refused, answer.text
    assert "power balance" in answer.citations[0].quote and "Muraviev said" in answer.citations[0].quote
    assert answer.question == "Waht did Muraviev say about power balance?"  # shown as typed
    for typed, meant in [
        ("Hw many people died?", "How many people died?"),
        ("Whta is the plan?", "What is the plan?"),
        ("Wehre did it happen?", "Where did it happen?"),
        ("Hwo many ships docked?", "How many ships docked?"),  # "who" or "how": what follows tells
        ("whats the global times", "what is the global times"),  # an apostrophe left out
        ("Whos Hu Xijin?", "Who is Hu Xijin?"),
    ]:
        assert mend_question_word(typed) == meant
    for kept in [
        "Wen Jiabao said what?",
        "Is it over?",
        "Why did it stop?",
        "Hat sales rose?",
        "Whatsapp is down?",
    ]:
        assert mend_question_word(kept) == kept


def test_speaker_question_cites_that_speaker_not_another(loaded: Assistant) -> None:
    answer = loaded.ask("What did Okafor say about the harbor?")
    assert not answer.refused
    assert "oyster beds" in answer.citations[0].quote
    answer = loaded.ask("What did Tomas Berg say about the deal?")
    assert "recognises the work our members do" in answer.citations[0].quote
    _check_offsets(loaded, answer)


def test_the_heading_of_a_speakers_quotes_names_a_topic_only_when_one_is_asked(loaded: Assistant) -> None:
    answer = loaded.ask(REFERENCE_QUESTION)
    assert answer.text.startswith("What the articles report Muraviev saying about power balance:\n")
    # "say he advocates for" has no topic to name ("saying about he advocates for" is no heading).
    answer = loaded.ask("What did Tomas Berg say he wants for members?")
    assert answer.text.startswith("What the articles report Tomas Berg saying:\n"), answer.text


def test_a_speaker_asked_by_role_is_the_one_person_holding_it(loaded: Assistant) -> None:
    answer = loaded.ask("What did the former editor say?")
    lines = answer.text.splitlines()
    assert lines[:2] == [
        "The former editor in the articles found is Hu Xijin.",
        "What the articles report Hu Xijin saying:",
    ]
    assert "Hu Xijin" in answer.citations[0].quote or "he said" in answer.citations[0].quote
    # Two presidents: nobody is named for the role; it is asked as a plain question.
    assert "the articles found is" not in loaded.ask("What did the president say?").text


def test_unquoted_speaker_is_refused(loaded: Assistant) -> None:
    answer = loaded.ask("What did Zelensky say about Bitcoin?")
    assert answer.refused and not answer.citations
    assert "Zelensky" in answer.text


def test_unrelated_question_is_refused(loaded: Assistant) -> None:
    answer = loaded.ask("What is the recipe for sourdough bread?")
    assert answer.refused and not answer.citations


def test_what_a_name_is_is_answered_by_the_sentence_that_describes_it(loaded: Assistant) -> None:
    # The tabloid is described only in an aside of a sentence about something else.
    answer = loaded.ask("What is the Global Times?")
    assert not answer.refused, answer.text
    assert "the Communist Party tabloid" in answer.citations[0].quote
    answer = loaded.ask("What position does Muraviev hold?")
    assert "an associate professor" in answer.citations[0].quote
    answer = loaded.ask("Who is Putin?")  # named in many sentences; described by his title in one
    assert "President Vladimir Putin" in answer.citations[0].quote
    _check_offsets(loaded, answer)


def test_who_is_quoted_lists_the_people_each_with_a_sentence_they_own(loaded: Assistant) -> None:
    answer = loaded.ask("Who is quoted in the article about Muraviev and the power balance?")
    assert not answer.refused, answer.text
    assert answer.text.startswith("People quoted in “In talks with Putin amid Ukraine war")
    people = [line.split(" (")[0].removeprefix("- ") for line in answer.text.splitlines()[1:]]
    assert people[:4] == ["Alexey Muraviev", "Vladimir Putin", "Xi Jinping", "Hu Xijin"]  # most quoted first
    assert "said Alexey Muraviev" in answer.citations[0].quote
    assert "(12 sentences)" in answer.text.splitlines()[1]
    _check_offsets(loaded, answer)
    answer = loaded.ask("How many people are quoted in the article about Muraviev and the power balance?")
    people = loaded.article(answer.citations[0].article_id).people()
    assert answer.text.startswith(f"{len(people)} people are quoted in “In talks with Putin")
    assert len(answer.citations) == len(people) == 6
    for question in [
        "Which experts are cited?",
        "Who are the sources?",
        "List the people quoted.",
        "Who is most quoted?",
        "Which sources does the article cite?",
        "What sources did the story use?",
    ]:
        assert asks_who_is_quoted(question), question
    for question in ["Who said it is all about symbolism?", "Who is Alexey Muraviev?", "Who quoted Putin?"]:
        assert not asks_who_is_quoted(question), question


def test_plain_question_quotes_the_sentence_with_the_fact(loaded: Assistant) -> None:
    answer = loaded.ask("How long did the rail strike last?")
    assert not answer.refused
    assert "three weeks" in answer.citations[0].quote
    _check_offsets(loaded, answer)


def test_empty_library_refuses_and_says_how_to_fill_it(fast_assistant: Assistant) -> None:
    answer = fast_assistant.ask("Anything new?")
    assert answer.refused and "assistant ingest" in answer.text


def test_stream_yields_text_then_the_answer(loaded: Assistant) -> None:
    events = list(loaded.stream(REFERENCE_QUESTION))
    final = events[-1]
    assert "".join(e for e in events[:-1] if isinstance(e, str)) == final.text  # type: ignore[union-attr]
    assert final.citations  # type: ignore[union-attr]


def test_chat_follow_up_uses_the_last_speaker(loaded: Assistant) -> None:
    chat = loaded.chat()
    chat.send("What did Muraviev say about power balance?")
    answer = chat.send("And what did he say about symbolism?")
    assert chat.history[-1].standalone == "And what did Muraviev say about symbolism?"
    assert "all about symbolism" in answer.citations[0].quote
    # Typed in lower case, the same conversation.
    chat = loaded.chat()
    chat.send("what did muraviev say about power balance")
    answer = chat.send("and what did he say about symbolism")
    assert chat.history[-1].standalone == "and what did Muraviev say about symbolism"
    assert "all about symbolism" in answer.citations[0].quote
    # Shorter follow-ups: "And about X?", "What else did he say?", "Who is he?"; "they" after one
    # person's words is left alone (more often the people the story is about).
    follow_ups = {
        "And about Putin?": "What did Muraviev say about Putin?",
        "What else did he say?": "What else did Muraviev say?",
        "Who is he?": "Who is Muraviev?",
        "What did they sign?": "What did they sign?",
    }
    assert _standalones(loaded, "What did Muraviev say about power balance?", follow_ups) == follow_ups
    assert parse_question("What else did Muraviev say?").speaker == "Muraviev"
    assert parse_question("And about Putin?").speaker is None  # "And" is no name
    # "it" after "did" or a preposition is the thing the last question asked about.
    follow_ups = {
        "Where did it take place?": "Where did the meeting take place?",
        "What happened after it?": "What happened after the meeting?",
        "Is it true that they signed declarations?": "Is it true that they signed declarations?",
    }
    assert _standalones(loaded, "How long did the meeting last?", follow_ups) == follow_ups


def _standalones(bot: Assistant, first: str, follow_ups: dict[str, str]) -> dict[str, str]:
    """Each follow-up, sent in turn after ``first`` in one chat, with the standalone question
    the chat made of it."""
    chat = bot.chat()
    chat.send(first)
    out = {}
    for message in follow_ups:
        chat.send(message)
        out[message] = chat.history[-1].standalone
    return out


def test_question_parsing() -> None:
    q = parse_question("What did Alexey Muraviev tell reporters about China?")
    assert q.speaker == "Alexey Muraviev" and q.topic == "China"
    assert q.speaker_names == ("Alexey", "Muraviev")
    assert parse_question("Who won the election?").speaker is None
    assert condense([], "What about it?") == "What about it?"


def test_a_speaker_is_read_from_requests_and_from_questions_typed_in_lower_case() -> None:
    for question, speaker, topic in [
        ("Tell me what Muraviev said about power balance.", "Muraviev", "power balance"),
        ("Summarize what Muraviev said.", "Muraviev", None),
        ("what did hu xijin say about the u.s.?", "Hu Xijin", "the u.s."),
        ("Did Muraviev say anything about power balance?", "Muraviev", "power balance"),
        ("Muraviev on power balance?", "Muraviev", "power balance"),
        ("Quote Muraviev on the power balance.", "Muraviev", "the power balance"),  # a request
        ("What's Muraviev's view on the power balance?", "Muraviev", "the power balance"),
        # an adverb between the name and the verb is no part of the name
        ("What has China not called for Russia to do?", "China", "Russia to do"),
        ("What did Xi also say about Ukraine?", "Xi", "Ukraine"),
        # The thing asked about first, then who spoke of it.
        ("What unique agendas does Muraviev mention?", "Muraviev", "unique agendas"),
        ("What are the risks Alexey Muraviev points to?", "Alexey Muraviev", "the risks"),
        ("Which nations has Xi named?", "Xi", "nations"),
        # A credit at the end: "according to", "in X's view", "in the words of X".
        ("What is inevitable, in Hu's view?", "Hu", "What is inevitable"),
        ("What is inevitable, in the words of Hu Xijin?", "Hu Xijin", "What is inevitable"),
    ]:
        q = parse_question(question)
        assert (q.speaker, q.topic) == (speaker, topic), question
    assert "Summarize" not in parse_question("Summarize what Muraviev said.").entities  # a request, no name
    assert parse_question("Name the university where Muraviev works.").entities == ("Muraviev",)
    # A request for someone's quotes names the speaker and no topic.
    for question, speaker in [
        ("Quote Blinken.", "Blinken"),
        ("Show me quotes from Hu Xijin.", "Hu Xijin"),
        ("What quotes does the article include from Xi?", "Xi"),
    ]:
        q = parse_question(question)
        assert (q.speaker, q.topic) == (speaker, None), question
    # So is a rough count that opens a question: the article may say "about 800".
    question = "Hundreds of senior officers were ordered to a meeting in which state?"
    assert parse_question(question).entities == ()
    assert parse_question("Dozens of people in New York fell ill.").entities == ("New", "York")
    # Typed in lower case, "officials" may be a name: it is marked as a guess; with a capital
    # elsewhere, a speaker without one is none.
    assert parse_question("what did officials say about the fire?").guessed
    # So are a name typed as a search ("Sanctions on Russia?" names nobody) and the speaker
    # of a yes-or-no question ("Did China warn …?" may ask about an act, not words).
    assert parse_question("Sanctions on Russia?").guessed
    assert parse_question("Did China warn the U.S. about tariffs?").guessed
    assert parse_question("What did officials say about the fire?").speaker is None
    # Named after the thing asked about, the speaker is a guess: "the West" may be nobody quoted.
    q = parse_question("What are the concerns the West raised?")
    assert (q.speaker, q.topic, q.guessed) == ("West", "the concerns", True)
    assert parse_question("What countries did Putin visit?").speaker is None  # no word of saying
    # A body ("the West", "the Kremlin") may be quoted by nobody: a guess, asked plainly then.
    assert parse_question("What does the West think?").guessed
    assert not parse_question("What did Xi say?").guessed
    assert not parse_question(REFERENCE_QUESTION).guessed
    # A pronoun is no name, in lower case either: the conversation's speaker replaces it.
    assert parse_question("what did he say about ukraine?").speaker is None


def test_two_questions_in_one_are_split_with_the_first_ones_name_and_thing_carried() -> None:
    from assistant.questions import compound_parts

    assert compound_parts("Who met in Beijing and what did they sign?") == (
        "Who met in Beijing?",
        "What did they sign?",
    )
    assert compound_parts("Who is Muraviev, and where does he work?") == (
        "Who is Muraviev?",
        "Where does Muraviev work?",
    )
    assert compound_parts("Who is Hu Xijin and what is his view?")[1] == "What is Hu Xijin's view?"  # type: ignore[index]
    assert (
        compound_parts("How long did the meeting last and where was it held?")[1]
        == "Where was the meeting held?"
    )  # type: ignore[index]
    for one in ("When and where did it happen?", "What did Putin and Xi sign?", "What did Xi say and why?"):
        assert compound_parts(one) is None, one


def test_a_search_is_read_as_one_and_words_put_out_otherwise_than_aloud_name_a_speaker() -> None:
    assert parse_question("muraviev power balance").search
    assert parse_question("Putin big brother?").search  # "big" asks nothing without "how"
    assert parse_question("Muraviev power balance quote").search  # a request word, not first
    asked = ("Harbin?", "What did Muraviev say?", "How many troops?", "Tell me about Harbin", "What’s new?")
    for question in asked:
        assert not parse_question(question).search, question
    # Posted, tweeted, insisted: a speaker, but a guess (the words may be reported, not quoted).
    q = parse_question("What did the former Global Times editor post on social media?")
    assert (q.speaker, q.topic, q.guessed) == ("the former Global Times editor", "social media", True)
    q = parse_question("What did Trump tweet about tariffs?")
    assert (q.speaker, q.topic, q.guessed) == ("Trump", "tariffs", True)
    assert not parse_question(REFERENCE_QUESTION).guessed
    # A demand ("call for") is a guess too, and no description ("what did Xi call the meeting?").
    q = parse_question("What has China not called for?")
    assert q.speaker == "China" and q.guessed and not q.describes
    assert parse_question("What did Xi call the meeting?").describes
    # An outlet "quoted" is a guess: it reports more than it is quoted.
    assert parse_question("How did Tass describe the cooperation?").guessed
    # The words that put a thing somewhere or at some time are no words the answer must hold.
    assert parse_question("Where is Curtin University located?").terms == ("curtin", "universiti")
    assert parse_question("What day did the ceremony take place?").terms == ("ceremoni",)
    assert parse_question("Who held the record?").terms == ("held", "record")
    # A role may be a country's: a guess, resolved against the articles found.
    q = parse_question("What did Russia's president say about negotiations?")
    assert (q.speaker, q.topic, q.guessed) == ("Russia's president", "negotiations", True)


def test_a_search_gets_the_words_of_the_quoted_person_it_opens_with(loaded: Assistant) -> None:
    answer = loaded.ask("muraviev power balance")
    assert answer.text.startswith("What the articles report Muraviev saying:\n")
    assert "power balance" in answer.citations[0].quote
    _check_offsets(loaded, answer)


def test_a_guessed_speaker_nobody_quotes_is_asked_as_a_plain_question(loaded: Assistant) -> None:
    answer = loaded.ask("what did muraviev say about power balance")
    assert "power balance" in answer.citations[0].quote and "Muraviev said" in answer.citations[0].quote
    # Nobody called "The Council" is quoted: the question is answered from what the articles say.
    plain = loaded.ask("What did the council approve?")
    guessed = loaded.ask("what did the council say about the harbor expansion?")
    assert not plain.refused and not guessed.refused
    assert "harbor expansion" in guessed.citations[0].quote
    _check_offsets(loaded, guessed)


def test_what_a_thing_is_described_as_is_matched_without_the_framing_verb() -> None:
    assert parse_question("What is described as a strong driving force?").terms == ("strong", "drive", "forc")
    assert "describ" in parse_question("How did Xi describe the meeting?").terms  # asked of a speaker


def test_the_text_named_in_a_question_is_not_searched_for() -> None:
    cfg = Settings().retrieval
    reading = read(Query("What does the article say about Harbin?"), cfg)
    assert reading.search.text == "What about Harbin?" and "articl" not in reading.question.terms
    assert reading.question.text == "What does the article say about Harbin?"  # shown as asked
    reading = read(Query("According to the story, what did the leaders sign?"), cfg)
    assert reading.search.text == "what did the leaders sign?" and reading.question.speaker is None
    # "the report" is the text too, and so is "mentioned in" it.
    reading = read(Query("According to the report, where will Putin travel next?"), cfg)
    assert reading.search.text == "where will Putin travel next?"
    assert read(Query("Which war is mentioned in the article?"), cfg).search.text == "Which war?"
    # A report that is itself the subject keeps its words.
    gallup = "What did the Gallup report find?"
    assert read(Query(gallup), cfg).search.text == gallup


@pytest.mark.parametrize(
    "question",
    [
        "Does the article mention Harbin?",
        "Did the story ever mention Harbin?",
        "Is Harbin mentioned?",
        "Is Harbin discussed in the report?",
        "What Harbin is mentioned?",
        "Find the sentence about Harbin.",  # a request for the text's words on it
        "Show me the passages on Harbin",
    ],
)
def test_whether_the_text_mentions_a_thing_asks_what_it_says_of_it(question: str) -> None:
    reading = read(Query(question), Settings().retrieval)
    assert reading.search.text.rstrip("?").endswith("Harbin") and reading.question.topical is not None
    assert reading.question.terms == ("harbin",)  # not "mention", "article", "discuss"


def test_a_question_about_one_thing_is_topical_and_others_are_not() -> None:
    assert parse_question("What about the crackdown?").topical == "the crackdown"
    assert parse_question("Tell me about Harbin.").topical == "Harbin"
    assert parse_question("What did Muraviev say about Xi?").topical is None
    assert parse_question("What crackdown did Putin order?").topical is None
    cfg = Settings().retrieval
    assert read(Query("What is mentioned?"), cfg).search.text == "What is mentioned?"  # nothing named
    which = read(Query("Which city is mentioned in the article besides Beijing?"), cfg)
    assert which.search.text == "Which city besides Beijing?"  # still asks for a name


def test_an_outlet_credited_with_a_report_is_not_a_speaker() -> None:
    for question, source in [
        ("According to Reuters, how much has trade grown?", "Reuters"),
        ("According to the Associated Press, who won the vote?", "the Associated Press"),
        ("According to the CDC, how many people caught flu?", "the CDC"),
    ]:
        q = parse_question(question)
        assert (q.speaker, q.source) == (None, source)
    q = parse_question("How much has trade grown, according to Reuters?")  # the credit at the end
    assert (q.speaker, q.source) == (None, "Reuters")
    q = parse_question("What is inevitable according to Hu Xijin?")
    assert (q.speaker, q.topic, q.guessed) == ("Hu Xijin", "What is inevitable", True)
    # an outlet relaying someone's words: the words are the speaker's, the outlet their source
    q = parse_question("What did Tass report Putin said?")
    assert (q.speaker, q.source) == ("Putin", "Tass")
    # what an outlet reported: its name is the speaker to try, a guess; "report" no word to find
    q = parse_question("What did Reuters report about the fire?")
    assert (q.speaker, q.topic, q.guessed, q.terms) == ("Reuters", "the fire", True, ("reuter", "fire"))
    assert "report" in parse_question("How many cases did the CDC report?").terms
    q = parse_question("Describe Muraviev's view of the relationship.")  # a request for a view
    assert (q.speaker, q.topic) == ("Muraviev", "the relationship")
    # a ceremony named by what it is, is that word: "the red-carpet welcome"
    assert parse_question("Describe the welcome ceremony.").terms == ("welcom",)
    assert parse_question("Where was the awards event held?").terms == ("award",)
    assert parse_question("What day did the ceremony take place?").terms == ("ceremoni",)
    # "like" asks for a description, "the aim of" why: neither is a word of the answer
    assert parse_question("What are the two countries' ties like?").terms == ("two", "countri", "tie")
    assert parse_question("What was the aim of the welcome?").terms == ("welcom",)
    assert parse_question("What was Putin's purpose in visiting China?").terms == ("putin", "visit", "china")
    # the story's two parties, called by what they are, may stand in a sentence or not
    assert party_terms("What do the two countries stand against?") == {"two", "countri"}
    assert party_terms("What did both leaders sign?") == {"leader"}
    assert party_terms("Who are the two leaders?") == frozenset()  # all it asks about
    # a verb that opens a yes-or-no question is no name
    assert parse_question("Could Russia's successes strengthen Putin's hand?").entities == ("Russia", "Putin")
    q = parse_question("According to Muraviev, who has the upper hand?")
    assert q.speaker == "Muraviev" and q.source is None  # a person's view is still theirs
    assert parse_question("How did Xi describe the meeting?").describes
    assert not parse_question("What did Xi say about the meeting?").describes


@pytest.mark.parametrize(
    ("word", "place"),
    [
        ("Japanese", "Japan"),
        ("Greek", "Greece"),
        ("Danish", "Denmark"),
        ("US", "American"),
        ("UK", "British"),
    ],
)
def test_a_peoples_word_and_its_place_are_one_term(word: str, place: str) -> None:
    from assistant.answer.aliases import expand, same_place
    from index.text import content_terms

    (term,) = content_terms(word)
    (other,) = content_terms(place)
    assert other in expand([term]) and term in same_place(other)
    assert "china" not in expand([term])  # another country is not the same place


def test_a_question_pointing_at_options_it_does_not_list_is_refused(loaded: Assistant) -> None:
    answer = loaded.ask("Which of the following did Muraviev say about power balance?")
    assert answer.refused and not answer.citations
    assert answer.text == (
        "The question asks to choose “of the following” but lists no options. "
        "Add them (“…: A, B or C?”) or ask it without “of the following”."
    )
    assert loaded.ask("Zohran Mamdani won. Which of the following ideas is not in his platform?").refused
    assert "“of these”" in loaded.ask("Which of these nations reached the quarter-finals?").text
    # Options listed after a colon, lettered, or offered at the end: asked as it is.
    for listed in (
        "Which of the following is more experienced in negotiations: Russia, China or Japan?",
        "Which of the following is more experienced in negotiations? A) Russia B) China",
        "Which of the following is more experienced in negotiations, Russia or China?",
    ):
        assert "lists no options" not in loaded.ask(listed).text, listed
    assert "lists no options" not in loaded.ask("What happened the following week?").text


def test_a_name_no_article_spells_so_is_read_as_the_articles_spell_it(loaded: Assistant) -> None:
    answer = loaded.ask("Who is Hu Xijn?")
    assert (
        answer.text.splitlines()[0] == "The articles found do not have that spelling; read “Xijn” as “Xijin”."
    )
    assert "Hu Xijin, the former editor" in answer.citations[0].quote
    _check_offsets(loaded, answer)
    first = next(iter(loaded.stream("Who is Hu Xijn?")))  # said first, whatever the backend
    assert first == "The articles found do not have that spelling; read “Xijn” as “Xijin”.\n"
    # A name spelt as an article spells it is left alone; so is one no word comes close to.
    assert "spelling" not in loaded.ask("Who is Hu Xijin?").text
    assert "spelling" not in loaded.ask("Who is Zbigniew Brzezinski?").text
    # Another form of the word, or its place's people, is no misspelling.
    assert respelt_names("Who won the Euros?", ["Euros"], ["Spain won Euro 2025."]) == {}
    assert respelt_names("What did the Russian side say?", ["Russian"], ["Russia said no."]) == {}
    assert respelt_names("Did Beyonce sing?", ["Beyonce"], ["Beyoncé sang."]) == {}
    assert respelt_names("Did Putn go?", ["Putn"], ["Putin went."]) == {"Putn": "Putin"}


def test_used_to_is_no_word_to_match_unless_used_is_the_verb() -> None:
    assert parse_question("Who used to edit the Global Times?").terms == ("edit", "global", "time")
    assert "use" not in parse_question("Which country used to be the big brother?").terms
    assert "use" in parse_question("What was the money used to buy?").terms  # "was used": the verb


def test_a_time_asked_of_one_party_is_not_anothers_time_told_in_their_words() -> None:
    """ "… Blinken said during a trip to Beijing last month" gives Blinken's time: it names
    neither Putin nor anyone the question names as the one who speaks."""
    blinken = "U.S. Secretary of State Antony J. Blinken said during a trip to Beijing last month."
    assert _someone_elses(parse_question("When did Putin arrive in Beijing?"), blinken)
    assert not _someone_elses(parse_question("When did Blinken visit Beijing?"), blinken)
    assert not _someone_elses(parse_question("What did Putin say about Beijing?"), blinken)  # no time asked
    assert not _someone_elses(
        parse_question("When did Putin arrive in Beijing?"),
        "Putin arrived in Beijing on Thursday, Tass said.",
    )


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("In which country is Curtin University?", "Where is Curtin University?"),
        ("Which state is Curtin University located in?", "Where is Curtin University?"),
        ("What is Curtin University's location?", "Where is Curtin University?"),
        ("In what city was the summit held?", "Where was the summit held?"),
        # which one of them is asked, not where it is
        ("Which city is the capital of Russia?", "Which city is the capital of Russia?"),
        ("Which country is the happiest?", "Which country is the happiest?"),
    ],
)
def test_the_place_of_a_thing_asked_by_its_kind_of_place_is_where_it_is(question: str, searched: str) -> None:
    reading = read(Query(question), Settings().retrieval)
    assert reading.search.text == searched
    assert reading.question.text == question  # shown as asked


def test_what_a_question_sets_aside_is_no_word_of_its_answer() -> None:
    """ "… besides Beijing": Harbin's sentence need not say "besides" or "Beijing"; Beijing stays a
    name of the question, so it is no answer to it either."""
    question = parse_question("Which city did Putin visit besides Beijing?")
    assert question.terms == ("citi", "putin", "visit") and "Beijing" in question.entities
    assert parse_question("Other than Xi, who spoke at the news conference?").terms == (
        "spoke",
        "news",
        "confer",
    )
    # a thing in lower case keeps its word: only the word that sets it aside goes
    assert parse_question("Apart from trade, how has China helped Russia?").terms == (
        "trade",
        "china",
        "help",
        "russia",
    )
