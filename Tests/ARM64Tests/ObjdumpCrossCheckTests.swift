import Testing
@testable import ARM64

/// Disassembles every triple with GNU objdump (once) and compares with our listing text.
@Suite("ARM64 objdump cross-check")
struct ObjdumpCrossCheckTests {
    static let base: UInt64 = 0x10000

    /// Label names printed as their absolute address, so objdump's numeric targets are
    /// compared exactly (normalisation rule 8 only forgives symbolic targets).
    static func numericLabel(_ id: Int) -> String {
        "0x" + String(tripleLabels(id) ?? 0, radix: 16, uppercase: true)
    }

    @Test("objdump decodes every triple to our listing text")
    func crossCheck() throws {
        var bytes: [UInt8] = []
        var texts: [String] = []
        for (i, t) in triples.enumerated() {
            let address = Self.base + UInt64(4 * i)
            bytes += try t.instruction.encode(at: address, labels: tripleLabels)
            texts.append(t.instruction.text(labelName: Self.numericLabel))
        }
        let lines = try ObjdumpCheck.disassemble(bytes, at: Self.base)
        #expect(lines.count == triples.count)
        var mismatches: [String] = []
        for (offset, text) in lines {
            let index = offset / 4
            guard offset % 4 == 0, index >= 0, index < texts.count else {
                mismatches.append("unexpected offset \(offset)")
                continue
            }
            if !ObjdumpCheck.matches(listing: texts[index], objdump: text) {
                mismatches.append("\(texts[index])  <>  \(text)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
    }
}
