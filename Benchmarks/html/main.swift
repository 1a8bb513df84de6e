// Extraction throughput on 100-200 KB pages: parse with libxml2, then HTMLPage.extract.
// Not a test: run `swift run -c release html-bench [iterations]` and read pages/s and MB/s.
// Pages are generated here in the shapes of the fixtures (The Events Calendar list with a JSON-LD
// array, DSFR cards with microdata, h-event articles), padded with ordinary page markup.

import Foundation
import LabfeedMarkup
import LabfeedParse

/// A page of `events` events in all three syntaxes, padded to about `kilobytes` KB.
func page(events: Int, kilobytes: Int, seed: Int) -> [UInt8] {
    var jsonld: [String] = []
    var cards = ""
    for i in 0..<events {
        let day = 1 + (i + seed) % 28
        let hour = 8 + i % 10
        jsonld.append(#"""
            {"@context":"http://schema.org","@type":"Event","name":"Atelier n&deg;\#(i) &#8211; l&#8217;innovation publique","description":"&lt;p&gt;Description de l&#8217;atelier \#(i), avec &lt;strong&gt;du gras&lt;\/strong&gt;.&lt;\/p&gt;","url":"https:\/\/lab.example.fr\/evenement\/atelier-\#(i)\/","startDate":"2022-11-\#(String(format: "%02d", day))T\#(String(format: "%02d", hour - 1)):00:00+00:00","endDate":"2022-11-\#(String(format: "%02d", day))T\#(String(format: "%02d", hour + 1)):00:00+00:00","location":{"@type":"Place","name":"Salle \#(i)","address":{"@type":"PostalAddress","streetAddress":"\#(i) rue de la Paix","addressLocality":"Limoges","postalCode":"87000","addressCountry":"France"}},"organizer":{"@type":"Person","name":"Lab","url":"https:\/\/lab.example.fr\/"},"offers":{"@type":"Offer","price":"0","priceCurrency":"EUR"}}
            """#)
        cards += """
            <div class="fr-card h-event" itemscope itemtype="https://schema.org/Event">
              <h3 class="fr-card__title p-name" itemprop="name"><a class="u-url" itemprop="url" href="/evenement/atelier-\(i)/">Atelier n°\(i) – l’innovation publique</a></h3>
              <p><time class="dt-start" itemprop="startDate" datetime="2022-11-\(String(format: "%02d", day))T\(String(format: "%02d", hour)):00">le \(day) novembre</time></p>
              <p class="p-location" itemprop="location" itemscope itemtype="https://schema.org/Place"><span itemprop="name">Salle \(i)</span></p>
              <p class="p-summary">Un atelier pour repenser les services publics avec les usagers et les agents.</p>
            </div>

            """
    }
    var html = """
        <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Agenda</title>
        <link rel="alternate" type="application/rss+xml" href="/feed/">
        <script type="application/ld+json">[\(jsonld.joined(separator: ","))]</script>
        </head><body><main class="fr-container">\(cards)
        """
    var n = 0
    while html.utf8.count < kilobytes * 1024 {
        html += "<div class=\"fr-grid-row\"><p class=\"fr-text\">Paragraphe de remplissage \(n) : <a href=\"/page/\(n)\">un lien</a>, <em>du texte</em> et des <span class=\"h-full p-4\">classes utilitaires</span>.</p></div>\n"
        n += 1
    }
    html += "</main></body></html>"
    return Array(html.utf8)
}

let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 200
let pages = (0..<8).map { page(events: 20 + 5 * $0, kilobytes: 100 + 14 * $0, seed: $0) }
let totalBytes = pages.reduce(0) { $0 + $1.count }
print("pages: \(pages.count), sizes \(pages.map { $0.count / 1024 }) KB")

// Warm-up and a correctness check: every page yields its events once each.
for (i, bytes) in pages.enumerated() {
    let document = try MarkupDocument.html(bytes, url: "https://lab.example.fr/agenda/")
    let result = HTMLPage.extract(document)
    precondition(result.events.count == 20 + 5 * i, "page \(i): \(result.events.count) events")
}

let clock = ContinuousClock()
var events = 0
let elapsed = try clock.measure {
    for round in 0..<iterations {
        let bytes = pages[round % pages.count]
        let document = try MarkupDocument.html(bytes, url: "https://lab.example.fr/agenda/")
        events += HTMLPage.extract(document).events.count
    }
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let bytes = Double(totalBytes) / Double(pages.count) * Double(iterations)
print(String(format: "%d pages in %.2f s: %.1f pages/s, %.2f MB/s, %d events", iterations, seconds,
             Double(iterations) / seconds, bytes / seconds / 1_000_000, events))
