/// A seeded pseudo-random generator (SplitMix64): the same seed gives the same sequence everywhere.
///
/// The fuzzer and the program generator draw every decision from it, so a run is
/// reproducible from its seed and an input from its (seed, index) pair alone: the
/// driver never has to ship an input across processes to report it.
public struct FuzzRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for item `index` of the stream `seed`, independent of every other index.
    public init(seed: UInt64, index: UInt64) {
        var mixer = FuzzRandom(seed: seed ^ 0x6A09_E667_F3BC_C908)
        state = mixer.next() ^ (index &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (0 when `bound` is 0).
    public mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }

    /// True with probability `percent`/100.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A uniformly chosen element; `array` must not be empty.
    public mutating func pick<T>(_ array: [T]) -> T { array[below(array.count)] }
}
