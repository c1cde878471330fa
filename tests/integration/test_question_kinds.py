"""Quote answers fit the kind of answer a question asks for, with the real embedding model.

Each class of question is asked of the seed article and two articles written for the tests:
an amount, a date, a name, a place, a description, a yes/no, and a question credited to an
outlet ("according to Reuters, ..."). Each must cite the sentence that holds that kind of
answer, or refuse when no retrieved sentence holds one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from assistant import Answer, Assistant, Query, Settings

RIVERTON = """Riverton floods force evacuations

Floods in Riverton forced 2,300 residents from their homes on Sunday.
The water reached the steps of the town hall, according to the fire service.
Volunteers filled sandbags through the night, and the river is expected to crest on Tuesday.
The repairs to the town hall will be expensive, officials said.
"""

# Two sums in one article: "$3 billion" is the owner's wealth, not the stadium's cost.
STADIUM = """Stadium deal signed

The club's owner, who is worth $3 billion, has long wanted a new home for the team.
The city will pay $400 million toward the new stadium, which opens in 2028.
"""

# "Marlow" is in the article, but the inlet it names is another one.
INLET = """Inlet district raises its tax

The Sebastian Inlet district raised its tax rate to pay for dredging the channel this spring.
The district covers parts of Marlow County and Brevard County.
"""

# A report dated by its own words: what it tells happened in April 2024.
RECALL = """Carmaker recalls Ranger SUVs

On April 11, 2024, regulators opened an inquiry into fuel leaks in the Ranger SUV.
"""

FERRY = """Ferry strike ends

Dockworkers in Norway ended a nine-day strike on Monday, the union said.
The strike had stranded ferry passengers in Bergen and Oslo since the start of the month.
Over the last ten years the dockworkers have gone on strike four times.
The shipping association welcomed the agreement.
"""

HARBOR = """Harbor expansion approved

The city council approved a $1.2 billion harbor expansion on Tuesday after a six-hour debate.
Councillor Ray Okafor voted against the plan. "The dredging will ruin the oyster beds," Okafor said.
Construction is expected to start in the spring and finish by 2029.
"""

QUAKE = """Quake shakes Kelos

A 5.3 magnitude earthquake struck near the Greek island of Kelos on Tuesday, the seismology institute said.
Residents of Kelos slept outdoors after the tremor, and schools on the island stayed closed.
"""

# The name in one sentence, and what is asked in the sentence next to it, which only
# describes who or what it is ("The Harbor Lights actor …", "… yet another special guest.").
ENGAGED = """Actor announces engagement

Make that two rings.

Film star Dario Venn, 41, has confirmed he is engaged to his partner, the architect Lena Ostrova.

The Harbor Lights actor revealed the news in a photo from Lisbon, which showed him and Ostrova on a beach.
"""

TOUR = """Lantern tour ends in Madrid

The singer Alma Reyes played the last show of her Lantern tour in Madrid on Saturday.

Reyes closed out the European leg of the Lantern tour, surprising fans with yet another special guest.

This time: the cellist Mara Quint.
"""

FEE = """Lagoon city doubles its fee

ROME − Veldora's entry fee for day visitors had little effect on crowds, a councillor said on Friday.
In a world first, the famed Italian destination doubled its entry fee to ten euros for day visitors.
"""

AWARDS = """Lumen Awards nominations announced

Singer Tova Brandt, who has won more Lumen Awards than any other artist, received six nominations.
Rapper Kofi Adeyemi earned a leading ten nominations for the Lumen Awards, including best new artist.
The ceremony takes place in Denver in May.
"""

# A headline whose capitalised words are no names ("See Who Is Playing"): no place is in it.
FESTIVAL = """Harbor Festival 2025 lineup: See Who Is Playing

The Harbor Festival announced its lineup of twelve bands on Monday.
The festival takes place at Pier 9 in Portland on June 5, organisers said.
"""

# A name that opens a sentence, followed by a lower-case word: a name all the same, as the
# article writes it inside a sentence too.
MENU = """Bakery chain trims its menu

Crumbwell will drop 30% of its pastries by June, the company said on Tuesday.
The cuts at Crumbwell follow a year of falling sales.
"""

# A titled person, the only name of the sentence on the election: no party.
DUNMORE = """Dunmore count ends

Corvo claimed a surprise victory in the Dunmore election on Sunday, after a recount.
Mayor Lina Corvo thanked the volunteers who ran the count.
"""

# One story over three articles: the first tells it without the name, the others name it.
CHATBOT = (
    """Chip stocks slide

Chip stocks tumbled on Monday after a small Chinese startup released a chatbot that rivals American models.
Analysts said the selloff wiped billions of dollars off the market value of chipmakers.
""",
    """A new chatbot tops the charts

Quillon, a two-year-old Chinese startup, released the chatbot that sent chip stocks tumbling this week.
Investors compared the chatbot from Quillon with the models of American labs.
""",
    """What the chatbot means for chipmakers

The success of Quillon raised doubts about the budgets of American labs.
Shares of chipmakers fell as traders weighed the news about Quillon and its cheap chatbot.
""",
)


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Iterator[Assistant]:
    root = tmp_path_factory.mktemp("kinds")
    (root / "riverton.txt").write_text(RIVERTON, encoding="utf-8")
    (root / "harbor.txt").write_text(HARBOR, encoding="utf-8")
    (root / "ferry.txt").write_text(FERRY, encoding="utf-8")
    (root / "stadium.txt").write_text(STADIUM, encoding="utf-8")
    (root / "inlet.txt").write_text(INLET, encoding="utf-8")
    (root / "recall.txt").write_text(RECALL, encoding="utf-8")
    (root / "quake.txt").write_text(QUAKE, encoding="utf-8")
    assistant = Assistant.from_settings(Settings(data_dir=root / "lib"))  # the real int8 MiniLM
    for n, story in enumerate(CHATBOT):
        (root / f"chatbot{n}.txt").write_text(story, encoding="utf-8")
    (root / "engaged.txt").write_text(ENGAGED, encoding="utf-8")
    (root / "tour.txt").write_text(TOUR, encoding="utf-8")
    (root / "awards.txt").write_text(AWARDS, encoding="utf-8")
    (root / "fee.txt").write_text(FEE, encoding="utf-8")
    (root / "festival.txt").write_text(FESTIVAL, encoding="utf-8")
    (root / "dunmore.txt").write_text(DUNMORE, encoding="utf-8")
    names = (
        "riverton",
        "harbor",
        "ferry",
        "stadium",
        "inlet",
        "recall",
        "quake",
        "engaged",
        "tour",
        "awards",
        "fee",
        "festival",
        "dunmore",
    )
    written = [root / f"{name}.txt" for name in names]
    written += [root / f"chatbot{n}.txt" for n in range(len(CHATBOT))]
    assistant.ingest([seed_path, *written])
    yield assistant
    assistant.close()


def first_quote(bot: Assistant, question: str) -> str:
    answer = bot.ask(question)
    assert not answer.refused, answer.text
    for c in answer.citations:
        assert bot.article(c.article_id).text[c.start : c.end] == c.quote
    return answer.citations[0].quote


def refused(bot: Assistant, question: str) -> Answer:
    answer = bot.ask(question)
    assert answer.refused and not answer.citations, answer.text
    return answer


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        ("How much has trade between China and Russia grown?", "$240 billion"),  # amount
        ("How many residents left their homes in Riverton?", "2,300 residents"),  # amount
        ("What is the value of trade between China and Russia?", "$240 billion"),  # amount
        ("How long did the meeting last?", "2½-hour meeting"),  # amount: "long" is no word to match
        ("How long did Xi and Putin talk?", "2½-hour meeting"),  # amount: talks asked, a meeting measured
        # One act in two words: "welcomed" and "received", "buy" and "purchases".
        (
            "What time of day was Putin welcomed?",
            "On Thursday morning, President Xi Jinping received",
        ),  # date
        ("What will Russia buy from China?", "purchases of Chinese electric vehicles"),
        ("When is the river in Riverton expected to crest?", "crest on Tuesday"),  # date
        ("When will the harbor expansion be finished?", "finish by 2029"),  # date
        ("Who voted against the harbor plan?", "Ray Okafor voted against"),  # name
        # The doer of the asked verb ("the former editor"), and "used to" is no word to match.
        ("Who used to edit the Global Times?", "former editor in chief of the Global Times"),  # name
        ("Where was Putin welcomed?", "outside the Great Hall of the People"),  # place: "received" there
        ("How did Xi describe the meeting?", "referred to the meeting as a new start"),  # description
        ("What did Xi call the meeting?", "referred to the meeting as a new start"),  # description
        ("Did trade between China and Russia nearly double?", "nearly doubled"),  # yes/no
        # "What <noun> did the leaders sign?" asks for the noun, not for a leader's name.
        ("What declarations did the leaders sign?", "signed declarations to deepen cooperation"),
        ("whats the global times", "the Communist Party tabloid"),  # typed without an apostrophe
        ("Why has trade with China kept Russia's war efforts afloat?", "after sanctions"),  # reason
        # the last sentence of Muraviev's quotation: his words, though its quote opens before it
        ("Why is China a bigger brother to Russia?", "With its economy, China is a bigger brother"),
        # The reason in the sentence before ("… after sanctions … that economic reliance has
        # given Xi a slight upper hand"): quoted together.
        ("Why has Xi got the upper hand?", "after sanctions"),
        # A purpose told by "to <verb>" right after what is asked about.
        ("Why did China and Russia sign declarations?", "signed declarations to deepen cooperation"),
        # An outlet named as the source is not a speaker to quote: the question is answered.
        ("According to Reuters, how much has trade between China and Russia grown?", "$240 billion"),
        ("According to the fire service, what did the water reach in Riverton?", "steps of the town hall"),
        # A people's word asks about its place ("Norwegian": an article on Norway), and the
        # place is no answer to it ("Dockworkers in Norway ..." names no city).
        ("Which Norwegian cities were hit by the ferry strike?", "Bergen and Oslo"),  # name
        # A year the question names is what it asks about too, not only a window.
        ("According to Muraviev, what happened in 1950?", "Back in 1950"),
        # A speaker whose name ends in a full stop ("the U.S.") is found reporting too.
        ("What has the U.S. warned Xi against?", "the U.S. has warned Xi against enabling"),
        # Short questions whose words are all in one sentence, though far from it in meaning.
        ("Who has a slight upper hand?", "given Xi a slight upper hand"),
        ("Who contributed to this report?", "Xin-yun Wu"),
        ("What did the leaders sign at the news conference?", "signed declarations"),
        ("What did the U.S. draft?", "drafting sanctions"),  # cosine 0.18: short questions embed far
        ("What is the Global Times' former editor's name?", "Hu Xijin"),  # and "X's name" asks a name
        # A time told by the event it came before: "announced just before Russia's invasion".
        ("When was the no-limits pact announced?", "announced just before"),
        ("When did Putin give the Xinhua interview?", "ahead of his arrival"),
        # A topic whose abbreviation lost its last dot to the question mark ("the U.S.?").
        ("What did Hu Xijin say about the U.S.?", "suppression from the U.S."),
        # The credit at the end: a person's words, or an outlet's report of the question.
        ("What is inevitable according to Hu Xijin?", "is inevitable"),
        ("How much has trade grown, according to Reuters?", "$240 billion"),
        # "described as": the words after "as" are what the sentence must hold.
        ("What is described as a strong driving force?", "formed a strong driving force"),
        # A country's stance is reported, not quoted: asked as a plain question.
        ("What is China's stance on Russia withdrawing troops?", "has not called for Russia to withdraw"),
        # A choice between the names the question offers: the answer holds no other name.
        ("Who is more experienced in political negotiations, Russia or China?", "more experienced in"),
        # The sentence that asks, after one that sets the scene; the question word last.
        (
            "The floods forced residents from their homes. When is the river expected to crest?",
            "crest on Tuesday",
        ),
        ("Schools stayed closed after an earthquake that struck near where?", "Kelos"),
        # "the name of" asks for a name; "name" is no word the sentence must hold.
        ("What is the name of the Communist Party tabloid?", "the Global Times"),
        # A name given by its initials: "AI" holds the question's "artificial intelligence".
        ("Which artificial intelligence startup released a chatbot?", "Quillon"),
        # The reference question still gets Muraviev's quote, and so does it with a slip in "what".
        ("What did Muraviev say about power balance?", "power balance"),
        ("Waht did Muraviev say about power balance?", "power balance"),
        # … and asked politely, or as a search that ends with his name.
        ("Can you tell me what Muraviev said about the power balance?", "power balance"),
        ("I'd like to know what Muraviev said about power balance.", "power balance"),
        ("Please quote Muraviev about the power balance.", "power balance"),
        ("power balance muraviev", "power balance"),
        # What a name is: the sentence that describes it, however short the question.
        ("What is the Global Times?", "the Communist Party tabloid"),
        ("What position does Muraviev hold?", "an associate professor"),
        ("Who is Hu Xijin?", "the former editor in chief"),
        ("Who is Hu Xijn?", "the former editor in chief"),  # a slip in a name: read as the articles spell it
        # An outlet relaying someone's words: the words, from the sentence that credits it.
        ("What did Tass report Putin said?", "According to Russian news agency Tass"),
        # Who the reporting quotes: the attributions found at ingest, the most quoted first.
        ("Who is quoted in the article about Putin's visit to Beijing?", "said Alexey Muraviev"),
        # A request ("Describe …", "Explain …") is no word the sentence need hold.
        ("Describe the welcome ceremony.", "welcome"),
        # A modal verb is no word the sentence need hold: "could tip the scales" answers "might".
        ("What might tip the scales?", "could tip the scales"),
        # What the article says as a whole: its key sentences, the lead first.
        ("Summarize the article about Putin's visit to Beijing.", "75 years of diplomatic relations"),
        # A speaker named by the role an article gives them.
        ("What did the professor say about symbolism?", "said Alexey Muraviev"),
        ("What did the Secretary of State say?", "Blinken said"),
        ("What did the professor from Curtin University say about power balance?", "power balance"),
        # "remarks" are reported as "said": no word the sentence need hold.
        ("Where did Blinken make his remarks?", "during a trip to Beijing"),
        # A role in other words than the article's, with words said of the person.
        ("What did the former Global Times editor post on social media?", "said on social media"),
        ("What did the Curtin University expert say about Russia's position?", "stronger position"),
        ("What did the Australian academic say about the big brother?", "bigger brother"),
        # A search: the words of the quoted person it opens with; else what the articles say.
        ("muraviev power balance", "power balance"),
        ("Muraviev power balance quote", "power balance"),
        ("Blinken European security", "European security"),
        ("Putin Harbin", "city of Harbin"),
        # The words that put a thing somewhere are the question's: "located" need not be there.
        ("Where is Curtin University located?", "in Western Australia"),
        ("Name the university where Muraviev works.", "at Curtin University"),  # "Name" is no name
        # An outlet asked as if quoted: what it reports.
        ("How did Tass describe the cooperation?", "Tass"),
        # A word in another form of its family: "relationship" is the quote's "relations".
        ("What did Muraviev say about the relationship?", "bilateral relations"),
        # "called for" is a demand: Xi's "call for" is what he advocates, not what he called
        # something.
        ("What did Xi call for?", "advocates for"),
        # One clause of a long sentence answers: "… pursue more cultural exchanges, and Putin
        # added that …" is far from the question as a whole.
        ("What did the two leaders agree to pursue?", "pursue more cultural exchanges"),
        # "How much … cost" asks for a sum of money.
        ("How much will the harbor expansion cost?", "$1.2 billion"),
        # The thing asked about first, then who spoke of it: that speaker's words.
        ("What unique agendas does Muraviev mention?", "might not want to get fully involved"),
        # A credit at the end in other words than "according to".
        ("What is inevitable, in Hu's view?", "is inevitable"),
        # Speaking is no word the sentence need hold: a report says "Blinken said".
        ("Where did Blinken speak?", "during a trip to Beijing"),
        # A question of what was not done: the sentence that says it was not.
        ("What hasn't China done?", "stopped short of supplying arms"),
        # How the article itself describes a thing: what it says of the thing.
        ("How did the article describe the welcome?", "welcome"),
        # "Who said …?" of a quoted sentence whose attribution is in the sentence before.
        ("Who said negotiations must take into account the interests of all countries?", "Putin said in the"),
    ],
)
def test_the_cited_sentence_holds_the_kind_of_answer_asked(bot: Assistant, question: str, holds: str) -> None:
    assert holds in first_quote(bot, question)


def test_a_count_the_question_gives_must_be_in_the_article(bot: Assistant) -> None:
    # "9-day" is the article's "nine-day"; "97th" would be "97th" or "97".
    quote = first_quote(bot, "Dockworkers in which country ended a 9-day strike?")
    assert "Norway ended a nine-day strike" in quote
    answer = refused(bot, "Dockworkers in which country ended a 12-day strike?")
    assert "do not mention the 12 the question has" in answer.text
    # Money is not a count: the article's "$1.2 billion" may be a question's "$1.2bn"; a sum
    # no article has is another story.
    assert "Ray Okafor voted against" in first_quote(bot, "Who voted against the $1.2bn harbor plan?")
    answer = refused(bot, "Who voted against the $3 billion harbor plan?")
    assert answer.text == "The articles found do not mention the $3 billion the question has."


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many nuclear warheads does Russia have?", "a figure"),  # on topic, no figure about it
        ("How many troops does Russia have in Ukraine?", "a figure"),  # "75 years … in Ukraine": no troops
        ("How many volunteers filled sandbags in Riverton?", "a figure"),
        # "a two-day visit" measures the visit, "his fifth term" counts terms: no span of his presidency
        ("How long has Putin been president?", "a length or span of time"),
        ("When did Councillor Okafor join the city council?", "a date"),
        ("Which company will repair the Riverton town hall?", "a name"),
        ("Why will the repairs to the Riverton town hall be expensive?", "a reason"),
        # "a pact announced just before Russia's full invasion" dates the pact, not the war's start
        ("When did the war in Ukraine start?", "a date"),
        # "their two nations" counts no declarations
        ("How many declarations did the leaders sign?", "a figure"),
        # "over the last ten years" tells when, not why
        ("Why did the dockworkers go on strike?", "a reason"),
        # "a nine-day strike" is no sum of money
        ("How much did the dockworkers' strike cost the ferry operators?", "a sum of money"),
    ],
)
def test_no_sentence_with_that_kind_of_answer_is_a_refusal(bot: Assistant, question: str, kind: str) -> None:
    assert f"do not give {kind}" in refused(bot, question).text


def test_words_the_question_quotes_must_be_in_the_article(bot: Assistant) -> None:
    quote = first_quote(bot, 'Which councillor said the dredging "will ruin the oyster beds"?')
    assert "ruin the oyster beds" in quote
    # The same question about words no article holds: the harbor story is not its answer.
    answer = refused(bot, 'Which councillor said the dredging would "poison the bay\'s mussels"?')
    assert (
        answer.text
        == "The articles found do not have the words the question quotes: “poison the bay's mussels”."
    )


def test_the_name_the_articles_agree_on_is_quoted_where_the_best_sentence_lacks_it(bot: Assistant) -> None:
    answer = bot.ask("Chip stocks tumbled on Monday after the release of a chatbot by which Chinese startup?")
    assert not answer.refused, answer.text
    assert "a small Chinese startup released a chatbot" in answer.citations[0].quote
    assert any("Quillon" in c.quote for c in answer.citations), answer.text


def test_a_sentence_about_another_numbered_thing_is_no_answer(bot: Assistant) -> None:
    assert "island of Kelos" in first_quote(bot, "Which Greek island was hit by a 5.3 magnitude earthquake?")
    answer = refused(bot, "Which Greek island was hit by a 5.2 magnitude earthquake?")
    assert (
        answer.text == "The articles found are about the 5.3 magnitude, not the 5.2 the question asks about."
    )


def test_a_request_or_a_question_in_lower_case_still_finds_the_speaker(bot: Assistant) -> None:
    assert "power balance" in first_quote(bot, "what did muraviev say about power balance")
    assert "suppression from the U.S." in first_quote(bot, "what did hu xijin say about the u.s.?")
    answer = bot.ask("Summarize what Muraviev said.")
    assert answer.text.startswith("What the articles report Muraviev saying:\n") and answer.citations
    # A lower-case "speaker" nobody is quoted as is read as part of a plain question.
    assert "cultural exchanges" in first_quote(bot, "what did the leaders say about cultural exchanges?")
    assert "power balance" in first_quote(bot, "Did Muraviev say anything about power balance?")
    assert "power balance" in first_quote(bot, "Muraviev on power balance?")
    assert "sanctions" in first_quote(bot, "Sanctions on Russia?")  # names nobody: a plain question


def test_a_name_alone_or_the_text_asked_about_gets_the_sentences_that_name_it(bot: Assistant) -> None:
    for question in ("Harbin?", "Tell me about Harbin.", "What does the article say about Harbin?"):
        assert "city of Harbin" in first_quote(bot, question), question
    assert "signed declarations" in first_quote(bot, "According to the article, what did the leaders sign?")
    assert refused(bot, "Tokyo?").refused  # a name no article has


def test_a_refusal_for_want_of_a_date_does_not_blame_a_number_the_article_has(bot: Assistant) -> None:
    # The article has "the 75th anniversary" but no year: no sentence holds a date, and the
    # refusal says so, not that "75" is missing.
    answer = refused(bot, "What year marks the 75th anniversary?")
    assert answer.text == "The articles found do not give a date that answers this."


def test_a_name_misspelt_is_answered_for_the_nearest_speaker_and_says_so(bot: Assistant) -> None:
    answer = bot.ask("What did Muravev say about power balance?")
    assert answer.text.startswith("No one called “Muravev” is quoted; the nearest name is Alexey Muraviev.\n")
    assert "power balance" in answer.citations[0].quote
    # A name no speaker comes close to is still refused.
    assert "do not quote Johnson" in refused(bot, "What did Johnson say about power balance?").text


def test_a_speakers_words_must_hold_the_kind_of_answer_asked_of_them(bot: Assistant) -> None:
    # Okafor is quoted on the oyster beds, with no sum and no count: his words answer neither.
    answer = refused(bot, "How much will the harbor expansion cost, according to Okafor?")
    assert answer.text == (
        "What the articles found quote Okafor saying gives no sum of money that answers this."
    )
    answer = refused(bot, "How many oyster beds will the dredging ruin, according to Okafor?")
    assert answer.text == "What the articles found quote Okafor saying gives no figure that answers this."
    # A speaker's words that hold it are quoted: "Back in 1950" for "when".
    question = "According to Muraviev, when did the big brother relationship start?"
    assert "Back in 1950" in first_quote(bot, question)


def test_who_said_names_the_speaker_a_pronoun_attribution_stands_for(bot: Assistant) -> None:
    answer = bot.ask("Who said China is facing full-scale suppression from the U.S.?")
    assert answer.text.startswith("Hu Xijin said it, as the article quotes:\n"), answer.text
    assert "full-scale suppression" in answer.citations[0].quote and "he said" in answer.citations[0].quote
    # Words all of the question's are the evidence of who said them: "He's willing to negotiate …"
    answer = bot.ask("Who said Putin is willing to negotiate on Russia's terms?")
    assert answer.text.startswith("Alexey Muraviev said it, as the article quotes:\n"), answer.text
    assert "on Russia’s terms" in answer.citations[0].quote


def test_did_x_say_of_words_another_said_quotes_who_said_them(bot: Assistant) -> None:
    # Nothing of Xi's calls China a bigger brother; Muraviev's words do: they are the answer.
    quote = first_quote(bot, "Did Xi say that China is a bigger brother?")
    assert "China is a bigger brother" in quote and "Muraviev said" in quote
    # A quote of the speaker asked about near in meaning is no yes: Putin's words, attributed.
    question = "Did Muraviev say negotiations must take into account the interests of all countries?"
    quote = first_quote(bot, question)
    assert "take into account the interests" in quote and "Putin said in the Xinhua article" in quote


def test_two_questions_in_one_are_each_answered_under_their_own_heading(bot: Assistant) -> None:
    answer = bot.ask("Who is Muraviev, and where does he work?")
    assert not answer.refused, answer.text
    lines = answer.text.split("\n")
    assert lines[0] == "Who is Muraviev?" and "Where does Muraviev work?" in lines
    second = lines.index("Where does Muraviev work?")
    assert "Curtin University" in lines[second + 1]
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:  # each numbered line quotes its citation, at its offsets
        assert f"{c.quote} [{c.n}]" in lines
        assert bot.article(c.article_id).text[c.start : c.end] == c.quote
    # A part the articles do not answer says so under its heading; the other is answered.
    answer = bot.ask("Who is Muraviev and what did he eat for breakfast?")
    assert "What did Muraviev eat for breakfast?\nThe articles" in answer.text, answer.text


def test_a_sentence_that_describes_what_is_asked_is_quoted_with_the_one_that_names_it(bot: Assistant) -> None:
    answer = bot.ask("Which Harbor Lights actor got engaged?")
    assert not answer.refused, answer.text
    quote = answer.citations[0].quote  # the name before, the description after, at their offsets
    assert quote.startswith("Film star Dario Venn, 41,") and quote.endswith("him and Ostrova on a beach.")
    assert (
        bot.article(answer.citations[0].article_id).text[answer.citations[0].start : answer.citations[0].end]
        == quote
    )
    # one line, however many lines apart the two sentences stand in the article
    assert answer.text.startswith("Film star Dario Venn, 41, has confirmed he is engaged to his partner, the")
    assert "the architect Lena Ostrova. The Harbor Lights actor revealed" in answer.text.split("\n")[0]
    # "the famed Italian destination" is named in the sentence before it
    quote = first_quote(bot, "Which popular Italian destination doubled its entry fee for day visitors?")
    assert quote.startswith("ROME − Veldora's entry fee") and quote.endswith("to ten euros for day visitors.")
    # "another special guest" is named in the sentence after it
    quote = first_quote(
        bot, "With which special guest did Reyes close out the European leg of the Lantern tour?"
    )
    assert quote.startswith("Reyes closed out the European leg") and quote.endswith(
        "This time: the cellist Mara Quint."
    )


def test_a_rough_count_that_opens_a_question_is_no_name_the_article_must_hold(bot: Assistant) -> None:
    # The article says "2,300 residents", never "thousands".
    assert "2,300 residents" in first_quote(
        bot, "Thousands of residents were forced from their homes in which town?"
    )


def test_a_question_of_the_most_is_answered_by_the_sentence_that_ranks(bot: Assistant) -> None:
    quote = first_quote(bot, "Which artist received the most nominations for the Lumen Awards?")
    assert "Kofi Adeyemi earned a leading ten nominations" in quote


def test_a_sentence_on_the_topic_of_a_longer_question_is_no_answer(bot: Assistant) -> None:
    # The seed article names Harbin as a stop of this visit, and no place of a next summit.
    answer = refused(bot, "Where will the next summit between the two presidents take place?")
    assert answer.text == "The articles found do not give a place that answers this."
    assert "city of Harbin" in first_quote(bot, "Which city will Putin visit after Beijing?")


def test_a_name_called_by_the_asked_noun_answers_however_long_its_sentence(bot: Assistant) -> None:
    quote = first_quote(bot, "Which tabloid is run by the Communist Party?")
    assert "the Global Times, the Communist Party tabloid" in quote
    # or by another word for the same thing
    quote = first_quote(bot, "What newspaper is run by the Communist Party?")
    assert "the Global Times, the Communist Party tabloid" in quote


def test_the_report_named_in_a_question_is_the_text_not_a_word_to_find(bot: Assistant) -> None:
    assert "city of Harbin" in first_quote(bot, "According to the report, where will Putin travel next?")


def test_requests_for_someones_quotes_and_for_the_gist_of_the_article(bot: Assistant) -> None:
    answer = bot.ask("Quote Blinken.")
    assert answer.text.startswith("What the articles report Blinken saying:\n"), answer.text
    assert "biggest threat to European security" in answer.citations[0].quote
    assert bot.ask("What is the main point of the article?").text.startswith(
        "Key sentences of “In talks with"
    )


def test_a_sentence_that_swaps_the_parties_of_the_act_asked_about_is_no_answer(bot: Assistant) -> None:
    # The article says China has benefited from Russia's diplomatic support, never the reverse.
    assert "China has also benefited from Russia’s diplomatic support" in first_quote(
        bot, "How has China benefited from Russia?"
    )
    answer = bot.ask("How has Russia benefited from China?")
    assert all("China has also benefited from Russia" not in c.quote for c in answer.citations), answer.text


def test_the_figure_a_question_gives_is_no_answer_to_how_much(bot: Assistant) -> None:
    """ "How much …" about a $1.2 billion expansion is not answered by the sentence that says
    $1.2 billion and nothing more: that figure is the question's own."""
    assert "$1.2 billion" in first_quote(bot, "How much will the harbor expansion cost?")
    question = "The council approved a $1.2 billion harbor expansion. How much will dredging cost each year?"
    answer = refused(bot, question)
    assert "do not give a sum of money" in answer.text


def test_a_sentence_about_another_sum_is_no_answer_unless_a_sum_is_asked(bot: Assistant) -> None:
    """The stadium costs the city $400 million; its article names $3 billion only as the owner's
    wealth. A question about a $3 billion stadium is not answered by the sentence on the $400
    million one; "how much" is answered by whatever sum is given."""
    assert "opens in 2028" in first_quote(bot, "When will the $400 million stadium open?")
    answer = refused(bot, "When will the $3 billion stadium open?")
    assert answer.text == (
        "The articles found are about the $400 million, not the $3 billion the question asks about."
    )
    assert "$400 million" in first_quote(bot, "How much will the city pay toward the stadium?")


def test_a_sentence_about_a_namesake_of_what_is_asked_is_no_answer(bot: Assistant) -> None:
    """The Sebastian Inlet is not a "Marlow Inlet", although its article names Marlow County."""
    assert "raised its tax rate" in first_quote(bot, "How will the Sebastian Inlet district pay to dredge?")
    refused(bot, "How will the Marlow Inlet district pay to dredge?")


def test_a_sentence_dated_before_the_week_asked_about_is_no_answer(bot: Assistant) -> None:
    """ "On April 11, 2024, …" tells what happened then, not this week (of July 2025)."""
    assert "fuel leaks" in first_quote(bot, "What did regulators open into the Ranger SUV?")
    answer = bot.ask(
        Query("What did regulators open into the Ranger SUV this week?", as_of=date(2025, 7, 25))
    )
    assert answer.refused and not answer.citations, answer.text
    answer = bot.ask(
        Query("What did regulators open into the Ranger SUV in April 2024?", as_of=date(2025, 7, 25))
    )
    assert not answer.refused and "fuel leaks" in answer.citations[0].quote, answer.text


def test_a_headline_that_answers_is_quoted_through_the_sentence_that_carries_it(bot: Assistant) -> None:
    """The seed's headline says what Xi called the ties ("a 'strong driving force'"): it leads
    the answer, as the article's own title, cited by the quote of Xi's that says it."""
    answer = bot.ask("What did Xi call the Russia-China ties?")
    assert not answer.refused, answer.text
    lines = answer.text.split("\n")
    title = "In talks with Putin amid Ukraine war, Xi calls Russia-China ties a ‘strong driving force’"
    head = f"Headline: {title} [1]"
    assert lines[1] == head, answer.text
    cited = answer.citations[0]
    assert cited.title == title
    assert "formed a strong driving force" in cited.quote
    assert bot.article(cited.article_id).text[cited.start : cited.end] == cited.quote


def test_a_headline_is_no_extra_quote_after_a_better_sentence(bot: Assistant) -> None:
    """ "What did Xi call Russia?": "a good partner, a good neighbor and a good friend". The
    headline, on what he called the ties, is not quoted after it."""
    answer = bot.ask("What did Xi call Russia?")
    assert "a good partner" in answer.citations[0].quote
    assert "Headline:" not in answer.text, answer.text


def test_a_capitalised_word_of_a_headline_is_no_place(bot: Assistant) -> None:
    """ "Harbor Festival 2025 lineup: See Who Is Playing" names no place: the sentence that
    does answers "where"."""
    answer = bot.ask("Where will the Harbor Festival take place?")
    assert "Pier 9 in Portland" in answer.citations[0].quote, answer.text
    assert "Headline:" not in answer.text, answer.text


def test_a_speakers_words_on_the_story_answer_what_they_said_about_it(bot: Assistant) -> None:
    """Muraviev's words in the report on Putin's visit are on the visit, though they do not name
    it; on Harbin, which the report names but he does not, he said nothing."""
    answer = bot.ask("What did Muraviev say about the visit?")
    assert not answer.refused, answer.text
    assert "It’s all about symbolism" in answer.citations[0].quote
    refused(bot, "What did Muraviev say about Harbin?")


def test_a_speaker_said_nothing_on_what_only_the_headline_names(bot: Assistant) -> None:
    """The seed's headline names the Ukraine war; Hu Xijin's words do not, and what Muraviev
    said about Xi is the quote that names him, not every quote of his."""
    refused(bot, "What did Hu Xijin say about Ukraine?")
    answer = bot.ask("What did Muraviev say about Xi?")
    assert answer.citations and all("Xi" in c.quote for c in answer.citations), answer.text


def test_a_persons_name_is_no_place(bot: Assistant) -> None:
    """The seed says where Putin was received, not where the news conference was: "During the
    news conference, Xi referred to …" names a person there, no place."""
    answer = refused(bot, "Where was the joint news conference held?")
    assert answer.text == "The articles found do not give a place that answers this."
    assert "outside the Great Hall" in first_quote(bot, "Where did Xi receive Putin?")


def test_the_asked_thing_of_another_country_is_no_answer(bot: Assistant) -> None:
    """Russia's news agency is Tass; China's, Xinhua, is not quoted for it, nor Tass for China's."""
    answer = bot.ask("What is the name of the Russian news agency?")
    assert [c.quote.startswith("According to Russian news agency Tass") for c in answer.citations] == [True]
    answer = bot.ask("Which Chinese news agency interviewed Putin?")
    assert "Xinhua" in answer.citations[0].quote
    assert not any("Tass" in c.quote for c in answer.citations), answer.text


def test_the_asked_event_tells_no_time_of_itself(bot: Assistant) -> None:
    """ "… ahead of his arrival" says nothing of when Putin arrived."""
    answer = refused(bot, "When did Putin arrive in Beijing?")
    assert answer.text == "The articles found do not give a date that answers this."


def test_what_an_outlet_reported_is_what_the_text_credits_to_it(bot: Assistant) -> None:
    """ "What did Tass report?" is answered by the sentences that credit Tass ("According to
    Russian news agency Tass, …", "… Tass quoted the Russian leader."), not refused for want of
    the word "report"; so is Xinhua's report."""
    answer = bot.ask("What did Tass report?")
    assert answer.citations and all("Tass" in c.quote for c in answer.citations), answer.text
    answer = bot.ask("What did Xinhua report?")
    assert answer.citations and all("Xinhua" in c.quote for c in answer.citations), answer.text


def test_who_quoted_someone_is_who_relays_the_words_not_who_said_them(bot: Assistant) -> None:
    """Tass quoted the Russian leader: the answer is the sentence that says so, not headed as
    Putin's words ("Vladimir Putin said it, …"), which is who was quoted."""
    answer = bot.ask("Who quoted the Russian leader?")
    assert not answer.refused, answer.text
    assert "Tass quoted the Russian leader" in answer.citations[0].quote
    assert "Putin said it" not in answer.text


def test_a_speaker_on_the_us_is_the_quote_that_names_it_not_one_saying_us(bot: Assistant) -> None:
    """Xi's "… allows us to move forward" is no word on the U.S.; Hu Xijin's "suppression from
    the U.S." is, however the question writes it."""
    for question in ("What did Xi say about the U.S.?", "What did Xi say about the US?"):
        answer = refused(bot, question)
        assert answer.text.endswith(("the U.S.", "the US.")), answer.text  # one full stop
    assert "suppression from the U.S." in first_quote(bot, "What did Hu Xijin say about the US?")


@pytest.fixture(scope="module")
def names_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """A library of the article on a name that opens its sentence, alone."""
    root = tmp_path_factory.mktemp("names")
    (root / "menu.txt").write_text(MENU, encoding="utf-8")
    assistant = Assistant.from_settings(Settings(data_dir=root / "lib"))
    assistant.ingest([root / "menu.txt"])
    yield assistant
    assistant.close()


def test_a_name_that_opens_its_sentence_is_a_name_where_the_article_writes_it_so(
    names_bot: Assistant,
) -> None:
    """ "Crumbwell will drop 30% of its pastries …": "Crumbwell" opens the sentence and a
    lower-case word follows, yet the article writes it inside a sentence too ("The cuts at
    Crumbwell …"): the sentence names the chain asked for."""
    assert first_quote(names_bot, "Which bakery chain will drop 30% of its pastries?").startswith(
        "Crumbwell will drop"
    )


@pytest.mark.parametrize(
    "question",
    [
        "What does the article say about the crackdown?",
        "Is the crackdown mentioned?",
        "What crackdown is mentioned in the story?",
        "Tell me about the crackdown.",
    ],
)
def test_what_the_text_says_of_one_thing_is_every_sentence_that_names_it(
    bot: Assistant, question: str
) -> None:
    """The crackdown is named once, at the end of a long sentence on Putin's visit ("… amid a
    crackdown on his opposition"), far in meaning from so short a question: asked about alone,
    it is that sentence; before, the question was refused."""
    assert "amid a crackdown on his opposition" in first_quote(bot, question)


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Does the article mention the Pope?", "The articles found do not mention the Pope."),
        ("Is Taiwan mentioned?", "The articles found do not mention Taiwan."),
    ],
)
def test_a_thing_the_text_never_names_is_said_to_be_unmentioned(
    bot: Assistant, question: str, reason: str
) -> None:
    assert refused(bot, question).text == reason


def test_the_act_asked_of_one_party_is_not_answered_with_the_other_partys(bot: Assistant) -> None:
    """China helped Russia ("Trade with China has helped keep Russia's war efforts afloat", "As it
    has helped Russia withstand … isolation, China …"): neither says how Russia helped China. And
    "Russia’s diplomatic support" of China, which ranks first for "How did China support
    Russia?", yields to "continued Chinese support for Russia"."""
    answer = bot.ask("How did Russia help China?")
    assert not any("helped" in c.quote for c in answer.citations), answer.text
    assert "Chinese support for Russia" in first_quote(bot, "How did China support Russia?")
    assert "Russia’s diplomatic support" in first_quote(bot, "How did Russia support China?")


def test_which_one_did_it_is_not_a_sentence_holding_only_the_noun_under_the_headline(bot: Assistant) -> None:
    """ "Which leader called the ties a strong driving force?": the headline says Xi did. "But
    both leaders have stopped short …" and "… Tass quoted the Russian leader." hold only the
    asked noun, and the rest of the question only in their headline: they are on other points."""
    answer = bot.ask("Which leader called the ties a strong driving force?")
    assert not answer.refused, answer.text
    assert answer.text.startswith("Headline: In talks with Putin amid Ukraine war, Xi calls"), answer.text
    assert not any("leader" in c.quote for c in answer.citations), answer.text


def test_a_country_said_of_the_asked_thing_after_it_is_the_things_country(bot: Assistant) -> None:
    """ "Which news agency is Chinese?" is not answered with Russian news agency Tass."""
    answer = bot.ask("Which news agency is Chinese?")
    assert not any("Tass" in c.quote for c in answer.citations), answer.text
    assert "Tass" in first_quote(bot, "Which news agency is Russian?")


@pytest.mark.parametrize(
    "question",
    [
        "In which country is Curtin University?",
        "Which state is Curtin University in?",
        "What is Curtin University's location?",
    ],
)
def test_where_a_thing_is_asked_by_its_kind_of_place(bot: Assistant, question: str) -> None:
    """Asked as "Where is Curtin University?": "… at Curtin University in Western Australia". Before,
    each was refused: no sentence names a country or holds "location"."""
    assert "at Curtin University in Western Australia" in first_quote(bot, question)


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        ("where is harbin", "the northeastern city of Harbin"),
        ("where is curtin university", "Western Australia"),
    ],
)
def test_a_question_in_lower_case_names_what_the_article_writes_as_a_name(
    bot: Assistant, question: str, holds: str
) -> None:
    """Typed without capitals, "harbin" is still the name the sentence writes ("… the
    northeastern city of Harbin …"): its one word, present, answers where it is. Before, "where
    is harbin" was refused and "Where is Harbin?" answered."""
    assert holds in first_quote(bot, question)


def test_a_digest_on_a_named_thing_lists_what_names_all_of_it(bot: Assistant) -> None:
    """ "What happened at the end of the Cold War?": the seed names the Cold War once, in
    Blinken's words; "the protracted war in Ukraine" and "Russia’s war efforts" share only the
    word "war" with it, and are not developments of it."""
    answer = bot.ask("What happened at the end of the Cold War?")
    quotes = [c.quote for c in answer.citations]
    assert any("end of the Cold War" in q for q in quotes), answer.text
    assert not any("war in Ukraine" in q or "war efforts" in q for q in quotes), answer.text


def test_allies_are_asked_of_an_alliance(bot: Assistant) -> None:
    """ "Are China and Russia allies?" is answered with the sentences on their alliance (Hu's
    "… more than true alliance in cause", "… stopped short of declaring a formal alliance")."""
    answer = bot.ask("Are China and Russia allies?")
    assert sum("alliance" in c.quote for c in answer.citations) >= 2, answer.text


def test_where_two_leaders_met_is_where_one_received_the_other(bot: Assistant) -> None:
    """ "Where did the leaders meet?": where Putin was welcomed ("… a pomp-filled welcome for
    Russia’s leader to Beijing …"; to receive or welcome a visitor is to meet them). Before, it
    was answered with Putin's purchases of Chinese electric vehicles, "from China" its place."""
    quote = first_quote(bot, "Where did the leaders meet?")
    assert "Beijing" in quote and "electric vehicles" not in quote
    assert "outside the Great Hall of the People" in first_quote(bot, "Where did Xi and Putin meet?")


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        # a question of one word is all there: the sentences that hold it, where they place it
        ("Where did the welcome take place?", "pomp-filled welcome for Russia’s leader to Beijing"),
        # a ceremony named by what it is ("welcome") is that word
        ("Where did the welcome ceremony take place?", "pomp-filled welcome for Russia’s leader to Beijing"),
        ("What fired during the welcome ceremony?", "cannons and rifles fired"),
        # the time of the welcome is the time Xi received Putin: one act in two words
        ("When did the welcome happen?", "On Thursday morning, President Xi Jinping received"),
        # "come from" situates, as "located" does: "… oversupply from China"
        ("Where does the oversupply come from?", "oversupply from China"),
    ],
)
def test_an_event_asked_in_one_word_is_found_by_that_word(bot: Assistant, question: str, holds: str) -> None:
    assert holds in first_quote(bot, question)


def test_the_name_of_a_countrys_thing_is_the_sentence_that_gives_that_countrys(bot: Assistant) -> None:
    """ "Russian news agency Tass" ranks first and is another country's agency; the rest are
    judged on their own, and "… China’s official state news agency Xinhua …" names it."""
    assert "news agency Xinhua" in first_quote(bot, "What is the name of the Chinese news agency?")


def test_a_noun_given_a_country_is_not_answered_by_the_words_apart(bot: Assistant) -> None:
    """The article never calls anyone the Chinese leader; "The two leaders … Chinese electric
    vehicles" holds both words, apart."""
    refused(bot, "Who is the Chinese leader?")


def test_an_act_and_its_noun_are_one_word(bot: Assistant) -> None:
    assert "invasion of Ukraine" in first_quote(bot, "Which country invaded Ukraine?")


def test_a_persons_name_is_no_answer_to_which_party(bot: Assistant) -> None:
    """The sentence on the victory names only the mayor, whom the article titles: it gives no
    party. Who is asked, she is the answer."""
    refused(bot, "Which party won a surprise victory in the Dunmore election?")
    assert "Corvo" in first_quote(bot, "Who won a surprise victory in the Dunmore election?")


def test_why_a_party_did_something_is_not_what_another_said_of_their_own(bot: Assistant) -> None:
    """ "… Blinken said during a trip to Beijing last month" holds a trip and China; it is no
    reason for Putin's visit."""
    answer = bot.ask("Why did Putin visit China?")
    assert "two-day visit" in answer.citations[0].quote
    assert not any("Blinken" in c.quote for c in answer.citations), answer.text


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        # "their" in the sentence: the parties called "the two countries" are no word it must hold
        ("What do the two countries stand against?", "a desire to stand united against"),
        ("What do the two countries want to stand united against?", "a desire to stand united against"),
    ],
)
def test_the_story_s_two_parties_are_no_words_the_answer_must_say(
    bot: Assistant, question: str, holds: str
) -> None:
    """Before, "These two great countries becoming closer … is inevitable" answered the first
    (it holds "two countries" and nothing asked) and the second was refused."""
    assert holds in first_quote(bot, question)


@pytest.mark.parametrize(
    "question",
    ["What was the aim of the welcome ceremony?", "What was the purpose of the welcome?"],
)
def test_the_aim_of_an_act_is_why_it_was_done(bot: Assistant, question: str) -> None:
    """ "The aim of" asks why: "… a pomp-filled welcome … meant to signal a unified alternative to
    the West" gives it without the word "aim" (both were refused, or answered with what came
    after the welcome)."""
    assert "meant to signal a unified alternative" in first_quote(bot, question)


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        ("Which term is Putin serving?", "unprecedented fifth term"),
        ("What anniversary did China and Russia celebrate?", "75th anniversary"),
    ],
)
def test_which_term_asks_its_place_in_order(bot: Assistant, question: str, holds: str) -> None:
    """Not "… on Russia’s terms", which holds the word in another sense and ranked first."""
    answer = bot.ask(question)
    assert holds in answer.citations[0].quote, answer.text
    assert not any("Russia’s terms" in c.quote for c in answer.citations), answer.text


def test_a_yes_or_no_question_opened_by_could_names_nothing_with_it(bot: Assistant) -> None:
    """ "Could" opens the question and "Given" the quotation: "Could Russia" and "Given Russia"
    are no two things named alike, and the sentence was set aside as a namesake's."""
    quote = first_quote(bot, "Could Russia's successes strengthen Putin's hand?")
    assert "Given Russia’s current successes in Ukraine" in quote


def test_who_holds_a_view_is_who_said_it(bot: Assistant) -> None:
    """ "Who thinks …?" asks whose words they are, as "who said" does: Hu Xijin's, whom the
    quotation calls "he" (it was refused)."""
    answer = bot.ask("Who thinks the closer ties are inevitable?")
    assert answer.text.startswith("Hu Xijin said it"), answer.text
    assert "becoming closer in strategy and in geopolitics is inevitable" in answer.citations[0].quote


def test_every_one_of_the_best_that_tells_the_act_the_other_way_round_is_set_aside(bot: Assistant) -> None:
    """Two sentences tell of China's help to Russia before "… China has also benefited from
    Russia’s diplomatic support …"; only the first was set aside, the second then stood as the
    best of the rest, and the question was refused."""
    answer = bot.ask("How has Russia helped China?")
    assert "benefited from Russia’s diplomatic support" in answer.citations[0].quote, answer.text
    assert not any("Trade with China has helped keep Russia" in c.quote for c in answer.citations)
