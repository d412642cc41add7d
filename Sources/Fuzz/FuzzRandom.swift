import Execution

/// A seeded pseudo-random generator (SplitMix64): the same seed gives the same sequence everywhere.
///
/// The fuzzer and the program generator draw every decision from it, so a run is
/// reproducible from its seed and an input from its (seed, index) pair alone: the
/// driver never has to ship an input across processes to report it.
public struct FuzzRandom: RandomNumberGenerator, Sendable {
    private var core: SplitMix64

    public init(seed: UInt64) { core = SplitMix64(seed: seed) }

    /// A generator for item `index` of the stream `seed`, independent of every other index.
    public init(seed: UInt64, index: UInt64) {
        var mixer = SplitMix64(seed: seed ^ 0x6A09_E667_F3BC_C908)
        core = SplitMix64(seed: mixer.next() ^ (index &* 0x9E37_79B9_7F4A_7C15))
        _ = next()
    }

    public mutating func next() -> UInt64 { core.next() }

    /// A uniform integer in `0..<bound` (0 when `bound` is 0).
    public mutating func below(_ bound: Int) -> Int { core.below(bound) }

    /// True with probability `percent`/100.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A uniformly chosen element; `array` must not be empty.
    public mutating func pick<T>(_ array: [T]) -> T { array[below(array.count)] }
}
