// CurlGlobal: curl_global_init, exactly once per process, before the first handle.

import CCurl

enum CurlGlobal {
    /// Evaluated once, thread-safely (a Swift global's lazy initialiser).
    private static let status: CURLcode = curl_global_init(ccurl_global_all())

    /// Initialises libcurl if needed; a message when it could not be.
    static func ensureInitialized() -> String? {
        status == CURLE_OK ? nil : "libcurl could not be initialised: \(String(cString: curl_easy_strerror(status)))"
    }
}
