import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct OutputDirectoryTests {
    typealias S = Samples
    struct InjectedCrash: Error {}

    func snapshot(_ dir: String) throws -> [String: (Data, Date)] {
        var out: [String: (Data, Date)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
            let path = "\(dir)/\(name)"
            let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
            out[name] = (try Data(contentsOf: URL(fileURLWithPath: path)), modified)
        }
        return out
    }

    @Test func aSecondSyncWithNothingNewLeavesEveryFileUntouched() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        let output = "\(tmp.path)/Output"
        let builder = ProgrammeBuilder(zone: S.paris)
        let events = [
            S.event("Atelier design", start: S.at("2022-11-15", 9), locality: "Pau", sourceID: "a1"),
            S.event("Table ronde", start: S.allDay("2022-11-24"), locality: "Limoges", url: "https://lab.example/tr"),
        ]
        let t1 = S.instant("2022-11-01T08:00:00Z"), t2 = S.instant("2022-11-01T09:00:00Z"), t3 = S.instant("2022-11-01T10:00:00Z")
        try await store.recordSuccess("lab", validators: Validators(etag: "\"1\""), bodyHash: "h1", events: events, at: t1)
        let first = try OutputDirectory.write(try await builder.rebuild(store: store, now: t1), to: output)
        #expect(first.values.allSatisfy { $0 == .written })
        #expect(Set(first.keys) == ["programme.json", "programme.schema.json", "programme.ics", "programme.csv", "programme.atom", "index.html"])
        let before = try snapshot(output)

        // The source answers "not modified", then sends the same events again.
        try await store.recordNotModified("lab", at: t2)
        let second = try OutputDirectory.write(try await builder.rebuild(store: store, now: t2), to: output)
        try await store.recordSuccess("lab", validators: Validators(etag: "\"2\""), bodyHash: "h2", events: events, at: t3)
        let third = try OutputDirectory.write(try await builder.rebuild(store: store, now: t3), to: output)
        #expect(second.values.allSatisfy { $0 == .unchanged })
        #expect(third.values.allSatisfy { $0 == .unchanged })
        let after = try snapshot(output)
        #expect(Set(after.keys) == Set(before.keys))
        for (name, (data, date)) in before {
            #expect(after[name]?.0 == data, "\(name) changed")
            #expect(after[name]?.1 == date, "\(name) was touched")
        }

        // A real change rewrites the files, and the JSON still validates.
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: "h3", events: [events[0]], at: t3)
        let fourth = try OutputDirectory.write(try await builder.rebuild(store: store, now: t3), to: output)
        #expect(fourth["programme.json"] == .written)
        #expect(fourth["programme.schema.json"] == .unchanged)
        let json = try String(contentsOfFile: "\(output)/programme.json", encoding: .utf8)
        #expect(SchemaValidator(root: try JSONValue.parse(ProgrammeSchema.json)).validate(try JSONValue.parse(json)) == [])
        #expect(json.contains("\"updated_at\" : \"2022-11-01T10:00:00Z\""))
    }

    @Test(arguments: [AtomicFileWriter.Stage.partialWrite, .beforeRename])
    func aCrashDuringAWriteLeavesTheOldFileWhole(stage: AtomicFileWriter.Stage) throws {
        let tmp = TemporaryDirectory()
        let path = "\(tmp.path)/programme.json"
        let old = Data(String(repeating: "old ", count: 1000).utf8)
        #expect(try AtomicFileWriter().write(old, to: path) == .written)
        let crashing = AtomicFileWriter { at, _ in if at == stage { throw InjectedCrash() } }
        #expect(throws: InjectedCrash.self) { try crashing.write(Data(String(repeating: "new ", count: 1000).utf8), to: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["programme.json"])
    }

    @Test func aCrashBetweenFilesLeavesEachFileWhole() throws {
        let tmp = TemporaryDirectory()
        let v1 = Samples.programme()
        try OutputDirectory.write(v1, to: tmp.path, formats: [.json, .ics])
        var v2 = v1
        v2.events.removeLast()
        v2.updatedAt = S.instant("2022-10-21T10:00:00Z")
        let crashOnICS = AtomicFileWriter { _, path in if path.hasSuffix(".ics") { throw InjectedCrash() } }
        #expect(throws: InjectedCrash.self) { try OutputDirectory.write(v2, to: tmp.path, formats: [.json, .ics], writer: crashOnICS) }
        #expect(try String(contentsOfFile: "\(tmp.path)/programme.json", encoding: .utf8) == ProgrammeJSONWriter.render(v2))
        #expect(try String(contentsOfFile: "\(tmp.path)/programme.ics", encoding: .utf8) == ICSWriter.render(v1))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted() == ["programme.ics", "programme.json", "programme.schema.json"])
    }

    @Test func theConcurrentWriteWritesTheSameFilesAsTheSequentialOne() async throws {
        let one = TemporaryDirectory(), both = TemporaryDirectory()
        let programme = Samples.programme()
        let sequential = try OutputDirectory.write(programme, to: one.path)
        let concurrent = try await OutputDirectory.writeConcurrently(programme, to: both.path)
        #expect(concurrent == sequential)
        #expect(Set(concurrent.keys) == Set(OutputDirectory.fileNames()))
        #expect(concurrent.values.allSatisfy { $0 == .written })
        let a = try snapshot(one.path), b = try snapshot(both.path)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, (bytes, _)) in a { #expect(b[name]?.0 == bytes, "\(name)") }
        // Again with the same programme: every file found unchanged, none rewritten.
        let again = try await OutputDirectory.writeConcurrently(programme, to: both.path)
        #expect(again.values.allSatisfy { $0 == .unchanged })
        let after = try snapshot(both.path)
        for (name, (_, modified)) in b { #expect(after[name]?.1 == modified, "\(name)") }
    }

    @Test func aCrashInOneConcurrentFormatLeavesEachFileWhole() async throws {
        let tmp = TemporaryDirectory()
        let v1 = Samples.programme()
        try OutputDirectory.write(v1, to: tmp.path)
        var v2 = v1
        v2.events.removeLast()
        v2.updatedAt = S.instant("2022-10-21T10:00:00Z")
        let crashOnICS = AtomicFileWriter { _, path in if path.hasSuffix(".ics") { throw InjectedCrash() } }
        await #expect(throws: InjectedCrash.self) { try await OutputDirectory.writeConcurrently(v2, to: tmp.path, writer: crashOnICS) }
        #expect(try String(contentsOfFile: "\(tmp.path)/programme.ics", encoding: .utf8) == ICSWriter.render(v1))
        // Every other file is old or new, whole; no temporary file is left.
        for format in OutputFormat.allCases where format != .ics {
            let text = try String(contentsOfFile: "\(tmp.path)/\(format.fileName)", encoding: .utf8)
            #expect(text == format.render(v1) || text == format.render(v2), "\(format)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted() == OutputDirectory.fileNames().sorted())
    }

    /// The names of the files in a directory that are temporaries of a write.
    func temporaries(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
    }

    @Test func stagedFilesReplaceNothingUntilCommittedAndThenAreTheWrittenFiles() async throws {
        let tmp = TemporaryDirectory(), reference = TemporaryDirectory()
        let v1 = Samples.programme()
        try OutputDirectory.write(v1, to: tmp.path)
        let before = try snapshot(tmp.path)
        var v2 = v1
        v2.events.removeLast()
        v2.updatedAt = S.instant("2022-10-21T10:00:00Z")
        let staged = try await OutputDirectory.stageConcurrently(v2, to: tmp.path)
        // Rendered and synced beside the files, none in place yet: five formats changed, the schema not.
        #expect(try temporaries(tmp.path).count == 5)
        #expect(staged.files[ProgrammeSchema.fileName]?.temporary == nil)
        for (name, (bytes, modified)) in before {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(tmp.path)/\(name)")) == bytes, "\(name)")
            #expect(try FileManager.default.attributesOfItem(atPath: "\(tmp.path)/\(name)")[.modificationDate] as? Date == modified)
        }
        let outcomes = try staged.commit()
        #expect(try temporaries(tmp.path) == [])
        let expected = try OutputDirectory.write(v2, to: reference.path, formats: OutputFormat.allCases)
        #expect(Set(outcomes.keys) == Set(OutputDirectory.fileNames()))
        #expect(outcomes[ProgrammeSchema.fileName] == .unchanged)
        #expect(outcomes.filter { $0.value == .written }.count == 5)
        let committed = try snapshot(tmp.path), written = try snapshot(reference.path)
        #expect(committed.keys.sorted() == written.keys.sorted() && expected.count == committed.count)
        for (name, (bytes, _)) in written { #expect(committed[name]?.0 == bytes, "\(name)") }
    }

    @Test func discardedStagedFilesLeaveTheOldFilesAndNoTemporary() async throws {
        let tmp = TemporaryDirectory()
        let v1 = Samples.programme()
        try OutputDirectory.write(v1, to: tmp.path)
        let before = try snapshot(tmp.path)
        var v2 = v1
        v2.events.removeFirst()
        let staged = try await OutputDirectory.stageConcurrently(v2, to: tmp.path)
        #expect(try !temporaries(tmp.path).isEmpty)
        staged.discard()
        let after = try snapshot(tmp.path)
        #expect(after.keys.sorted() == before.keys.sorted())
        for (name, (bytes, modified)) in before {
            #expect(after[name]?.0 == bytes && after[name]?.1 == modified, "\(name)")
        }
    }

    @Test func anUnchangedProgrammeStagesNothing() async throws {
        let tmp = TemporaryDirectory()
        let programme = Samples.programme()
        try OutputDirectory.write(programme, to: tmp.path)
        let before = try snapshot(tmp.path)
        let staged = try await OutputDirectory.stageConcurrently(programme, to: tmp.path)
        #expect(staged.files.values.allSatisfy { $0.temporary == nil })
        #expect(try temporaries(tmp.path) == [])
        #expect(try staged.commit().values.allSatisfy { $0 == .unchanged })
        let after = try snapshot(tmp.path)
        for (name, (_, modified)) in before { #expect(after[name]?.1 == modified, "\(name)") }
    }

    @Test func aRenameFailingAtCommitLeavesEachFileWholeAndNoTemporary() async throws {
        let tmp = TemporaryDirectory()
        let v1 = Samples.programme()
        try OutputDirectory.write(v1, to: tmp.path)
        var v2 = v1
        v2.events.removeLast()
        v2.updatedAt = S.instant("2022-10-21T10:00:00Z")
        // The renames go by file name: index.html, programme.atom, programme.csv, then the calendar fails.
        let crashOnICS = AtomicFileWriter { stage, path in if stage == .beforeRename, path.hasSuffix(".ics") { throw InjectedCrash() } }
        let staged = try await OutputDirectory.stageConcurrently(v2, to: tmp.path, writer: crashOnICS)
        #expect(throws: InjectedCrash.self) { try staged.commit() }
        #expect(try temporaries(tmp.path) == [])
        #expect(try String(contentsOfFile: "\(tmp.path)/programme.ics", encoding: .utf8) == ICSWriter.render(v1))
        #expect(try String(contentsOfFile: "\(tmp.path)/programme.csv", encoding: .utf8) == OutputFormat.csv.render(v2))
        #expect(try String(contentsOfFile: "\(tmp.path)/programme.json", encoding: .utf8) == ProgrammeJSONWriter.render(v1))
    }

    @Test func aWriteIntoAMissingDirectoryCreatesIt() throws {
        let tmp = TemporaryDirectory()
        let outcomes = try OutputDirectory.write(Samples.programme(), to: "\(tmp.path)/a/b", formats: [.csv])
        #expect(outcomes == ["programme.csv": .written])
        #expect(FileManager.default.fileExists(atPath: "\(tmp.path)/a/b/programme.csv"))
    }
}

/// The streamed write (AtomicFileWriter.write(to:_:) and OutputSink) against whole-buffer writes.
struct OutputSinkTests {
    /// Bytes over several 64 KiB chunks, different at each position.
    static func bytes(_ count: Int, seed: UInt8 = 0) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31) ^ seed } }

    static func write(_ bytes: [UInt8], to path: String, pieces: Int) throws -> WriteOutcome {
        try AtomicFileWriter().write(to: path) { sink in
            var rest = bytes[...]
            while !rest.isEmpty {
                let n = min(rest.count, pieces)
                sink.append(Array(rest.prefix(n)))
                rest = rest.dropFirst(n)
            }
        }
    }

    @Test func equalBytesInAnyPiecesLeaveTheFileUntouched() throws {
        let tmp = TemporaryDirectory()
        let path = "\(tmp.path)/big.json"
        let content = Self.bytes(300_000)
        #expect(try Self.write(content, to: path, pieces: 70_001) == .written)
        let inode = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        for pieces in [1_000, 65_536, 300_000] {
            #expect(try Self.write(content, to: path, pieces: pieces) == .unchanged)
        }
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int == inode)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == content)
    }

    @Test func aChangeAnywhereRewritesTheWholeFile() throws {
        let tmp = TemporaryDirectory()
        let path = "\(tmp.path)/big.json"
        let content = Self.bytes(300_000)
        var late = content
        late[250_000] ^= 0xFF  // the first four chunks match, then the copy of that prefix
        var early = content
        early[10] ^= 0xFF
        let cases: [[UInt8]] = [late, early, Array(content.prefix(200_000)), content + [1, 2, 3], [], content]
        for new in cases {
            #expect(try Self.write(new, to: path, pieces: 9_999) == .written)
            #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == new)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["big.json"])
    }

    @Test func aMissingFileIsCreatedEvenEmpty() throws {
        let tmp = TemporaryDirectory()
        #expect(try Self.write([], to: "\(tmp.path)/empty", pieces: 1) == .written)
        #expect(FileManager.default.fileExists(atPath: "\(tmp.path)/empty"))
        #expect(try Self.write([], to: "\(tmp.path)/empty", pieces: 1) == .unchanged)
    }

    @Test func aProducerThatThrowsLeavesTheOldFileAndNoTemporary() throws {
        let tmp = TemporaryDirectory()
        let path = "\(tmp.path)/programme.csv"
        let old = Self.bytes(200_000)
        _ = try Self.write(old, to: path, pieces: 200_000)
        #expect(throws: OutputDirectoryTests.InjectedCrash.self) {
            try AtomicFileWriter().write(to: path) { sink in
                sink.append(Self.bytes(150_000, seed: 7))  // past the first difference: a temporary exists
                throw OutputDirectoryTests.InjectedCrash()
            }
        }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["programme.csv"])
    }

    @Test(arguments: OutputFormat.allCases)
    func everyStreamedFileIsItsRenderedText(format: OutputFormat) throws {
        let tmp = TemporaryDirectory()
        let programme = Samples.programme()
        try OutputDirectory.write(programme, to: tmp.path, formats: [format])
        let written = try String(contentsOfFile: "\(tmp.path)/\(format.fileName)", encoding: .utf8)
        #expect(written == format.render(programme))
        var streamed = ""
        format.render(programme, options: RenderOptions(), into: &streamed)
        #expect(streamed == written)
        #expect(!written.isEmpty)
    }
}
