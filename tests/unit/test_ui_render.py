"""The UI's HTML: markers link to their own sources only, everything from articles is escaped."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from scripted import fake, scripted_assistant

from assistant import Answer, Citation, ConfigError
from assistant.ui import check_bind
from assistant.ui.render import answer_html, reader_html, sources_html
from index.models import Article, ArticleInfo, Duplicate

ARTICLE = Article(
    id="a1",
    title="<b>Harbor</b> vote",
    text="Intro line.\nThe council <script>x()</script> approved the plan. Next sentence.\nLast.",
    url="https://news.example/h",
    published=date(2024, 5, 16),
    source="news.example",
)
START = ARTICLE.text.index("The council")
END = ARTICLE.text.index(" Next")
CITE = Citation(
    1,
    "a1",
    ARTICLE.title,
    ARTICLE.url,
    ARTICLE.published,
    "news.example",
    ARTICLE.text[START:END],
    START,
    END,
    0.9,
)


def test_answer_links_known_markers_and_escapes_text() -> None:
    html = answer_html(Answer(text="Approved <i>it</i> [1] and [7].", citations=(CITE,)), turn=3)
    assert '<a class="cite" href="#src-3-1" data-cite="src-3-1">[1]</a>' in html
    assert "[7]" in html and "#src-3-7" not in html
    assert "&lt;i&gt;it&lt;/i&gt;" in html


def test_refusal_looks_like_a_refusal() -> None:
    html = answer_html(Answer(text="Not in the articles <x>.", refused=True), turn=0)
    assert html.startswith('<div class="refusal"><strong>No answer.</strong>') and "&lt;x&gt;" in html


def test_source_card_marks_the_quote_inside_its_paragraph() -> None:
    html = sources_html([("q?", Answer(text="x [1]", citations=(CITE,)))], lambda _: ARTICLE)
    assert 'id="src-0-1"' in html
    assert (
        "<mark>The council &lt;script&gt;x()&lt;/script&gt; approved the plan.</mark> Next sentence." in html
    )
    assert "<script>" not in html and "&lt;b&gt;Harbor&lt;/b&gt; vote" in html
    assert 'href="https://news.example/h"' in html and "2024-05-16" in html


def test_the_reader_shows_the_whole_article_escaped_with_the_quote_marked() -> None:
    copy = Duplicate("a2", "a1", "Copy", "javascript:alert(1)", "<i>Wire</i>", None, 0.9)
    info = ArticleInfo("a1", ARTICLE.title, ARTICLE.url, ARTICLE.published, (), ARTICLE.source, 1, (copy,))
    html = reader_html(ARTICLE, info, START, END)
    assert html.count('<mark id="reader-mark">') == 1
    assert (
        '<mark id="reader-mark">The council &lt;script&gt;x()&lt;/script&gt; approved the plan.</mark>'
        in html
    )
    assert "<p>Intro line.</p>" in html and "<p>Last.</p>" in html  # the whole text, in paragraphs
    assert "<script>" not in html and "<b>Harbor" not in html and "&lt;i&gt;Wire&lt;/i&gt;" in html
    assert "javascript:" not in html  # only http(s) links
    assert 'href="https://news.example/h"' in html and "2024-05-16" in html
    plain = reader_html(ARTICLE, None, None, None)
    assert "reader-mark" not in plain and "Also ran in" not in plain
    assert reader_html(ARTICLE, None, 5, 10_000).count("<mark") == 0  # offsets outside the text


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "example.org"])
def test_binding_off_loopback_needs_auth(host: str) -> None:
    with pytest.raises(ConfigError, match="--auth user:password"):
        check_bind(host, None)
    check_bind(host, "ana:correct-horse-42")
    with pytest.raises(ConfigError, match="at least 12 characters"):
        check_bind(host, "ana:secret")  # fine on loopback, too weak beyond it


@pytest.mark.parametrize("auth", ["alice:", ":", ":correct-horse-42", " :correct-horse-42", "justaname"])
def test_empty_user_names_and_passwords_are_refused(auth: str) -> None:
    for host in ("127.0.0.1", "0.0.0.0"):
        with pytest.raises(ConfigError, match="with a user name and a password"):
            check_bind(host, auth)


def test_loopback_needs_no_auth_and_auth_must_have_a_password() -> None:
    check_bind("127.0.0.1", None)
    check_bind("localhost", None)
    with pytest.raises(ConfigError, match="user:password"):
        check_bind("127.0.0.1", "justaname")


def test_a_models_streamed_words_are_escaped_like_article_text(seed_library: Path, tmp_path: Path) -> None:
    from assistant.ui import ChatApp

    hostile = '<img src=x onerror="window.__pwned = 1"> [click](javascript:alert(1)) said Muraviev [1].'
    for bot in scripted_assistant(seed_library, tmp_path, structured=False):
        fake(bot).enqueue(hostile)
        app = ChatApp(bot)
        outputs = list(app.respond("What did Muraviev say about power balance?", [], None, [], "", "", True))
        streamed = [out[0][-1]["content"] for out in outputs[:-1]]
        assert streamed and all("<img" not in c and 'href="javascript' not in c for c in streamed)
        assert "&lt;img src=x onerror=" in streamed[-1]
        assert "<img" not in outputs[-1][0][-1]["content"]  # nor in the final, verified answer
