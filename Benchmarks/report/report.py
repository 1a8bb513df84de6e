#!/usr/bin/env python3
"""Writes docs/PERFORMANCE.md (to stdout) from the measurements of Benchmarks/report/run.sh.
Usage: report.py WORK REQUESTS_BEFORE STATS_AFTER_COLD STATS_AFTER_RESYNC"""
import json
import os
import platform
import subprocess
import sys

work, before, mid, after = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])


def timing(name):
    wall, user, system, peak = open(os.path.join(work, name + ".time")).read().split()[-4:]
    precise = os.path.join(work, name + ".wall")  # nanosecond clock around the command (run.sh)
    if os.path.exists(precise):
        wall = open(precise).read().strip()
    return {"wall": float(wall), "cpu": float(user) + float(system), "peak_mb": int(peak) / 1024}


def seconds(x):
    """Two decimals from one second up, three below: xmllint's runs take hundredths."""
    return f"{x:.2f}" if x >= 1 else f"{x:.3f}"


def out(name):
    return open(os.path.join(work, name + ".out")).read()


def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:
        return "?"


t = {n: timing(n) for n in ["curl_cold", "xmllint", "xmllint_html", "extruct_all", "labfeed_cold", "labfeed_resync", "curl_revalidate", "labfeed_parse",
                            "labfeed_extract", "feedparser_parse", "extruct", "python_e2e", "dedup", "labfeed_cold_1000", "labfeed_resync_one",
                            "labfeed_resync_one_1000"]}
truth = json.load(open(os.path.join(work, "corpus", "truth.json")))
programme = json.load(open(os.path.join(work, "run", "Output", "programme.json")))
events = len(programme["events"])
failing = [s["id"] for s in programme["sources"] if s["status"] != "ok"]
peer = json.loads(out("python_e2e").strip().splitlines()[-1])
resync_requests = after["requests"] - mid["requests"]
resync_conditional = after["conditional"] - mid["conditional"]
cold_requests = mid["requests"] - before
rewritten = open(os.path.join(work, "mtimes-before")).read() != open(os.path.join(work, "mtimes-after")).read()
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
mem_gb = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1024 / 1024
swift = run("swift", "--version").splitlines()[0] if run("swift", "--version") else "?"
pyver = run(os.path.join(".venv", "bin", "python"), "-c",
            "import sys, feedparser, extruct; from importlib.metadata import version as v; "
            "print(sys.version.split()[0], v('feedparser'), v('extruct'))").split()
corpus_bytes = sum(os.path.getsize(os.path.join(work, "corpus", "files", f)) for f in os.listdir(os.path.join(work, "corpus", "files")))

# The floor of a cold sync: curl's download plus xmllint's parse of the same bytes, that is the
# feeds with `xmllint --noout` and the pages with `xmllint --html --noout`.
floor = t["curl_cold"]["wall"] + t["xmllint"]["wall"] + t["xmllint_html"]["wall"]
# What the re-sync with one source changed reported: its summary's sources and events lines.
one_changed = "; ".join(l.strip().replace("  ", " ") for l in out("labfeed_resync_one").splitlines()
                        if l.startswith(("sources:", "events:")))
error = abs(events - truth["distinct_events"]) / truth["distinct_events"]
naive_error = abs(peer["distinct_title_and_date"] - truth["distinct_events"]) / truth["distinct_events"]


def row(label, name, note=""):
    x = t[name]
    return f"| {label} | {seconds(x['wall'])} s | {x['cpu']:.2f} s | {x['peak_mb']:.0f} MB | {note} |"


def verdict(ok):
    return "**met**" if ok else "**not met**"


targets = [
    ("cold full sync within 1.5x of curl's download + xmllint's parse (feeds and pages)",
     f"{seconds(t['labfeed_cold']['wall'])} s vs {seconds(floor)} s: {t['labfeed_cold']['wall'] / floor:.2f}x", t["labfeed_cold"]["wall"] <= 1.5 * floor),
    ("at least 10x faster than the Python peer end to end",
     f"{seconds(t['python_e2e']['wall'])} s vs {seconds(t['labfeed_cold']['wall'])} s: {t['python_e2e']['wall'] / t['labfeed_cold']['wall']:.1f}x",
     t["python_e2e"]["wall"] >= 10 * t["labfeed_cold"]["wall"]),
    ("re-sync with nothing changed within 3x of curl revalidating",
     f"{seconds(t['labfeed_resync']['wall'])} s vs {seconds(t['curl_revalidate']['wall'])} s: {t['labfeed_resync']['wall'] / t['curl_revalidate']['wall']:.2f}x",
     t["labfeed_resync"]["wall"] <= 3 * t["curl_revalidate"]["wall"]),
    ("re-sync sends only conditional requests",
     f"{resync_conditional} conditional of {resync_requests}", resync_requests > 0 and resync_conditional == resync_requests),
    ("re-sync rewrites no file", "no output rewritten" if not rewritten else "outputs were rewritten", not rewritten),
    ("feed parsing within 3x of xmllint --noout",
     f"{seconds(t['labfeed_parse']['wall'])} s vs {seconds(t['xmllint']['wall'])} s: {t['labfeed_parse']['wall'] / t['xmllint']['wall']:.2f}x",
     t["labfeed_parse"]["wall"] <= 3 * t["xmllint"]["wall"]),
    ("feed parsing at least 10x feedparser (issue #4)",
     f"{seconds(t['feedparser_parse']['wall'])} s vs {seconds(t['labfeed_parse']['wall'])} s: {t['feedparser_parse']['wall'] / t['labfeed_parse']['wall']:.1f}x",
     t["feedparser_parse"]["wall"] >= 10 * t["labfeed_parse"]["wall"]),
    ("HTML extraction at least 10x extruct, JSON-LD only",
     f"{seconds(t['extruct']['wall'])} s vs {seconds(t['labfeed_extract']['wall'])} s: {t['extruct']['wall'] / t['labfeed_extract']['wall']:.1f}x",
     t["extruct"]["wall"] >= 10 * t["labfeed_extract"]["wall"]),
    ("HTML extraction at least 10x extruct with JSON-LD, microdata and microformats (issue #5)",
     f"{seconds(t['extruct_all']['wall'])} s vs {seconds(t['labfeed_extract']['wall'])} s: {t['extruct_all']['wall'] / t['labfeed_extract']['wall']:.1f}x",
     t["extruct_all"]["wall"] >= 10 * t["labfeed_extract"]["wall"]),
    ("HTML extraction within 2x of xmllint --html --noout (issue #5)",
     f"{seconds(t['labfeed_extract']['wall'])} s vs {seconds(t['xmllint_html']['wall'])} s: {t['labfeed_extract']['wall'] / t['xmllint_html']['wall']:.2f}x",
     t["labfeed_extract"]["wall"] <= 2 * t["xmllint_html"]["wall"]),
    ("peak memory under 100 MB for 1,000 sources (cold sync, and a re-sync with one source changed)",
     f"{t['labfeed_cold_1000']['peak_mb']:.0f} MB and {t['labfeed_resync_one_1000']['peak_mb']:.0f} MB",
     max(t["labfeed_cold_1000"]["peak_mb"], t["labfeed_resync_one_1000"]["peak_mb"]) < 100),
    ("distinct events within 0.5% of the ground truth",
     f"{events} vs {truth['distinct_events']}: {100 * error:.2f}% off", error <= 0.005),
]

print(f"""# Performance

Written by `make bench` (Benchmarks/report/run.sh); do not edit by hand. Every figure below comes
from one `make bench` on the machine described at the end, on a generated corpus served on
127.0.0.1: the parse-only runs are the best of seven, curl's cold download and labfeed's cold sync
the best of five each from scratch, the other runs single (Benchmarks/report/README.md).

## The corpus

{truth['sources']} sources ({sum(1 for f in os.listdir(os.path.join(work, 'corpus', 'files')) if f.endswith('.xml'))} RSS 2.0,
{sum(1 for f in os.listdir(os.path.join(work, 'corpus', 'files')) if f.endswith('.atom'))} Atom,
{sum(1 for f in os.listdir(os.path.join(work, 'corpus', 'files')) if f.endswith('.html'))} HTML pages of 50-150 KB with schema.org JSON-LD, a fifth
of them in Latin-1 and a fifth in English), {corpus_bytes / 1e6:.1f} MB in all, written by
`Benchmarks/report/generate.py`. They announce {truth['announcements']} times
{truth['distinct_events']} distinct events: {truth['announced_by_several_sources']} by several sources (relayed
with a prefixed title and a tracking-tagged link) and {truth['announced_in_french_and_english']} in both French and
English. The server (`report-bench serve`, labfeed's loopback test server in its own process)
answers with ETag and Last-Modified and sends 304 to conditional requests. Every tool runs 16
transfers at once (`--parallel-max 16`, `concurrency: 16` and `per_host: 16`, 16 threads).

## Results

Wall time, CPU time (user + system) and peak resident memory, measured with `/usr/bin/time`.

| run | wall | CPU | peak memory | notes |
|---|---|---|---|---|
{row("curl --parallel, cold download", "curl_cold", f"{cold_requests} requests seen by the server in labfeed's cold sync")}
{row("xmllint --noout on the feeds", "xmllint", "the floor for parsing the same bytes")}
{row("xmllint --html --noout on the pages", "xmllint_html", "the floor for extraction: the HTML tree built, nothing read")}
{row("**labfeed sync, cold**", "labfeed_cold", f"{events} events in the programme; {len(failing)} sources failing")}
{row("curl --parallel, revalidating (etag-compare)", "curl_revalidate", "")}
{row("**labfeed sync, nothing changed**", "labfeed_resync", f"{resync_conditional} of {resync_requests} requests conditional; files rewritten: {'yes' if rewritten else 'none'}")}
{row("**labfeed sync, one source changed**", "labfeed_resync_one", one_changed)}
{row("**labfeed parse only** (feeds)", "labfeed_parse", out('labfeed_parse').strip())}
{row("feedparser, parse only (feeds)", "feedparser_parse", out('feedparser_parse').strip())}
{row("**labfeed extraction only** (pages)", "labfeed_extract", out('labfeed_extract').strip())}
{row("extruct, JSON-LD only (pages)", "extruct", out('extruct').strip())}
{row("extruct, JSON-LD + microdata + microformats (pages)", "extruct_all", out('extruct_all').strip())}
{row("Python peer end to end (urllib x16 + feedparser + extruct)", "python_e2e", f"{peer['events']} events, {peer['distinct_title_and_date']} by title and date")}
{row("**labfeed dedup + merge of 100,000 events**", "dedup", "DedupBenchmark, input generation included")}
{row("**labfeed sync, cold, 1,000 sources**", "labfeed_cold_1000", "for peak memory")}
{row("**labfeed sync, one source changed, 1,000 sources**", "labfeed_resync_one_1000", "for peak memory: the previous programme read back beside the sources' events")}

Distinct events: ground truth {truth['distinct_events']}; labfeed {events} ({100 * error:.2f}% off); the
title-and-date matcher {peer['distinct_title_and_date']} ({100 * naive_error:.1f}% off).

## Targets

What the gaps come from, and what was changed after the first run: Benchmarks/report/README.md.

| target | measured | |
|---|---|---|""")
for label, measured, ok in targets:
    print(f"| {label} | {measured} | {verdict(ok)} |")
print(f"""
## Machine

- CPU: {cpu_model}, {os.cpu_count()} cores; memory {mem_gb:.0f} GiB; {platform.system()} {platform.release()}
- {swift}; labfeed built with `-c release --static-swift-stdlib` (as `make install`: the Swift runtime and Foundation linked in, which halves its start-up)
- {run('curl', '--version').splitlines()[0] if run('curl', '--version') else 'curl ?'}
- xmllint {run('sh', '-c', 'xmllint --version 2>&1 | head -1')}
- Python {pyver[0] if pyver else '?'}, feedparser {pyver[1] if len(pyver) > 1 else '?'}, extruct {pyver[2] if len(pyver) > 2 else '?'}
- The server shares the machine's cores with the tool being measured.

## Several workers

1, 2 and 3 `labfeed run` workers sharing 1,000 sources over PostgreSQL, and where the database
becomes the limit (`make bench-workers`, measured separately): [PERFORMANCE-WORKERS.md](PERFORMANCE-WORKERS.md).
""")
