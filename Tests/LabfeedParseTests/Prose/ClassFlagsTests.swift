// ClassFlags: each flag of a class name must be its reference test on the name (agenda with
// its "has-"/"no-" rule, item and place by whole word or part, meta by whole word only), for
// the words of the tables, their parts joined by dashes and underscores, and random names; an
// element's flags are the union of its names'.

import LabfeedMarkup
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct ClassFlagsTests {
    private func expectReference(_ name: String) {
        let flags = ClassFlags.of(name)
        #expect(flags.contains(.agenda) == HTMLBlockBuilder.isAgendaKey(name), "agenda \(name.debugDescription)")
        #expect(flags.contains(.item) == HTMLBlockBuilder.isItemKey(name), "item \(name.debugDescription)")
        #expect(flags.contains(.place) == HTMLBlockBuilder.isPlaceKey(name), "place \(name.debugDescription)")
        #expect(flags.contains(.meta) == HTMLBlockBuilder.isMetaKey(name), "meta \(name.debugDescription)")
        // The byte filter `ofElements` asks first: a name it turns away has no flag.
        if !ClassFlags.mayHaveFlags(name) { #expect(flags == [], "filtered \(name.debugDescription)") }
    }

    @Test func theByteFilterLetsTheWordsThrough() {
        for name in ["agenda", "event", "x-event", "lieu_x", "published", "views-row", "éventail", "ÉVENT", "has-event"] {
            #expect(ClassFlags.mayHaveFlags(name), "\(name)")
        }
        for name in ["post", "content", "wp-block-group", "x", "", "-", "entry", "events-list-x"] where !ClassFlags.mayHaveFlags(name) {
            #expect(ClassFlags.of(name) == [], "\(name)")
        }
        #expect(!ClassFlags.mayHaveFlags("post"))
    }

    /// `ofElements` (the filter, then the lookups) against the union of each element's names'
    /// `of`, on pages of random class lists: the words, their joins, near misses and names
    /// past ASCII.
    @Test func randomClassListsGetTheUnionOfTheirNames() throws {
        var random = Xorshift64(seed: 0xC1A5_0030_0000_0001)
        let pieces = ["agenda", "event", "events", "item", "card", "lieu", "place", "byline", "published", "post", "has", "no",
                      "wp", "block", "x", "é", "évent", "eventx", "even", "vevent", "views", "row", "h", "p", "location", "meta"]
        for _ in 0..<40 {
            var html = "<html><body>"
            for _ in 0..<(1 + random.next(30)) {
                var names: [String] = []
                for _ in 0..<random.next(4) {
                    var name = random.element(of: pieces)
                    for _ in 0..<random.next(3) { name += random.element(of: ["-", "_", "", "--"]) + random.element(of: pieces) }
                    names.append(random.next(5) == 0 ? name.uppercased() : name)
                }
                html += "<div class=\"\(names.joined(separator: " "))\">t</div>"
            }
            let tree = HTMLTree(document: try MarkupDocument.html(Array((html + "</body></html>").utf8)))
            let flags = ClassFlags.ofElements(tree)
            for i in tree.elements.indices {
                let union = tree.classKeys(of: i).reduce(into: ClassFlags()) { $0.formUnion(ClassFlags.of($1)) }
                #expect(flags[i] == union, "\(Array(tree.classKeys(of: i)))")
            }
        }
    }

    @Test func handPickedNamesMatchTheReferenceTests() {
        let names = ["agenda", "event", "has-event", "no-agenda", "no-agenda-item", "event-item", "views-row", "card-event",
                     "lieu", "p-location", "post-meta", "entry-meta-date", "published", "byline", "x-published", "fr-card",
                     "has_card", "no_lieu", "-event", "event-", "--", "_", "", "has", "no", "h-event", "vevent", "agenda_item",
                     "éventail", "lieu-événement", "wp-block-group", "tribe-events-calendar-list__event"]
        for name in names { expectReference(name) }
        #expect(ClassFlags.of("no-agenda-item") == [.item])
        #expect(ClassFlags.of("has-event") == [.item])
        #expect(ClassFlags.of("post-meta") == [.meta])
        #expect(ClassFlags.of("lieu-agenda") == [.place, .agenda])
    }

    @Test func randomJoinsOfTheWordsMatchTheReferenceTests() {
        var generator = Xorshift64(seed: 0xC1A5_0018_0000_0001)  // fixed, so a failure reproduces
        let words = Array(HTMLBlockBuilder.agendaWords.union(HTMLBlockBuilder.itemWords).union(HTMLBlockBuilder.placeWords)
            .union(HTMLBlockBuilder.metaClassWords)).sorted() + ["has", "no", "wp", "block", "x", "é", ""]
        let separators = ["-", "_", "", "--"]
        for _ in 0..<2_000 {
            var name = words.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                name += separators.randomElement(using: &generator)! + words.randomElement(using: &generator)!
            }
            expectReference(name)
        }
    }

    @Test func elementsGetTheUnionOfTheirNames() throws {
        let html = """
            <html><body><div class="Agenda lieu">a</div><p class="x y">b</p><span class="post-meta has-event">c</span>
            <div>d</div></body></html>
            """
        let tree = HTMLTree(document: try MarkupDocument.html(Array(html.utf8)))
        let flags = ClassFlags.ofElements(tree)
        #expect(flags.count == tree.elements.count)
        for i in tree.elements.indices {
            let union = tree.classKeys(of: i).reduce(into: ClassFlags()) { $0.formUnion(ClassFlags.of($1)) }
            #expect(flags[i] == union)
        }
        let div = try #require(tree.elements.firstIndex { $0.tag == .div })
        #expect(flags[div] == [.agenda, .place])
        let span = try #require(tree.elements.firstIndex { $0.tag == .span })
        #expect(flags[span] == [.meta, .item])
    }
}
