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

    /// The bytes of programme.json (``stream(_:chunk:emit:)`` in one piece).
    public static func data(_ programme: Programme) -> Data {
        var data = Data()
        guard stream(programme, chunk: .max, emit: { data.append(contentsOf: $0) }) else { return wholeDocumentData(programme) }
        return data
    }

    /// programme.json streamed into an output file's sink, 64 KiB at a time.
    public static func write(_ programme: Programme, to sink: OutputSink) {
        guard stream(programme, chunk: OutputSink.chunkSize, emit: { sink.append($0) }) else {
            return sink.append(wholeDocumentData(programme))
        }
    }

    /// Hands programme.json to `emit` in pieces of about `chunk` bytes. Each event is written
    /// by ``EventJSON`` into one reused buffer, so neither an encoder's tree of the programme
    /// nor the whole document is ever in memory (they were the peak memory of a cold sync, and
    /// the encoder a fifth of its CPU); the bytes are those of one `JSONEncoder` pass over the
    /// whole document (``wholeDocumentData(_:)``, which the tests compare). Returns false,
    /// having emitted nothing, when the encoder must do it (a NaN in an event, which it refuses).
    static func stream(_ programme: Programme, chunk: Int, emit: ([UInt8]) -> Void) -> Bool {
        guard programme.events.allSatisfy({ EventJSON.encodable($0.event) }) else { return false }
        var out = JSONBytes(pretty: true, capacity: min(chunk, 2_600 * programme.events.count) + 8_192)
        // Sorted keys: "events", then "schema_version", "sources" and "updated_at" (the sources
        // too are written by JSONBytes: the encoder's pass over them was a tenth of the file).
        let document = out.open(0x7B)
        out.key("events")
        let list = out.open(0x5B)
        for event in programme.orderedEvents {
            out.separate()
            EventJSON.write(event, to: &out)
            if out.count >= chunk {
                emit(out.bytes)
                out.removeAll()
            }
        }
        out.close(0x5D, list)
        out.key("schema_version")
        out.integer(schemaVersion)
        out.key("sources")
        let sources = out.open(0x5B)
        for source in programme.sources {
            out.separate()
            EventJSON.write(source, to: &out)
        }
        out.close(0x5D, sources)
        out.key("updated_at")
        if let updatedAt = programme.updatedAt { out.timestamp(updatedAt) } else { out.null() }
        out.close(0x7D, document)
        out.append(0x0A)
        emit(out.bytes)
        return true
    }

    /// programme.json from one `JSONEncoder` pass over the whole document: the reference
    /// ``data(_:)`` must equal byte for byte (and its fallback).
    public static func wholeDocumentData(_ programme: Programme) -> Data {
        struct Document: Encodable {
            var programme: Programme
            enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version", updatedAt = "updated_at", sources, events }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(ProgrammeJSONWriter.schemaVersion, forKey: .schemaVersion)
                try c.encode(programme.updatedAt.map(UTCTimestamp.string), forKey: .updatedAt)
                try c.encode(programme.sources, forKey: .sources)
                try c.encode(programme.orderedEvents, forKey: .events)
            }
        }
        // Encoding plain values cannot fail; an empty object would be caught by the schema test.
        var data = (try? LabfeedJSON.encoder(pretty: true).encode(Document(programme: programme))) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }

    /// Appends pretty-printed JSON encoded at depth 0 as if it had been encoded `spaces` deeper:
    /// the indentation follows each line break, except the blank line the encoder puts inside an
    /// empty array. A line break in JSON text is always layout (strings escape theirs).
    static func appendIndented(_ json: Data, by spaces: Int, to out: inout Data) {
        let indent = [UInt8](repeating: 0x20, count: spaces)
        json.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            out.append(contentsOf: indent)
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 0x0A {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...i]))
                start = i + 1
                if start < bytes.count, bytes[start] != 0x0A { out.append(contentsOf: indent) }
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
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
