// The fetcher of one daemon burst: lets at most `concurrency` fetches start at once, refuses to
// start any once shutdown began, and reports each fetch to the metrics.

import Foundation
public import LabfeedFetch
import Synchronization

/// What the daemon reports about its work; `LabfeedServer` implements it with Prometheus.
public protocol SyncMetrics: Sendable {
    /// One fetch ended: `outcome` is `fetched`, `not_modified`, `unchanged`, `cancelled` or the
    /// error kind (`timeout`, `httpStatus`, …); `bytes` crossed the network.
    func recordFetch(source: String, outcome: String, duration: Duration, bytes: Int)
    /// One sync ended: how long it took, the programme's events, every source's last success
    /// (seconds since 1970).
    func recordSync(duration: Duration, eventsTotal: Int, lastSuccess: [String: Double])
}

/// Wraps a burst's fetcher. Fetches wait here for a slot (so that fetches not started yet are
/// still in labfeed's hands); once ``stop()`` is called, waiting and later fetches fail at once
/// with `cancelled` and only those already started go on.
public final class BurstFetcher: Fetching {
    private struct State {
        var free: Int
        var stopped = false
        var waiters: [(id: Int, continuation: CheckedContinuation<Void, Never>)] = []
        var nextID = 0
    }

    private let inner: any Fetching
    private let metrics: (any SyncMetrics)?
    private let state: Mutex<State>

    public init(_ inner: any Fetching, concurrency: Int, metrics: (any SyncMetrics)? = nil) {
        self.inner = inner
        self.metrics = metrics
        state = Mutex(State(free: max(1, concurrency)))
    }

    /// No fetch starts after this; those waiting for a slot fail with `cancelled`.
    public func stop() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.stopped = true
            // Each waiter leaves holding a slot (given back by its release), so the count stays true.
            s.free -= s.waiters.count
            defer { s.waiters = [] }
            return s.waiters.map(\.continuation)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Whether ``stop()`` was called.
    public var isStopped: Bool { state.withLock { $0.stopped } }

    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        await acquire()
        defer { release() }
        let id = request.sourceID ?? request.url.absoluteString
        if state.withLock({ $0.stopped }) || Task.isCancelled {
            metrics?.recordFetch(source: id, outcome: "cancelled", duration: .zero, bytes: 0)
            throw FetchError(.cancelled, url: request.url, "not started: labfeed is shutting down")
        }
        let started = ContinuousClock.now
        do {
            let response = try await inner.fetch(request)
            let outcome = response.notModified ? "not_modified" : (response.unchanged ? "unchanged" : "fetched")
            metrics?.recordFetch(source: id, outcome: outcome, duration: ContinuousClock.now - started, bytes: response.bytesOnWire)
            return response
        } catch {
            metrics?.recordFetch(source: id, outcome: error.kind.description, duration: ContinuousClock.now - started, bytes: 0)
            throw error
        }
    }

    private func acquire() async {
        let id: Int? = state.withLock { s in
            if s.stopped || s.free > 0 {
                s.free -= 1
                return nil
            }
            s.nextID += 1
            return s.nextID
        }
        guard let id else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { s -> Bool in
                    if s.stopped { s.free -= 1; return true }
                    s.waiters.append((id, continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: i).continuation
            }
            // A cancelled waiter leaves holding a slot, which its release gives back.
            if let waiter {
                state.withLock { $0.free -= 1 }
                waiter.resume()
            }
        }
    }

    private func release() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if !s.waiters.isEmpty { return s.waiters.removeFirst().continuation }
            s.free += 1
            return nil
        }
        next?.resume()
    }
}
