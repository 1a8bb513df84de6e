// The PostgreSQL schema, as ordered migrations recorded in `labfeed_migration`. They carry the
// same names and tables as SQLiteStore's GRDB migrations, so both stores move together: a
// migration added to one is added to the other under the same name.

public import LabfeedProgramme
import Logging
import PostgresNIO

/// The migrations of the PostgreSQL store, in order. Each is a list of statements (the extended
/// protocol runs one statement per query); all pending ones run in one transaction.
enum PostgresMigrations {
    static let all: [(name: String, statements: [String])] = [
        ("v1", [
            """
            CREATE TABLE source_state (
                source_id text PRIMARY KEY,
                etag text, last_modified text,
                last_attempt timestamptz, last_success timestamptz, last_change timestamptz,
                last_error text, failing_since timestamptz,
                consecutive_failures integer NOT NULL DEFAULT 0,
                permanent_redirect text, body_hash text, retry_after_until timestamptz
            )
            """,
            """
            CREATE TABLE source_event (
                source_id text NOT NULL,
                item_key text NOT NULL,
                position integer NOT NULL,
                first_seen timestamptz NOT NULL,
                last_seen timestamptz NOT NULL,
                event_json text NOT NULL,
                PRIMARY KEY (source_id, item_key)
            )
            """,
            """
            CREATE TABLE programme_event (
                id text PRIMARY KEY,
                start_day text NOT NULL,
                content_hash text NOT NULL,
                updated timestamptz NOT NULL,
                event_json text NOT NULL
            )
            """,
            "CREATE INDEX programme_event_start ON programme_event(start_day)",
            "CREATE TABLE meta (key text PRIMARY KEY, value text)",
        ]),
        ("v2-work-queue", [
            """
            CREATE TABLE work_source (
                source_id text PRIMARY KEY,
                host text,
                next_due timestamptz NOT NULL,
                lease_owner text, claimed_at timestamptz, lease_until timestamptz
            )
            """,
            "CREATE INDEX work_source_due ON work_source(next_due)",
            """
            CREATE TABLE host_policy (
                host text PRIMARY KEY,
                next_allowed timestamptz,
                spacing double precision NOT NULL DEFAULT 0
            )
            """,
        ]),
    ]

    static let recordTable = """
        CREATE TABLE IF NOT EXISTS labfeed_migration (
            position integer PRIMARY KEY,
            name text NOT NULL UNIQUE,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """
}

extension PostgresStore {
    /// The migrations this labfeed knows and those the database has.
    /// - Throws: when the database has migrations this labfeed does not know (written by a newer one).
    public func migrationStatus() async throws -> MigrationStatus {
        let applied = try await run { c in try await self.appliedMigrations(c) }
        return try checked(applied)
    }

    /// Applies the pending migrations in one transaction, under an advisory lock held to its end
    /// (a second worker waits, then finds nothing to do); their names.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await transaction { c in
            _ = try await c.query("SELECT pg_advisory_xact_lock(\(LockClass.migrate.rawValue), \(self.lockObject))", logger: self.logger).collect()
            _ = try await c.query(PostgresQuery(unsafeSQL: PostgresMigrations.recordTable), logger: self.logger).collect()
            let status = try self.checked(try await self.appliedMigrations(c))
            for (position, migration) in PostgresMigrations.all.enumerated() where status.pending.contains(migration.name) {
                for statement in migration.statements {
                    _ = try await c.query(PostgresQuery(unsafeSQL: statement), logger: self.logger).collect()
                }
                _ = try await c.query("INSERT INTO labfeed_migration (position, name) VALUES (\(position + 1), \(migration.name))",
                                  logger: self.logger).collect()
            }
            return status.pending
        }
    }

    func appliedMigrations(_ c: PostgresConnection) async throws -> [String] {
        let table = try await c.query("SELECT to_regclass('labfeed_migration') IS NOT NULL", logger: logger).collect()
        guard try table.first?.decode(Bool.self) == true else { return [] }
        return try await c.query("SELECT name FROM labfeed_migration ORDER BY position", logger: logger).collect()
            .map { try $0.decode(String.self) }
    }

    func checked(_ applied: [String]) throws -> MigrationStatus {
        let known = PostgresMigrations.all.map(\.name)
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw StoreError(message: "the database \(location) has migrations this labfeed does not know (\(unknown.joined(separator: ", "))): it was written by a newer labfeed; upgrade labfeed")
        }
        return MigrationStatus(known: known, applied: known.filter(applied.contains))
    }
}
