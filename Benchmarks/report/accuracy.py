#!/usr/bin/env python3
"""Compares a programme.json with the corpus's truth.json (generate.py) event by event.

Every announcement of the corpus links to its event's page, whose slug holds the truth id
(`/evenements/e123-atelier`, `/en/events/e123-atelier`; a relay adds tracking parameters), so
each member (`sources[]`) of a programme event names the truth event it announces. Prints:

- false merges: programme events whose members announce several truth events, with each truth
  event's title, start, place and organiser, and the member that carried it;
- splits: truth events found in several programme events;
- missing: truth events found in no programme event, and announcements (source, event) of the
  truth that no programme event holds (lost in fetching or parsing, not in dedup);
- the distinct-event count against the truth.

Usage: accuracy.py TRUTH.json PROGRAMME.json [--limit N]   (N examples per list, default 40)
Exit status 0 always: this is a report, not a test.
"""
import json
import re
import sys
from collections import defaultdict

SLUG = re.compile(r"/(?:evenements|events)/e(\d+)-")


def truth_id(member):
    """The truth event a programme member announces, from its URL's slug (else None)."""
    m = SLUG.search(member.get("url") or "") or SLUG.search(member.get("key") or "")
    return int(m.group(1)) if m else None


def describe(event, member=None):
    loc = event.get("location") or {}
    place = ", ".join(x for x in (loc.get("name"), loc.get("locality")) if x)
    org = (event.get("organizer") or {}).get("name")
    src = f" [{member['source']}]" if member else ""
    return f"{event['start']}  {event['title']!r}  @ {place or '-'}  by {org or '-'}{src}"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else 40
    if len(args) < 2:
        sys.exit(__doc__)
    truth = json.load(open(args[0]))
    programme = json.load(open(args[1]))
    events = programme["events"]
    truth_events = {int(k): v for k, v in truth["events"].items()}

    where = defaultdict(set)         # truth id -> indexes of programme events
    announced = set()                # (source, truth id) found in the programme
    unmapped = 0
    merges = []
    for i, ev in enumerate(events):
        ids = defaultdict(list)      # truth id -> members
        for m in ev["sources"]:
            k = truth_id(m)
            if k is None:
                unmapped += 1
                continue
            ids[k].append(m)
            where[k].add(i)
            announced.add((m["source"], k))
        if len(ids) > 1:
            merges.append((ev, ids))

    splits = {k: sorted(v) for k, v in where.items() if len(v) > 1}
    missing = sorted(set(truth_events) - set(where))
    lost = sorted((s, k) for k, v in truth_events.items() for s, _ in v["sources"] if (s, k) not in announced)

    def truth_line(k, members):
        t = truth_events.get(k, {})
        srcs = ", ".join(m["source"] for m in members)
        return f"    e{k}: {t.get('start')}  {t.get('title_fr')!r}  via {srcs}"

    print(f"false merges: {len(merges)} programme events hold {sum(len(ids) for _, ids in merges)} truth events "
          f"({sum(len(ids) - 1 for _, ids in merges)} events too few)")
    for ev, ids in merges[:limit]:
        print("  " + describe(ev))
        for k, members in sorted(ids.items()):
            print(truth_line(k, members))
    print(f"splits: {len(splits)} truth events in several programme events "
          f"({sum(len(v) - 1 for v in splits.values())} events too many)")
    for k, idx in list(splits.items())[:limit]:
        t = truth_events.get(k, {})
        print(f"  e{k}: {t.get('start')}  {t.get('title_fr')!r}")
        for i in idx:
            print("    " + describe(events[i]))
    print(f"missing: {len(missing)} truth events in no programme event; {len(lost)} announcements lost; "
          f"{unmapped} members without a truth id")
    for k in missing[:limit]:
        t = truth_events[k]
        print(f"  e{k}: {t['start']}  {t['title_fr']!r}  sources {t['sources']}")
    for s, k in lost[:limit]:
        print(f"  lost: {s} e{k}")
    n, got = truth["distinct_events"], len(events)
    print(f"distinct events: truth {n}, labfeed {got} ({(got - n) / n * 100:+.2f}%)")


if __name__ == "__main__":
    main()
