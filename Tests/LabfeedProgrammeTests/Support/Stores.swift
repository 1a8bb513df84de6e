// The two store implementations, so behaviour tests run against both.

import Foundation
import LabfeedProgramme
import LabfeedTestSupport

enum StoreKind: String, CaseIterable, Sendable {
    case memory, sqlite

    /// A fresh store; the directory (for SQLite) lives as long as the returned value.
    func make() throws -> (store: any ProgrammeStore, directory: TemporaryDirectory) {
        let directory = TemporaryDirectory(prefix: "labfeed-store")
        switch self {
        case .memory: return (MemoryStore(), directory)
        case .sqlite: return (try SQLiteStore(path: "\(directory.path)/state/state.sqlite"), directory)
        }
    }
}

