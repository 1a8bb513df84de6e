// The grammar's punctuation tests compare a symbol's one scalar (`Token.scalar`, pass
// pageperf16) where they compared its `norm` String: `canStart` and `cleanAfterNumber` as they
// were are kept here and compared with the shipped ones at every token of random texts; so is
// `isoDate` as it read its tokens before pageperf23 (optional Strings and token copies).

@testable import LabfeedDates
import LabfeedCore
import LabfeedTestSupport
import Testing

struct GrammarScalarTests {
    private func cleanAfterNumberByStrings(_ g: Grammar, _ j: Int) -> Bool {
        guard g.t.indices.contains(j) else { return true }
        let s = g.t[j]
        if s.kind == .symbol {
            switch s.norm {
            case "%", "€", "$", "£", "‰": return false
            default: break
            }
        }
        guard !s.spaceBefore else { return true }
        switch s.kind {
        case .number: return false
        case .word: return false
        case .symbol:
            switch s.norm {
            case ",", ".", "/", ":": return !(g.number(j + 1).map { !$0.spaceBefore } ?? false)
            case "°", "²", "³": return false
            default: return true
            }
        }
    }

    private func canStartByStrings(_ g: Grammar, _ i: Int) -> Bool {
        guard i > 0, !g.t[i].spaceBefore else { return true }
        let p = g.t[i - 1]
        switch p.kind {
        case .number: return false
        case .word: return g.t[i].kind != .number
        case .symbol:
            switch p.norm {
            case "°", "#", "№": return false
            case ",", ".", ":", "/", "-", "+": return !(i >= 2 && g.t[i - 2].kind == .number && !p.spaceBefore)
            default: return true
            }
        }
    }

    @Test func punctuationTestsOnScalarsAreThoseOnStrings() {
        let alphabet: [String] = ["1", "12", "2026", "a", "mars", " ", "%", "€", "$", "£", "‰", ",", ".", "/", ":", "°", "²", "³",
                                  "#", "№", "-", "–", "+", "'", "’", "`", "\n\n", "h", "é", "\u{301}", "😀", ";", "\u{37E}", "\u{B7}"]
        var random = Xorshift64(seed: 0x6A2A_0016_5CA1_0001)  // fixed seed: a failure reproduces
        var symbols = 0
        for _ in 0..<4_000 {
            var text = ""
            for _ in 0..<random.next(12) { text += random.element(of: alphabet) }
            let g = Grammar(t: Tokenizer.tokenize(text), language: .fr, referenceYear: 2026)
            for i in 0...g.count {
                if i < g.count {
                    #expect(g.canStart(i) == canStartByStrings(g, i), "\(text.debugDescription) at \(i)")
                    if g.t[i].kind == .symbol {
                        symbols += 1
                        #expect(g.t[i].norm.unicodeScalars.count == 1 && g.t[i].scalar == g.t[i].norm.unicodeScalars.first)
                    }
                }
                #expect(g.cleanAfterNumber(i) == cleanAfterNumberByStrings(g, i), "\(text.debugDescription) at \(i)")
            }
        }
        #expect(symbols > 5_000)
    }
    /// `Grammar.isoDate` before pageperf23, on `symbol(i) == "-"`, `number(i)` and `word(i)`.
    private func isoDateByStrings(_ g: Grammar, _ i: Int) -> (date: CivilDate, time: (h: Int, m: Int, s: Int)?, offset: Int?, next: Int)? {
        guard let y = g.number(i), y.digits == 4, g.symbol(i + 1) == "-", g.tight(i + 1),
              let m = g.number(i + 2), m.digits == 2, g.tight(i + 2), g.symbol(i + 3) == "-", g.tight(i + 3),
              let d = g.number(i + 4), d.digits == 2, g.tight(i + 4),
              CivilDate.isValid(year: y.value, month: m.value, day: d.value) else { return nil }
        let date = CivilDate(year: y.value, month: m.value, day: d.value)
        var j = i + 5
        var h0 = j
        if g.word(j) == "t", g.tight(j) { h0 = j + 1 }
        guard let hh = g.number(h0), hh.digits == 2, h0 == j ? true : g.tight(h0), hh.value <= 23,
              g.symbol(h0 + 1) == ":", g.tight(h0 + 1), let mm = g.number(h0 + 2), mm.digits == 2, g.tight(h0 + 2), mm.value <= 59 else {
            guard g.cleanAfterNumber(j), !(g.symbol(j) == "-" && g.tight(j) && g.number(j + 1) != nil) else { return nil }
            return (date, nil, nil, j)
        }
        var sec = 0
        j = h0 + 3
        if g.symbol(j) == ":", g.tight(j), let ss = g.number(j + 1), ss.digits == 2, g.tight(j + 1), ss.value <= 60 {
            sec = min(ss.value, 59)
            j += 2
            if let s = g.symbol(j), s == "." || s == ",", g.tight(j), g.number(j + 1) != nil, g.tight(j + 1) { j += 2 }
        }
        var offset: Int?
        if g.word(j) == "z", g.tight(j) {
            offset = 0
            j += 1
        } else if let s = g.symbol(j), s == "+" || s == "-", g.tight(j), let oh = g.number(j + 1), g.tight(j + 1) {
            let sign = s == "-" ? -1 : 1
            if oh.digits == 4, oh.value / 100 <= 18, oh.value % 100 <= 59 {
                offset = sign * ((oh.value / 100) * 3600 + (oh.value % 100) * 60)
                j += 2
            } else if oh.digits == 2, oh.value <= 18 {
                var om = 0
                j += 2
                if g.symbol(j) == ":", g.tight(j), let mn = g.number(j + 1), mn.digits == 2, g.tight(j + 1), mn.value <= 59 {
                    om = mn.value
                    j += 2
                }
                offset = sign * (oh.value * 3600 + om * 60)
            }
        }
        return (date, (hh.value, mm.value, sec), offset, j)
    }

    private func render(_ r: (date: CivilDate, time: (h: Int, m: Int, s: Int)?, offset: Int?, next: Int)?) -> String {
        guard let r else { return "nil" }
        return "\(r.date) \(r.time.map { "\($0.h):\($0.m):\($0.s)" } ?? "-") \(r.offset.map(String.init) ?? "-") \(r.next)"
    }

    /// ISO 8601 dates, times and offsets, whole and cut, glued and spaced, with near misses
    /// (other dashes, a "T" or "Z" in capitals or not, too many digits, a fourth group), at
    /// every token of random joins: the shipped `isoDate` reads what the former one read.
    @Test func isoDateOnScalarsIsTheFormerOne() {
        let pieces: [String] = [
            "2026-11-20", "2026-11-20T09:30", "2026-11-20 09:30:15", "2026-11-20T09:30:15.250+01:00", "2026-11-20T09:30Z",
            "2026-11-20t09:30z", "2026-11-20T09:30+0100", "2026-11-20T09:30-05", "2026-11-20T09:30-05:30", "2026-02-30",
            "2026–11–20", "2026-1-20", "20260-11-20", "2026-11-20-1", "2026-11-20T24:00", "2026-11-20T09:60", "2026-11-20T09:30:61",
            "2026", "-", "11", "20", "T", "Z", ":", "09", "30", "+", "01", ".", ",", " ", "\n\n", "le", "%", "h", "2030-12-24T15:00:00+02:00",
        ]
        var random = Xorshift64(seed: 0x6A2A_0023_150D_0001)
        var read = 0
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<random.next(8) { text += random.element(of: pieces) }
            let g = Grammar(t: Tokenizer.tokenize(text), language: .fr, referenceYear: 2026)
            for i in 0...g.count {
                let new = g.isoDate(i)
                if new != nil { read += 1 }
                #expect(render(new) == render(isoDateByStrings(g, i)), "\(text.debugDescription) at \(i)")
            }
        }
        #expect(read > 1_000)
    }
}
