"""Which sentence a quote answer picks, with the meaning of each sentence fixed by the test.

A stub embedder gives each sentence the cosine with the question that the test names, so the
rules are tested apart from any model: a sentence close in meaning that holds almost none of
the question's words is a neighbouring story, not an answer; for a "which" question, the
name most of the best sentences agree on is quoted even when the best sentence leaves it out.
The same rules run with the real model in ``tests/integration/test_question_kinds.py``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest

from assistant.answer.aliases import said_short, same_act
from assistant.answer.evidence import agent_terms, akin_terms, clauses
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.names import agreed, asks_person, clear_winner, person
from assistant.answer.referents import apposed, asked_noun
from assistant.answer.roles import owner_apart
from assistant.questions import parse_question
from index.embedding import EmbedderBase
from index.models import Article, Passage
from index.text import content_terms


class FixedMeaning(EmbedderBase):
    """The question points one way; each listed sentence at its given cosine from it; any
    other text is unrelated (cosine 0)."""

    model_id, dimension, max_tokens = "fixed", 2, 256

    def __init__(self, question: str, cosines: dict[str, float]) -> None:
        self.question, self.cosines = question, cosines

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        out = []
        for text in texts:
            c = 1.0 if text == self.question else self.cosines.get(text, 0.0)
            out.append([c, math.sqrt(1 - c * c)])
        return out

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(t.split()) for t in texts]


def ask(question: str, sentences: dict[str, float], title: str = "Local news") -> tuple[bool, list[str]]:
    """Ask ``question`` of one article made of ``sentences`` (each with its cosine): whether
    it was refused, and the quotes."""
    text = " ".join(sentences)
    article = Article(id="a1", title=title, text=text)
    passage = Passage("c1", "a1", text, 0, len(text), title, None, None, "", 1.0)
    answerer = ExtractiveAnswerer(FixedMeaning(question, sentences))
    answer = answerer.answer(parse_question(question), [passage], lambda _: article)
    return answer.refused, [c.quote for c in answer.citations]


def test_a_close_sentence_without_the_questions_words_is_a_neighbouring_story() -> None:
    """Close in meaning (0.6) but holding none of the question's words: not quoted."""
    question = "Which dating app is cutting hundreds of jobs?"
    neighbour = "Layoffs also hit the teams that build Orbit's watches and speakers."
    refused, quotes = ask(question, {neighbour: 0.6})
    assert refused and not quotes


def test_a_close_sentence_with_a_third_of_the_questions_words_is_quoted() -> None:
    question = "Which dating app is cutting hundreds of jobs?"
    sentence = "Matchly, the dating service, is cutting 300 jobs across its offices."
    refused, quotes = ask(question, {sentence: 0.6})
    assert not refused and quotes == [sentence]


def test_a_sentence_with_every_word_of_a_short_question_answers_it_though_far_in_meaning() -> None:
    """A short question embeds far from a long sentence (cosine 0.29 here), yet a sentence
    that holds all of its words answers it; one that misses a word does not."""
    question = "Who has a slight upper hand?"
    answer = "After years of trade talks, the economic reliance has given Kelos a slight upper hand."
    assert ask(question, {answer: 0.29}) == (False, [answer])
    missing = "After years of trade talks, the economic reliance has given Kelos a slight edge."
    assert ask(question, {missing: 0.29})[0]


def test_a_sentence_of_the_questions_own_words_answers_no_wh_question() -> None:
    """A caption ("Deputy Chief of Staff Ray Okafor") close to the question, holding nothing
    it does not: no answer to what he was called; it still answers a yes or a no."""
    caption = "Deputy Chief of Staff Ray Okafor"
    question = "The council suspended an aide who referred to Deputy Chief of Staff Ray Okafor as what?"
    assert ask(question, {caption: 0.7}) == (True, [])
    answer = "The aide referred to Deputy Chief of Staff Ray Okafor as a folly merchant."
    assert ask(question, {answer: 0.6}) == (False, [answer])
    polar = "Did the council vote against the harbor plan?"
    said = "The council voted against the harbor plan."
    assert ask(polar, {said: 0.8}) == (False, [said])


def test_a_reason_given_in_the_sentence_before_is_quoted_with_it() -> None:
    """ "Why?" answered by a sentence that refers back to the reason ("that reliance"): the
    two are quoted together when the one before gives a reason, else it is no answer."""
    question = "Why does Kelos have the upper hand?"
    cause = "Trade with Kelos kept the port afloat after the strike crippled the docks."
    claim = "That reliance has given Kelos the upper hand in the talks."
    refused, quotes = ask(question, {cause: 0.3, claim: 0.6})
    assert not refused and quotes == [f"{cause} {claim}"]
    plain = "Trade with Kelos kept the port busy all winter."
    assert ask(question, {plain: 0.3, claim: 0.6})[0]


def test_the_name_the_best_sentences_agree_on_is_quoted() -> None:
    """The best sentence tells the event without the name; three lesser ones name it."""
    question = "Chip stocks tumbled after the release of a chatbot by which startup?"
    event = "Chip stocks tumbled on Monday after a small startup released a chatbot rivalling Vantor's."
    named = "Quillon, a two-year-old startup, released its chatbot last week and topped the download charts."
    sentences = {
        event: 0.8,
        "Shares of Vantor and other chip stocks fell as traders digested the chatbot news.": 0.62,
        named: 0.6,
        "The success of Quillon raised doubts about the budgets of chip makers and their stocks.": 0.58,
        "Investors compared the chatbot from Quillon with the models of older startup rivals.": 0.55,
    }
    refused, quotes = ask(question, sentences)
    assert not refused
    assert quotes[0] == event
    assert any("Quillon" in q for q in quotes), quotes


def test_which_asks_for_a_name_even_for_a_noun_the_kinds_do_not_list() -> None:
    question = "The puppet show is moving to which streaming service?"
    event = "The puppet show is moving to a streaming service after fifty years on public television."
    sentences = {
        event: 0.8,
        "Flixa, the streaming service, will carry new seasons of the puppet show.": 0.6,
        "The puppet show deal gives Flixa the rights to older episodes too.": 0.55,
    }
    refused, quotes = ask(question, sentences)
    assert not refused and quotes[0] == event
    assert any("Flixa" in q for q in quotes[1:]), quotes


def test_a_question_that_opens_with_its_context_is_matched_on_the_sentence_that_asks() -> None:
    """The context sentence's words are not what an answer repeats: the sentence that asks
    ("Which band closed the festival?") is matched on its own words too."""
    question = (
        "The harbor festival ended on Sunday after three days of concerts, markets and fireworks. "
        "Which band closed the festival?"
    )
    answer = "The band Tidewater closed the festival with a two-hour set."
    refused, quotes = ask(question, {answer: 0.45, "Crowds went home on Sunday evening.": 0.0})
    assert not refused and quotes == [answer]


@pytest.mark.parametrize(
    ("noise", "why"),
    [
        ("Chinese", "a people's word"),
        ("TV", "an acronym"),
        ("Monday", "a day"),
        ("Fire", "a word the articles also write in lower case"),
    ],
)
def test_words_that_are_no_answer_names_get_no_votes(noise: str, why: str) -> None:
    sentences = [(f"{noise} crews said Quillon was ahead, a fire chief added.", 1.0)] * 3
    votes = agreed("Which startup won the contract?", sentences, common=frozenset(["fire"]))
    assert "quillon" in votes, why
    assert noise.lower() not in votes, why


def test_a_name_the_question_already_holds_gets_no_votes() -> None:
    votes = agreed(
        "Which artificial intelligence startup did Quillon buy?",
        [("Quillon bought Maple Labs, an AI startup, for $2 billion.", 1.0)],
    )
    assert set(votes) == {"labs"}


def test_a_name_given_by_its_initials_counts_as_the_questions_words() -> None:
    """ "AI" is the question's "artificial intelligence", "NFL" the "National Football
    League": the sentence that says so by initials holds the question's words."""
    question = "Which artificial intelligence startup was fined this week?"
    short = "Veltra, an AI firm, was fined on Monday."
    assert ask(question, {short: 0.5}) == (False, [short])
    other = "Veltra, a robotics firm, was fined on Monday."
    assert ask(question, {other: 0.5})[0]  # too few of the question's words without "AI"


@pytest.mark.parametrize(
    ("question", "text", "terms"),
    [
        ("Which artificial intelligence model?", "The AI model.", {"artifici", "intellig"}),
        ("Which NFL team?", "The National Football League said.", {"nfl"}),
        ("What did the Department of Energy say?", "DOE said.", {"depart", "energi"}),
        ("Ukraine says the US will help.", "US officials said.", set()),  # "Ukraine says" is not "US"
        ("What is at issue?", "AI said.", set()),  # nor "at issue" "AI"
    ],
)
def test_which_of_the_questions_words_a_text_says_by_initials(
    question: str, text: str, terms: set[str]
) -> None:
    assert said_short(question, text) == terms


def test_a_sentence_is_as_close_as_its_closest_clause() -> None:
    # As a whole the sentence is about fuel prices too (0.2); its first clause answers (0.7).
    question = "What did the two leaders agree to pursue?"
    clause = "The two leaders said they would pursue more exchanges"
    joined = f"{clause}, and the minister added that fuel prices would rise."
    sentences = {joined: 0.2, "The leaders signed declarations on Monday.": 0.45}
    refused, _ = ask(question, sentences)
    assert refused  # no sentence close enough as a whole, and the declarations hold too few words
    answerer = ExtractiveAnswerer(FixedMeaning(question, {**sentences, clause: 0.7}))
    article = Article(id="a1", title="Local news", text=" ".join(sentences))
    passage = Passage("c1", "a1", article.text, 0, len(article.text), "Local news", None, None, "", 1.0)
    answer = answerer.answer(parse_question(question), [passage], lambda _: article)
    assert [c.quote for c in answer.citations][:1] == [joined]


def test_a_clause_opened_by_a_preposition_and_which_is_a_clause_of_its_own() -> None:
    sentence = (
        "Putin added that Russia would buy more Chinese cars, on which the U.S. just levied "
        "more tariffs to protect its industries."
    )
    assert clauses(sentence) == [
        "Putin added that Russia would buy more Chinese cars",
        "the U.S. just levied more tariffs to protect its industries.",
    ]
    assert parse_question("Where does the oversupply come from?").terms == ("oversuppli",)


def test_a_word_few_sentences_hold_counts_for_more_in_ranking() -> None:
    # Every sentence on the ceremony says "welcome"; only one says "bands".
    question = "What did the bands do during the welcome?"
    sentences = {
        "The welcome was followed by a long meeting.": 0.46,
        "Bands played as soldiers stood at attention.": 0.42,
        "The welcome for the visiting delegation was lavish and loud.": 0.2,
    }
    refused, quotes = ask(question, sentences)
    assert not refused and quotes[0] == "Bands played as soldiers stood at attention."


def test_a_word_in_a_shorter_form_of_its_family_counts() -> None:
    # The stemmer keeps "relationship" whole and cuts "relations" to "relat".
    assert akin_terms(["relationship", "council"], ["relat", "councillor"]) == {"relationship"}
    refused, quotes = ask(
        "What changed in the relationship?", {"Relations between the firms improved.": 0.36}
    )
    assert not refused and quotes == ["Relations between the firms improved."]


def test_a_sentence_two_articles_share_is_cited_once() -> None:
    """A newsletter line or a wire story's sentence in two articles: quoted once, from the
    first, and the next best sentence after it."""
    question = "Which dating app is cutting hundreds of jobs?"
    shared = "Matchly, the dating app, is cutting 300 jobs across its offices."
    other = "The dating app Matchly said the job cuts will save $40 million a year."
    texts = {"a1": shared, "a2": f"{shared} {other}"}
    articles = {i: Article(id=i, title="Local news", text=t) for i, t in texts.items()}
    passages = [Passage(f"c{i}", i, t, 0, len(t), "News", None, None, "", 1.0) for i, t in texts.items()]
    answerer = ExtractiveAnswerer(FixedMeaning(question, {shared: 0.7, other: 0.6}))
    answer = answerer.answer(parse_question(question), passages, articles.__getitem__)
    assert [(c.article_id, c.quote) for c in answer.citations] == [("a1", shared), ("a2", other)]


def test_a_sentence_that_ranks_comes_first_for_a_question_of_the_most() -> None:
    question = "Which singer received the most nominations?"
    fewer = "Singer Tova Brandt received six nominations."
    most = "Singer Kofi Adeyemi received a leading ten nominations."
    refused, quotes = ask(question, {fewer: 0.7, most: 0.7})
    assert not refused and quotes[0] == most


def test_a_long_questions_half_words_need_more_than_a_topics_meaning() -> None:
    """Half the words of a question of six (0.5) and a cosine of 0.40: a sentence on the topic,
    not its answer; at 0.45, an answer. A short question's half is one word of two."""
    question = "Which party pulled off a surprise victory in the Nordland election?"
    topical = "Voters in Nordland were surprised by the election, Reuters said."
    assert ask(question, {topical: 0.40})[0]
    refused, quotes = ask(question, {topical: 0.45})
    assert not refused and quotes == [topical]
    refused, quotes = ask("How did Nordland respond?", {"Nordland said it would wait, Reuters said.": 0.40})
    assert not refused


def test_a_description_of_the_asked_thing_is_quoted_with_the_sentence_that_names_it() -> None:
    question = "Which Harbor Lights actor got engaged in Lisbon?"
    named = "Film star Dario Venn has confirmed he is engaged to the architect Lena Ostrova."
    described = "The Harbor Lights actor revealed the news in a photo from Lisbon on Sunday."
    refused, quotes = ask(question, {"Make that two rings.": 0.1, named: 0.5, described: 0.8})
    assert not refused
    assert quotes[0] == f"{named} {described}"


def test_a_sentence_is_quoted_alone_when_its_neighbour_names_nothing_new() -> None:
    question = "Which Harbor Lights actor got engaged in Lisbon?"
    before = "Make that two rings."
    described = "The Harbor Lights actor revealed the news in a photo with Lena Ostrova from Lisbon."
    refused, quotes = ask(question, {before: 0.1, described: 0.8})
    assert not refused
    assert quotes[0] == described


def test_the_doer_of_a_verb_the_question_asks_about_holds_it() -> None:
    present = ["former", "editor", "founder", "runner", "council"]
    assert agent_terms(["edit", "found", "run", "own"], present) == {"edit", "found", "run"}
    assert agent_terms(["council"], ["councillor"]) == set()  # a noun's doer is another word


def test_one_act_in_two_words_holds_the_asked_word() -> None:
    present = content_terms("Russia would increase its purchases of cars; Xi received Putin.")
    assert same_act(["buy", "welcom", "sell"], present) == {"buy", "welcom"}
    assert same_act(["buy"], content_terms("Russia will buy cars.")) == set()  # held as it is


# Five sentences on one story, each near the question in meaning but holding too few of its
# words to be evidence alone; four name the app.
_APP_STORY = {
    "The video app Zelfo said on Sunday that service was restored after a brief shutdown.": 0.4,
    "Zelfo had warned users it would shut the app down if the court ruled against it.": 0.39,
    "Millions of users opened the Zelfo app again within hours.": 0.38,
    "Rival apps gained users while Zelfo was dark.": 0.37,
    "Lawmakers said they would take up the matter again in March.": 0.36,
}


def test_the_name_the_sentences_agree_on_by_far_answers_when_none_is_evidence_alone() -> None:
    question = "Which app is back online after temporarily shutting itself down?"
    refused, quotes = ask(question, _APP_STORY)
    assert not refused
    assert "Zelfo" in quotes[0], quotes
    assert "app" in quotes[0]  # the sentence gives the name as an app


def test_a_persons_name_is_no_answer_to_which_app_however_many_sentences_agree() -> None:
    """The story told by who spoke of it: a person the article titles is no app."""
    question = "Which app is back online after temporarily shutting itself down?"
    story = {
        "President Dovan Kress said on Sunday the video service was restored after a brief shutdown.": 0.4,
        "Kress had warned users the app would shut down if the court ruled against it.": 0.39,
        "Millions of users opened the app again within hours, Kress said.": 0.38,
        "Rival apps gained users while Kress was in talks with the court.": 0.37,
        "Lawmakers said they would take up the matter again in March.": 0.36,
    }
    refused, quotes = ask(question, story)
    assert refused, quotes


def test_a_name_agreed_on_is_no_answer_to_which_city_unless_a_sentence_places_it_there() -> None:
    question = "A group of inmates escaped from a jail in which city?"
    sentences = {
        "Varnholt was convicted in 2005 on charges including escape.": 0.45,
        "Varnholt has been in prison since 1997 for an escape attempt.": 0.44,
        "Officials named Varnholt as the inmate who led the group.": 0.43,
        "The jail said more inmates had tried to escape last year.": 0.2,
    }
    assert ask(question, sentences)[0]


def test_a_close_contest_between_names_gives_no_agreed_name() -> None:
    assert clear_winner({"zelfo": 3.0, "kress": 1.4}) == "zelfo"
    assert clear_winner({"zelfo": 3.0, "kress": 1.6}) is None  # not twice the next one's
    assert clear_winner({"zelfo": 1.0}) is None  # too few sentences
    assert asks_person("Which rapper won the award?") and asks_person("Who won the award?")
    assert not asks_person("Which app is back online?") and not asks_person("Which party won?")
    assert person("Trump", ["President Donald Trump said on Monday."])
    assert person("Trump", ["President-elect Donald Trump said on Monday."])
    assert not person("Zelfo", ["Zelfo said on Monday."])


def test_a_country_is_no_answer_to_which_leader() -> None:
    """ "Which leader …?" asks for a person: a sentence whose only name is a country gives none;
    "who" may be answered by a country ("the U.S. warned …")."""
    sentence = "The leader of Norway visited the port on Monday to open the new terminal."
    assert ask("Which leader visited the port to open the terminal?", {sentence: 0.7})[0]
    assert not ask("Who visited the port to open the terminal?", {sentence: 0.7})[0]


def test_a_noun_given_a_country_is_not_that_noun_near_another_countrys_word() -> None:
    ev = (
        "The two leaders also said they would pursue more exchanges, and Putin added that Russia "
        "would buy more Chinese electric vehicles."
    )
    assert owner_apart("Who is the Chinese leader?", ev)
    assert owner_apart("Who is China's leader?", ev)
    assert not owner_apart("Who is the Chinese leader?", "The Chinese leader, Xi Jinping, met Putin.")
    assert not owner_apart("Who is the Chinese leader?", "The leader of China received Putin.")
    assert not owner_apart("Who are the leaders?", ev)  # no country given to the noun


def test_the_name_of_a_thing_asks_for_that_thing_and_a_name_after_its_noun_gives_it() -> None:
    question = "What is the name of the Chinese news agency?"
    assert asked_noun(question) == "agency"
    assert asked_noun("What was the name of the boat that was halted?") == "boat"
    assert apposed("Putin spoke to China’s official state news agency Xinhua on Monday.", question)
    assert not apposed("Putin spoke to a news agency on Monday.", question)
    # a country's name before a verb gives it nothing: "what did the U.S. draft?"
    drafting = "The U.S. has sought to deter China, even drafting sanctions on some banks."
    assert not owner_apart("According to media reports, what did the U.S. draft?", drafting)
