// Opens the store `settings: store:` names: SQLite (the default) or PostgreSQL. Used by
// `labfeed sync`, `labfeed migrate` and the daemon, so every command sees the same state.

public import Foundation
public import LabfeedCore
public import LabfeedProgramme

/// An open store of either kind; ``close()`` it when done (PostgreSQL's connections).
public struct OpenedStore: Sendable {
    /// The store, as the programme and the workers use it.
    public let store: any SharedStore
    /// Where it is, without secrets (`sqlite:/var/lib/labfeed/state.sqlite`, `postgres://…`).
    public let description: String
    private let closer: @Sendable () async -> Void
    private let status: @Sendable () async throws -> MigrationStatus
    private let applier: @Sendable () async throws -> [String]

    init(store: any SharedStore, description: String, close: @escaping @Sendable () async -> Void,
         status: @escaping @Sendable () async throws -> MigrationStatus, migrate: @escaping @Sendable () async throws -> [String]) {
        self.store = store
        self.description = description
        self.closer = close
        self.status = status
        self.applier = migrate
    }

    /// Closes the store's connections (nothing for SQLite, whose pool closes with the object).
    public func close() async { await closer() }

    /// The migrations known and applied.
    public func migrationStatus() async throws -> MigrationStatus { try await status() }

    /// Applies the pending migrations; their names.
    @discardableResult
    public func migrate() async throws -> [String] { try await applier() }
}

/// Opens stores from settings.
public enum StoreFactory {
    /// Opens the store `setting` names.
    /// - Parameters:
    ///   - migrate: apply pending migrations on opening (false for `labfeed migrate --status`).
    ///   - environment: where `password_env` is looked up.
    /// - Throws: ``StoreSettingError`` for a missing password; ``StoreError`` or GRDB's error
    ///   when the store cannot be opened.
    public static func open(_ setting: StoreSetting, migrate: Bool = true,
                            environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> OpenedStore {
        switch setting {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path, migrate: migrate)
            return OpenedStore(store: store, description: setting.description, close: {},
                               status: { try store.migrationStatus() }, migrate: { try store.migrate() })
        case .postgres(let location):
            let password = try location.resolvePassword(environment: environment)
            let store = try await PostgresStore.open(location, password: password, migrate: migrate)
            return OpenedStore(store: store, description: setting.description, close: { await store.close() },
                               status: { try await store.migrationStatus() }, migrate: { try await store.migrate() })
        }
    }
}
