// FetchRequest: what one source asks of the engine, with the validators stored from last time.

public import Foundation

/// One document to fetch, with what labfeed remembers of its last fetch.
///
/// The validators are the header values exactly as the server sent them last time; the engine
/// sends them back as `If-None-Match` / `If-Modified-Since` and never makes up a date from the
/// local clock.
public struct FetchRequest: Sendable, Hashable {
    /// An http or https URL, or a `file://` URL for a source that is a local path.
    public var url: URL
    /// The `ETag` of the last 200 response, verbatim (quotes and `W/` included).
    public var etag: String?
    /// The `Last-Modified` of the last 200 response, verbatim.
    public var lastModified: String?
    /// ``FetchResponse/bodyHash`` of the last body: a 200 with the same body is reported unchanged.
    public var previousBodyHash: String?
    /// Overrides ``FetchOptions/allowPrivateNetworks`` for this request.
    public var allowPrivateNetworks: Bool?
    /// Overrides ``FetchOptions/obeyRobots`` for this request (false for the user's own sites).
    public var obeyRobots: Bool?
    /// Whether the source itself counts as a public address when judging where its redirects
    /// lead. nil (the default): judged from the address actually connected to on the first hop.
    /// true: every redirect to a non-public address is refused, wherever the first hop went.
    public var originIsPublic: Bool?
    /// The source id, named in error messages.
    public var sourceID: String?
    /// Replaces ``FetchOptions/accept`` for this request.
    public var accept: String?

    public init(
        url: URL,
        etag: String? = nil,
        lastModified: String? = nil,
        previousBodyHash: String? = nil,
        sourceID: String? = nil
    ) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.previousBodyHash = previousBodyHash
        self.sourceID = sourceID
    }
}
