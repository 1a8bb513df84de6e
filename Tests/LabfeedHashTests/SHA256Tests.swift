// SHA-256 against the FIPS 180-4 examples, over bytes and over text; libcrypto's digest against
// the portable Swift one it replaces.

import LabfeedHash
import Testing

struct SHA256Tests {
    @Test func knownDigestsMatch() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func aMillionAsMatch() {
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func textIsHashedAsUTF8() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        #expect(SHA256.hex("é") == SHA256.hex([0xC3, 0xA9]))
    }

    @Test func lengthsAroundTheBlockBoundaryDiffer() {
        let hashes = Set((54...66).map { SHA256.hex([UInt8](repeating: 7, count: $0)) })
        #expect(hashes.count == 13)
    }

    @Test func portableDigestMatchesTheVectors() {
        func hex(_ digest: [UInt8]) -> String { digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }
        #expect(hex(SHA256.portableDigest([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256.portableDigest(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(SHA256.portableDigest([UInt8](repeating: 0x61, count: 1_000_000)))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func libcryptoGivesThePortableDigestAtEveryLength() {
        // Every length from 0 to 1,200 bytes (around and across many 64-byte blocks), fixed
        // pseudo-random bytes; each through the array, raw-buffer and text entry points.
        var state: UInt64 = 0x5EED_0018_C0DE_0001
        let bytes: [UInt8] = (0..<1_200).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
        func hex(_ digest: [UInt8]) -> String { digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }
        var mismatches: [Int] = []
        for length in 0...bytes.count {
            let piece = Array(bytes[..<length])
            let expected = SHA256.portableDigest(piece)
            if SHA256.digest(piece) != expected || SHA256.hex(piece) != hex(expected) { mismatches.append(length) }
        }
        #expect(mismatches.isEmpty, "lengths whose digests differ: \(mismatches.prefix(10))")
        let text = "Atelier « données ouvertes » le 12 décembre à 14 h 30 — entrée libre 😀"
        #expect(SHA256.hex(text) == hex(SHA256.portableDigest(Array(text.utf8))))
        #expect(SHA256.hex(String(text.dropFirst(3))) == hex(SHA256.portableDigest(Array(text.utf8.dropFirst(3)))))
    }
}
