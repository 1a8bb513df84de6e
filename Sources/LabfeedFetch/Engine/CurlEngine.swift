// CurlEngine: one libcurl multi handle driven by one dedicated thread.
//
// Contract: `run(_:)` may be called from any task, any number at once; each call queues one hop
// and suspends until it ends. Only the engine thread touches the multi handle and the easy
// handles: other threads talk to it through a locked inbox and `curl_multi_wakeup`. The thread
// starts transfers in FIFO order within the global limit, the per-host limit, and each host's
// policy (Retry-After pause, Crawl-delay spacing). All transfers share the multi handle's
// connection cache (keep-alive reuse, HTTP/2 multiplexing) and DNS cache.

import CCurl
import Foundation
import Synchronization

final class CurlEngine: @unchecked Sendable {
    private struct Inbox {
        var submitted: [Transfer] = []
        var cancelled: [Transfer] = []
        var stopping = false
        var stopped = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private struct HostState {
        var active = 0
        var lastStart: ContinuousClock.Instant?
    }

    let concurrency: Int
    let perHost: Int
    let policies: HostPolicies
    private let inbox = Mutex(Inbox())
    private let multi: UnsafeMutableRawPointer?

    // Engine-thread state (never touched elsewhere once the thread runs).
    private var pending: [Transfer] = []
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    private var hosts: [String: HostState] = [:]
    /// Easy handles of finished transfers, reset and ready for the next ones (at most
    /// `concurrency`): curl_easy_init and curl_easy_cleanup per request cost more than a reset.
    private var idleHandles: [UnsafeMutableRawPointer] = []

    /// Creates the multi handle and starts the thread. When libcurl cannot be set up, every hop
    /// fails with `setupError`.
    init(concurrency: Int, perHost: Int, policies: HostPolicies) {
        self.concurrency = max(1, concurrency)
        self.perHost = max(1, perHost)
        self.policies = policies
        if CurlGlobal.ensureInitialized() == nil, let multi = curl_multi_init() {
            self.multi = multi
            // Backstops for libcurl's own connection pool; the engine queue enforces the limits.
            _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, self.perHost)
            _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, self.concurrency)
            _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(self.concurrency * 2, 32))
            _ = ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, ccurl_pipe_multiplex())
        } else {
            self.multi = nil
        }
        let thread = Thread { [self] in self.loop() }
        thread.name = "labfeed-curl"
        thread.start()
    }

    // MARK: - Any thread

    /// Runs one hop; returns when it ends, fails, or the calling task is cancelled.
    func run(_ spec: HopSpec) async -> HopResult {
        let transfer = Transfer(spec: spec)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                guard transfer.attach(continuation) else { return }
                // Only the hop that finds the inbox empty wakes the thread: the ones queued
                // behind it are taken in the same pass (one wakeup per batch, not per hop).
                let (accepted, mustWake) = inbox.withLock { box -> (Bool, Bool) in
                    guard !box.stopping else { return (false, false) }
                    box.submitted.append(transfer)
                    return (true, box.submitted.count == 1)
                }
                if !accepted { transfer.finish(.cancelledResult) } else if mustWake { wake() }
            }
        } onCancel: {
            if transfer.requestCancel() {
                inbox.withLock { $0.cancelled.append(transfer) }
                wake()
            }
        }
    }

    /// Wakes the thread so it looks at the inbox and the host policies again.
    func wake() {
        if let multi { _ = curl_multi_wakeup(multi) }
    }

    /// Stops the thread: queued and running transfers end as cancelled. Returns once it stopped.
    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = inbox.withLock { box -> Bool in
                if box.stopped { return true }
                box.stopping = true
                box.stopWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() } else { wake() }
        }
    }

    /// Asks the thread to stop without waiting (from deinit).
    func requestShutdown() {
        inbox.withLock { $0.stopping = true }
        wake()
    }

    // MARK: - The engine thread

    private func loop() {
        guard let multi else {
            failEverythingUntilStopped()
            return
        }
        while true {
            let (submitted, cancelled, stopping) = inbox.withLock { box in
                defer { box.submitted.removeAll(); box.cancelled.removeAll() }
                return (box.submitted, box.cancelled, box.stopping)
            }
            for t in submitted {
                if t.phase == .cancelRequested { t.finish(.cancelledResult) } else { pending.append(t) }
            }
            for t in cancelled { abort(t, multi: multi) }
            if stopping { break }

            let nextReady = startReadyTransfers(multi: multi)
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            let completed = readCompletions(multi: multi)

            var timeout = 1000
            if completed > 0 {
                timeout = 0
            } else if let nextReady {
                timeout = max(0, min(timeout, (nextReady - ContinuousClock.now).wholeMilliseconds + 1))
            }
            if timeout > 0 { _ = ccurl_multi_poll(multi, Int32(timeout)) }
        }
        for t in pending { t.finish(.cancelledResult) }
        pending.removeAll()
        for t in Array(active.values) { abort(t, multi: multi) }
        curl_multi_cleanup(multi)
        for easy in idleHandles { curl_easy_cleanup(easy) }
        idleHandles.removeAll()
        finishStopping()
    }

    /// Starts queued transfers that the limits and host policies allow; returns the earliest time
    /// a held-back transfer may start because of a host policy.
    private func startReadyTransfers(multi: UnsafeMutableRawPointer) -> ContinuousClock.Instant? {
        var nextReady: ContinuousClock.Instant?
        let now = ContinuousClock.now
        var i = 0
        while i < pending.count, active.count < concurrency {
            let t = pending[i]
            let key = t.spec.hostKey
            let state = hosts[key] ?? HostState()
            if state.active >= perHost {
                i += 1
                continue
            }
            if let ready = policies.readyTime(key, lastStart: state.lastStart), ready > now {
                nextReady = min(nextReady ?? ready, ready)
                i += 1
                continue
            }
            pending.remove(at: i)
            start(t, multi: multi, now: now)
        }
        return nextReady
    }

    private func start(_ t: Transfer, multi: UnsafeMutableRawPointer, now: ContinuousClock.Instant) {
        if let problem = t.makeHandle(reusing: idleHandles.popLast()) {
            t.releaseHandle()
            var r = HopResult()
            r.curlCode = -1
            r.curlMessage = problem
            t.finish(r)
            return
        }
        guard let easy = t.easy, curl_multi_add_handle(multi, easy) == CURLM_OK else {
            t.releaseHandle()
            var r = HopResult()
            r.curlCode = -1
            r.curlMessage = "libcurl refused to start the transfer"
            t.finish(r)
            return
        }
        active[easy] = t
        hosts[t.spec.hostKey, default: HostState()].active += 1
        hosts[t.spec.hostKey, default: HostState()].lastStart = now
    }

    private func readCompletions(multi: UnsafeMutableRawPointer) -> Int {
        var count = 0
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard ccurl_msg_is_done(message) != 0, let easy = message.pointee.easy_handle,
                  let t = active[easy] else { continue }
            let code = ccurl_msg_result(message)
            t.collect(code: code)
            remove(t, easy: easy, multi: multi)
            t.finish(t.result)
            count += 1
        }
        return count
    }

    /// Ends a queued or running transfer as cancelled (removing a running one closes its connection).
    private func abort(_ t: Transfer, multi: UnsafeMutableRawPointer) {
        if let index = pending.firstIndex(where: { $0 === t }) {
            pending.remove(at: index)
        } else if let easy = t.easy, active[easy] === t {
            remove(t, easy: easy, multi: multi)
        }
        t.finish(.cancelledResult)
    }

    private func remove(_ t: Transfer, easy: UnsafeMutableRawPointer, multi: UnsafeMutableRawPointer) {
        _ = curl_multi_remove_handle(multi, easy)
        active[easy] = nil
        hosts[t.spec.hostKey, default: HostState()].active -= 1
        guard let handle = t.takeHandle() else { return }
        if idleHandles.count < concurrency {
            // Back to libcurl's defaults; the multi handle keeps the connections and DNS cache.
            curl_easy_reset(handle)
            idleHandles.append(handle)
        } else {
            curl_easy_cleanup(handle)
        }
    }

    private func finishStopping() {
        let waiters = inbox.withLock { box in
            box.stopped = true
            defer { box.stopWaiters.removeAll() }
            return box.stopWaiters
        }
        for w in waiters { w.resume() }
    }

    /// Without a multi handle: answer every hop with the setup error until shut down.
    private func failEverythingUntilStopped() {
        let problem = CurlGlobal.ensureInitialized() ?? "libcurl could not create its multi handle"
        while true {
            let (submitted, stopping) = inbox.withLock { box in
                defer { box.submitted.removeAll() }
                return (box.submitted, box.stopping)
            }
            for t in submitted {
                var r = HopResult()
                r.curlCode = -1
                r.curlMessage = problem
                t.finish(r)
            }
            if stopping { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        finishStopping()
    }
}
