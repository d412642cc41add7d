/// SplitMix64: a small, well-distributed pseudo-random generator with the same sequence on every platform.
///
/// Everything in jitbook that draws random numbers must be reproducible from a seed (the bench's
/// generated corpus, the fuzzers, the random-program tests), and Swift's own generators are seeded
/// per process; this is the one generator they share.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (0 when `bound` is 0 or less).
    public mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }
}
