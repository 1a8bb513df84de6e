// programme.json: the programme as JSON, deterministic bytes for the same state.

public import Foundation
import LabfeedCore

/// Renders `programme.json` (`schema_version`, `updated_at`, `sources`, `events`), sorted keys,
/// events by start then id, ending with a newline. ``ProgrammeSchema`` describes it.
public enum ProgrammeJSONWriter {
    /// The version of the programme.json shape; raised when a field changes meaning.
    public static let schemaVersion = 1

    public static func render(_ programme: Programme) -> String {
        String(decoding: data(programme), as: UTF8.self)
    }

    public static func data(_ programme: Programme) -> Data {
        struct Document: Encodable {
            var programme: Programme
            enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version", updatedAt = "updated_at", sources, events }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(ProgrammeJSONWriter.schemaVersion, forKey: .schemaVersion)
                try c.encode(programme.updatedAt.map(UTCTimestamp.string), forKey: .updatedAt)
                try c.encode(programme.sources, forKey: .sources)
                try c.encode(programme.events.sorted(by: ProgrammeOrder.precedes), forKey: .events)
            }
        }
        // Encoding plain values cannot fail; an empty object would be caught by the schema test.
        var data = (try? LabfeedJSON.encoder(pretty: true).encode(Document(programme: programme))) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }

    /// Reads a programme.json back (for `labfeed export` from a written file, and tests).
    public static func read(_ data: Data) throws -> Programme {
        struct Document: Decodable {
            var updatedAt: String?
            var sources: [SourceHealth]
            var events: [ProgrammeEvent]
            enum CodingKeys: String, CodingKey { case updatedAt = "updated_at", sources, events }
        }
        let doc = try JSONDecoder().decode(Document.self, from: data)
        return Programme(updatedAt: doc.updatedAt.flatMap(UTCTimestamp.date), sources: doc.sources, events: doc.events)
    }
}
