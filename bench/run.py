"""Run every benchmark at one scale; print a table, then one JSON line with the headline figures.

    python bench/run.py --scale 1k

Against the database in DATABASE_URL (or a throwaway PostgreSQL cluster when it is unset). An empty
database is first filled by the generator at that scale; one that already holds sources is used
as it is (``--fresh`` replaces it), and the JSON says how many rows the figures were measured on.
Ingest adds articles to the database.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["1k", "10k", "100k"], default="1k")
    parser.add_argument("--fresh", action="store_true", help="replace whatever corpus the database holds")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed")
    parser.add_argument("--repeats", type=int, default=30, help="timed requests per page")
    parser.add_argument("--extract-seconds", type=int, default=5, help="bench/extraction.py's throughput loop")
    parser.add_argument("--ingest-articles", type=int, default=200)
    parser.add_argument("--serve-seconds", type=int, default=10, help="load duration per served page")
    args = parser.parse_args(argv)

    from bench.database import benchmark_database

    began = time.perf_counter()
    with benchmark_database(log=_progress) as where:
        figures = run_all(args, where)
    figures["total_s"] = round(time.perf_counter() - began, 1)
    print_table(figures)
    print(json.dumps(headline(figures)))


def _progress(message: str):
    print(message, file=sys.stderr, flush=True)


def run_all(args, where: str) -> dict:
    from bench.measure import peak_rss_mb

    # Wall-clock figures depend on what else the machine runs: the load average says how busy it was.
    figures = {"scale": args.scale, "database": where, "load_average_at_start": os.getloadavg()[0]}
    figures["corpus"] = prepare_corpus(args)
    _progress("chronology reads ...")
    figures["reads"] = run_reads(args)
    figures["reads_peak_rss_mb"] = peak_rss_mb()
    _progress("extraction ...")
    figures["extraction"] = run_extraction(args)
    _progress("ingest ...")
    figures["ingest"] = run_ingest(args, seed=figures["corpus"]["sources"])
    figures["ingest_peak_rss_mb"] = peak_rss_mb()
    _progress("serving ...")
    figures["serving"] = run_serving(args, figures["reads"])
    figures["peak_rss_mb"] = peak_rss_mb()
    figures["load_average_at_end"] = os.getloadavg()[0]
    return figures


def prepare_corpus(args) -> dict:
    from bench.generate import SCALES, analyze_corpus, corpus_counts, empty_corpus, generate_corpus

    if args.fresh:
        empty_corpus()
    counts = corpus_counts()
    if counts["sources"]:
        _progress(f"using the corpus already in the database: {counts}")
        return counts
    _progress(f"generating the {args.scale} corpus ...")
    began = time.perf_counter()
    counts = generate_corpus(SCALES[args.scale], seed=args.seed, log=_progress)
    analyze_corpus()
    return {**counts, "generated_in_s": round(time.perf_counter() - began, 1)}


def run_reads(args) -> list[dict]:
    from bench.reads import measure_reads, read_cases, write_plans

    cases = read_cases()
    results = measure_reads(cases, repeats=args.repeats)
    plans = OUT / f"plans-{args.scale}.txt"
    write_plans(results, cases, plans)
    _progress(f"EXPLAIN ANALYZE of every query: {plans}")
    for result in results:
        del result["captured"]
    return results


def run_extraction(args) -> dict:
    """bench/extraction.py's figures (extract only, no database), from its last output line."""
    import subprocess

    command = [sys.executable, str(Path(__file__).with_name("extraction.py")), f"--seconds={args.extract_seconds}"]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=args.extract_seconds + 120, check=True)
    return json.loads(finished.stdout.strip().splitlines()[-1])


def run_ingest(args, *, seed: int) -> dict:
    from bench.ingest import measure_ingest, new_articles

    return measure_ingest(new_articles(args.ingest_articles, seed=seed))


def run_serving(args, reads: list[dict]) -> dict:
    from bench.serving import gunicorn, load, workers_peak_rss_mb

    workers = os.cpu_count() or 1
    served = {"workers": workers, "pages": {}}
    with gunicorn(workers, OUT / "gunicorn.log") as (base, master):
        for read in reads[:2]:
            served["pages"][read["name"]] = load(
                base + read["path"], seconds=args.serve_seconds, connections=2 * workers
            )
        served["worker_peak_rss_mb"] = workers_peak_rss_mb(master.pid)
    return served


def print_table(figures: dict):
    corpus = figures["corpus"]
    print(f"\nscale {figures['scale']} ({figures['database']}): " + ", ".join(f"{k} {v:,}" for k, v in corpus.items()))
    print(
        f"\n{'chronology read (Django/DRF)':<40} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'SQL ms':>8} {'ratio':>6}"
    )
    for read in figures["reads"]:
        print(
            f"{read['name']:<40} {read['p50_ms']:>8.1f} {read['p95_ms']:>8.1f} {read['queries']:>8} "
            f"{read['sql_p50_ms']:>8.1f} {read['ratio_to_sql']:>6.2f}"
        )
    extraction = figures["extraction"]
    sizes = ", ".join(f"{name} {value}" for name, value in extraction.items() if name != "articles_per_s")
    print(
        f"\nextract only (bench/extraction.py, CPU time, one core): {extraction['articles_per_s']:.1f} articles/s "
        f"({sizes})"
    )
    ingest = figures["ingest"]
    print(
        f"\ningest (extract + merge + store): {ingest['articles']} articles, "
        f"{ingest['articles_per_s']:.1f} articles/s, "
        f"{ingest['queries_per_article']:.0f} queries/article, {ingest['facts_merged']} facts merged into stored ones, "
        f"per article p50 {ingest['ms_p50']:.1f} ms, p95 {ingest['ms_p95']:.1f} ms, "
        f"first quarter {ingest['first_quarter_ms']:.1f} ms, last quarter {ingest['last_quarter_ms']:.1f} ms"
    )
    serving = figures["serving"]
    print(f"\nserving: gunicorn, {serving['workers']} workers, 127.0.0.1")
    for name, page in serving["pages"].items():
        print(
            f"  {name:<38} {page['requests_per_s']:>8.1f} req/s  p50 {page['p50_ms']:.1f} ms  "
            f"p99 {page['p99_ms']:.1f} ms  ({page['requests']} requests, {page['non_2xx']} not 2xx, {page['tool']})"
        )
    workers_rss = ", ".join(f"{rss:.0f}" for rss in serving["worker_peak_rss_mb"])
    print(
        f"\npeak memory: reads {figures['reads_peak_rss_mb']:.0f} MB, "
        f"after ingest {figures['ingest_peak_rss_mb']:.0f} MB, "
        f"whole run {figures['peak_rss_mb']:.0f} MB; gunicorn workers {workers_rss} MB"
    )
    print(
        f"total {figures['total_s']} s on {os.cpu_count()} cores; load average "
        f"{figures['load_average_at_start']:.1f} at the start, {figures['load_average_at_end']:.1f} at the end\n"
    )


def headline(figures: dict) -> dict:
    reads = {read["name"]: read for read in figures["reads"]}
    timeline = figures["reads"][0]
    served = next(iter(figures["serving"]["pages"].values()))
    return {
        "scale": figures["scale"],
        "sources": figures["corpus"]["sources"],
        "facts": figures["corpus"]["facts"],
        "evidence": figures["corpus"]["evidence"],
        "timeline_ratio_to_sql": round(timeline["ratio_to_sql"], 2),
        "queries_per_request": timeline["queries"],
        "queries_per_request_max": max(read["queries"] for read in figures["reads"]),
        "timeline_p50_ms": round(timeline["p50_ms"], 2),
        "timeline_p95_ms": round(timeline["p95_ms"], 2),
        "page_p50_ms": {name: round(read["p50_ms"], 2) for name, read in reads.items()},
        "extract_articles_per_s": figures["extraction"]["articles_per_s"],
        "ingest_articles_per_s": round(figures["ingest"]["articles_per_s"], 1),
        "ingest_queries_per_article": round(figures["ingest"]["queries_per_article"], 1),
        "ingest_ms_first_quarter": round(figures["ingest"]["first_quarter_ms"], 1),
        "ingest_ms_last_quarter": round(figures["ingest"]["last_quarter_ms"], 1),
        "serve_requests_per_s": round(served["requests_per_s"], 1),
        "serve_p50_ms": round(served["p50_ms"], 1),
        "serve_p99_ms": round(served["p99_ms"], 1),
        "peak_rss_mb": round(figures["peak_rss_mb"]),
        "gunicorn_worker_peak_rss_mb": round(max(figures["serving"]["worker_peak_rss_mb"], default=0)),
        "total_s": figures["total_s"],
        "cores": os.cpu_count(),
        "load_average": [figures["load_average_at_start"], figures["load_average_at_end"]],
    }


if __name__ == "__main__":
    # Run as a script, bench/ is on the path instead of the repository root that holds `bench` and `config`.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
