// BodyHash: the SHA-256 of a body in lower-case hex, the form of `FetchResponse.bodyHash`.
//
// Contract: the same digest as LabfeedHash's `SHA256.hex` (the tests compare them on many
// lengths), computed with libcrypto (`ccurl_sha256`), which uses the CPU's SHA instructions:
// a thousand 18 KiB bodies cost about 10 ms instead of about 100 ms in portable Swift. Should
// libcrypto fail, the portable Swift gives the same answer.

import CCurl
import LabfeedHash

enum BodyHash {
    /// The digest of `bytes` as 64 lower-case hex digits.
    static func hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        let ok = bytes.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { ccurl_sha256(input.baseAddress, input.count, $0.baseAddress) }
        }
        guard ok == 1 else { return SHA256.hex(bytes) }
        return String(unsafeUninitializedCapacity: 64) { out in
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { hex in
                for (i, byte) in digest.enumerated() {
                    out[2 * i] = hex[Int(byte >> 4)]
                    out[2 * i + 1] = hex[Int(byte & 0x0f)]
                }
            }
            return 64
        }
    }
}
