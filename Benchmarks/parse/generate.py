#!/usr/bin/env python3
"""Writes a WordPress-like RSS 2.0 feed of N items and about SIZE bytes (defaults: 5,000 items,
10 MB) for the memory benchmark of LabfeedParse. Deterministic: same arguments, same bytes."""
import sys

def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "big-feed.xml"
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 10 * 1024 * 1024
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Big lab feed</title>'
            '<link>https://big.example.org/</link><description>Benchmark</description>\n')
    tail = '</channel></rss>\n'
    per_item = (size - len(head) - len(tail)) // items
    paragraph = ("<p>Le lab d&#8217;innovation publique organise un atelier de <strong>co-design</strong> "
                 "le 8 novembre à 9h30 avec les agents et les usagers. <a href=\"/inscription/\">Inscription</a></p>\n")
    with open(out, "w", encoding="utf-8") as f:
        f.write(head)
        for i in range(items):
            start = (f'<item><title>Atelier n&#176; {i} : services publics</title>'
                     f'<link>https://big.example.org/{i}/</link><guid isPermaLink="false">https://big.example.org/?p={i}</guid>'
                     f'<pubDate>Tue, 08 Nov 2022 09:{i % 60:02d}:00 +0100</pubDate><dc:creator><![CDATA[Auteur {i % 17}]]></dc:creator>'
                     f'<category><![CDATA[Agenda]]></category><description><![CDATA[Résumé de l\'atelier {i}…]]></description>'
                     '<content:encoded><![CDATA[')
            end = ']]></content:encoded></item>\n'
            body_len = max(0, per_item - len(start.encode()) - len(end))
            body = (paragraph * (body_len // len(paragraph.encode()) + 1)).encode()[:body_len].decode("utf-8", "ignore")
            # Never cut inside a tag or an entity: end the body at the last complete paragraph.
            body = body[: body.rfind("</p>\n") + 5] if "</p>\n" in body else ""
            f.write(start + body + end)
        f.write(tail)

if __name__ == "__main__":
    main()
