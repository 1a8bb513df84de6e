// A fetcher that answers from a table: for pipeline tests that need no network.

import Foundation
public import LabfeedFetch

/// Answers each URL with a scripted response or error, and records what was asked.
public final class StubFetcher: Fetching, @unchecked Sendable {
    /// What one URL answers.
    public enum Answer: Sendable {
        case body(String, contentType: String? = nil, etag: String? = nil)
        case notModified
        case failure(FetchError.Kind, String)
        case redirected(to: String, body: String)
    }

    private let lock = NSLock()
    private var answers: [String: Answer]
    private var seen: [FetchRequest] = []

    public init(_ answers: [String: Answer] = [:]) {
        self.answers = answers
    }

    /// Sets what `url` answers from now on.
    public func set(_ url: String, _ answer: Answer) {
        lock.withLock { answers[url] = answer }
    }

    /// Every request made so far, in order.
    public var requests: [FetchRequest] { lock.withLock { seen } }

    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let answer: Answer? = lock.withLock {
            seen.append(request)
            return answers[request.url.absoluteString]
        }
        switch answer {
        case nil:
            throw FetchError(.httpStatus, url: request.url, "404 Not Found", status: 404)
        case .failure(let kind, let message):
            throw FetchError(kind, url: request.url, message)
        case .notModified:
            return FetchResponse(status: 304, url: request.url, notModified: true)
        case .body(let text, let type, let etag):
            let bytes = Array(text.utf8)
            let hash = FetchResponse.hash(bytes)
            return FetchResponse(url: request.url, contentType: type, etag: etag, body: bytes, bodyHash: hash,
                                 unchanged: hash == request.previousBodyHash)
        case .redirected(let to, let text):
            let target = URL(string: to)!
            return FetchResponse(url: request.url, finalURL: target, permanentRedirect: target,
                                 redirects: [FetchRedirect(status: 301, from: request.url, to: target)], body: Array(text.utf8))
        }
    }
}
