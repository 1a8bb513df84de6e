// Fetcher+File: sources that are local paths, read through libcurl's file:// protocol so the
// same body limit, hashing and unchanged detection apply. No robots.txt, no redirects.

import Foundation

extension Fetcher {
    func fetchFile(_ request: FetchRequest, plan: Plan) async throws(FetchError) -> FetchResponse {
        var spec = makeSpec(url: request.url, plan: plan, hostKey: "file:")
        spec.protocols = "file"
        spec.headers = []
        let result = await engine.run(spec)
        if let failure = failure(of: result, url: request.url, spec: spec) { throw failure }
        let end = ChainEnd(hop: result, url: request.url, redirects: [])
        var plain = request
        plain.etag = nil
        plain.lastModified = nil
        let tally = FetchTally(bytes: result.bytesOnWire, connections: 0)  // no network connection
        return makeResponse(plain, plan: plan, end: end, tally: tally, retryAfter: nil, attempts: 1)
    }
}
