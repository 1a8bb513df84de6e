// Atomic, only-if-changed file writes: temporary file in the same directory, fsync, rename.

public import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// What a write did.
public enum WriteOutcome: String, Sendable, Hashable {
    /// The file was created or replaced.
    case written
    /// The file already held these bytes: not touched (same mtime).
    case unchanged
}

/// A failed write, naming the file and the step.
public struct OutputWriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var step: String
    public var code: Int32

    public var description: String {
        "cannot write \(path): \(step) failed: \(String(cString: strerror(code)))"
    }
}

/// Writes files so that a reader (or a crash) sees the old bytes or the new, never a mix.
///
/// The bytes are compared with the file first and nothing is written when they are equal. Else
/// they go to `.NAME.tmp-PID-RANDOM` in the same directory, which is fsynced, renamed over the
/// target, and the directory is fsynced. On error the temporary file is removed. Temporary
/// files left by a crash (older than ten minutes) are removed by the next write of that file.
public struct AtomicFileWriter: Sendable {
    /// The points where a test can make the write fail, as a crash would.
    public enum Stage: String, Sendable, Hashable {
        /// The temporary file holds the new bytes, not yet synced.
        case partialWrite
        /// The temporary file is complete and synced, not yet renamed.
        case beforeRename
    }

    /// Called at each stage with the target path; throwing there aborts the write.
    public var faultInjection: (@Sendable (Stage, String) throws -> Void)?

    public init(faultInjection: (@Sendable (Stage, String) throws -> Void)? = nil) {
        self.faultInjection = faultInjection
    }

    /// Writes these bytes (``write(to:_:)`` with one piece).
    @discardableResult
    public func write(_ data: Data, to path: String) throws -> WriteOutcome {
        try write(to: path) { sink in sink.append(data) }
    }

    /// Writes the bytes `produce` hands the sink, piece by piece: neither the new file nor the
    /// old one is ever held whole in memory. The pieces are compared with the existing file as
    /// they come; the temporary file is created at the first difference (the equal prefix is
    /// copied from the old file), so an unchanged output writes nothing at all.
    @discardableResult
    public func write(to path: String, _ produce: (OutputSink) throws -> Void) throws -> WriteOutcome {
        let sink = OutputSink(path: path, writer: self)
        do {
            try produce(sink)
            return try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// Renders like ``write(to:_:)`` but leaves the new bytes in a synced temporary file beside
    /// the target instead of renaming it: the caller renames it later
    /// (``StagedFile/rename(writer:)``, then ``syncDirectory(of:)``) or removes it
    /// (``StagedFile/discard()``). Nothing is staged when the bytes equal the file's.
    public func stage(to path: String, _ produce: (OutputSink) throws -> Void) throws -> StagedFile {
        let sink = OutputSink(path: path, writer: self)
        do {
            try produce(sink)
            return try sink.stage()
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// `fsync` of the directory holding `path`, so that its renames are durable (best effort,
    /// as before: a directory that cannot be opened is not an error of the write).
    static func syncDirectory(of path: String) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
    }

    func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < buffer.count {
            let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputWriteError(path: path, step: "write", code: errno)
            }
            offset += n
        }
    }

    func removeStaleTemporaries(of name: String, in directory: String) {
        let prefix = ".\(name).tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let full = "\(directory)/\(entry)"
            if let modified = (try? FileManager.default.attributesOfItem(atPath: full))?[.modificationDate] as? Date,
               Date().timeIntervalSince(modified) > 600 {
                try? FileManager.default.removeItem(atPath: full)
            }
        }
    }
}

/// Writes the programme's files into the output directory.
public enum OutputDirectory {
    /// Renders each format and writes it atomically, only when its bytes changed, streaming
    /// it to its file (``AtomicFileWriter/write(to:_:)``). The JSON
    /// format also writes `programme.schema.json`. Returns the outcome by file name.
    @discardableResult
    public static func write(_ programme: Programme, to directory: String, formats: [OutputFormat] = OutputFormat.allCases,
                             options: RenderOptions = RenderOptions(), writer: AtomicFileWriter = AtomicFileWriter()) throws -> [String: WriteOutcome] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var outcomes: [String: WriteOutcome] = [:]
        for format in formats {
            outcomes.merge(try writeFormat(format, of: programme, to: directory, options: options, writer: writer)) { a, _ in a }
        }
        return outcomes
    }

    /// ``write(_:to:formats:options:writer:)`` with the formats rendered at the same time, one
    /// child task each (as many at once as the concurrency pool has threads): the same files,
    /// byte for byte, each still replaced atomically. A sync's outputs were its longest
    /// single-threaded stretch. Each render streams to its file through one 64 KiB chunk, so
    /// the memory held at once grows by a chunk per format in flight. The files are staged
    /// (``stageConcurrently(_:to:formats:options:writer:)``) and renamed once all are ready,
    /// then the directory is synced once. When a format fails, nothing is renamed: every file
    /// stays as it was and the error is thrown once the formats already started are done.
    @discardableResult
    public static func writeConcurrently(_ programme: Programme, to directory: String, formats: [OutputFormat] = OutputFormat.allCases,
                                         options: RenderOptions = RenderOptions(),
                                         writer: AtomicFileWriter = AtomicFileWriter()) async throws -> [String: WriteOutcome] {
        try await stageConcurrently(programme, to: directory, formats: formats, options: options, writer: writer).commit()
    }

    /// Renders every format at the same time (as ``writeConcurrently(_:to:formats:options:writer:)``)
    /// into synced temporary files beside the outputs, and renames none of them: the caller
    /// commits (``StagedOutputs/commit()``) or discards (``StagedOutputs/discard()``) them. A
    /// file whose bytes are unchanged gets no temporary. When a format fails, every temporary
    /// already made is removed and the error thrown, once the formats already started are done.
    public static func stageConcurrently(_ programme: Programme, to directory: String, formats: [OutputFormat] = OutputFormat.allCases,
                                         options: RenderOptions = RenderOptions(),
                                         writer: AtomicFileWriter = AtomicFileWriter()) async throws -> StagedOutputs {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let (staged, failure) = await withTaskGroup(of: Result<[String: StagedFile], any Error>.self) { group in
            // The longest renders first, so that the last one to finish is a short one.
            for format in formats.sorted(by: { renderCost($0) > renderCost($1) }) {
                group.addTask { Result { try stageFormat(format, of: programme, to: directory, options: options, writer: writer) } }
            }
            var staged = StagedOutputs(files: [:], writer: writer)
            var failure: (any Error)?
            for await result in group {
                switch result {
                case .success(let files): staged.files.merge(files) { a, _ in a }
                case .failure(let error): failure = failure ?? error
                }
            }
            return (staged, failure)
        }
        if let failure {
            staged.discard()
            throw failure
        }
        return staged
    }

    /// The order of the formats' render times on a cold sync's programme (perf, 600 sources),
    /// for ``writeConcurrently(_:to:formats:options:writer:)``: a rank, not a measure.
    static func renderCost(_ format: OutputFormat) -> Int {
        switch format {
        case .html: 5
        case .json: 4
        case .csv: 3
        case .atom: 2
        case .ics: 1
        }
    }

    /// One format's file (and the schema with the JSON), streamed to its file
    /// (``AtomicFileWriter/write(to:_:)``): no whole document in memory.
    static func writeFormat(_ format: OutputFormat, of programme: Programme, to directory: String, options: RenderOptions,
                            writer: AtomicFileWriter) throws -> [String: WriteOutcome] {
        let outcome = try writer.write(to: "\(directory)/\(format.fileName)") { sink in render(format, programme, options, into: sink) }
        guard format == .json else { return [format.fileName: outcome] }
        let schema = try writer.write(Data(ProgrammeSchema.json.utf8), to: "\(directory)/\(ProgrammeSchema.fileName)")
        return [format.fileName: outcome, ProgrammeSchema.fileName: schema]
    }

    /// ``writeFormat(_:of:to:options:writer:)`` staged (``AtomicFileWriter/stage(to:_:)``). When
    /// the schema fails after the JSON was staged, the JSON's temporary is removed.
    static func stageFormat(_ format: OutputFormat, of programme: Programme, to directory: String, options: RenderOptions,
                            writer: AtomicFileWriter) throws -> [String: StagedFile] {
        let file = try writer.stage(to: "\(directory)/\(format.fileName)") { sink in render(format, programme, options, into: sink) }
        guard format == .json else { return [format.fileName: file] }
        do {
            let schema = try writer.stage(to: "\(directory)/\(ProgrammeSchema.fileName)") { sink in sink.append(Data(ProgrammeSchema.json.utf8)) }
            return [format.fileName: file, ProgrammeSchema.fileName: schema]
        } catch {
            file.discard()
            throw error
        }
    }

    static func render(_ format: OutputFormat, _ programme: Programme, _ options: RenderOptions, into sink: OutputSink) {
        if format == .json {
            ProgrammeJSONWriter.write(programme, to: sink)
        } else {
            var sink = sink
            format.render(programme, options: options, into: &sink)
        }
    }

    /// The files ``write(_:to:formats:options:writer:)`` writes for these formats.
    public static func fileNames(formats: [OutputFormat] = OutputFormat.allCases) -> [String] {
        formats.flatMap { $0 == .json ? [$0.fileName, ProgrammeSchema.fileName] : [$0.fileName] }
    }
}
