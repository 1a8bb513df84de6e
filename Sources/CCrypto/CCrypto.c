// SHA-256 through libcrypto's EVP interface (OpenSSL 3). The digest's implementation is fetched
// once (EVP_MD_fetch), not at every call: with the legacy `EVP_sha256()` each EVP_Digest looks
// it up in the provider store again, which costs more than hashing a short id.
#include "CCrypto.h"

#include <openssl/evp.h>
#include <pthread.h>

static EVP_MD *fetched;
static pthread_once_t fetch_once = PTHREAD_ONCE_INIT;

static void fetch_sha256(void) { fetched = EVP_MD_fetch(NULL, "SHA256", NULL); }

int ccrypto_sha256(const void *data, size_t count, unsigned char *out) {
    pthread_once(&fetch_once, fetch_sha256);
    const EVP_MD *md = fetched != NULL ? fetched : EVP_sha256();
    unsigned int length = 0;
    if (EVP_Digest(data, count, out, &length, md, NULL) != 1) return 0;
    return length == 32;
}
