// Transfer: one hop in flight — its easy handle, the C callbacks that fill it, and the
// continuation that hands the result back to the awaiting task.
//
// Thread contract: created by the caller, handed to the engine thread through the engine's
// locked inbox; from then on only the engine thread touches the handle and the buffers. The
// phase and continuation sit behind a Mutex, because cancellation comes from any thread.

import CCurl
import Synchronization

final class Transfer: @unchecked Sendable {
    enum Phase { case new, submitted, cancelRequested, finished }

    private struct Control {
        var phase: Phase = .new
        var continuation: CheckedContinuation<HopResult, Never>?
    }

    let spec: HopSpec
    private let control = Mutex(Control())

    // Engine-thread state.
    private(set) var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    var result = HopResult()
    /// Set when a new response begins (interim 1xx responses are dropped).
    private var headers = HTTPHeaders()

    init(spec: HopSpec) {
        self.spec = spec
        let size = Int(ccurl_error_size())
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
    }

    deinit {
        releaseHandle()
        errorBuffer.deallocate()
    }

    var phase: Phase { control.withLock { $0.phase } }

    // MARK: - Hand-off and cancellation (any thread)

    /// Stores the continuation; false if the task was cancelled first (the result is then given).
    func attach(_ continuation: CheckedContinuation<HopResult, Never>) -> Bool {
        let cancelled = control.withLock { c -> Bool in
            if c.phase == .cancelRequested {
                c.phase = .finished
                return true
            }
            c.phase = .submitted
            c.continuation = continuation
            return false
        }
        if cancelled { continuation.resume(returning: .cancelledResult) }
        return !cancelled
    }

    /// Marks the transfer cancelled; true if the engine must be told (it was already submitted).
    func requestCancel() -> Bool {
        control.withLock { c in
            switch c.phase {
            case .new:
                c.phase = .cancelRequested
                return false
            case .submitted:
                c.phase = .cancelRequested
                return true
            case .cancelRequested, .finished:
                return false
            }
        }
    }

    /// Resumes the awaiting task once; later calls do nothing.
    func finish(_ result: HopResult) {
        let continuation = control.withLock { c -> CheckedContinuation<HopResult, Never>? in
            guard c.phase != .finished else { return nil }
            c.phase = .finished
            defer { c.continuation = nil }
            return c.continuation
        }
        continuation?.resume(returning: result)
    }

    // MARK: - The easy handle (engine thread)

    /// Configures `reused` (an easy handle after `curl_easy_reset`) or a new easy handle; nil,
    /// or a message when libcurl refuses an option.
    func makeHandle(reusing reused: UnsafeMutableRawPointer? = nil) -> String? {
        guard let easy = reused ?? curl_easy_init() else { return "libcurl could not create a transfer" }
        self.easy = easy
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        var failures: [String] = []
        func check(_ code: CURLcode, _ what: String) {
            if code != CURLE_OK { failures.append("\(what): \(String(cString: curl_easy_strerror(code)))") }
        }
        check(ccurl_easy_setopt_string(easy, CURLOPT_URL, spec.url), "URL")
        check(ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        check(ccurl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, spec.protocols), "PROTOCOLS_STR")
        check(ccurl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0), "FOLLOWLOCATION")
        // "" = every encoding this libcurl decodes (gzip, deflate, br, zstd here).
        check(ccurl_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
        check(ccurl_easy_setopt_string(easy, CURLOPT_USERAGENT, spec.userAgent), "USERAGENT")
        check(ccurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, max(1, spec.connectTimeoutMilliseconds)), "CONNECTTIMEOUT_MS")
        check(ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, max(1, spec.timeoutMilliseconds)), "TIMEOUT_MS")
        if spec.lowSpeedLimit > 0 {
            check(ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, spec.lowSpeedLimit), "LOW_SPEED_LIMIT")
            check(ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, spec.lowSpeedSeconds)), "LOW_SPEED_TIME")
        }
        if !spec.truncateAtLimit {
            // Refuses at once a body whose Content-Length is over the limit.
            check(ccurl_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(spec.maxBody)), "MAXFILESIZE_LARGE")
        }
        if spec.direct {
            // An empty proxy string turns off the environment's proxies.
            check(ccurl_easy_setopt_string(easy, CURLOPT_PROXY, ""), "PROXY")
        }
        // HTTP/2 where TLS ALPN agrees on it (libcurl's default, said out loud); plain http
        // stays HTTP/1.1 (no h2c: see docs/FETCHING.md, "HTTP/2").
        check(ccurl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, ccurl_http_version_2tls()), "HTTP_VERSION")
        if spec.url.lowercased().hasPrefix("https:") {
            // Wait for a connection being set up to the host, which may multiplex, rather than
            // open another one. Not for plain http, which stays HTTP/1.1: there it would hold
            // each new transfer until the running one ends.
            check(ccurl_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1), "PIPEWAIT")
        }
        if let caFile = spec.caFile {
            check(ccurl_easy_setopt_string(easy, CURLOPT_CAINFO, caFile), "CAINFO")
        }
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")

        var lines = spec.headers
        lines.append("Accept: \(spec.accept)")
        for line in lines { headerList = curl_slist_append(headerList, line) }
        check(ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList), "HTTPHEADER")

        check(ccurl_easy_setopt_write_function(easy, CURLOPT_WRITEFUNCTION, transferWriteBody), "WRITEFUNCTION")
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, userdata), "WRITEDATA")
        check(ccurl_easy_setopt_write_function(easy, CURLOPT_HEADERFUNCTION, transferWriteHeader), "HEADERFUNCTION")
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, userdata), "HEADERDATA")
        check(ccurl_easy_setopt_prereq_function(easy, transferPrereq), "PREREQFUNCTION")
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_PREREQDATA, userdata), "PREREQDATA")
        return failures.isEmpty ? nil : failures.joined(separator: "; ")
    }

    /// Reads the outcome from the handle once curl is done with it (code = the transfer's CURLcode).
    func collect(code: CURLcode) {
        guard let easy else { return }
        result.curlCode = Int(code.rawValue)
        result.curlMessage = String(cString: errorBuffer)
        if result.curlMessage.isEmpty, code != CURLE_OK {
            result.curlMessage = String(cString: curl_easy_strerror(code))
        }
        var status = 0
        _ = ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        result.status = status
        result.headers = headers
        var text: UnsafePointer<CChar>?
        if ccurl_easy_getinfo_string(easy, CURLINFO_REDIRECT_URL, &text) == CURLE_OK, let text {
            result.redirectURL = String(cString: text)
        }
        text = nil
        if ccurl_easy_getinfo_string(easy, CURLINFO_PRIMARY_IP, &text) == CURLE_OK, let text {
            let ip = String(cString: text)
            if !ip.isEmpty { result.primaryIP = ip }
        }
        func micro(_ info: CURLINFO) -> Duration {
            var value: curl_off_t = 0
            _ = ccurl_easy_getinfo_off_t(easy, info, &value)
            return .microseconds(value)
        }
        result.timings.dns = micro(CURLINFO_NAMELOOKUP_TIME_T)
        result.timings.connect = micro(CURLINFO_CONNECT_TIME_T)
        result.timings.tls = micro(CURLINFO_APPCONNECT_TIME_T)
        result.timings.firstByte = micro(CURLINFO_STARTTRANSFER_TIME_T)
        result.timings.total = micro(CURLINFO_TOTAL_TIME_T)
        var version = 0
        if ccurl_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version) == CURLE_OK,
           let name = ccurl_http_version_name(version) {
            result.httpVersion = String(cString: name)
        }
        var connects = 0
        _ = ccurl_easy_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &connects)
        result.connectionsOpened = connects
        var headerBytes = 0
        _ = ccurl_easy_getinfo_long(easy, CURLINFO_HEADER_SIZE, &headerBytes)
        var bodyBytes: curl_off_t = 0
        _ = ccurl_easy_getinfo_off_t(easy, CURLINFO_SIZE_DOWNLOAD_T, &bodyBytes)
        result.bytesOnWire = headerBytes + Int(bodyBytes)
    }

    /// Hands the easy handle back (after curl_multi_remove_handle) for the engine to reset and
    /// reuse, and frees the header list, which only this transfer used.
    func takeHandle() -> UnsafeMutableRawPointer? {
        let handle = easy
        easy = nil
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
        return handle
    }

    /// Frees the easy handle and the header list (after curl_multi_remove_handle).
    func releaseHandle() {
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
    }

    // MARK: - Callback bodies (engine thread, inside curl_multi_perform)

    fileprivate func receiveBody(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        if result.body.isEmpty, let easy {
            // One allocation for the whole body when the length is announced (a hint only: a
            // compressed length is smaller, and a lying one is capped by the limit).
            var length: curl_off_t = -1
            if ccurl_easy_getinfo_off_t(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK, length > 0 {
                result.body.reserveCapacity(min(Int(length), spec.maxBody))
            }
        }
        let room = spec.maxBody - result.body.count
        if count > room {
            result.tooLarge = true
            if spec.truncateAtLimit, room > 0 {
                data.withMemoryRebound(to: UInt8.self, capacity: room) {
                    result.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: room))
                }
            }
            return 0  // aborts the transfer: CURLE_WRITE_ERROR
        }
        data.withMemoryRebound(to: UInt8.self, capacity: count) {
            result.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
        }
        return count
    }

    fileprivate func receiveHeader(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        data.withMemoryRebound(to: UInt8.self, capacity: count) {
            headerLine(UnsafeBufferPointer(start: $0, count: count))
        }
        return count
    }

    /// One header line as curl hands it over (with its CRLF). Header bytes are Latin-1 by
    /// RFC 9110; non-ASCII is rare and not interpreted (decoded as UTF-8 with repair).
    private func headerLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        func trimmed(_ range: Range<Int>) -> Range<Int> {
            var lower = range.lowerBound, upper = range.upperBound
            while lower < upper, isSpace(bytes[lower]) { lower += 1 }
            while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
            return lower..<upper
        }
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        let line = trimmed(0..<bytes.count)
        if line.isEmpty { return }  // the end of one response's headers
        if line.count >= 5, bytes[line.lowerBound..<(line.lowerBound + 5)].elementsEqual("HTTP/".utf8) {
            headers = HTTPHeaders()  // a new response begins (after a 1xx, or a retry)
        } else if bytes[0] == 0x20 || bytes[0] == 0x09, !headers.fields.isEmpty {
            headers.continueLastValue(text(line))  // obs-fold
        } else if let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")) {
            headers.append(name: text(trimmed(line.lowerBound..<colon)),
                           value: text(trimmed((colon + 1)..<line.upperBound)))
        }
    }

    fileprivate func approveConnection(primaryIP: String) -> Bool {
        result.primaryIP = primaryIP
        if spec.refuseNonPublic, AddressClass(ip: primaryIP) != .public {
            result.blockedIP = primaryIP
            return false
        }
        return true
    }
}

// MARK: - C entry points (non-capturing, so they convert to C function pointers)

private let transferWriteBody: ccurl_write_callback = { data, size, count, userdata in
    guard let data, let userdata else { return 0 }
    return Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue().receiveBody(data, size * count)
}

private let transferWriteHeader: ccurl_write_callback = { data, size, count, userdata in
    guard let data, let userdata else { return 0 }
    return Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue().receiveHeader(data, size * count)
}

/// Sees the address of every connection, new or reused, before the request goes out.
private let transferPrereq: ccurl_prereq_callback = { userdata, primaryIP, _, _, _ in
    guard let userdata else { return ccurl_prereqfunc_abort() }
    let ip = primaryIP.map { String(cString: $0) } ?? ""
    let ok = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue().approveConnection(primaryIP: ip)
    return ok ? ccurl_prereqfunc_ok() : ccurl_prereqfunc_abort()
}
