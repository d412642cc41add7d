/// The labels of one method body: name → index of the instruction the label marks.
///
/// Every instruction of monodis's output carries a label (`IL_0042:`) and every branch names one,
/// so a body asks its table about twice per instruction. A `Dictionary<String, Int>` seeds and
/// finalizes a SipHash for each question (about 1% of compiling the benchmark's corpus); label
/// names are short, so an open-addressing table hashed from their bytes packed into two words
/// (`PackedName`) answers for less. The parser reuses one table for every body: `removeAll()`
/// starts a new generation in O(1) instead of clearing the slots.
struct LabelTable {
    private var names: [String]
    private var indices: [Int]
    /// The generation each slot was written in; a slot of an older generation is empty.
    private var generations: [UInt32]
    private var generation: UInt32 = 1
    private var count = 0

    /// An empty table; it allocates its slots with the first label.
    init() {
        names = []
        indices = []
        generations = []
    }

    /// The instruction index of label `name`, nil when it is not defined.
    subscript(name: String) -> Int? {
        if names.isEmpty { return nil }
        let slot = find(name)
        return generations[slot] == generation ? indices[slot] : nil
    }

    /// Defines label `name` as marking instruction `index`; false (and no change) if it is defined already.
    mutating func define(_ name: String, at index: Int) -> Bool {
        if names.isEmpty { grow() }
        var slot = find(name)
        if generations[slot] == generation { return false }
        if 2 * (count + 1) > names.count {
            grow()
            slot = find(name)
        }
        names[slot] = name
        indices[slot] = index
        generations[slot] = generation
        count += 1
        return true
    }

    /// Forgets every label, keeping the capacity for the next body.
    mutating func removeAll() {
        count = 0
        if generation == UInt32.max {
            generations = Array(repeating: 0, count: generations.count)
            generation = 1
        } else {
            generation += 1
        }
    }

    /// The slot holding `name`, or the empty slot where it would go (linear probing; the table is
    /// at most half full, so one exists).
    private func find(_ name: String) -> Int {
        let mask = names.count - 1
        var slot = Self.home(of: name, bits: names.count.trailingZeroBitCount)
        while generations[slot] == generation && names[slot] != name {
            slot = (slot + 1) & mask
        }
        return slot
    }

    /// Doubles the capacity, re-inserting this generation's labels.
    private mutating func grow() {
        let old = (names, indices, generations)
        let capacity = max(64, names.count * 2)
        names = Array(repeating: "", count: capacity)
        indices = Array(repeating: 0, count: capacity)
        generations = Array(repeating: 0, count: capacity)
        for i in old.0.indices where old.2[i] == generation {
            let slot = find(old.0[i])
            names[slot] = old.0[i]
            indices[slot] = old.1[i]
            generations[slot] = generation
        }
    }

    /// The first slot to probe for `name` in a table of `1 << bits` slots: the hash of its packed
    /// bytes (`PackedName`) when it has at most 15, as nearly every label has; else FNV-1a over
    /// its bytes. (FNV-1a for every name was most of a lookup: a multiply per byte, each
    /// waiting for the last.)
    private static func home(of name: String, bits: Int) -> Int {
        name.withUTF8Bytes { bytes in
            if let packed = PackedName(bytes) { return packed.slot(bits: bits) }
            var h: UInt32 = 2_166_136_261
            for byte in bytes { h = (h ^ UInt32(byte)) &* 16_777_619 }
            return Int(h) & ((1 << bits) - 1)
        }
    }
}
