// The routes of `labfeed serve` (and `labfeed run --listen`): the programme files, the filtered
// events API, health and metrics.

import Foundation
import HTTPTypes
public import Hummingbird
import LabfeedCore
import LabfeedProgramme
public import LabfeedService
import NIOCore

/// What the server reads; closures, because under `labfeed run` the configuration can be
/// reloaded while the server runs.
public struct ProgrammeSite: Sendable {
    /// The directory the last sync wrote (`settings.output`).
    public var outputDirectory: @Sendable () async -> String
    /// The health by ``HealthRule`` (the server says whether programme.json exists).
    public var health: @Sendable (_ programmeWritten: Bool) async -> HealthReport
    /// Called before each scrape of /metrics to update the gauges read from the state.
    public var refreshMetrics: (@Sendable () async -> Void)?

    public init(outputDirectory: @escaping @Sendable () async -> String,
                health: @escaping @Sendable (_ programmeWritten: Bool) async -> HealthReport,
                refreshMetrics: (@Sendable () async -> Void)? = nil) {
        self.outputDirectory = outputDirectory
        self.health = health
        self.refreshMetrics = refreshMetrics
    }
}

/// Builds the router of the programme server.
///
/// | route | answer |
/// |---|---|
/// | `GET /`, `/index.html` | the HTML programme |
/// | `GET /programme.json`, `.ics`, `.csv`, `.atom`, `/programme.schema.json` | the files |
/// | `GET /api/events?from=&to=&region=&organizer=&q=` | programme.json's shape, events filtered |
/// | `GET /healthz` | 200 `{"healthy":"ok",…}` or 503 with `reasons` |
/// | `GET /metrics` | Prometheus text format |
///
/// Files carry a strong `ETag` (content hash), answer `If-None-Match` with 304, and are sent
/// gzip-encoded when `Accept-Encoding` allows it (`Vary: Accept-Encoding`).
public enum ProgrammeRoutes {
    public static func router(site: ProgrammeSite, metrics: LabfeedMetrics) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let cache = FileCache()
        let files: [(String, String, String)] = [
            ("/", OutputFormat.html.fileName, OutputFormat.html.mediaType),
            ("/index.html", OutputFormat.html.fileName, OutputFormat.html.mediaType),
            ("/programme.json", OutputFormat.json.fileName, "application/json; charset=utf-8"),
            ("/programme.ics", OutputFormat.ics.fileName, OutputFormat.ics.mediaType),
            ("/programme.csv", OutputFormat.csv.fileName, OutputFormat.csv.mediaType),
            ("/programme.atom", OutputFormat.atom.fileName, "application/atom+xml; charset=utf-8"),
            ("/programme.schema.json", "programme.schema.json", "application/schema+json"),
        ]
        for (path, name, type) in files {
            router.get(RouterPath(path)) { request, _ -> Response in
                guard let file = await cache.file(name, in: await site.outputDirectory()) else {
                    return problem(.notFound, "\(name) has not been written yet: the first sync has not finished")
                }
                return send(file, type: type, request: request)
            }
        }

        router.get("/api/events") { request, _ -> Response in
            let query = request.uri.queryParameters
            func value(_ key: String) -> String? {
                query[Substring(key)].map { $0.replacingOccurrences(of: "+", with: " ") }.flatMap { $0.isEmpty ? nil : $0 }
            }
            var filter = ProgrammeFilter(region: value("region"), organizer: value("organizer"), query: value("q"))
            for (key, path) in [("from", \ProgrammeFilter.from), ("to", \ProgrammeFilter.to)] {
                guard let text = value(key) else { continue }
                guard let day = CivilDate(iso: text) else {
                    return problem(.badRequest, "`\(key)` takes a day such as 2022-11-01, not `\(text)`")
                }
                filter[keyPath: path] = day
            }
            let loaded: (Programme, CachedFile)?
            do {
                loaded = try await cache.programme(in: await site.outputDirectory())
            } catch {
                return problem(.internalServerError, "programme.json cannot be read: \(error)")
            }
            guard let (programme, _) = loaded else {
                return problem(.serviceUnavailable, "programme.json has not been written yet: the first sync has not finished")
            }
            let text = ProgrammeJSONWriter.render(filter.apply(to: programme))
            return send(CachedFile.make(Array(text.utf8)), type: "application/json; charset=utf-8", request: request)
        }

        router.get("/healthz") { _, _ -> Response in
            let written = await cache.file(OutputFormat.json.fileName, in: await site.outputDirectory()) != nil
            let report = await site.health(written)
            let body = (try? LabfeedJSON.encoder().encode(report)) ?? Data("{}".utf8)
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: report.healthy ? .ok : .serviceUnavailable, headers: headers,
                            body: .init(byteBuffer: ByteBuffer(bytes: Array(body) + [0x0A])))
        }

        router.get("/metrics") { _, _ -> Response in
            await site.refreshMetrics?()
            // The programme's size as written (parsed once per version of the file).
            if let (programme, _) = try? await cache.programme(in: await site.outputDirectory()) {
                metrics.setProgramme(events: programme.events.count, lastSuccess: [:])
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        return router
    }

    /// A file's response: 304 when `If-None-Match` names it, gzip when accepted.
    static func send(_ file: CachedFile, type: String, request: Request) -> Response {
        let gzip = acceptsGzip(request.headers[values: .acceptEncoding])
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.eTag] = gzip ? file.gzipETag : file.etag
        headers[.vary] = "Accept-Encoding"
        headers[.cacheControl] = "no-cache"
        if let match = request.headers[.ifNoneMatch], file.matches(ifNoneMatch: match) {
            return Response(status: .notModified, headers: headers)
        }
        if gzip { headers[.contentEncoding] = "gzip" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: gzip ? file.gzip : file.body))
    }

    /// Whether `Accept-Encoding` allows gzip (`gzip` or `*` with a q-value above 0).
    static func acceptsGzip(_ values: [String]) -> Bool {
        for item in values.flatMap({ $0.split(separator: ",") }) {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0
        }
        return false
    }

    /// A JSON error body: `{"error": "…"}`.
    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let body = (try? JSONSerialization.data(withJSONObject: ["error": message], options: [.sortedKeys])) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: Array(body) + [0x0A])))
    }
}
