/// A short ASCII name's bytes packed into two words: bytes 0-7 in the first, bytes 8-14 and the
/// length (in the top byte) in the second.
///
/// Names of at most 15 bytes (mnemonics, labels, keywords, most type and member names) are
/// compared and hashed as these two words instead of as `String`s.
struct PackedName: Hashable {
    let low: UInt64
    let high: UInt64

    /// The packed form of `bytes`; nil for names longer than 15 bytes.
    ///
    /// Byte i lands in bits 8i of its word. Names of 4 bytes or more are read as two
    /// overlapping little-endian loads per word (the first and the last 4 or 8 bytes; the
    /// overlap holds the same bytes in the same bits) instead of a shift per byte: the lexer
    /// packs every name it reads, and the parser every mnemonic and label it looks up.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n <= 15 else { return nil }
        let raw = UnsafeRawBufferPointer(bytes)
        func load32(_ offset: Int) -> UInt64 {
            UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        func load64(_ offset: Int) -> UInt64 {
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        var low: UInt64 = 0
        var high: UInt64 = 0
        if n > 8 {
            // The last eight bytes, shifted down past the 16 - n of them that `low` holds.
            low = load64(0)
            high = load64(n - 8) >> UInt64(8 * (16 - n))
        } else if n == 8 {
            low = load64(0)
        } else if n >= 4 {
            low = load32(0) | load32(n - 4) << UInt64(8 * (n - 4))
        } else {
            for i in 0..<n { low |= UInt64(bytes[i]) << UInt64(8 * i) }
        }
        self.low = low
        self.high = high | UInt64(n) << 56
    }

    /// The packed form of `name`'s UTF-8 bytes; nil for names longer than 15 bytes.
    init?(_ name: String) {
        guard let packed = name.withUTF8Bytes(PackedName.init) else { return nil }
        self = packed
    }

    /// A slot of a table of `1 << bits` slots: the top bits of a multiplicative (Fibonacci) hash
    /// of both words.
    func slot(bits: Int) -> Int {
        let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: mixed >> UInt64(64 - bits))
    }
}

/// The names a lexer has made, by their packed bytes, so that a name written again (every
/// mnemonic, label and type name recurs throughout a module) is the `String` made the first
/// time instead of a new one decoded and validated from the bytes.
///
/// An open-addressing table with linear probing. It never grows: its size is chosen from the
/// text's length when the first name arrives, and once half full it stops taking new names
/// (they are then made each time, as without the table).
struct NameTable {
    /// The packed name of each slot; `low == 0 && high == 0` (no name has length 0) marks an empty slot.
    private var keys: [PackedName] = []
    private var names: [String] = []
    private var count = 0
    /// log2 of the slot count.
    private var bits = 0
    /// The slot count the table will have, decided at `init`.
    private let plannedBits: Int

    /// A table for a text of `textLength` bytes: about a slot per 32 bytes, 64 to 4096 slots.
    init(textLength: Int) {
        var bits = 6
        while bits < 12 && (1 << bits) * 32 < textLength { bits += 1 }
        plannedBits = bits
    }

    /// The name with the packed bytes `key`, if the table has it.
    func name(_ key: PackedName) -> String? {
        if keys.isEmpty { return nil }
        let slot = find(key)
        return keys[slot] == key ? names[slot] : nil
    }

    /// Remembers `name`, whose packed bytes are `key` (not already in the table), unless the
    /// table is half full.
    mutating func insert(_ name: String, for key: PackedName) {
        if keys.isEmpty {
            bits = plannedBits
            keys = Array(repeating: .empty, count: 1 << bits)
            names = Array(repeating: "", count: 1 << bits)
        }
        guard 2 * (count + 1) <= keys.count else { return }
        let slot = find(key)
        keys[slot] = key
        names[slot] = name
        count += 1
    }

    /// The slot holding `key`, or the empty slot where it would go (the table is at most half
    /// full, so one exists).
    private func find(_ key: PackedName) -> Int {
        let mask = keys.count - 1
        var slot = key.slot(bits: bits)
        while keys[slot] != .empty && keys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }
}

extension PackedName {
    /// The key of an empty table slot (no name packs to it: every name has a length).
    static let empty = PackedName(low: 0, high: 0)

    private init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes: in place when the string lends its storage
    /// (native and small strings), else from a copy. Iterating `utf8` instead decodes each index,
    /// several times the cost of the hashing and packing done on the bytes.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        utf8.withContiguousStorageIfAvailable(body) ?? Array(utf8).withUnsafeBufferPointer(body)
    }
}

/// A fixed map from short ASCII names to values (opcodes by mnemonic, primitive types by
/// keyword), keyed by the names' packed bytes.
///
/// The parser asks such maps about most tokens it reads as a keyword: a `Dictionary<String, _>`
/// hashes the whole string with SipHash and compares strings, while this table packs the
/// name into two words (`PackedName`), picks a slot from their hash and compares the words,
/// probing the next slots on a collision. Names longer than 15 bytes cannot be keys (the
/// initializer traps), so a longer name looked up is simply absent.
struct PackedNameMap<Value: Sendable>: Sendable {
    /// The packed name of each slot (`.empty` for an empty slot).
    private var keys: [PackedName]
    /// The value of each slot; nil marks an empty slot.
    private var values: [Value?]
    /// log2 of the slot count.
    private let bits: Int

    /// A map of `entries`, whose names are distinct and at most 15 bytes long.
    init(_ entries: [(String, Value)]) {
        // At most a quarter full, so that a probe rarely goes past its first slot.
        var bits = 4
        while 1 << bits < 4 * entries.count { bits += 1 }
        self.bits = bits
        keys = Array(repeating: .empty, count: 1 << bits)
        values = Array(repeating: nil, count: 1 << bits)
        for (name, value) in entries {
            guard let key = PackedName(name) else { preconditionFailure("'\(name)' is too long for a PackedNameMap") }
            var slot = key.slot(bits: bits)
            while values[slot] != nil { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            values[slot] = value
        }
    }

    /// The value of `name`, nil if it is not a key.
    subscript(name: String) -> Value? {
        guard let key = PackedName(name) else { return nil }
        var slot = key.slot(bits: bits)
        while let value = values[slot] {
            if keys[slot] == key { return value }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }
}
