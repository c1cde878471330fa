"""Story answers on real news: digest recall, timeline dates, outlet comparison; one run.

Digest recall (RealTime QA 2025, the 8-week library the retrieval benchmark builds, cached):
for each question whose gold answer appears in an article published in the seven days
before its ``question_date``, the digest of the question's topic (its sentence) over those
seven days. A digest counts when one of its (at most 8) sentences holds the gold answer,
matched as the retrieval benchmark matches. Baseline: the top 8 sentences of the same pool
by the same relevance, without selection (no novelty, no folding, no spread). Also counted:
pairs of sentences in one digest that are copies of one report (the goal is none).

Timeline dates: ``benchmarks/data/timeline_dates.jsonl``, sentences of real articles of the
corpus (referred to by URL and a hash of the sentence, never copied), each labelled by hand
with the date its event happened, at the precision the sentence gives (day, month, year).
Reported: the share resolved to the labelled date at that precision.

Compare: for questions with at least two outlets' articles in the week, a planted outlet
("Planted Wire") is added that carries a few sentences of one article with one number
changed. Reported: recall of planted differences (the changed number is found as a
difference, with both sides cited) and the precision of number differences over all found
(planted or natural, each natural one listed for reading).

Every item of every digest, timeline and comparison is checked: its quote is the article's
text at its offsets (must be 100%).

    python benchmarks/stories.py [--weeks 8] [--limit 0] [--part all|digest|timeline|compare]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import re
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from common import save, stamp
from retrieval import build_ours, cached_corpus, contains, load, normalise

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TQDM_DISABLE", "1")

from assistant import Assistant, Settings  # after the offline flags
from assistant.stories.dates import event_date
from assistant.stories.pool import same_report
from assistant.stories.service import Span
from index.sentences import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "data" / "timeline_dates.jsonl"
DATA = ROOT.parent / "shared" / "data" / "realtimeqa"
ITEMS = 8


def interval(p: float, n: int) -> float:
    return 1.96 * math.sqrt(max(p * (1 - p), 1e-9) / n) if n else 0.0


def sentence_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:12]


def _published(record: dict[str, object]) -> date | None:
    raw = str(record.get("publish_date") or "")
    try:
        return date.fromisoformat(raw.replace("/", "-")[:10])
    except ValueError:
        return None


def in_week(records: list[dict[str, object]], questions: list[dict[str, str]]) -> list[dict[str, str]]:
    """Questions whose gold answer is in an article of the seven days before the question."""
    kept = []
    dated = [(_published(r), normalise(str(r["text"]))) for r in records]
    for q in questions:
        now = date.fromisoformat(q["date"])
        gold = normalise(q["gold"])
        if any(d and now - timedelta(days=7) <= d <= now and contains(t, gold) for d, t in dated):
            kept.append(q)
    return kept


def _verified(bot: Assistant, citations: list[object]) -> tuple[int, int]:
    ok = 0
    for c in citations:
        text = bot.article(c.article_id).text  # type: ignore[attr-defined]
        ok += text[c.start : c.end] == c.quote  # type: ignore[attr-defined]
    return ok, len(citations)


def digest_part(bot: Assistant, questions: list[dict[str, str]]) -> dict[str, object]:
    hits = base_hits = copies = base_copies = 0
    verified = [0, 0]
    seconds = []
    rows = []
    for q in questions:
        now = date.fromisoformat(q["date"])
        span = Span(now - timedelta(days=7), now)
        gold = normalise(q["gold"])
        t0 = time.perf_counter()
        story = bot.digest(q["question"], since=span.since, until=span.until, limit=ITEMS)
        seconds.append(time.perf_counter() - t0)
        pool = bot.stories._pool(q["question"], span.filters())
        sentences = sorted((s for r in pool.reports for s in (r.lead, *r.copies)), key=lambda s: -s.relevance)
        top = sentences[:ITEMS]
        hit = any(contains(normalise(i.citation.quote), gold) for i in story.items)
        base_hit = any(contains(normalise(s.text), gold) for s in top)
        hits += hit
        base_hits += base_hit
        chosen = {(i.citation.article_id, i.citation.start) for i in story.items}
        leads = [s for r in pool.reports for s in (r.lead, *r.copies) if (s.article.id, s.start) in chosen]
        copies += sum(same_report(a, b) for n, a in enumerate(leads) for b in leads[n + 1 :])
        base_copies += sum(same_report(a, b) for n, a in enumerate(top) for b in top[n + 1 :])
        timeline = bot.timeline(q["question"], since=span.since, until=span.until)
        ok, total = _verified(bot, [i.citation for i in (*story.items, *timeline.items)])
        verified[0] += ok
        verified[1] += total
        rows.append({"id": q["id"], "digest": hit, "baseline": base_hit, "items": len(story.items)})
    n = len(questions)
    wins = sum(r["digest"] and not r["baseline"] for r in rows)
    losses = sum(r["baseline"] and not r["digest"] for r in rows)
    return {
        "questions": n,
        "digest_recall": hits / n,
        "digest_interval": interval(hits / n, n),
        "baseline_recall": base_hits / n,
        "baseline_interval": interval(base_hits / n, n),
        "wins": wins,
        "losses": losses,
        "copy_pairs_in_digests": copies,
        "copy_pairs_in_baseline": base_copies,
        "verified": verified,
        "median_seconds": statistics.median(seconds) if seconds else 0.0,
        "per_question": rows,
    }


def _corpus_sentences(records: list[dict[str, object]]) -> dict[tuple[str, str], tuple[str, date | None]]:
    out = {}
    for r in records:
        text = str(r["text"])
        for s, e in sentence_spans(text):
            out[(str(r["url"]), sentence_key(text[s:e]))] = (text[s:e], _published(r))
    return out


def timeline_part(records: list[dict[str, object]]) -> dict[str, object]:
    """Dates resolved right, per labelled set: "dev" (the rules were fixed on it) and "held-out"
    (labelled after that, then run once)."""
    labels = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    wanted = {label["url"] for label in labels}
    sentences = _corpus_sentences([r for r in records if r["url"] in wanted])
    out: dict[str, object] = {}
    for name in ("dev", "held-out"):
        right = missing = 0
        wrong = []
        for label in (x for x in labels if x["set"] == name):
            found = sentences.get((label["url"], label["sentence"]))
            if found is None:
                missing += 1
                continue
            text, published = found
            event = event_date(text, published)
            got = event.key() if event else (published.isoformat() if published else None)
            if got == label["expected"]:
                right += 1
            else:
                wrong.append(
                    {
                        "url": label["url"],
                        "sentence": label["sentence"],
                        "expected": label["expected"],
                        "got": got,
                    }
                )
        n = sum(x["set"] == name for x in labels) - missing
        out[name] = {
            "sentences": n,
            "missing": missing,
            "right": right / n if n else 0.0,
            "interval": interval(right / n, n) if n else 0.0,
            "wrong": wrong,
        }
    return out


_NUMBER = re.compile(r"(?<![\w.,$])(\d{2,3})(?=\s+[a-z])")


def _plant(record: dict[str, object], question: str) -> tuple[str, str, str] | None:
    """A few sentences of ``record`` around the numbered sentence most about ``question``, with
    its number changed: (text, old, new), or None when no sentence has a number to change."""
    from index.text import content_terms

    text = str(record["text"])
    spans = sentence_spans(text)
    asked = set(content_terms(question))
    numbered = [(i, m) for i, (s, e) in enumerate(spans) if (m := _NUMBER.search(text[s:e]))]
    if not numbered:
        return None
    i, m = max(numbered, key=lambda im: len(asked & set(content_terms(text[slice(*spans[im[0]])]))))
    old = m.group(1)
    new = str(int(old) + 7)
    lo, hi = max(0, i - 2), min(len(spans), i + 3)
    picked = [text[a:b] for a, b in spans[lo:hi]]
    picked[i - lo] = picked[i - lo][: m.start()] + new + picked[i - lo][m.end() :]
    return "\n".join(picked), old, new


def question_urls(weeks: int) -> dict[str, list[str]]:
    """Each question's own search results (URLs), as RealTime QA lists them."""
    out: dict[str, list[str]] = {}
    for gcs in sorted(DATA.glob("*_gcs.jsonl.gz"))[:weeks]:
        with gzip.open(gcs, "rt", encoding="utf-8") as fh:
            for line in fh:
                q = json.loads(line)
                out[q["question_id"]] = [r["url"] for r in q["search_result"] if r.get("url")]
    return out


def compare_part(
    records: list[dict[str, object]], questions: list[dict[str, str]], weeks: int, limit: int
) -> dict[str, object]:
    by_url = {str(r["url"]): r for r in records}
    urls_of = question_urls(weeks)
    planted = found = natural = reported = correct = 0
    verified = [0, 0]
    natural_rows = []
    for q in questions[:limit]:
        group = [by_url[u] for u in urls_of.get(q["id"], []) if u in by_url][:3]
        if not group:
            continue
        plant = _plant(group[0], q["question"])
        if plant is None:
            continue
        text, old, new = plant
        with tempfile.TemporaryDirectory() as tmp:
            files = []
            for n, r in enumerate(group):
                files.append(Path(tmp, f"a{n}.json"))
                files[-1].write_text(json.dumps({**r, "source": str(r["url"]).split("/")[2]}))
            files.append(Path(tmp, "planted.json"))
            files[-1].write_text(
                json.dumps({"title": "Planted", "text": text, "source": "Planted Wire", "url": "https://planted.example/1",
                            "publish_date": group[0].get("publish_date")})
            )  # fmt: skip
            bot = Assistant.from_settings(Settings(data_dir=Path(tmp, "lib"), embed={"quantize": True}))
            bot.ingest([str(f) for f in files])
            result = bot.compare(q["question"])
            planted += 1
            numbered = [d for d in result.differences if d.kind == "number"]
            reported += len(numbered)
            right = [
                d
                for d in numbered
                if "Planted Wire" in {s.citation.source for s in d.sides}
                and old in " ".join(d.values)
                and new in " ".join(d.values)
            ]
            found += bool(right)
            correct += len(right)
            for d in result.differences:
                if d.kind == "number" and "Planted Wire" not in {s.citation.source for s in d.sides}:
                    natural += 1
                    natural_rows.append({"about": d.about, "values": list(d.values)})
            for group_ in (result.differences, result.agreements, result.only):
                for d in group_:
                    ok, total = _verified(bot, [s.citation for s in d.sides])
                    verified[0] += ok
                    verified[1] += total
            bot.close()
    return {
        "planted": planted,
        "planted_found": found,
        "recall": found / planted if planted else 0.0,
        "number_differences_reported": reported,
        "precision": correct / reported if reported else 0.0,
        "natural_number_differences": natural,
        "natural": natural_rows[:30],
        "verified": verified,
    }


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def report(results: dict[str, object]) -> list[str]:
    lines = [f"# Story answers ({results['date']}, {results['machine']})", ""]
    d = results.get("digest")
    if isinstance(d, dict):
        lines += [
            f"## Digest recall: {d['questions']} RealTime QA questions answered in their week",
            "",
            "| row | gold answer in the 8 sentences | copy pairs | median s |",
            "|---|---|---|---|",
            f"| digest (relevance, novelty, folding, spread) | {pct(d['digest_recall'])} "
            f"± {pct(d['digest_interval'])} | {d['copy_pairs_in_digests']} | {d['median_seconds']:.1f} |",
            f"| top 8 sentences by relevance (baseline) | {pct(d['baseline_recall'])} "
            f"± {pct(d['baseline_interval'])} | {d['copy_pairs_in_baseline']} | |",
            "",
            f"Per question: digest wins {d['wins']}, loses {d['losses']}. Offsets verified "
            "(every digest and timeline item): "
            f"{d['verified'][0]}/{d['verified'][1]}.",
            "",
        ]
    t = results.get("timeline")
    if isinstance(t, dict):
        lines += [
            "## Timeline dates: labelled sentences of real articles",
            "",
            "| set | sentences | right date |",
            "|---|---|---|",
        ]
        for name, part in t.items():
            lines.append(f"| {name} | {part['sentences']} | {pct(part['right'])} ± {pct(part['interval'])} |")
        lines.append("")
    c = results.get("compare")
    if isinstance(c, dict):
        lines += [
            f"## Compare: {c['planted']} planted disagreements",
            "",
            f"Planted number differences found: **{c['planted_found']}/{c['planted']}** "
            f"({pct(c['recall'])}); precision of number differences: {c['number_differences_reported']} "
            f"reported, {pct(c['precision'])} of them the planted one. Differences between real outlets "
            f"found: {c['natural_number_differences']} (listed in stories.json). Offsets verified: "
            f"{c['verified'][0]}/{c['verified'][1]}.",
            "",
        ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--limit", type=int, default=0, help="questions for the digest part (0: all)")
    parser.add_argument("--compare-limit", type=int, default=20, help="questions to plant a difference in")
    parser.add_argument("--part", choices=("all", "digest", "timeline", "compare"), default="all")
    args = parser.parse_args()
    records, questions = load(args.weeks)
    results: dict[str, object] = {**stamp(), "weeks": args.weeks}
    if args.part in ("all", "digest"):
        cache, corpus = cached_corpus(args.weeks, records)
        bot, _ = build_ours(corpus, cache, quantize=True)
        asked = in_week(records, questions)
        asked = asked[: args.limit] if args.limit else asked
        print(f"digest: {len(asked)} questions with their answer in an article of their week")
        results["digest"] = digest_part(bot, asked)  # type: ignore[arg-type]
    if args.part in ("all", "timeline"):
        results["timeline"] = timeline_part(records)
    if args.part in ("all", "compare"):
        results["compare"] = compare_part(
            records, in_week(records, questions), args.weeks, args.compare_limit
        )
    save("stories", results, report(results))


if __name__ == "__main__":
    main()
