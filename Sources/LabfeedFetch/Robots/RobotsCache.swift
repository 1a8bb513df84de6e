// RobotsCache: one robots.txt verdict per origin (scheme://host:port) for the life of a Fetcher
// (one sync). The first request for an origin loads it; requests arriving meanwhile wait for
// that load instead of fetching robots.txt again. Thread-safe.

import Synchronization

/// What robots.txt says about a whole origin.
enum RobotsVerdict: Sendable {
    /// A robots.txt was read: check each path against it.
    case rules(RobotsTxt)
    /// No usable robots.txt (4xx, or none after redirects): everything is allowed.
    case allowAll
    /// robots.txt could not be read because of a server error: everything is disallowed
    /// (RFC 9309 §2.3.1.4). The text says why.
    case disallowAll(String)
    /// The host could not be reached at all: the same failure stands for its pages.
    case unreachable(FetchError)
}

final class RobotsCache: Sendable {
    private enum Entry {
        case loading([CheckedContinuation<RobotsVerdict?, Never>])
        case done(RobotsVerdict)
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The verdict for `origin`, loading it with `load` if nobody has yet. `load` returns nil when
    /// it was cancelled: nothing is cached and the caller gets nil.
    func verdict(for origin: String, load: () async -> RobotsVerdict?) async -> RobotsVerdict? {
        while true {
            enum Step { case have(RobotsVerdict), wait, mine }
            let step = entries.withLock { all -> Step in
                switch all[origin] {
                case .done(let v): return .have(v)
                case .loading: return .wait
                case nil:
                    all[origin] = .loading([])
                    return .mine
                }
            }
            switch step {
            case .have(let v):
                return v
            case .mine:
                let v = await load()
                let waiters = entries.withLock { all -> [CheckedContinuation<RobotsVerdict?, Never>] in
                    guard case .loading(let w) = all[origin] else { return [] }
                    all[origin] = v.map { .done($0) }
                    return w
                }
                for w in waiters { w.resume(returning: v) }
                return v
            case .wait:
                let v = await withCheckedContinuation { (c: CheckedContinuation<RobotsVerdict?, Never>) in
                    let resumeNow = entries.withLock { all -> RobotsVerdict?? in
                        switch all[origin] {
                        case .loading(var w):
                            w.append(c)
                            all[origin] = .loading(w)
                            return .none
                        case .done(let v):
                            return .some(v)
                        case nil:
                            return .some(nil)
                        }
                    }
                    if let now = resumeNow { c.resume(returning: now) }
                }
                if let v { return v }
                // The loader was cancelled: try to load it ourselves (unless we are cancelled too).
                if Task.isCancelled { return nil }
            }
        }
    }
}
