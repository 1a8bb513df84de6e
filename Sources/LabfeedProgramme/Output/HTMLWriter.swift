// index.html: the readable programme page, self-contained (inline CSS and JS), every text escaped.

import Foundation
import LabfeedCore

/// Renders the programme page: events by month (a heading per month), each with date and time
/// (`<time datetime>`), place, organiser, online badge, status, link and sources; filters by
/// region, organiser and text that run in the page (vanilla JS over `data-*` attributes) and
/// degrade to the full list without JavaScript. No external asset; `lang="fr"`; labelled
/// controls; colours with a contrast ratio of at least 4.5:1. Links are written only for
/// http(s) URLs.
public enum HTMLWriter {
    public static func render(_ programme: Programme, options: RenderOptions = RenderOptions()) -> String {
        var out = ""
        render(programme, options: options, into: &out)
        return out
    }

    /// The page appended to `out` piece by piece (an ``OutputSink`` streams it to its file).
    public static func render(_ programme: Programme, options: RenderOptions = RenderOptions(), into out: inout some TextSink) {
        let esc = MarkupEscaping.escape
        let events = programme.orderedEvents
        out.append("""
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="labfeed \(LabfeedVersion.current)">
            <title>\(esc(options.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(esc(options.title))</h1>

            """)
        var summary = "\(events.count) événement\(events.count == 1 ? "" : "s")"
        if let updated = programme.updatedAt {
            let local = LocalDateTime(updated, in: options.zone)
            summary += " · mis à jour le <time datetime=\"\(UTCTimestamp.string(updated))\">\(esc(FrenchDates.day(local.date))), \(FrenchDates.clock(local))</time>"
        }
        out.append("<p>\(summary)</p>\n")
        out.append("<p class=\"formats\">Aussi en <a href=\"programme.ics\">calendrier (iCalendar)</a>, <a href=\"programme.atom\">flux Atom</a>, <a href=\"programme.csv\">CSV</a> et <a href=\"programme.json\">JSON</a>.</p>\n")
        out.append("</header>\n<main>\n")
        out.append(filters(events))
        out.append("<p id=\"count\" role=\"status\" aria-live=\"polite\"></p>\n")
        var month: (Int, Int)?
        var bytes = MarkupBytes()
        // The events are read in place (a `for item in events` copied each one, retaining
        // every String and array it holds).
        events.withUnsafeBufferPointer { events in
            for index in events.indices {
                let day = events[index].event.start.date
                if month.map({ $0 != (day.year, day.month) }) ?? true {
                    if month != nil { out.append("</section>\n") }
                    month = (day.year, day.month)
                    var anchor = "m-"
                    ICSWriter.digits(day.year, 4, to: &anchor)
                    anchor += "-"
                    ICSWriter.digits(day.month, 2, to: &anchor)
                    out.append("<section class=\"month\" aria-labelledby=\"\(anchor)\">\n<h2 id=\"\(anchor)\">\(esc(FrenchDates.month(day)))</h2>\n")
                }
                article(events.baseAddress! + index, options: options, into: &bytes)
                out.appendUTF8(bytes.bytes)
                bytes.bytes.removeAll(keepingCapacity: true)
            }
        }
        if month != nil { out.append("</section>\n") }
        if events.isEmpty { out.append("<p>Aucun événement pour le moment.</p>\n") }
        out.append("<p id=\"none\" hidden>Aucun événement ne correspond à ces filtres.</p>\n")
        out.append("</main>\n<footer><p>Programme rassemblé par labfeed à partir des sites des laboratoires d’innovation publique. Chaque événement renvoie à ses sources.</p></footer>\n")
        out.append("<script>\(script)</script>\n</body>\n</html>\n")
    }

    static func article(_ item: ProgrammeEvent, options: RenderOptions) -> String {
        var out = MarkupBytes()
        withUnsafePointer(to: item) { article($0, options: options, into: &out) }
        return out.string
    }

    /// One event's `<article>`, appended to `out` as bytes (each piece copied once), the event
    /// read in place where `event` points (each field loaded where it is used: passing the
    /// event by value copied it whole, a retain of every String and array it holds).
    static func article(_ event: UnsafePointer<ProgrammeEvent>, options: RenderOptions, into out: inout MarkupBytes) {
        let organizer = event.pointee.event.organizer?.name
        let place = FrenchDates.place(event.pointee.event.location)
        out.raw("<article class=\"event")
        if event.pointee.past { out.raw(" past") }
        if event.pointee.event.status == .cancelled { out.raw(" cancelled") }
        out.raw("\" id=\"")
        out.escaped(event.pointee.id)
        // The filters' keys, folded straight into the buffer: data-text is the fold of the
        // event's texts joined by spaces (title, description, place, organiser, region, other
        // titles, keywords).
        out.raw("\" data-region=\"")
        if let region = event.pointee.region { out.folder.append(region) }
        out.escapedFold()
        out.raw("\" data-organizer=\"")
        if let organizer { out.folder.append(organizer) }
        out.escapedFold()
        out.raw("\" data-text=\"")
        for text in [event.pointee.event.title, event.pointee.event.description ?? "", place ?? "", organizer ?? "", event.pointee.region ?? ""] { out.folder.append(text) }
        if !event.pointee.titles.isEmpty {
            for title in event.pointee.titles.values.sorted() { out.folder.append(title) }
        }
        for keyword in event.pointee.event.keywords { out.folder.append(keyword) }
        out.escapedFold()
        out.raw("\">\n<h3>")
        out.linkOrText(event.pointee.event.title, url: event.pointee.event.url)
        out.raw("</h3>\n")
        for (lang, other) in event.pointee.titles.sorted(by: { $0.key < $1.key }) where other != event.pointee.event.title {
            out.raw("<p class=\"alt-title\" lang=\"")
            out.escaped(lang)
            out.raw("\">")
            out.escaped(other)
            out.raw("</p>\n")
        }
        let start = FrenchDates.local(event.pointee.event.start, zone: options.zone)
        out.raw("<p class=\"when\"><time datetime=\"")
        out.iso(start)
        out.raw("\">")
        out.when(start: event.pointee.event.start, end: event.pointee.event.end, zone: options.zone)
        out.raw("</time></p>\n")
        // The badges, separated by a space, in one paragraph when there is any.
        var badges = 0
        func badge(_ out: inout MarkupBytes) {
            out.raw(badges == 0 ? "<p class=\"badges\">" : " ")
            badges += 1
        }
        if event.pointee.event.attendanceMode == .online || event.pointee.event.status == .movedOnline {
            badge(&out)
            out.raw("<span class=\"badge online\">En ligne</span>")
        }
        if event.pointee.event.attendanceMode == .mixed {
            badge(&out)
            out.raw("<span class=\"badge online\">Sur place et en ligne</span>")
        }
        if let status = FrenchDates.status(event.pointee.event.status) {
            badge(&out)
            out.raw("<span class=\"badge status\">")
            out.escaped(status)
            out.raw("</span>")
        }
        if event.pointee.past {
            badge(&out)
            out.raw("<span class=\"badge pastb\">Passé</span>")
        }
        if badges > 0 { out.raw("</p>\n") }
        out.raw("<dl>\n")
        if let place {
            out.raw("<dt>Lieu</dt><dd>")
            out.escaped(place)
            out.raw("</dd>\n")
        }
        if let region = event.pointee.region {
            out.raw("<dt>Région</dt><dd>")
            out.escaped(region)
            out.raw("</dd>\n")
        }
        if let organizer {
            out.raw("<dt>Organisateur</dt><dd>")
            out.linkOrText(organizer, url: event.pointee.event.organizer?.url)
            out.raw("</dd>\n")
        }
        if let href = MarkupEscaping.safeHref(event.pointee.event.onlineURL) {
            out.raw("<dt>En ligne</dt><dd><a href=\"")
            out.escaped(href)
            out.raw("\">")
            out.escaped(href)
            out.raw("</a></dd>\n")
        }
        if let href = MarkupEscaping.safeHref(event.pointee.event.registration?.url) {
            out.raw("<dt>Inscription</dt><dd><a href=\"")
            out.escaped(href)
            out.raw("\">s’inscrire</a></dd>\n")
        }
        // One link per source and page: a bilingual page gives two items of one source.
        out.raw("<dt>Sources</dt><dd>")
        if event.pointee.sources.count == 1 {  // most events: nothing to compare, no key made
            out.linkOrText(event.pointee.sources[0].source, url: event.pointee.sources[0].url)
        } else {
            var listed: Set<String> = []
            for ref in event.pointee.sources {
                guard listed.insert("\(ref.source) \(ref.url ?? "")").inserted else { continue }
                if listed.count > 1 { out.raw(", ") }
                out.linkOrText(ref.source, url: ref.url)
            }
        }
        out.raw("</dd>\n</dl>\n")
        if let description = event.pointee.event.description {
            out.raw("<p class=\"desc\">")
            // Over 400 characters: the first 400 and an ellipsis. Only those 400 are walked (the
            // whole description's count was), and none when it has 400 bytes or fewer.
            if description.utf8.count > 400,
               let cut = description.index(description.startIndex, offsetBy: 400, limitedBy: description.endIndex),
               cut != description.endIndex {
                out.escaped(String(description[..<cut]))
                out.raw("…")
            } else {
                out.escaped(description)
            }
            out.raw("</p>\n")
        }
        out.raw("</article>\n")
    }

    static func filters(_ events: [ProgrammeEvent]) -> String {
        let esc = MarkupEscaping.escape
        func options(_ values: [String]) -> String {
            var byKey: [String: String] = [:]
            for v in values {
                let key = TextFolding.fold(v)  // once per value (it was folded twice)
                if byKey[key] == nil { byKey[key] = v }
            }
            return byKey.sorted { $0.key < $1.key }.map { "<option value=\"\(esc($0.key))\">\(esc($0.value))</option>" }.joined()
        }
        let regions = options(events.compactMap(\.region))
        let organizers = options(events.compactMap(\.event.organizer?.name))
        return """
            <form id="filters" role="search" aria-label="Filtrer le programme" hidden>
            <div><label for="f-region">Région</label>
            <select id="f-region"><option value="">Toutes les régions</option>\(regions)</select></div>
            <div><label for="f-organizer">Organisateur</label>
            <select id="f-organizer"><option value="">Tous les organisateurs</option>\(organizers)</select></div>
            <div><label for="f-text">Rechercher</label>
            <input id="f-text" type="search" autocomplete="off"></div>
            </form>

            """
    }

    static let style = """
        :root{color-scheme:light}body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:52rem;padding:1rem;color:#1a1a1a;background:#fff}\
        a{color:#0b4f9c}a:focus,input:focus,select:focus{outline:3px solid #b35c00;outline-offset:2px}\
        h1{font-size:1.8rem;margin:.5rem 0}h2{border-bottom:2px solid #1a1a1a;text-transform:capitalize;margin-top:2rem}h3{margin:.2rem 0;font-size:1.15rem}\
        #filters{display:flex;flex-wrap:wrap;gap:1rem;padding:.8rem;background:#f2f2f2;border-radius:6px}#filters div{display:flex;flex-direction:column}\
        label{font-weight:600}select,input{font:inherit;padding:.3rem;border:1px solid #555;border-radius:4px;background:#fff;color:#1a1a1a}\
        .event{border-left:4px solid #0b4f9c;padding:.2rem 0 .2rem .8rem;margin:1.2rem 0}.event.past{border-color:#595959}.event.cancelled h3{text-decoration:line-through}\
        .when{font-weight:600;margin:.2rem 0}.alt-title{font-style:italic;margin:0}dl{display:grid;grid-template-columns:max-content 1fr;gap:0 .8rem;margin:.3rem 0}dt{color:#404040}dd{margin:0}\
        .badge{display:inline-block;padding:0 .5rem;border-radius:3px;font-size:.85rem;color:#fff;background:#0b5d2e}.badge.status{background:#a00000}.badge.pastb{background:#4d4d4d}\
        .desc{color:#333;margin:.3rem 0}footer{margin-top:3rem;color:#404040;font-size:.9rem}[hidden]{display:none!important}
        """

    static let script = """
        (function(){\
        var form=document.getElementById('filters');if(!form)return;form.hidden=false;\
        var r=document.getElementById('f-region'),o=document.getElementById('f-organizer'),t=document.getElementById('f-text');\
        var count=document.getElementById('count'),none=document.getElementById('none');\
        function fold(s){return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').toLowerCase().replace(/œ/g,'oe').replace(/æ/g,'ae').replace(/[^a-z0-9]+/g,' ').trim();}\
        function apply(){var words=fold(t.value).split(' ').filter(function(w){return w.length>0;});var shown=0;\
        document.querySelectorAll('article.event').forEach(function(a){\
        var ok=(!r.value||a.dataset.region===r.value)&&(!o.value||a.dataset.organizer===o.value);\
        var text=' '+a.dataset.text+' ';for(var i=0;ok&&i<words.length;i++){if(text.indexOf(words[i])<0)ok=false;}\
        a.hidden=!ok;if(ok)shown++;});\
        document.querySelectorAll('section.month').forEach(function(s){s.hidden=!s.querySelector('article.event:not([hidden])');});\
        count.textContent=shown+' événement'+(shown>1?'s':'')+' affiché'+(shown>1?'s':'');none.hidden=shown>0;}\
        r.addEventListener('change',apply);o.addEventListener('change',apply);t.addEventListener('input',apply);apply();})();
        """
}
