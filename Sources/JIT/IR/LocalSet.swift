/// A set of local numbers (V00, V01, ...) as a bit vector.
///
/// Liveness sets are unions and differences of small dense integer sets, computed for every block
/// until a fixed point: as hashed `Set<Int>`s they were a tenth of a compilation's profile. Bits
/// past the last word are implicitly zero, so sets of different capacities compare and combine.
public struct LocalSet: Equatable, Sequence {
    /// Bit `v & 63` of word `v >> 6` is set when `v` is a member.
    private(set) var words: [UInt64]

    /// An empty set.
    public init() { words = [] }

    /// The set whose member bits are `words` (as `words` stores them).
    init(words: ArraySlice<UInt64>) { self.words = Array(words) }

    /// The set of `locals`.
    public init<S: Sequence>(_ locals: S) where S.Element == Int {
        words = []
        for v in locals { insert(v) }
    }

    /// Makes this the set whose member bits are `newWords`, keeping this set's storage.
    mutating func assign(_ newWords: ArraySlice<UInt64>) {
        let n = newWords.count
        while words.count > n { words.removeLast() }
        if words.count < n { grow(to: n) }
        var j = newWords.startIndex
        for k in 0..<n {
            words[k] = newWords[j]
            j += 1
        }
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    public func contains(_ v: Int) -> Bool {
        let w = v >> 6
        return w < words.count && words[w] & (1 << UInt64(v & 63)) != 0
    }

    public mutating func insert(_ v: Int) {
        let w = v >> 6
        if w >= words.count { grow(to: w + 1) }
        words[w] |= 1 << UInt64(v & 63)
    }

    /// Appends zero words up to `count` words (one by one: appending a `repeatElement` took the
    /// generic sequence path, a visible part of LSRA's per-block use/def sets).
    private mutating func grow(to count: Int) {
        words.reserveCapacity(count)
        while words.count < count { words.append(0) }
    }

    public mutating func remove(_ v: Int) {
        let w = v >> 6
        if w < words.count { words[w] &= ~(1 << UInt64(v & 63)) }
    }

    /// Steps a live set backward over code that stores the locals of `defs` and reads those of
    /// `uses` before storing them: the set becomes `(self - defs) ∪ uses`. `defs` and `uses` are
    /// rows of words laid out as `words` (dead-code elimination keeps one pair per statement).
    mutating func stepBackward(defs: ArraySlice<UInt64>, uses: ArraySlice<UInt64>) {
        if uses.count > words.count { grow(to: uses.count) }
        var d = defs.startIndex, u = uses.startIndex
        for i in 0..<uses.count {
            words[i] = (words[i] & ~defs[d]) | uses[u]
            d += 1
            u += 1
        }
    }

    public mutating func formUnion(_ other: LocalSet) {
        if other.words.count > words.count { grow(to: other.words.count) }
        for i in other.words.indices { words[i] |= other.words[i] }
    }

    public func union(_ other: LocalSet) -> LocalSet {
        var r = self
        r.formUnion(other)
        return r
    }

    public mutating func subtract(_ other: LocalSet) {
        for i in 0..<Swift.min(words.count, other.words.count) { words[i] &= ~other.words[i] }
    }

    public func subtracting(_ other: LocalSet) -> LocalSet {
        var r = self
        r.subtract(other)
        return r
    }

    /// The members in increasing order.
    public func sorted() -> [Int] { Array(self) }

    public static func == (a: LocalSet, b: LocalSet) -> Bool {
        let n = Swift.max(a.words.count, b.words.count)
        for i in 0..<n where (i < a.words.count ? a.words[i] : 0) != (i < b.words.count ? b.words[i] : 0) { return false }
        return true
    }

    /// Iterates the members in increasing order.
    public struct Iterator: IteratorProtocol {
        fileprivate let words: [UInt64]
        fileprivate var index = 0
        fileprivate var current: UInt64 = 0

        public mutating func next() -> Int? {
            while current == 0 {
                guard index < words.count else { return nil }
                current = words[index]
                index += 1
            }
            let bit = current.trailingZeroBitCount
            current &= current - 1
            return (index - 1) * 64 + bit
        }
    }

    public func makeIterator() -> Iterator { Iterator(words: words) }
}
