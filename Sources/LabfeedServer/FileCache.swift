// The output files as the server sends them: read once per version (the writers replace files
// by rename, so inode, size and mtime tell a new version), with a strong ETag from the content
// hash and a gzip copy made once.

import CompressNIO
import Foundation
import Glibc
import LabfeedHash
import LabfeedProgramme
import NIOCore

/// One version of one file, ready to send.
struct CachedFile: Sendable {
    var body: ByteBuffer
    /// `"<first 32 hex digits of SHA-256>"`.
    var etag: String
    /// The gzip encoding and its own ETag (`"…-gz"`): a different representation, a different tag.
    var gzip: ByteBuffer
    var gzipETag: String
    fileprivate var version: FileVersion

    /// Whether an `If-None-Match` value names this file (either encoding), or is `*`.
    func matches(ifNoneMatch value: String) -> Bool {
        value.split(separator: ",").contains { item in
            var tag = item.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag || tag == gzipETag
        }
    }

    static func make(_ bytes: [UInt8], version: FileVersion = FileVersion()) -> CachedFile {
        let hash = String(SHA256.hex(bytes).prefix(32))
        var plain = ByteBuffer(bytes: bytes)
        var source = plain
        let compressed = (try? source.compress(with: .gzip())) ?? plain
        plain.moveReaderIndex(to: 0)
        return CachedFile(body: plain, etag: "\"\(hash)\"", gzip: compressed, gzipETag: "\"\(hash)-gz\"", version: version)
    }
}

/// What identifies one version of a file on disk.
struct FileVersion: Sendable, Hashable {
    var inode: UInt64 = 0
    var size: Int64 = 0
    var mtimeSeconds: Int = 0
    var mtimeNanoseconds: Int = 0
}

/// The files of one directory, cached by version.
actor FileCache {
    private var entries: [String: CachedFile] = [:]
    private var programmes: [String: Programme] = [:]

    /// The file `name` in `directory`, nil when it does not exist (yet).
    func file(_ name: String, in directory: String) -> CachedFile? {
        let path = "\(directory)/\(name)"
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            entries[path] = nil
            return nil
        }
        let version = FileVersion(inode: UInt64(info.st_ino), size: Int64(info.st_size),
                                  mtimeSeconds: Int(info.st_mtim.tv_sec), mtimeNanoseconds: Int(info.st_mtim.tv_nsec))
        if let cached = entries[path], cached.version == version { return cached }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let entry = CachedFile.make([UInt8](data), version: version)
        entries[path] = entry
        return entry
    }

    /// programme.json of `directory`, parsed (once per version).
    func programme(in directory: String) throws -> (Programme, CachedFile)? {
        guard let file = file(OutputFormat.json.fileName, in: directory) else { return nil }
        if let parsed = programmes[file.etag] { return (parsed, file) }
        let parsed = try ProgrammeJSONWriter.read(Data(file.body.readableBytesView))
        programmes = [file.etag: parsed]
        return (parsed, file)
    }
}
