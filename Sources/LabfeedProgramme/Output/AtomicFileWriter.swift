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
        /// Part of the bytes are in the temporary file.
        case partialWrite
        /// The temporary file is complete and synced, not yet renamed.
        case beforeRename
    }

    /// Called at each stage with the target path; throwing there aborts the write.
    public var faultInjection: (@Sendable (Stage, String) throws -> Void)?

    public init(faultInjection: (@Sendable (Stage, String) throws -> Void)? = nil) {
        self.faultInjection = faultInjection
    }

    @discardableResult
    public func write(_ data: Data, to path: String) throws -> WriteOutcome {
        if let existing = FileManager.default.contents(atPath: path), existing == data { return .unchanged }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        removeStaleTemporaries(of: name, in: directory)
        let temporary = "\(directory)/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputWriteError(path: path, step: "create \(temporary)", code: errno) }
        var closed = false
        do {
            defer { if !closed { close(fd) } }
            let half = data.count / 2
            try writeAll(fd, data.prefix(half), path: path)
            try faultInjection?(.partialWrite, path)
            try writeAll(fd, data.dropFirst(half), path: path)
            guard fsync(fd) == 0 else { throw OutputWriteError(path: path, step: "fsync", code: errno) }
            closed = true
            guard close(fd) == 0 else { throw OutputWriteError(path: path, step: "close", code: errno) }
            try faultInjection?(.beforeRename, path)
            guard rename(temporary, path) == 0 else { throw OutputWriteError(path: path, step: "rename", code: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
        return .written
    }

    private func writeAll(_ fd: Int32, _ bytes: Data, path: String) throws {
        try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
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
    }

    private func removeStaleTemporaries(of name: String, in directory: String) {
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
    /// Renders each format and writes it atomically, only when its bytes changed. The JSON
    /// format also writes `programme.schema.json`. Returns the outcome by file name.
    @discardableResult
    public static func write(_ programme: Programme, to directory: String, formats: [OutputFormat] = OutputFormat.allCases,
                             options: RenderOptions = RenderOptions(), writer: AtomicFileWriter = AtomicFileWriter()) throws -> [String: WriteOutcome] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var outcomes: [String: WriteOutcome] = [:]
        for format in formats {
            let path = "\(directory)/\(format.fileName)"
            // JSON is encoded as bytes: no round trip through a String of the same size. The
            // other formats' text is written from the String's own UTF-8 storage, not a copy.
            if format == .json {
                outcomes[format.fileName] = try writer.write(ProgrammeJSONWriter.data(programme), to: path)
            } else {
                var text = format.render(programme, options: options)
                outcomes[format.fileName] = try text.withUTF8 { utf8 in
                    guard let base = utf8.baseAddress, !utf8.isEmpty else { return try writer.write(Data(), to: path) }
                    return try writer.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: utf8.count,
                                                 deallocator: .none), to: path)
                }
            }
            if format == .json {
                outcomes[ProgrammeSchema.fileName] = try writer.write(Data(ProgrammeSchema.json.utf8), to: "\(directory)/\(ProgrammeSchema.fileName)")
            }
        }
        return outcomes
    }

    /// The files ``write(_:to:formats:options:writer:)`` writes for these formats.
    public static func fileNames(formats: [OutputFormat] = OutputFormat.allCases) -> [String] {
        formats.flatMap { $0 == .json ? [$0.fileName, ProgrammeSchema.fileName] : [$0.fileName] }
    }
}
