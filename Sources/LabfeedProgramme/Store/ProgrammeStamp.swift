// What the last written programme was built from, so that a sync whose inputs have not moved
// skips the rebuild, the rendering and the programme's round trip through the store.
//
// Contract: a stamp is only ever saved after the programme was saved and every output written;
// a store clears it in the same transaction as anything that changes the events the programme
// is built from (recordSuccess, forgetSource) and when the programme is replaced (saveProgramme).
// The rest of the inputs (configuration, source health, the clock) is in `inputs`, a SHA-256
// the caller recomputes; the lifecycle (an event turning past, or leaving) bounds `validUntil`.

public import Foundation
import LabfeedCore
import LabfeedHash
#if canImport(Glibc)
import Glibc
#endif

/// The fingerprint of the last programme written, kept by the store (``ProgrammeStore/programmeStamp()``).
///
/// A sync may leave the programme and its files alone when the stamp is still there (no source
/// recorded new events since), `inputs` equals the fingerprint of the current configuration and
/// source health, the clock is in `builtAt..<validUntil` on the same UTC day, and every output
/// file still has the size and modification time recorded in `files`.
public struct ProgrammeStamp: Sendable, Hashable, Codable {
    /// SHA-256 of every input besides the sources' events (``ProgrammeInputs``).
    public var inputs: String
    /// The `now` of the build (whole seconds).
    public var builtAt: Date
    /// The first instant at which an event of the programme turns past or leaves it
    /// (`Date.distantFuture` when none will).
    public var validUntil: Date
    /// How many events the programme holds (for the sync report).
    public var events: Int
    /// The output files as written.
    public var files: [OutputFileStamp]

    public init(inputs: String, builtAt: Date, validUntil: Date, events: Int, files: [OutputFileStamp]) {
        self.inputs = inputs
        self.builtAt = builtAt
        self.validUntil = validUntil
        self.events = events
        self.files = files
    }

    /// True when a build at `now` with inputs `inputs` would give the same programme and the
    /// files on disk are still those written.
    public func stillHolds(inputs: String, now rawNow: Date, directory: String) -> Bool {
        let now = wholeSeconds(rawNow)
        guard inputs == self.inputs, now >= builtAt, now < validUntil,
              Self.utcDay(now) == Self.utcDay(builtAt) else { return false }
        return OutputFileStamp.current(files.map(\.name), in: directory) == files
    }

    static func utcDay(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// The JSON a store keeps (`meta` row `programme_stamp`).
    public func json() -> String {
        let data = (try? LabfeedJSON.encoder(pretty: false).encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads ``json()`` back; nil for anything else (the stamp is then ignored, which only
    /// costs a rebuild).
    public static func read(_ json: String) -> ProgrammeStamp? {
        try? JSONDecoder().decode(ProgrammeStamp.self, from: Data(json.utf8))
    }

    enum CodingKeys: String, CodingKey {
        case inputs, events, files
        case builtAt = "built_at"
        case validUntil = "valid_until"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(builtAt.timeIntervalSince1970, forKey: .builtAt)
        try c.encode(validUntil == .distantFuture ? nil : validUntil.timeIntervalSince1970, forKey: .validUntil)
        try c.encode(events, forKey: .events)
        try c.encode(files, forKey: .files)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inputs = try c.decode(String.self, forKey: .inputs)
        builtAt = Date(timeIntervalSince1970: try c.decode(Double.self, forKey: .builtAt))
        validUntil = try c.decodeIfPresent(Double.self, forKey: .validUntil).map(Date.init(timeIntervalSince1970:)) ?? .distantFuture
        events = try c.decode(Int.self, forKey: .events)
        files = try c.decode([OutputFileStamp].self, forKey: .files)
    }
}

/// One output file as written: its name in the output directory, size and modification time.
public struct OutputFileStamp: Sendable, Hashable, Codable {
    public var name: String
    public var size: Int64
    /// Seconds and nanoseconds since 1970, as `stat` gives them.
    public var seconds: Int64
    public var nanoseconds: Int64

    public init(name: String, size: Int64, seconds: Int64, nanoseconds: Int64) {
        self.name = name
        self.size = size
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// The files as they are now; nil when one is missing.
    public static func current(_ names: [String], in directory: String) -> [OutputFileStamp]? {
        var out: [OutputFileStamp] = []
        out.reserveCapacity(names.count)
        for name in names {
            var info = stat()
            guard stat("\(directory)/\(name)", &info) == 0 else { return nil }
            out.append(OutputFileStamp(name: name, size: Int64(info.st_size), seconds: Int64(info.st_mtim.tv_sec),
                                       nanoseconds: Int64(info.st_mtim.tv_nsec)))
        }
        return out
    }
}

/// The inputs of a build besides the sources' events, as one SHA-256 (``ProgrammeStamp/inputs``).
///
/// What goes in: this labfeed (version, programme.json schema, and the running executable's size
/// and modification time, so an upgraded binary renders again); the builder's settings
/// (`keep_past`, zone, every configured source's id, name, enabled flag and defaults); the
/// writers' (output directory, formats, render options); and each source's health as
/// programme.json shows it, with the UTC day it was last confirmed (an event's `last_seen`).
public enum ProgrammeInputs {
    /// Raised when what a stamp covers changes meaning.
    static let version = "labfeed programme stamp 1"

    public static func fingerprint(builder: ProgrammeBuilder, states: [String: SourceState], directory: String,
                                   formats: [OutputFormat], options: RenderOptions) -> String {
        var text = ""
        func field(_ value: String?) {
            text += value ?? "\u{0}"
            text += "\u{1F}"
        }
        func date(_ value: Date?) { field(value.map { String($0.timeIntervalSince1970) }) }
        func end() { text += "\u{1E}" }

        field(version); field(LabfeedVersion.current); field(String(ProgrammeJSONWriter.schemaVersion)); field(executable)
        end()
        field(directory)
        for format in formats { field(format.rawValue) }
        end()
        field(options.zone.identifier); field(options.title); field(options.publicURL); field(options.feedID)
        end()
        switch builder.keepPast {
        case .forever: field("forever")
        case .duration(let d): field(String(d.components.seconds))
        }
        field(builder.zone.identifier)
        end()
        if let sources = builder.sources {
            for s in sources {
                field(s.id); field(s.name); field(s.enabled ? "1" : "0"); field(s.organizer); field(s.region); field(s.language)
                if let l = s.location {
                    field(l.name); field(l.address); field(l.locality); field(l.postalCode); field(l.region); field(l.country)
                    field(l.latitude.map { String($0) }); field(l.longitude.map { String($0) })
                } else {
                    field(nil)
                }
                end()
            }
        } else {
            field("all sources")
        }
        end()
        for id in states.keys.sorted() {
            let s = states[id]!
            field(id); date(s.lastChange); field(s.lastError); date(s.failingSince); field(String(s.consecutiveFailures))
            field(s.lastSuccess.map { String(ProgrammeStamp.utcDay($0)) })
            end()
        }
        return SHA256.hex(text)
    }

    /// The running executable's size and modification time ("" where unknown).
    static let executable: String = {
        #if os(Linux)
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 {
            return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        #endif
        return ""
    }()
}
