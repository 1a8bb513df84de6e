// One row of the expression table: an input, the context it is read in, and what the engine
// must return. Rows live in DateTable+*.swift, grouped by subject.

import Foundation
import LabfeedCore
import LabfeedDates
import Testing

/// An expected reading of one date expression.
struct DateCase: Sendable, CustomTestStringConvertible {
    var input: String
    var language: DateLanguage
    var reference: String
    var zone: String
    /// ISO form of the expected start (`2022-11-08` or `2022-11-08T14:30:00+01:00`).
    var start: String
    var end: String?
    /// The expected span text; nil: the whole input.
    var span: String?
    var kind: DateMatchKind?
    var inferred: Bool?
    var mismatch: Bool?

    var testDescription: String { "\(language.rawValue) «\(input)» @\(reference)" }

    var context: DateContext {
        DateContext(language: language, reference: CivilDate(iso: reference)!, referenceIsPublication: true,
                    timeZone: TimeZone(identifier: zone)!)
    }
}

/// A row of the table (French, reference 2022-10-15, Europe/Paris unless told).
func row(_ input: String, _ start: String, _ end: String? = nil, lang: DateLanguage = .fr, ref: String = "2022-10-15",
         zone: String = "Europe/Paris", span: String? = nil, kind: DateMatchKind? = nil, inferred: Bool? = nil,
         mismatch: Bool? = nil) -> DateCase {
    DateCase(input: input, language: lang, reference: ref, zone: zone, start: start, end: end, span: span, kind: kind,
             inferred: inferred, mismatch: mismatch)
}

/// Text that holds no date for the engine, with the language it is read in.
struct NoDateCase: Sendable, CustomTestStringConvertible {
    var input: String
    var language: DateLanguage
    var testDescription: String { "\(language.rawValue) «\(input)»" }
}

func none(_ input: String, lang: DateLanguage = .fr) -> NoDateCase { NoDateCase(input: input, language: lang) }
