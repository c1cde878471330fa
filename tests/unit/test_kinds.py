"""Which kind of answer a question asks for, and whether a sentence holds one (no model needed)."""

from __future__ import annotations

import pytest

from assistant.answer.kinds import asked, describe, described_name, holds
from assistant.questions import parse_question


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many people were evacuated?", "amount"),
        ("What is the value of trade between the two ports?", "amount"),
        ("What was the death toll of the storm?", "amount"),
        ("When will the river crest?", "date"),
        ("Who voted against the plan?", "name"),
        ("Republicans introduced a bill with what name?", "name"),
        ("What was the new museum called?", "name"),
        ("What is the rocket’s name?", "name"),
        ("What was the name given to the storm?", "name"),
        ("Name the company that bought the harbor.", "name"),
        ("What are the new rules?", None),
        ("What did the leaders sign at the summit?", None),  # what they signed, not a leader
        ("What declarations did the leaders sign?", None),  # the declarations, not a leader
        ("What policy did the president announce?", None),
        ("Where was Putin welcomed?", "place"),
        ("Why did the league move the final?", "reason"),
        ("What was the reason for the delay?", "reason"),
        ("What caused the outage in Madrid?", "reason"),
        ("What did Muraviev say about power balance?", None),
        ("How did Xi describe the meeting?", None),
        # the sentence that asks, after one that sets the scene
        ("A ferry ran aground on Friday, injuring nine people. Where did it happen?", "place"),
        ("The U.S. Navy lost a drone this week. Who found it?", "name"),
        # the question word last
        ("The two sides agreed to a truce after talks that took place where?", "place"),
        ("The first volume of her letters is addressed to who?", "name"),
        ("A calf was born from an embryo frozen in what year?", "date"),
        ("According to a new poll, who is the most trusted anchor?", "name"),
        ("Which race is in a row over who is allowed to compete?", None),  # "who" in a clause
        # nouns whose answers are names: people by their sport, vessels, sites, works
        ("Which professional golfer won the open on Sunday?", "name"),
        ("Fire destroyed which historic site on the rim?", "name"),
        ("Passengers fell ill aboard which cruise ship?", "name"),
        ("Which painting will get its own gallery?", "name"),
        # the aim, goal or purpose of an act, the article's or a party's, asks why it was done
        ("What was the aim of the welcome?", "reason"),
        ("What was Putin's purpose in visiting China?", "reason"),
        ("What is the club's main goal this season?", "reason"),
        # a noun of things in order asks which of them
        ("Which term is the mayor serving?", "ordinal"),
        ("What anniversary did the club celebrate?", "ordinal"),
        ("What terms did the union accept?", None),  # conditions, not one of them in order
    ],
)
def test_the_kind_of_answer_a_question_asks_for(question: str, kind: str | None) -> None:
    assert asked(question) == kind


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        ("The final moved to Dover because the arena was too expensive.", True),
        ("The league moved the final after costs doubled.", True),
        ("The club cut prices in a bid to fill the stadium.", True),
        ('"We could not pay for the arena any more," the director said.', True),  # in their own words
        # a sentence of a longer quotation, its quote marks opened or closed in another one
        ("With its costs, the arena could not be kept,” the director said.", True),
        ("“The arena cost more than the league could ever pay.", True),
        ("The final was moved to Dover on Tuesday.", False),
        ("The league will hold the final in Dover.", False),
        # a purpose told by "to <verb>" right after what is asked about
        ("The league moved the final to cut its costs.", True),
        ("The league moved the final to Dover.", False),  # a place, not a purpose
        ("The final was moved, and fans went to complain.", False),  # "to" far from what is asked
    ],
)
def test_a_reason_is_a_cause_or_purpose_said_as_one(sentence: str, gives: bool) -> None:
    assert holds("reason", sentence, "Why did the league move the final?") is gives


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        ("The mayor began her unprecedented fifth term in May.", True),
        ("The mayor began her 3rd term in May.", True),
        ("The mayor accepted the union's terms.", False),  # the word in another sense
        ("The term ends in May, and the mayor is first in the polls.", False),  # no place of the term
    ],
)
def test_which_term_is_answered_by_its_place_in_order(sentence: str, gives: bool) -> None:
    assert holds("ordinal", sentence, "Which term is the mayor serving?") is gives


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        ("Russia has 600,000 troops in Ukraine, officials said.", True),
        ("Russia has five brigades of troops in Ukraine.", True),
        # A span of time or a share counts no troops, near as it stands to "Ukraine".
        ("Through 75 years of relations and the war in Ukraine, Russia stayed a partner.", False),
        ("Russia spent 40% of its budget on the war in Ukraine.", False),
    ],
)
def test_how_many_things_is_not_answered_by_a_span_of_time_or_a_share(sentence: str, gives: bool) -> None:
    assert holds("amount", sentence, "How many troops does Russia have in Ukraine?") is gives


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        ("The pact was announced on Feb. 4, 2022.", True),
        ("The pact was announced just before the invasion of Ukraine.", True),  # told by an event
        ("The pact was announced weeks after the summit.", True),
        ("The pact was announced ahead of the summit.", True),
        ("Ahead of the summit, the pact was announced.", True),
        ("The pact was announced on the eve of the vote.", True),
        ("The pact was announced before a crowd of officials.", False),  # "before" alone is a place
        ("Officials spoke of the pact ahead of its announcement.", False),  # the asked event itself
        ("The pact was announced by both leaders.", False),
    ],
)
def test_when_is_answered_by_a_date_or_the_event_it_came_before_or_after(sentence: str, gives: bool) -> None:
    assert holds("date", sentence, "When was the pact announced?") is gives


def test_a_figure_that_counts_other_things_is_no_count_of_those_asked() -> None:
    question = "How many declarations did the leaders sign?"
    assert not holds(
        "amount", "The leaders signed declarations to deepen ties between their two nations.", question
    )
    assert holds("amount", "The leaders signed five declarations.", question)
    assert holds("amount", "The leaders signed 12 agreements and declarations.", question)
    # "how many people": residents, victims and passengers are people
    assert holds(
        "amount", "The fire forced 2,300 residents from homes, officials said.", "How many people left homes?"
    )


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        ("The new air traffic control system will cost $31.5 billion, Duffy said.", True),
        ("Building the air traffic control system would cost 12 billion euros.", True),
        # A figure of time or a share is no sum: the system "will take three to four years".
        ("The air traffic control system will take three to four years to build, Duffy said.", False),
        ("The air traffic control system will cost 40% more than planned.", False),
    ],
)
def test_how_much_it_costs_is_answered_by_a_sum_of_money(sentence: str, gives: bool) -> None:
    question = "How much will it cost to build a new air traffic control system?"
    assert holds("amount", sentence, question) is gives
    assert describe("amount", question) == "a sum of money"


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        # the question's own figure, and the day of a month, are no answer
        ("Starting April 2, Trump is set to impose a 25% tariff on imported cars.", False),
        ("A 25% tariff could raise the price of an imported car by $12,500.", True),
        ("Prices of imported cars could rise 11% under the 25% tariff.", True),
    ],
)
def test_a_figure_the_question_gives_answers_no_how_much(sentence: str, gives: bool) -> None:
    question = "Trump will impose a 25% tariff on cars. By how much could prices of imported cars rise?"
    assert holds("amount", sentence, question) is gives


def test_how_much_asks_for_money_only_with_a_word_of_paying() -> None:
    for question in ("How much money did the city spend?", "How much was he fined?", "What is the cost?"):
        assert describe("amount", question) == "a sum of money", question
    for question in ("How much has trade grown?", "By how much could prices rise?"):  # a share may answer
        assert describe("amount", question) == "a figure", question


def test_a_date_asked_of_an_edge_is_of_that_edge() -> None:
    question = "Finally, when does summer officially end in the Northern Hemisphere?"
    assert asked(question) == "date"  # an opening word asks nothing
    assert not holds(
        "date", "The summer solstice, around June 20-21, is the longest day of summer.", question
    )
    assert holds("date", "Summer officially ends on Sept. 22 in the Northern Hemisphere.", question)
    assert holds("date", "The equinox on Sept. 22 marks the end of summer.", question)
    assert holds("date", "The strike began on Monday.", "When did the strike begin?")
    assert not holds("date", "The strike was called on Monday.", "When did the strike start?")


def test_a_choice_between_names_the_question_offers_asks_for_no_new_name() -> None:
    assert asked("Who is more experienced in political negotiations, Russia or China?") is None
    assert asked("Which is bigger, the U.S. or China?") is None
    assert asked("Who won the election?") == "name"


def test_how_many_times_is_answered_by_an_ordinal() -> None:
    question = "How many terms has the president served?"
    assert holds("amount", "He began his fifth term as president in May.", question)
    assert not holds("amount", "He began his first trip abroad as president in May.", question)


def test_how_many_years_is_answered_by_years() -> None:
    sentence = "Through 75 years of diplomatic relations, they stayed close."
    assert holds("amount", sentence, "How many years of relations?")


def test_the_adjective_of_how_long_is_part_of_the_question_word() -> None:
    assert parse_question("How long did the meeting last?").terms == ("meet", "last")
    assert "long" in parse_question("Is the river long?").terms


@pytest.mark.parametrize(
    ("question", "polar"),
    [
        ("Did China supply arms to Russia?", True),
        ("Is Putin willing to negotiate?", True),
        ("Has China called for Russia to withdraw its troops?", True),
        ("And was the deal signed?", True),
        ("Which city did Putin visit?", False),
        ("What did Muraviev say about power balance?", False),
        ("Who is Hu Xijin?", False),
    ],
)
def test_a_question_asking_for_a_yes_or_a_no(question: str, polar: bool) -> None:
    assert parse_question(question).polar is polar


def test_a_places_people_word_is_no_new_name_for_the_place() -> None:
    """ "Omani" answers nothing the question's "Oman" does not: the usual endings make the
    people's word from the place's name where no list has it."""
    question = "Eleven Yemeni fishermen were rescued by which country?"
    assert not holds("name", "The rescued fishermen are from Yemen.", question)
    assert holds("name", "The fishermen were rescued by Oman's coast guard.", question)


def test_a_stage_of_the_asked_event_is_no_new_name() -> None:
    """ "Final" of "Stanley Cup Final" only extends the name the question holds, as does a
    word the article writes in lower case too ("the Harbor Cup Parade", where it says "the
    parade"); "Panthers" is a name."""
    question = "Which team won the Stanley Cup?"
    assert not holds("name", "The team gave up a lead no one in Stanley Cup Final history had.", question)
    assert holds("name", "The Florida Panthers won the Stanley Cup Final.", question)
    article = "The team won the Harbor Cup. Fans lined the parade route."
    assert not holds(
        "name", "Fans cheered at the Harbor Cup Parade.", "Which team won the Harbor Cup?", article
    )


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Who is Amara Okafor?", "Amara Okafor"),
        ("What is the Harbour Gazette?", "Harbour Gazette"),
        ("What was the Hall of Trades?", "Hall of Trades"),
        ("What position does Okafor hold?", "Okafor"),
        ("What is Berg's job?", "Berg"),
        ("What does Northwind do?", "Northwind"),
        ("Who is the new harbour master?", None),  # no name: asks for one
        ("Who is Berg's deputy?", None),
        ("who is amara okafor?", None),  # typed in lower case, no name can be told
    ],
)
def test_a_question_asking_what_a_name_is(question: str, name: str | None) -> None:
    assert described_name(question) == name
    assert (asked(question) == "role") == (name is not None)


@pytest.mark.parametrize(
    ("sentence", "question", "gives"),
    [
        (
            "Amara Okafor, a marine biologist at the port, said the beds recovered.",
            "Who is Amara Okafor?",
            True,
        ),
        ("The mayor met Amara Okafor on Monday.", "Who is Amara Okafor?", False),
        ("Okafor is the port's chief ecologist.", "What position does Okafor hold?", True),
        ("Deputy Harbour Master Ines J. Berg signed it.", "What is Berg's job?", True),
        ("A spokesman for the union, Berg, declined.", "Who is Berg?", False),
        ("The strike was reported by news agency Northwind on Friday.", "What is Northwind?", True),
        ("Ferries left the city of Eastport at dawn.", "What is Eastport?", True),
        ("Critics accused him of enabling Eastport's council.", "What is Eastport?", False),
    ],
)
def test_a_description_of_the_name_asked_about(sentence: str, question: str, gives: bool) -> None:
    assert holds("role", sentence, question) is gives


@pytest.mark.parametrize(
    ("sentence", "question", "gives"),
    [
        ("The strike lasted three weeks.", "How long did the strike last?", True),
        ("The union has led the port since 2019.", "How long has the union led the port?", True),
        ("A two-day visit to the port ended on Friday.", "How long was the visit to the port?", True),
        (
            "The snake found near the port is just 4 inches long.",
            "How long is the snake found near the port?",
            True,
        ),
        # a span joined to another noun measures that noun; an ordinal counts, it spans nothing
        (
            "His two-day visit was his first since his fifth term as mayor began.",
            "How long has he been mayor?",
            False,
        ),
        ("The strike stranded commuters for the mayor.", "How long did the strike last?", False),
    ],
)
def test_how_long_is_answered_by_a_span_of_time_of_what_it_asks_about(
    sentence: str, question: str, gives: bool
) -> None:
    assert holds("amount", sentence, question) is gives


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        ("The government shut down over the budget.", True),
        ("He was fired over his remarks about the strike.", True),
        # a stretch of time is no cause
        ("The longest shutdown over the last five decades lasted 35 days.", False),
        ("The government shut down over the weekend.", False),
        ("The two leaders spoke over the phone about the shutdown.", False),
    ],
)
def test_over_gives_a_cause_not_a_stretch_of_time(sentence: str, gives: bool) -> None:
    assert holds("reason", sentence, "Why did the government shut down?") is gives


def test_how_long_people_talked_is_the_length_of_their_meeting() -> None:
    sentence = "Xi said in televised remarks after a 2½-hour meeting with Putin."
    assert holds("amount", sentence, "How long did Xi and Putin talk?")
    assert holds("amount", sentence, "How long did the two leaders meet?")
    # the meeting's length is not that of the news conference, nor of what someone said
    assert not holds("amount", sentence, "How long did the news conference last?")
    assert not holds("amount", sentence, "How long did Xi speak to reporters?")


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("President Xi Jinping received Putin outside the Great Hall of the People.", True),
        ("The visit includes a trip to the northeastern city of Harbin near the border.", True),
        ("Tens of thousands honored him at a memorial service Sunday in Glendale, Arizona.", True),
        ("WASHINGTON — The president declared an emergency on Monday.", True),  # a dateline
        # names of people, where nothing says where
        ("During the news conference, Xi referred to the meeting as a new start.", False),
        ("The leaders signed declarations, Putin said, and Xi agreed.", False),
    ],
)
def test_a_place_is_a_name_said_where_something_is(sentence: str, place: bool) -> None:
    assert holds("place", sentence, "Where was the news conference held?") is place
