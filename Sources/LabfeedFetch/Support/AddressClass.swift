// AddressClass: is an IP address on the public internet, or loopback / private / link-local /
// multicast / reserved? Used on the address curl actually connected to, never on a host name.

import Glibc

/// The kind of network an IP address belongs to.
enum AddressClass: String, Sendable {
    case `public`
    case loopback
    /// RFC 1918, carrier-grade NAT (100.64/10), IPv6 unique-local and site-local.
    case `private`
    case linkLocal = "link-local"
    case multicast
    /// Unspecified, "this network", broadcast, reserved ranges, or text that is no address.
    case reserved

    /// Classifies an address written as curl reports it (`127.0.0.1`, `::1`, `::ffff:10.0.0.1`).
    init(ip: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, ip, &v4) == 1 {
            self = AddressClass(v4: withUnsafeBytes(of: v4.s_addr) { Array($0) })
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, ip, &v6) == 1 {
            self = AddressClass(v6: withUnsafeBytes(of: v6) { Array($0) })
            return
        }
        self = .reserved
    }

    /// `b` in network order (4 bytes).
    init(v4 b: [UInt8]) {
        switch (b[0], b[1]) {
        case (127, _): self = .loopback
        case (10, _), (172, 16...31), (192, 168), (100, 64...127): self = .private
        case (169, 254): self = .linkLocal
        case (224...239, _): self = .multicast
        case (0, _), (240...255, _): self = .reserved
        case (192, 0) where b[2] == 0: self = .reserved  // IETF protocol assignments
        default: self = .public
        }
    }

    /// `b` in network order (16 bytes).
    init(v6 b: [UInt8]) {
        let zeroHead = b[0..<10].allSatisfy { $0 == 0 }
        if zeroHead, b[10] == 0xff, b[11] == 0xff {  // ::ffff:a.b.c.d, IPv4-mapped
            self = AddressClass(v4: Array(b[12..<16]))
            return
        }
        if zeroHead, b[10] == 0, b[11] == 0, b[12..<15].allSatisfy({ $0 == 0 }) {
            self = b[15] == 1 ? .loopback : .reserved  // ::1, ::
            return
        }
        switch b[0] {
        case 0xff: self = .multicast
        case 0xfc, 0xfd: self = .private
        case 0xfe where b[1] & 0xc0 == 0x80: self = .linkLocal  // fe80::/10
        case 0xfe where b[1] & 0xc0 == 0xc0: self = .private    // fec0::/10, site-local
        default: self = .public
        }
    }
}
