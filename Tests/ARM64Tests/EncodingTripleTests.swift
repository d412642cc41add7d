import Testing
@testable import ARM64

@Suite("ARM64 encoding triples")
struct EncodingTripleTests {
    @Test("bytes match the GNU assembler", arguments: triples)
    func bytes(_ t: Triple) throws {
        let bytes = try t.instruction.encode(at: tripleAddress, labels: tripleLabels)
        let expected = [UInt8(t.word & 0xFF), UInt8((t.word >> 8) & 0xFF), UInt8((t.word >> 16) & 0xFF), UInt8(t.word >> 24)]
        #expect(bytes == expected, "\(t.text): got \(hexWord(bytes)) expected \(hexWord(expected))")
    }

    @Test("listing text is JitDisasm's", arguments: triples)
    func text(_ t: Triple) {
        #expect(t.instruction.text(labelName: tripleLabelName) == t.text)
    }

    @Test("every row of the form table, at every size it has, is covered by a triple")
    func coverage() throws {
        var covered = Set<String>()
        for t in triples {
            let index = try t.instruction.selectFormIndex().get()
            covered.insert("\(index)/\(t.instruction.size)")
        }
        var missing: [String] = []
        for (index, form) in formTable.enumerated() {
            for size in OperandSize.allCases where form.base(size) != nil {
                // Size-independent rows (branches, brk, nop) list the same word for both sizes.
                if form.w == form.x && size == .w { continue }
                if !covered.contains("\(index)/\(size)") { missing.append("\(form.text) \(size) row \(index)") }
            }
        }
        #expect(missing.isEmpty, "uncovered forms: \(missing)")
    }

    @Test("every mnemonic has at least one row")
    func mnemonicsHaveRows() {
        for m in Mnemonic.allCases {
            #expect(!(formsByMnemonic[m] ?? []).isEmpty, "\(m.rawValue) has no form")
        }
    }

    func hexWord(_ bytes: [UInt8]) -> String {
        bytes.reversed().map { b in
            let s = String(b, radix: 16, uppercase: true)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }
}
