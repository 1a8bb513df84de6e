// The one seeded pseudo-random generator of the test suites.
//
// Tests that compare a fast path with a slow one on generated input use it, so a failure
// reproduces: the same seed gives the same input on every machine and every run, which the
// system generator does not.

/// Marsaglia's xorshift generator on 64 bits (shifts 13, 7, 17): fast, seeded, and the same
/// sequence everywhere. Not for anything but tests.
///
/// ```swift
/// var random = Xorshift64(seed: 0x2545_F491_4F6C_DD1D)
/// let length = random.next(24)  // 0..<24
/// ```
public struct Xorshift64: RandomNumberGenerator, Sendable {
    /// The last value returned (the seed before the first call).
    public private(set) var state: UInt64

    /// A generator starting from `seed`. Zero, which xorshift could never leave, is replaced by
    /// a fixed non-zero constant.
    public init(seed: UInt64) {
        state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
    }

    /// The next 64 bits of the sequence.
    public mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    /// The next value reduced to `0..<bound` (by remainder: a slight bias that tests can ignore).
    public mutating func next(_ bound: Int) -> Int {
        precondition(bound > 0, "the bound must be positive")
        return Int(next() % UInt64(bound))
    }

    /// One element of `elements`, which must not be empty.
    public mutating func element<C: Collection>(of elements: C) -> C.Element where C.Index == Int {
        elements[elements.startIndex + next(elements.count)]
    }
}
