// CCurl: the typed face of libcurl for Swift.
//
// curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic, and Swift cannot call
// C variadic functions. Each wrapper below fixes one argument type so that the compiler checks
// what we pass (the approach of swift-corelibs-foundation's CFURLSessionInterface, without its
// try! on every call: every wrapper returns the CURLcode / CURLMcode for the caller to check).
// Every symbol here starts with `ccurl_`.
#ifndef CCURL_H
#define CCURL_H

#include <curl/curl.h>
#include <stddef.h>
#include <stdint.h>

// curl_off_t must be 64 bits: the Swift side passes Int64.
_Static_assert(sizeof(curl_off_t) == 8, "curl_off_t is expected to be 64 bits");

// MARK: - curl_easy_setopt, one per argument type

static inline CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// Strings are copied by libcurl (since 7.17), so a Swift temporary is fine.
static inline CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_share(CURL *handle, CURLSH *share) {
    return curl_easy_setopt(handle, CURLOPT_SHARE, share);
}

// MARK: - Callbacks, one per callback type (a function pointer is not a void * in C).

/// CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
typedef size_t (*ccurl_write_callback)(char *data, size_t size, size_t count, void *userdata);
static inline CURLcode ccurl_easy_setopt_write_function(CURL *handle, CURLoption option, ccurl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

/// CURLOPT_XFERINFOFUNCTION: return non-zero to abort the transfer.
typedef int (*ccurl_xferinfo_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
                                       curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode ccurl_easy_setopt_xferinfo_function(CURL *handle, ccurl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

/// CURLOPT_OPENSOCKETFUNCTION: sees the resolved address curl is about to connect to.
typedef curl_socket_t (*ccurl_opensocket_callback)(void *userdata, curlsocktype purpose,
                                                  struct curl_sockaddr *address);
static inline CURLcode ccurl_easy_setopt_opensocket_function(CURL *handle, ccurl_opensocket_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, callback);
}

#if LIBCURL_VERSION_NUM >= 0x075000
/// CURLOPT_PREREQFUNCTION (7.80.0): called once the connection is made, before the request;
/// return CURL_PREREQFUNC_ABORT to refuse it.
typedef int (*ccurl_prereq_callback)(void *userdata, char *conn_primary_ip, char *conn_local_ip,
                                     int conn_primary_port, int conn_local_port);
static inline CURLcode ccurl_easy_setopt_prereq_function(CURL *handle, ccurl_prereq_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_PREREQFUNCTION, callback);
}
#endif

// MARK: - curl_easy_getinfo, one per result type

static inline CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// The string belongs to the handle: copy it before the next call on that handle.
static inline CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    char *result = NULL;
    CURLcode code = curl_easy_getinfo(handle, info, &result);
    *value = result;
    return code;
}

static inline CURLcode ccurl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

// MARK: - curl_multi_setopt and curl_share_setopt

static inline CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

static inline CURLSHcode ccurl_share_setopt_long(CURLSH *share, CURLSHoption option, long value) {
    return curl_share_setopt(share, option, value);
}

// MARK: - The multi interface

/// The CURLcode of a CURLMSG_DONE message (it sits in a union Swift reads awkwardly).
static inline CURLcode ccurl_msg_result(const CURLMsg *message) {
    return message->data.result;
}

static inline int ccurl_msg_is_done(const CURLMsg *message) {
    return message->msg == CURLMSG_DONE;
}

/// curl_multi_poll with no extra descriptors: waits for activity, curl's own timers, a
/// curl_multi_wakeup from another thread, or `timeout_ms`.
static inline CURLMcode ccurl_multi_poll(CURLM *multi, int timeout_ms) {
    int ready = 0;
    return curl_multi_poll(multi, NULL, 0, timeout_ms, &ready);
}

static inline CURLMcode ccurl_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *value) {
    return curl_multi_setopt(multi, option, value);
}

static inline long ccurl_pipe_multiplex(void) { return CURLPIPE_MULTIPLEX; }

/// CURLOPT_HTTP_VERSION: HTTP/2 over TLS when ALPN agrees, HTTP/1.1 otherwise (plain http).
static inline long ccurl_http_version_2tls(void) { return CURL_HTTP_VERSION_2TLS; }

/// CURLINFO_HTTP_VERSION's answer as text: "1.0", "1.1", "2", "3", or NULL when unknown.
static inline const char *ccurl_http_version_name(long version) {
    switch (version) {
    case CURL_HTTP_VERSION_1_0: return "1.0";
    case CURL_HTTP_VERSION_1_1: return "1.1";
    case CURL_HTTP_VERSION_2_0: return "2";
    case CURL_HTTP_VERSION_3: return "3";
    default: return NULL;
    }
}
static inline int ccurl_error_size(void) { return CURL_ERROR_SIZE; }

// MARK: - Values Swift cannot see as constants (macros built from expressions)

static inline long ccurl_global_all(void) { return CURL_GLOBAL_ALL; }
static inline int ccurl_readfunc_abort(void) { return CURL_READFUNC_ABORT; }
static inline size_t ccurl_writefunc_pause(void) { return CURL_WRITEFUNC_PAUSE; }
static inline curl_socket_t ccurl_socket_bad(void) { return CURL_SOCKET_BAD; }
static inline int ccurl_prereqfunc_ok(void) { return 0; }
static inline int ccurl_prereqfunc_abort(void) { return 1; }
static inline unsigned int ccurl_version_num(void) { return LIBCURL_VERSION_NUM; }

#endif
