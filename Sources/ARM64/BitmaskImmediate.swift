/// The A64 logical-immediate ("bitmask immediate") encoding used by `and`/`orr`/`eor`/`ands`/`tst`.
///
/// A bitmask immediate is an element of 2, 4, 8, 16, 32 or 64 bits holding a single run
/// of ones, rotated, and replicated across the register. Only such values are encodable;
/// everything else (including 0 and all-ones) must be rejected so the JIT materialises
/// the constant with `mov`/`movk` instead.
public enum BitmaskImmediate {
    /// The fields `N:immr:imms` of an encodable value, or nil if `value` is not encodable
    /// at `size` (for `.w` only the low 32 bits matter and must not be sign-extended garbage).
    public static func encode(_ value: UInt64, size: OperandSize) -> (n: UInt32, immr: UInt32, imms: UInt32)? {
        var v = value
        if size == .w {
            guard value >> 32 == 0 else { return nil }
            v = value | (value << 32)
        }
        guard v != 0 && v != UInt64.max else { return nil }
        // Smallest element size whose replication reproduces the value.
        var e = 64
        while e > 2 {
            let half = e / 2
            let mask: UInt64 = (1 << UInt64(half)) - 1
            if (v & mask) == ((v >> UInt64(half)) & mask) { e = half } else { break }
        }
        let emask: UInt64 = e == 64 ? UInt64.max : (1 << UInt64(e)) - 1
        let elem = v & emask
        let ones = elem.nonzeroBitCount
        let run: UInt64 = (1 << UInt64(ones)) - 1   // ones < e, so no overflow
        // Find r with ROR(run, r) == elem, i.e. elem rotated left by r is the run.
        for r in 0..<e {
            let rotl = r == 0 ? elem : ((elem << UInt64(r)) | (elem >> UInt64(e - r))) & emask
            if rotl == run {
                let n: UInt32 = e == 64 ? 1 : 0
                let imms = (UInt32(truncatingIfNeeded: ~(e * 2 - 1)) & 0x3f) | UInt32(ones - 1)
                return (n, UInt32(r), imms)
            }
        }
        return nil
    }

    /// The value encoded by `N:immr:imms` at `size`, or nil for reserved encodings.
    public static func decode(n: UInt32, immr: UInt32, imms: UInt32, size: OperandSize) -> UInt64? {
        let combined = (n << 6) | (~imms & 0x3f)
        guard combined != 0 else { return nil }
        let len = 31 - combined.leadingZeroBitCount   // highest set bit
        guard len >= 1 else { return nil }
        let e = 1 << len
        if size == .w && e == 64 { return nil }
        let s = Int(imms) & (e - 1)
        let r = Int(immr) & (e - 1)
        guard s != e - 1 else { return nil }
        let emask: UInt64 = e == 64 ? UInt64.max : (1 << UInt64(e)) - 1
        let run: UInt64 = (1 << UInt64(s + 1)) - 1
        let elem = r == 0 ? run : ((run >> UInt64(r)) | (run << UInt64(e - r))) & emask
        var v: UInt64 = 0
        var shift = 0
        while shift < 64 { v |= elem << UInt64(shift); shift += e }
        return size == .w ? v & 0xFFFF_FFFF : v
    }
}
