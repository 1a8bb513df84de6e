// The stores the suite runs against: memory and SQLite always, PostgreSQL when
// LABFEED_TEST_POSTGRES_URL names a server (`make test` starts one with scripts/with-postgres.sh).
// Each PostgreSQL store gets a schema of its own, so tests run in parallel on one database.

import Foundation
import LabfeedCore
import LabfeedPostgres
import LabfeedProgramme
import LabfeedTestSupport
import Testing

enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory, sqlite, postgres

    var testDescription: String { rawValue }

    /// The kinds this run can test (PostgreSQL only with a server).
    static var available: [StoreKind] { TestPostgres.location == nil ? [.memory, .sqlite] : allCases }
}

/// A fresh store of one kind and what it needs to stay alive and to close.
final class TestStore: @unchecked Sendable {
    let kind: StoreKind
    let store: any SharedStore
    let directory: TemporaryDirectory
    /// The PostgreSQL schema or the SQLite path, to open the same store again.
    let place: String
    private let closer: @Sendable () async -> Void

    private init(kind: StoreKind, store: any SharedStore, directory: TemporaryDirectory, place: String,
                 close: @escaping @Sendable () async -> Void) {
        self.kind = kind
        self.store = store
        self.directory = directory
        self.place = place
        self.closer = close
    }

    static func make(_ kind: StoreKind) async throws -> TestStore {
        let directory = TemporaryDirectory(prefix: "labfeed-store")
        switch kind {
        case .memory:
            return TestStore(kind: kind, store: MemoryStore(), directory: directory, place: "", close: {})
        case .sqlite:
            let path = "\(directory.path)/state/state.sqlite"
            return TestStore(kind: kind, store: try SQLiteStore(path: path), directory: directory, place: path, close: {})
        case .postgres:
            let schema = TestPostgres.freshSchema()
            let store = try await TestPostgres.open(schema: schema)
            return TestStore(kind: kind, store: store, directory: directory, place: schema, close: { await store.close() })
        }
    }

    /// Another store object over the same data (a second worker, or a restart); nil for memory.
    func reopen() async throws -> (store: any SharedStore, close: @Sendable () async -> Void)? {
        switch kind {
        case .memory: return nil
        case .sqlite: return (try SQLiteStore(path: place), {})
        case .postgres:
            let store = try await TestPostgres.open(schema: place)
            return (store, { await store.close() })
        }
    }

    func close() async { await closer() }
}

/// Runs `body` with a fresh store of `kind`, closing it afterwards even when `body` throws.
func withStore<T>(_ kind: StoreKind, _ body: (TestStore) async throws -> T) async throws -> T {
    let test = try await TestStore.make(kind)
    do {
        let value = try await body(test)
        await test.close()
        return value
    } catch {
        await test.close()
        throw error
    }
}

/// The test server `make test` starts.
enum TestPostgres {
    static let skipMessage: Comment = "LABFEED_TEST_POSTGRES_URL is not set: the PostgreSQL store is NOT tested (`make test` starts a server)"

    /// The server's location, nil when the variable is absent.
    static let location: PostgresLocation? = {
        guard let url = ProcessInfo.processInfo.environment["LABFEED_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        switch PostgresLocation.parse(url) {
        case .success(let location): return location
        case .failure(let error): fatalError("LABFEED_TEST_POSTGRES_URL is not a usable URL: \(error)")
        }
    }()

    static var isAvailable: Bool { location != nil }

    static func freshSchema() -> String {
        "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    }

    static func open(schema: String, migrate: Bool = true, poolSize: Int = 4) async throws -> PostgresStore {
        guard var location else { throw StoreError(message: "no test server") }
        location.schema = schema
        location.poolSize = poolSize
        return try await PostgresStore.open(location, password: try location.resolvePassword(), migrate: migrate)
    }
}
