// Phrase lists and a matcher over folded words. A phrase is written as folded words separated
// by spaces; "a/b" lists alternatives for one word ("atelier/ateliers"). Lists are compiled once
// into a table keyed by first word, so matching costs one lookup per word of the text.

/// A compiled list of phrases, each with a payload (the cue it stands for).
struct PhraseTable<Payload: Sendable>: Sendable {
    struct Entry: Sendable {
        var words: [String]
        var payload: Payload
        var label: String
    }

    /// A phrase found in a word array: words `start..<end`.
    struct Hit: Sendable {
        var start: Int
        var end: Int
        var payload: Payload
        var label: String
    }

    private var byFirst: [String: [Entry]] = [:]

    init(_ specs: [(String, Payload)]) {
        for (spec, payload) in specs {
            let slots = spec.split(separator: " ").map { $0.split(separator: "/").map(String.init) }
            var combos: [[String]] = [[]]
            for slot in slots {
                combos = combos.flatMap { prefix in slot.map { prefix + [$0] } }
            }
            for words in combos {
                guard let first = words.first else { continue }
                byFirst[first, default: []].append(Entry(words: words, payload: payload, label: spec))
            }
        }
        for key in byFirst.keys { byFirst[key]!.sort { $0.words.count > $1.words.count } }
    }

    /// Every phrase in `words[range]`, longest first at each start; hits do not overlap.
    func hits(in words: [Word], range: Range<Int>? = nil) -> [Hit] {
        let r = range ?? 0..<words.count
        var out: [Hit] = []
        var i = r.lowerBound
        outer: while i < r.upperBound {
            if let entries = byFirst[words[i].norm] {
                for e in entries where i + e.words.count <= r.upperBound {
                    var ok = true
                    for k in 1..<max(1, e.words.count) where words[i + k].norm != e.words[k] {
                        ok = false
                        break
                    }
                    if ok {
                        out.append(Hit(start: i, end: i + e.words.count, payload: e.payload, label: e.words.joined(separator: " ")))
                        i += e.words.count
                        continue outer
                    }
                }
            }
            i += 1
        }
        return out
    }

    /// Whether the folded word sequence `words` is one of the phrases exactly.
    func contains(phrase words: [String]) -> Bool {
        guard let first = words.first, let entries = byFirst[first] else { return false }
        return entries.contains { $0.words == words }
    }
}
