// CCrypto: SHA-256 from OpenSSL's libcrypto, for LabfeedHash. libcrypto uses the CPU's SHA
// instructions where it has them (x86 SHA-NI, ARMv8 SHA2): several times faster than portable
// code. The libcurl that labfeed links (Debian's OpenSSL flavour) loads libcrypto anyway.
#ifndef CCRYPTO_H
#define CCRYPTO_H

#include <stddef.h>

/// SHA-256 of `count` bytes at `data` into the 32 bytes at `out`; 1 on success, 0 when
/// libcrypto failed (LabfeedHash then computes it in Swift). Thread-safe.
int ccrypto_sha256(const void *data, size_t count, unsigned char *out);

#endif
