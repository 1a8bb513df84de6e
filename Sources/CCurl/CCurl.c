// The libcurl wrappers live in include/CCurl.h as static inline functions. This file holds the
// one function that is not inline: the SHA-256 of a body, through libcrypto's EVP interface.
#include "CCurl.h"

#include <openssl/evp.h>

int ccurl_sha256(const void *data, size_t count, unsigned char *out) {
    unsigned int length = 0;
    // EVP_Digest: one call, its own context; EVP_sha256 is the built-in (non-deprecated) digest.
    if (EVP_Digest(data, count, out, &length, EVP_sha256(), NULL) != 1) return 0;
    return length == 32;
}
