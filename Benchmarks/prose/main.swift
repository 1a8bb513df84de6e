// Benchmark of prose extraction on whole pages: a programme page and an article padded to
// 100-200 KB with navigation, comments and "related" lists, read end to end (HTML parse, main
// content, dates, events). Not a test: `swift run -c release prose-benchmark [seconds]`.
// `prose-benchmark explain FILE [--fetch-date YYYY-MM-DD]` prints how one page was read.

import Foundation
import LabfeedCore
import LabfeedParse

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "explain", arguments.count >= 2 {
    let path = arguments[1]
    var fetch = CivilDate(year: 2025, month: 6, day: 1)
    if let i = arguments.firstIndex(of: "--fetch-date"), i + 1 < arguments.count, let d = CivilDate(iso: arguments[i + 1]) {
        fetch = d
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("prose-benchmark: cannot read \(path)\n".utf8))
        exit(1)
    }
    let context = ProseContext(fetchDate: fetch, pageURL: "https://example.org/page")
    let result: ProseResult
    if path.hasSuffix(".txt") || path.hasSuffix(".md") {
        result = ProseExtractor.extract(plainText: String(decoding: data, as: UTF8.self), context: context)
    } else {
        do {
            result = try ProseExtractor.extract(html: [UInt8](data), context: context)
        } catch {
            FileHandle.standardError.write(Data("prose-benchmark: \(path): \(error)\n".utf8))
            exit(1)
        }
    }
    print(result.render())
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    if let json = try? encoder.encode(result.events) { print(String(decoding: json, as: UTF8.self)) }
    exit(0)
}

// A page of about 150 KB: site chrome, an article with a programme of dated items and prose,
// comments and a "recent posts" sidebar, repeated blocks with varied days.
func page(items: Int) -> String {
    var body = "<html lang=\"fr\"><head><title>Programme – Lab</title></head><body>"
    body += "<header class=\"site-header\"><nav class=\"menu\">" + (1...40).map { "<a href=\"/p\($0)\">Rubrique \($0)</a>" }.joined() + "</nav></header>"
    body += "<main><article class=\"post\"><h1>Le programme du Mois de l'innovation publique</h1>"
    body += "<p class=\"posted-on\">Publié le <time datetime=\"2022-10-20\">20 octobre 2022</time> par l'équipe</p><div class=\"entry-content\">"
    body += "<p>Du 2 au 30 novembre 2022, plus de 350 événements réunissent agents et usagers partout en France.</p>"
    for i in 0..<items {
        let day = 1 + i % 28
        body += "<h2>Semaine \(i)</h2><p>Le laboratoire organise un atelier de co-design le mardi \(day) novembre de 14h à 17h "
        body += "à la Maison de la Région, 14 rue François de Sourdis, 33000 Bordeaux. Les agents y reliront ensemble une "
        body += "dizaine de lettres types, avec des usagers volontaires, et choisiront les trois idées à tester.</p>"
        body += "<ul><li><strong>Café design</strong> – jeudi \(day) novembre, 9h30-11h, salle Jean Moulin, Poitiers</li>"
        body += "<li>Inscription obligatoire avant le \(day) octobre, dans la limite des places disponibles.</li></ul>"
        body += "<p>Le conseil d'administration s'est réuni le \(day) septembre 2022 et a adopté le budget. Depuis 2014, "
        body += "la DITP fédère au mois de novembre un programme d'événements organisés dans toute la France.</p>"
    }
    body += "</div></article><div id=\"comments\"><ol class=\"comment-list\">"
    for i in 0..<(items / 2) {
        body += "<li class=\"comment\"><p>Merci ! Je serai à l'atelier du \(1 + i % 28) novembre à Pau.</p></li>"
    }
    body += "</ol></div></main><aside class=\"widget-area\"><ul>"
    body += (1...30).map { "<li><a href=\"/n\($0)\">Retour sur l'atelier du \(1 + $0 % 28) octobre</a></li>" }.joined()
    body += "</ul></aside><footer class=\"site-footer\"><p>Mis à jour le 4 novembre 2022</p></footer></body></html>"
    return body
}

let seconds = arguments.first.flatMap(Double.init) ?? 3
let pages = [page(items: 140), page(items: 220)].map { Array($0.utf8) }
let bytes = pages.reduce(0) { $0 + $1.count }
let context = ProseContext(fetchDate: CivilDate(year: 2022, month: 11, day: 5), pageURL: "https://lab.example/programme")
let clock = ContinuousClock()
let start = clock.now
var rounds = 0
var events = 0
while clock.now - start < .seconds(seconds) || rounds == 0 {
    for bytesOfPage in pages {
        events += (try? ProseExtractor.extract(html: bytesOfPage, context: context))?.events.count ?? 0
    }
    rounds += 1
}
let elapsed = clock.now - start
let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("prose-benchmark: \(pages.count) pages (\(pages.map { "\($0.count / 1024) KB" }.joined(separator: ", "))), "
    + "\(events / max(rounds, 1)) events per round, \(rounds) rounds in \(String(format: "%.2f", secs)) s")
print(String(format: "  %.2f pages/s, %.2f MB/s", Double(pages.count * rounds) / secs, Double(bytes * rounds) / secs / 1e6))
