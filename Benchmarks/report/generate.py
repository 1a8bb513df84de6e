#!/usr/bin/env python3
"""Generates the benchmark corpus: SOURCES documents (RSS 2.0, Atom, and 50-150 KB HTML pages
with schema.org JSON-LD events, some in Latin-1, some in English) announcing a known set of
events, some announced by several sources (relayed with a prefixed title and a tracking-tagged
link) and some in both French and English.

Writes into OUT: files/ (the documents), truth.json (the ground truth: distinct events and how
they were announced), urls.txt (one path per line), sources.tsv (id, path, kind, language).
Deterministic: the same arguments give the same bytes.

Usage: generate.py OUT [SOURCES=600]
"""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

TOPICS_FR = [("design des politiques publiques", "public policy design"), ("données ouvertes", "open data"),
             ("simplification administrative", "administrative simplification"), ("participation citoyenne", "citizen participation"),
             ("accueil des usagers", "user reception"), ("numérique responsable", "responsible digital services"),
             ("transition écologique", "ecological transition"), ("intelligence artificielle", "artificial intelligence"),
             ("achats innovants", "innovative procurement"), ("santé publique", "public health"),
             ("inclusion numérique", "digital inclusion"), ("services de proximité", "local services"),
             ("évaluation des politiques", "policy evaluation"), ("management public", "public management"),
             ("commande publique", "public purchasing"), ("mobilités rurales", "rural mobility")]
FORMATS_FR = [("Atelier", "Workshop"), ("Webinaire", "Webinar"), ("Conférence", "Conference"), ("Hackathon", "Hackathon"),
              ("Rencontre", "Meeting"), ("Formation", "Training"), ("Séminaire", "Seminar"), ("Table ronde", "Round table"),
              ("Sprint", "Sprint"), ("Fresque", "Fresco")]
LABS = ["Lab Zéro", "LaBase", "Lab Ouvert", "Ti Lab", "Archipel", "La Fabrique", "Lab Innov", "Lab Région", "Pôle Data",
        "Lab Santé", "Cité Lab", "Lab Agora", "Lab Sud", "Lab Nord", "Lab Est", "Lab Ouest", "Atelier Public", "Lab Mosaïque",
        "Lab Jura", "Lab Loire", "Lab Rhône", "Lab Garonne", "Lab Seine", "Lab Durance"]
TOWNS = ["Paris", "Lyon", "Marseille", "Lille", "Nantes", "Rennes", "Bordeaux", "Toulouse", "Montpellier", "Strasbourg",
         "Dijon", "Limoges", "Poitiers", "Rouen", "Caen", "Amiens", "Metz", "Nancy", "Besançon", "Orléans", "Tours",
         "Clermont-Ferrand", "Grenoble", "Nice", "Ajaccio", "Brest", "Angers", "Reims", "Pau", "Perpignan"]
VENUES = ["Hôtel de Région", "Maison des associations", "Tiers-lieu", "Préfecture", "Médiathèque", "Campus"]
# Minutes after 08:00 that events start at: quarter hours from 08:30 to 18:30, mornings and
# early afternoons more often.
START_MINUTES = [30, 60, 60, 90, 90, 120, 150, 180, 240, 300, 330, 360, 360, 390, 420, 450, 480, 540, 600, 630]
FILLER = ("Le laboratoire d'innovation publique accompagne les administrations dans la conception de services "
          "plus simples, avec les agents et les usagers. Cette page présente les prochains rendez-vous, les "
          "ressources publiées et les comptes rendus des ateliers précédents. ")


def event_pool(rng, count):
    """`count` distinct events, each with French and English titles, a start and a place."""
    base = datetime(2030, 9, 1, 8, tzinfo=timezone(timedelta(hours=2)))
    events, seen = [], set()
    while len(events) < count:
        topic, fmt, lab, town = rng.choice(TOPICS_FR), rng.choice(FORMATS_FR), rng.choice(LABS), rng.choice(TOWNS)
        if (topic, fmt, lab, town) in seen:
            continue
        seen.add((topic, fmt, lab, town))
        k = len(events)
        # Over a year, at the times agendas use (about 19 events a day: the density of the
        # busiest month of a real programme, all year long).
        start = base + timedelta(days=rng.randrange(0, 365), minutes=rng.choice(START_MINUTES))
        events.append({
            "id": k, "title_fr": f"{fmt[0]} {topic[0]} avec {lab} à {town}",
            "title_en": f"{fmt[1]} on {topic[1]} with {lab} in {town}",
            "start": start.isoformat(), "end": (start + timedelta(hours=rng.choice([1, 2, 3]))).isoformat(),
            "town": town, "venue": f"{rng.choice(VENUES)} de {town}", "lab": lab,
            "slug": f"e{k}-{fmt[0].lower().replace(' ', '-')}",
        })
    return events


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def rss(source_id, items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/">'
           f'<channel><title>Agenda {source_id}</title><link>https://{source_id}.example.fr/</link>'
           '<description>Agenda du laboratoire</description><language>fr</language>\n']
    for e, title, link in items:
        out.append(f'<item><title>{xml_escape(title)}</title><link>{xml_escape(link)}</link>'
                   f'<guid isPermaLink="false">{source_id}-{e["id"]}</guid>'
                   f'<description>{xml_escape(FILLER[:300])}</description>'
                   f'<ev:startdate>{e["start"]}</ev:startdate><ev:enddate>{e["end"]}</ev:enddate>'
                   f'<ev:location>{xml_escape(e["venue"])}, {xml_escape(e["town"])}</ev:location>'
                   f'<ev:organizer>{xml_escape(e["lab"])}</ev:organizer></item>\n')
    out.append("</channel></rss>\n")
    return "".join(out).encode("utf-8")


def atom(source_id, items):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
           'xmlns:ev="http://purl.org/rss/1.0/modules/event/" xml:lang="fr">'
           f'<title>Agenda {source_id}</title><id>https://{source_id}.example.fr/</id>'
           '<updated>2030-06-01T00:00:00Z</updated>\n']
    for e, title, link in items:
        out.append(f'<entry><title>{xml_escape(title)}</title><link href="{xml_escape(link)}"/>'
                   f'<id>tag:{source_id}.example.fr,2030:{e["id"]}</id><updated>2030-06-01T00:00:00Z</updated>'
                   f'<summary>{xml_escape(FILLER[:300])}</summary>'
                   f'<ev:startdate>{e["start"]}</ev:startdate><ev:enddate>{e["end"]}</ev:enddate>'
                   f'<ev:location>{xml_escape(e["venue"])}, {xml_escape(e["town"])}</ev:location>'
                   f'<ev:organizer>{xml_escape(e["lab"])}</ev:organizer></entry>\n')
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")


def html(source_id, items, lang, latin1, rng):
    """A page of 50-150 KB: JSON-LD events in the head, a listing, and filler prose."""
    charset = "iso-8859-1" if latin1 else "utf-8"
    graph = []
    for e, title, link in items:
        graph.append({"@context": "https://schema.org", "@type": "Event", "name": title, "url": link,
                      "startDate": e["start"], "endDate": e["end"], "inLanguage": lang,
                      "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                      "location": {"@type": "Place", "name": e["venue"],
                                   "address": {"@type": "PostalAddress", "addressLocality": e["town"], "addressCountry": "FR"}},
                      "organizer": {"@type": "Organization", "name": e["lab"]}})
    listing = "".join(f'<article class="event"><h3><a href="{xml_escape(link)}">{xml_escape(title)}</a></h3>'
                      f'<time datetime="{e["start"]}">{e["start"][:10]}</time><address>{xml_escape(e["town"])}</address></article>\n'
                      for e, title, link in items)
    target = rng.randrange(50_000, 150_000)
    head = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}"><title>Agenda {source_id}</title>'
            f'<script type="application/ld+json">{json.dumps(graph, ensure_ascii=False)}</script></head>'
            f'<body><header><nav><a href="/">Accueil</a> <a href="/agenda/">Agenda</a></nav></header><main><h1>Agenda</h1>{listing}')
    tail = "</main><footer>Mentions légales</footer></body></html>\n"
    filler, n = [], 0
    while len(head) + n + len(tail) < target:
        p = f'<div class="post"><h2>Actualité</h2><p>{FILLER * 3}</p><ul><li><a href="/ressource/{n}">Ressource</a></li></ul></div>\n'
        filler.append(p)
        n += len(p)
    text = head + "".join(filler) + tail
    return text.encode("latin-1" if latin1 else "utf-8", "replace" if latin1 else "strict")


def main():
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 600
    rng = random.Random(20301108)
    n_rss, n_atom = total * 250 // 600, total * 150 // 600
    n_html = total - n_rss - n_atom
    n_en = n_html // 5          # English pages: the English versions of French announcements
    n_latin1 = n_html // 5      # French pages served in Latin-1
    per_feed, per_page = 12, 20
    fresh_needed = (n_rss + n_atom) * per_feed + (n_html - n_en) * per_page
    pool = event_pool(rng, int(fresh_needed * 0.88) + 10)
    os.makedirs(os.path.join(out, "files"), exist_ok=True)

    announced = {}   # event id -> list of (source, language)
    next_fresh = 0
    sources = []

    def take(source_id, count, language):
        """`count` events for a source: mostly new ones, about 12% relayed from other sources."""
        nonlocal next_fresh
        items = []
        chosen = set()
        for _ in range(count):
            relay = announced and rng.random() < 0.12
            if relay:
                e = pool[rng.choice(list(announced.keys()))]
                if e["id"] in chosen:
                    continue
                title = rng.choice(["[Relais] ", "Agenda : ", "À ne pas manquer : "]) + e["title_fr"]
                link = f'https://{e["lab"].lower().replace(" ", "-").replace("é", "e").replace("ï", "i")}.example.fr/evenements/{e["slug"]}?utm_source={source_id}&utm_medium=rss'
            else:
                if next_fresh >= len(pool):
                    break
                e = pool[next_fresh]
                next_fresh += 1
                title = e["title_fr"]
                link = f'https://{e["lab"].lower().replace(" ", "-").replace("é", "e").replace("ï", "i")}.example.fr/evenements/{e["slug"]}'
            chosen.add(e["id"])
            announced.setdefault(e["id"], []).append([source_id, language])
            items.append((e, title, link))
        return items

    for i in range(n_rss):
        sid = f"rss-{i:03d}"
        write(out, f"{sid}.xml", rss(sid, take(sid, per_feed, "fr")))
        sources.append((sid, f"/{sid}.xml", "rss", "fr"))
    for i in range(n_atom):
        sid = f"atom-{i:03d}"
        write(out, f"{sid}.atom", atom(sid, take(sid, per_feed, "fr")))
        sources.append((sid, f"/{sid}.atom", "atom", "fr"))
    for i in range(n_html - n_en):
        sid = f"page-{i:03d}" + ("-latin1" if i < n_latin1 else "")
        write(out, f"{sid}.html", html(sid, take(sid, per_page, "fr"), "fr", i < n_latin1, rng))
        sources.append((sid, f"/{sid}.html", "html", "fr"))
    # English pages: English titles and links of events already announced in French.
    french = [k for k, v in announced.items()]
    for i in range(n_en):
        sid = f"page-en-{i:03d}"
        items = []
        for k in rng.sample(french, per_page):
            e = pool[k]
            link = f'https://{e["lab"].lower().replace(" ", "-").replace("é", "e").replace("ï", "i")}.example.fr/en/events/{e["slug"]}'
            announced[k].append([sid, "en"])
            items.append((e, e["title_en"], link))
        write(out, f"{sid}.html", html(sid, items, "en", False, rng))
        sources.append((sid, f"/{sid}.html", "html", "en"))

    distinct = sorted(announced.keys())
    announcements = sum(len(v) for v in announced.values())
    pairs = sum(1 for v in announced.values() if {"fr", "en"} <= {lang for _, lang in v})
    truth = {"sources": len(sources), "announcements": announcements, "distinct_events": len(distinct),
             "announced_in_french_and_english": pairs,
             "announced_by_several_sources": sum(1 for v in announced.values() if len({s for s, _ in v}) > 1),
             "events": {str(k): {"title_fr": pool[k]["title_fr"], "start": pool[k]["start"], "sources": announced[k]}
                        for k in distinct}}
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    with open(os.path.join(out, "sources.tsv"), "w") as f:
        for s in sources:
            f.write("\t".join(s) + "\n")
    print(f"{len(sources)} sources, {announcements} announcements of {len(distinct)} distinct events "
          f"({truth['announced_by_several_sources']} by several sources, {pairs} in French and English)")


def write(out, name, data):
    with open(os.path.join(out, "files", name), "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
