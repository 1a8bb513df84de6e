// BodyHash: the SHA-256 of a body in lower-case hex, the form of `FetchResponse.bodyHash`
// (LabfeedHash's `SHA256.hex`, computed by libcrypto).

import LabfeedHash

enum BodyHash {
    /// The digest of `bytes` as 64 lower-case hex digits.
    static func hex(_ bytes: [UInt8]) -> String { SHA256.hex(bytes) }
}
