// `labfeed migrate`: applies the pending schema migrations of the store `settings: store:`
// names (SQLite or PostgreSQL), or with --status only lists them.

import ArgumentParser
import Foundation
import LabfeedCore
import LabfeedPostgres
import LabfeedProgramme

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the pending schema migrations of the state store.",
        discussion: """
            The store is the one `settings: store:` names (SQLite by default, or PostgreSQL). \
            Every command also migrates on opening; run this before starting upgraded workers \
            to do it once, in one place. Migrations are ordered and recorded in the database \
            (grdb_migrations for SQLite, labfeed_migration for PostgreSQL).

            Exit status: 0 the schema is current; 1 the configuration is invalid; 2 with \
            --status, migrations are pending; 4 the store cannot be opened or migrated (also \
            when it was written by a newer labfeed).
            """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "List the migrations, applied and pending, and change nothing.")
    var status = false

    func run() async throws {
        let config = try CommandConfig.load(options.config)
        var stderr = StandardError()
        let setting = config.settings.storeSetting()
        let opened: OpenedStore
        do {
            opened = try await StoreFactory.open(setting, migrate: false)
        } catch {
            print("labfeed: cannot open the store \(setting): \(error)", to: &stderr)
            throw ExitCode(4)
        }
        do {
            let before = try await opened.migrationStatus()
            print("store: \(opened.description)")
            for name in before.known {
                print("  \(before.applied.contains(name) ? "applied" : "pending")  \(name)")
            }
            if status {
                await opened.close()
                if !before.pending.isEmpty { throw ExitCode(2) }
                return
            }
            let applied = try await opened.migrate()
            print(applied.isEmpty ? "the schema is current" : "applied: \(applied.joined(separator: ", "))")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            await opened.close()
            print("labfeed: migrating \(opened.description) failed: \(error)", to: &stderr)
            throw ExitCode(4)
        }
        await opened.close()
    }
}
