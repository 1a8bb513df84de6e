// Body hashes: BodyHash gives exactly the portable SHA-256 digest that earlier versions stored,
// so their hashes still match, and FetchResponse uses it.

import Foundation
import LabfeedHash
import LabfeedTestSupport
import Testing
@testable import LabfeedFetch

struct BodyHashTests {
    @Test func fipsVectorsMatch() {
        #expect(BodyHash.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(BodyHash.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(BodyHash.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(BodyHash.hex([UInt8](repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func everyLengthAroundTheBlocksMatchesThePortableHash() {
        // A fixed pseudo-random sequence (no seedless randomness in tests).
        var random = Xorshift64(seed: 2_463_534_242)
        let bytes = (0..<1200).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        var mismatches: [Int] = []
        func portableHex(_ bytes: [UInt8]) -> String {
            SHA256.portableDigest(bytes).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
        for length in 0...bytes.count where BodyHash.hex(Array(bytes[..<length])) != portableHex(Array(bytes[..<length])) {
            mismatches.append(length)
        }
        #expect(mismatches.isEmpty, "lengths whose hashes differ: \(mismatches.prefix(10))")
    }

    @Test func responsesHashTheirBodyTheSameWay() {
        let body = Array("<rss><channel><title>Atelier</title></channel></rss>".utf8)
        let response = FetchResponse(url: URL(string: "https://example.org/feed")!, body: body)
        #expect(response.bodyHash == SHA256.hex(body))
        #expect(FetchResponse.hash(body) == SHA256.hex(body))
        #expect(response.bodyHash.count == 64)
    }
}
