import Testing
@testable import ARM64

@Suite("ARM64 bitmask immediates")
struct BitmaskImmediateTests {
    /// All field combinations at a size, decoded; reserved encodings are skipped.
    static func allValues(_ size: OperandSize) -> [UInt64: (UInt32, UInt32, UInt32)] {
        var values: [UInt64: (UInt32, UInt32, UInt32)] = [:]
        for n in 0...(size == .x ? 1 : 0) as ClosedRange<UInt32> {
            for immr in 0..<UInt32(64) {
                for imms in 0..<UInt32(64) {
                    if let v = BitmaskImmediate.decode(n: n, immr: immr, imms: imms, size: size) {
                        if values[v] == nil { values[v] = (n, immr, imms) }
                    }
                }
            }
        }
        return values
    }

    /// An element of e bits has e rotations of e-1 non-trivial runs: sum of e*(e-1).
    @Test("there are 5334 distinct 64-bit and 1302 distinct 32-bit bitmask immediates")
    func counts() {
        let perElement = { (sizes: [Int]) in sizes.reduce(0) { $0 + $1 * ($1 - 1) } }
        #expect(perElement([2, 4, 8, 16, 32, 64]) == 5334)
        #expect(Self.allValues(.x).count == perElement([2, 4, 8, 16, 32, 64]))
        #expect(Self.allValues(.w).count == perElement([2, 4, 8, 16, 32]))
    }

    @Test("encode inverts decode for every encodable value", arguments: OperandSize.allCases)
    func roundTrip(_ size: OperandSize) {
        var failures = 0
        for (value, _) in Self.allValues(size) {
            guard let enc = BitmaskImmediate.encode(value, size: size),
                  BitmaskImmediate.decode(n: enc.n, immr: enc.immr, imms: enc.imms, size: size) == value else {
                failures += 1
                continue
            }
        }
        #expect(failures == 0)
    }

    @Test("values that are not a rotated, replicated run of ones are rejected",
          arguments: [UInt64(0), UInt64.max, 0x1234, 0x5, 0xFF00_0000_0000_00FE, 0x8000_0000_0000_0010])
    func rejects(_ value: UInt64) {
        #expect(BitmaskImmediate.encode(value, size: .x) == nil)
    }

    @Test("known encodings")
    func known() throws {
        let ff = try #require(BitmaskImmediate.encode(0xFF, size: .x))
        #expect(ff.n == 1 && ff.immr == 0 && ff.imms == 7)
        let alt = try #require(BitmaskImmediate.encode(0x5555_5555_5555_5555, size: .x))
        #expect(alt.n == 0 && alt.immr == 0 && alt.imms == 0b111100)
        let top = try #require(BitmaskImmediate.encode(0x8000_0000, size: .w))
        #expect(top.n == 0 && top.immr == 1 && top.imms == 0)
        #expect(BitmaskImmediate.encode(0xFFFF_FFFF, size: .w) == nil)
        #expect(BitmaskImmediate.encode(0x1_0000_0000, size: .w) == nil)
    }
}
