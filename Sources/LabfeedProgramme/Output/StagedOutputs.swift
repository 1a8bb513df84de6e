// Output files rendered but not yet in place: each changed file's new bytes sit in a synced
// temporary file beside it until the caller commits them (rename over the old file, then one
// fsync of the directory) or discards them (the temporaries removed, the old files untouched).
// A sync renders while the store saves the programme and commits only once the save has
// committed (SyncPipeline), so a failed save never leaves new files beside the old programme.

import Foundation
#if canImport(Glibc)
import Glibc
private let systemRename = Glibc.rename
#elseif canImport(Darwin)
import Darwin
private let systemRename = Darwin.rename
#endif

/// One output file's staged write: the synced temporary holding its new bytes, or nil when the
/// file already holds them.
public struct StagedFile: Sendable, Hashable {
    /// The file the bytes are for.
    public var path: String
    /// `.NAME.tmp-PID-RANDOM` beside it, complete and synced; nil: unchanged, nothing to do.
    public var temporary: String?

    /// Renames the temporary over the target (the directory is not synced here: see
    /// ``AtomicFileWriter/syncDirectory(of:)``). On failure the temporary is removed.
    func rename(writer: AtomicFileWriter) throws {
        guard let temporary else { return }
        do {
            try writer.faultInjection?(.beforeRename, path)
            guard systemRename(temporary, path) == 0 else { throw OutputWriteError(path: path, step: "rename", code: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Removes the temporary, if any; the target stays as it was.
    func discard() {
        if let temporary { unlink(temporary) }
    }
}

/// Output files rendered into temporaries (``OutputDirectory/stageConcurrently(_:to:formats:options:writer:)``),
/// waiting for ``commit()`` or ``discard()``. Exactly one of the two must be called.
public struct StagedOutputs: Sendable {
    /// By file name.
    public var files: [String: StagedFile]
    let writer: AtomicFileWriter

    /// What ``commit()`` reports: written for a staged file, unchanged for the others.
    public var outcomes: [String: WriteOutcome] {
        files.mapValues { $0.temporary == nil ? .unchanged : .written }
    }

    /// Renames every staged file into place, then syncs the directory once (each file's data
    /// was synced before its rename). Each file is the old one or the new one, whole. When a
    /// rename fails, the files already renamed stay new, the other temporaries are removed
    /// (their files stay old) and the error is thrown.
    @discardableResult
    public func commit() throws -> [String: WriteOutcome] {
        var failure: (any Error)?
        var renamed = false
        for name in files.keys.sorted() {
            guard let file = files[name], file.temporary != nil else { continue }
            if failure != nil {
                file.discard()
                continue
            }
            do {
                try file.rename(writer: writer)
                renamed = true
            } catch {
                failure = error
            }
        }
        if renamed, let any = files.values.first { AtomicFileWriter.syncDirectory(of: any.path) }
        if let failure { throw failure }
        return outcomes
    }

    /// Removes every temporary: the output files stay as they were.
    public func discard() {
        for file in files.values { file.discard() }
    }
}
