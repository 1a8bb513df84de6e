// `labfeed fetch FILE|URL`: what one page, feed or calendar yields, for people and scripts.

import ArgumentParser
import Foundation
import LabfeedCore
import LabfeedFetch
import LabfeedParse
import LabfeedService

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Show what one page, feed or calendar yields: entries, events and warnings.",
        discussion: """
            INPUT is an http(s) URL or a local file (a feed, a calendar, a web page or plain text). With --json, one JSON object is printed on \
            standard output (its fields are described in the README); warnings never make the \
            command fail.

            Exit status: 0 when the input could be read (even with warnings), 1 when it could not \
            be fetched or read, 64 when the command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("A URL (http or https) or a file.", valueName: "FILE|URL"))
    var input: String

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Resolve relative links against this URL.", valueName: "URL"))
    var baseURL: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Read the input as this kind instead of detecting it: rss, rdf, atom, jsonfeed, ics or html.", valueName: "KIND"))
    var kind: String?

    @Flag(help: "Print one JSON object instead of a summary.")
    var json = false

    @Flag(name: .shortAndLong, help: "Also print the HTTP status, final URL, headers and timings (on standard error).")
    var verbose = false

    @Option(name: [.customShort("c"), .long], help: ArgumentHelp("Take settings (zone, user agent, limits) from this configuration.", valueName: "PATH"))
    var config: String?

    @Option(help: ArgumentHelp("The zone of local times (default: the configuration's, else Europe/Paris).", valueName: "ZONE"))
    var timezone: String?

    @Option(help: ArgumentHelp("The language of the input when it does not say (BCP 47: fr, en, en-US).", valueName: "TAG"))
    var language: String?

    @Option(help: ArgumentHelp("The date to read the input on (YYYY-MM-DD or ISO 8601), for reproducible runs: years of dates without one are inferred from it.", valueName: "DATE"))
    var now: String?

    @Flag(help: "Show how events were found in the text: for each, the span and the rules; for each date left out, why (on standard error with --json).")
    var explain = false

    @Flag(name: .customLong("ignore-robots"), help: "Fetch even where robots.txt disallows it (your own sites only).")
    var ignoreRobots = false

    func validate() throws {
        if let kind, DocumentFormat(rawValue: kind.lowercased()) == nil {
            throw ValidationError("unknown kind '\(kind)': one of \(DocumentFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError("unknown time zone '\(timezone)': use an IANA name such as Europe/Paris")
        }
        if let now, CommandDates.instant(now) == nil {
            throw ValidationError("--now takes a date such as 2022-11-04 or 2022-11-04T09:00:00+01:00")
        }
    }

    func run() async throws {
        var settings = Settings()
        if let config {
            settings = try CommandConfig.load(config).settings
        }
        let zone = timezone.flatMap(TimeZone.init(identifier:)) ?? settings.timeZone
        let instant = now.flatMap(CommandDates.instant) ?? Date()
        var stderr = StandardError()

        let bytes: [UInt8]
        let url: String
        var contentType: String?
        if let web = URL(string: input), ["http", "https"].contains(web.scheme?.lowercased() ?? "") {
            var options = FetchOptions(settings: settings)
            options.obeyRobots = !ignoreRobots
            let fetcher = Fetcher(options: options)
            let response: FetchResponse
            do {
                response = try await fetcher.fetch(FetchRequest(url: web))
            } catch {
                await fetcher.shutdown()
                print("labfeed: \(error)", to: &stderr)
                throw ExitCode(1)
            }
            await fetcher.shutdown()
            if verbose { print(Self.describe(response), to: &stderr) }
            bytes = response.body
            url = response.finalURL.absoluteString
            contentType = response.contentType.map { type in response.charset.map { "\(type); charset=\($0)" } ?? type }
        } else {
            let path = input.hasPrefix("file://") ? (URL(string: input)?.path ?? input) : input
            guard let data = FileManager.default.contents(atPath: path) else {
                print("labfeed: cannot read \(path): no such file or not readable", to: &stderr)
                throw ExitCode(1)
            }
            bytes = [UInt8](data)
            url = URL(fileURLWithPath: path).absoluteString
            if verbose { print("file: \(path) (\(bytes.count) bytes)", to: &stderr) }
        }

        let context = ParseContext(now: instant, url: url, baseURL: baseURL, contentType: contentType,
                                   forcedFormat: kind.flatMap { DocumentFormat(rawValue: $0.lowercased()) }, timeZone: zone,
                                   recurrenceWindow: CommandDates.seconds(settings.recurrenceWindow),
                                   sourceLanguage: language)
        let document = DocumentParser.parse(bytes, context: context)
        if explain {
            let text = DocumentParser.explain(bytes, context: context) ?? "explain: only pages and plain text are read for events in prose"
            if json { print(text, to: &stderr) } else { print(text) }
        }
        if json {
            let data = try LabfeedJSON.encoder().encode(document)
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(DocumentSummary.text(document))
        }
    }

    /// The response as `--verbose` shows it.
    static func describe(_ r: FetchResponse) -> String {
        var lines = ["status: \(r.status)\(r.notModified ? " (not modified)" : "")", "url: \(r.url.absoluteString)"]
        for hop in r.redirects {
            lines.append("redirect: \(hop.status) \(hop.from.absoluteString) -> \(hop.to.absoluteString)\(hop.isPermanent ? " (permanent)" : "")")
        }
        if r.finalURL != r.url { lines.append("final url: \(r.finalURL.absoluteString)") }
        lines.append("headers:")
        for field in r.headers.fields { lines.append("  \(field.name): \(field.value)") }
        lines.append("timings: \(r.timings)")
        if let version = r.httpVersion {
            let connections = r.connectionsOpened == 0 ? "reused connection" : "\(r.connectionsOpened) new connection\(r.connectionsOpened == 1 ? "" : "s")"
            lines.append("protocol: HTTP/\(version), \(connections)")
        }
        lines.append("bytes: \(r.body.count) decoded, \(r.bytesOnWire) on the wire, \(r.attempts) attempt\(r.attempts == 1 ? "" : "s")")
        return lines.joined(separator: "\n")
    }
}
