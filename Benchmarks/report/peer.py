#!/usr/bin/env python3
"""The Python peer of the benchmark report: what one would write without labfeed.

  peer.py e2e BASE_URL SOURCES_TSV     fetch every source with 16 threads (urllib), parse feeds
                                       with feedparser and pages with extruct (JSON-LD), then count
                                       distinct events with a title-and-date matcher
  peer.py feeds FILE...                feedparser on files (parse only)
  peer.py extruct FILE...              extruct on HTML files (extraction only, JSON-LD)
  peer.py extruct-all FILE...          extruct with JSON-LD, microdata and microformats, as issue #5
                                       compares (what a tool reading any page would ask for)

Prints one JSON line of counts.
"""
import json
import sys
import time
import unicodedata
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import extruct
import feedparser


def fold(text):
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def feed_events(data):
    parsed = feedparser.parse(data)
    out = []
    for entry in parsed.entries:
        start = entry.get("ev_startdate") or entry.get("startdate")
        if start:
            out.append((entry.get("title", ""), start))
    return out


def page_events(data, url, charset, syntaxes=("json-ld",)):
    html = data.decode(charset, "replace")
    found = extruct.extract(html, base_url=url, syntaxes=list(syntaxes), uniform=True)
    out = []
    for item in found.get("microdata", []) + found.get("microformat", []):
        if isinstance(item, dict) and item.get("@type") in ("Event", ["h-event"]) and item.get("startDate"):
            out.append((item.get("name", ""), item["startDate"]))
    for item in found.get("json-ld", []):
        items = item.get("@graph", [item]) if isinstance(item, dict) else item
        for obj in items if isinstance(items, list) else [items]:
            if isinstance(obj, dict) and obj.get("@type") == "Event" and obj.get("startDate"):
                out.append((obj.get("name", ""), obj["startDate"]))
    return out


def fetch_and_parse(base, row):
    sid, path, kind, _ = row
    with urllib.request.urlopen(base + path, timeout=30) as response:
        data = response.read()
        charset = response.headers.get_content_charset() or "utf-8"
    if kind == "html":
        return page_events(data, base + path, charset)
    return feed_events(data)


def main():
    mode = sys.argv[1]
    if mode == "e2e":
        base, tsv = sys.argv[2], sys.argv[3]
        rows = [line.rstrip("\n").split("\t") for line in open(tsv)]
        # No proxy: every request goes to the loopback server.
        urllib.request.install_opener(urllib.request.build_opener(urllib.request.ProxyHandler({})))
        with ThreadPoolExecutor(max_workers=16) as pool:
            results = list(pool.map(lambda r: fetch_and_parse(base, r), rows))
        events = [e for r in results for e in r]
        distinct = {(fold(title), start[:10]) for title, start in events}
        print(json.dumps({"sources": len(rows), "events": len(events), "distinct_title_and_date": len(distinct)}))
    elif mode == "feeds":
        count = sum(len(feed_events(open(p, "rb").read())) for p in sys.argv[2:])
        print(json.dumps({"documents": len(sys.argv) - 2, "events": count}))
    elif mode in ("extruct", "extruct-all"):
        syntaxes = ("json-ld",) if mode == "extruct" else ("json-ld", "microdata", "microformat")
        count = 0
        for p in sys.argv[2:]:
            count += len(page_events(open(p, "rb").read(), "https://bench.example/",
                                     "iso-8859-1" if "latin1" in p else "utf-8", syntaxes))
        print(json.dumps({"documents": len(sys.argv) - 2, "events": count}))
    else:
        sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
