// The receiving end of a streamed output file (AtomicFileWriter.write(to:_:)): pieces of bytes
// are compared with the existing file as they arrive, and written to a temporary file only from
// the first difference on. Contract: the file ends up with exactly the bytes appended, replaced
// atomically, or untouched when they equal its bytes.

public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a renderer appends text: a `String` (``OutputFormat/render(_:options:)``) or an
/// ``OutputSink`` streaming to a file.
public protocol TextSink {
    mutating func append(_ text: String)
    /// Appends valid UTF-8 bytes (the writers that build their text as bytes hand them over
    /// without making a String; the default makes one).
    mutating func appendUTF8(_ bytes: [UInt8])
}

extension TextSink {
    public mutating func appendUTF8(_ bytes: [UInt8]) {
        append(String(decoding: bytes, as: UTF8.self))
    }
}

extension String: TextSink {}

/// Receives one output file's bytes in pieces for ``AtomicFileWriter/write(to:_:)``.
///
/// Pieces are gathered into 64 KiB chunks. While the chunks equal the existing file's bytes,
/// nothing is written; at the first difference the temporary file is created and the equal
/// prefix copied into it from the old file, then every later chunk goes straight to it. So the
/// memory a write needs is one chunk, whatever the file's size. An error while appending (a
/// full disk) is kept and thrown by the write when the producer is done.
public final class OutputSink: TextSink {
    static let chunkSize = 1 << 16

    let path: String
    let writer: AtomicFileWriter
    private var buffer: [UInt8] = []
    private var compare: [UInt8] = []
    /// The existing file, open for reading, or -1 when there is none.
    private var existing: Int32
    /// How many leading bytes are known equal to the existing file's.
    private var matched = 0
    private var temporary: String?
    private var fd: Int32 = -1
    private var failure: (any Error)?

    init(path: String, writer: AtomicFileWriter) {
        self.path = path
        self.writer = writer
        existing = open(path, O_RDONLY | O_CLOEXEC)
        buffer.reserveCapacity(Self.chunkSize)
    }

    deinit { abandon() }

    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    public func appendUTF8(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    public func append(_ data: Data) {
        data.withUnsafeBytes { append($0) }
    }

    public func append(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes[...]
        while !rest.isEmpty {
            let n = min(rest.count, Self.chunkSize - buffer.count)
            buffer.append(contentsOf: rest.prefix(n))
            rest = rest.dropFirst(n)
            if buffer.count == Self.chunkSize { flush() }
        }
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, !buffer.isEmpty else { return }
        do {
            try buffer.withUnsafeBytes { try consume($0) }
        } catch {
            failure = error
        }
    }

    /// One chunk: compared while the file is unchanged so far, else written.
    private func consume(_ chunk: UnsafeRawBufferPointer) throws {
        if fd < 0 {
            if existing >= 0, readExisting(chunk.count), compare.withUnsafeBytes({ $0.elementsEqual(chunk) }) {
                matched += chunk.count
                return
            }
            try diverge()
        }
        try writer.writeAll(fd, chunk, path: path)
    }

    /// Reads the next `count` bytes of the existing file into `compare`; false at its end.
    private func readExisting(_ count: Int) -> Bool {
        if compare.count != count { compare = [UInt8](repeating: 0, count: count) }
        var got = 0
        while got < count {
            let n = compare.withUnsafeMutableBytes { read(existing, $0.baseAddress! + got, count - got) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            got += n
        }
        return true
    }

    /// Creates the temporary file and copies the equal prefix into it from the old file.
    private func diverge() throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        writer.removeStaleTemporaries(of: name, in: directory)
        let temporary = "\(directory)/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputWriteError(path: path, step: "create \(temporary)", code: errno) }
        self.temporary = temporary
        var copied = 0
        var piece = [UInt8](repeating: 0, count: Self.chunkSize)
        while copied < matched {
            let n = piece.withUnsafeMutableBytes { pread(existing, $0.baseAddress!, min(Self.chunkSize, matched - copied), off_t(copied)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw OutputWriteError(path: path, step: "read the previous file", code: n < 0 ? errno : EIO) }
            try piece.withUnsafeBytes { try writer.writeAll(fd, UnsafeRawBufferPointer(rebasing: $0.prefix(n)), path: path) }
            copied += n
        }
    }

    /// Completes the write: unchanged when every byte matched the whole existing file, else
    /// the temporary file is synced and renamed over the target, and the directory synced.
    func finish() throws -> WriteOutcome {
        let staged = try stage()
        guard staged.temporary != nil else { return .unchanged }
        try staged.rename(writer: writer)
        AtomicFileWriter.syncDirectory(of: path)
        return .written
    }

    /// Completes the bytes without putting them in place: nothing when every byte matched the
    /// whole existing file, else the temporary file, synced and closed, which the caller now
    /// owns (``StagedFile/rename(writer:)`` or ``StagedFile/discard()``).
    func stage() throws -> StagedFile {
        flush()
        if let failure { throw failure }
        if fd < 0 {
            if existing >= 0, !readExisting(1) {
                abandon()
                return StagedFile(path: path, temporary: nil)
            }
            try diverge()
        }
        try writer.faultInjection?(.partialWrite, path)
        guard fsync(fd) == 0 else { throw OutputWriteError(path: path, step: "fsync", code: errno) }
        let closing = fd
        fd = -1
        guard close(closing) == 0 else { throw OutputWriteError(path: path, step: "close", code: errno) }
        let staged = StagedFile(path: path, temporary: temporary)
        temporary = nil
        abandon()
        return staged
    }

    /// Closes what is open and removes the temporary file, if any (after an error, or done).
    func abandon() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        if existing >= 0 {
            close(existing)
            existing = -1
        }
        if let temporary {
            unlink(temporary)
            self.temporary = nil
        }
    }
}
