import Testing
@testable import ARM64

/// Sweeps every mnemonic and size over a pool of operand combinations: nothing crashes,
/// and everything that encodes is decoded by objdump to our listing text.
@Suite("ARM64 operand sweep")
struct OperandSweepTests {
    static let pool: [Operand] = [
        .reg(.x1), .reg(.sp), .reg(.zr), .reg(.lr), .imm(0), .imm(7), .imm(-8), .imm(0x1000), .imm(0xFF00),
        .shiftedImm(3, lsl: 16), .shifted(.x2, .asr, 5), .extended(.x3, .sxtw, 2), .cond(.gt),
        .mem(.offset(.x4, 24)), .mem(.offset(.fp, -24)), .mem(.pre(.sp, -16)), .mem(.post(.sp, 16)),
        .mem(.indexed(.x5, .x6, lsl: 2)), .label(1), .address(0x3000, symbol: "Program:Main():int"),
    ]

    /// All operand lists of length 0...2 plus every seventh list of length 3 and 4 (deterministic).
    static func operandLists() -> [[Operand]] {
        var lists: [[Operand]] = [[]]
        for a in pool { lists.append([a]) }
        for a in pool { for b in pool { lists.append([a, b]) } }
        var n = 0
        for a in pool { for b in pool { for c in pool {
            n += 1
            if n % 7 == 0 { lists.append([a, b, c]) }
        } } }
        for a in [Operand.reg(.x1), .reg(.zr)] { for b in [Operand.reg(.x2), .reg(.sp)] {
            for c in [Operand.reg(.x3), .imm(4)] { for d in [Operand.reg(.x4), .cond(.ne)] { lists.append([a, b, c, d]) } }
        } }
        return lists
    }

    @Test("every mnemonic x size x operand list: no crash, and objdump agrees on all that encode")
    func sweep() throws {
        let base: UInt64 = 0x2000
        var bytes: [UInt8] = []
        var texts: [String] = []
        var rejected = 0
        let labels: (Int) -> UInt64? = { $0 == 1 ? 0x1000 : nil }
        for m in Mnemonic.allCases {
            for size in OperandSize.allCases {
                for ops in Self.operandLists() {
                    let inst = Instruction(m, size, operands: ops)
                    let address = base + UInt64(bytes.count)
                    let text = inst.text(labelName: { "0x" + String(labels($0) ?? 0, radix: 16) })
                    #expect(!text.isEmpty && !text.hasSuffix(" "))
                    guard let encoded = try? inst.encode(at: address, labels: labels) else { rejected += 1; continue }
                    bytes += encoded
                    texts.append(text)
                }
            }
        }
        #expect(texts.count > 1000)
        #expect(rejected > 0)
        let lines = try ObjdumpCheck.disassemble(bytes, at: base)
        #expect(lines.count == texts.count)
        var mismatches = Set<String>()
        for (offset, text) in lines where offset / 4 < texts.count {
            if !ObjdumpCheck.matches(listing: texts[offset / 4], objdump: text) {
                mismatches.insert("\(texts[offset / 4])  <>  \(text)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.sorted().prefix(60).joined(separator: "\n"))")
    }
}
