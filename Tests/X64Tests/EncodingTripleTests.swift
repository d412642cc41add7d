import Testing
import X64

@Suite("x64 encoding triples")
struct EncodingTripleTests {
    @Test("bytes match", arguments: encodingTriples)
    func bytes(_ t: Triple) throws {
        let bytes = try t.instruction.encode(at: Fixture.address, labels: Fixture.label)
        #expect(bytes == t.bytes, "\(t.text): got \(bytes.map { String($0, radix: 16) })")
    }

    @Test("listing text matches", arguments: encodingTriples)
    func text(_ t: Triple) {
        #expect(t.instruction.text(labelName: Fixture.labelName) == t.text)
    }

    @Test("every form-table row is exercised at every operand size it accepts")
    func coverage() throws {
        var seen: Set<String> = []
        var rows: Set<Int> = []
        for t in encodingTriples {
            let index = try t.instruction.formIndex()
            rows.insert(index)
            // The operand size is the width of the first register/memory operand with a size.
            let sizes = Instruction.formSizes(index)
            for op in t.instruction.operands {
                if case .reg(_, let w) = op, sizes.contains(w) { seen.insert("\(index)/\(w)"); break }
                if case .mem(let m) = op, let w = m.width, sizes.contains(w) { seen.insert("\(index)/\(w)"); break }
            }
        }
        var missing: [String] = []
        for index in 0..<Instruction.formCount {
            if !rows.contains(index) { missing.append("row \(index)") }
            for w in Instruction.formSizes(index) where !seen.contains("\(index)/\(w)") {
                missing.append("row \(index) at \(w)")
            }
        }
        #expect(missing.isEmpty, "not covered: \(missing)")
    }

    @Test("all sixteen conditions are covered for jcc short and long, setcc and cmovcc")
    func conditions() {
        for mnemonic in [Mnemonic.setcc, .cmovcc] {
            let covered = Set(encodingTriples.compactMap { $0.instruction.mnemonic == mnemonic ? $0.instruction.condition : nil })
            #expect(covered.count == 16, "\(mnemonic)")
        }
        for short in [true, false] {
            let covered = Set(encodingTriples.compactMap {
                $0.instruction.mnemonic == .jcc && $0.instruction.isShort == short ? $0.instruction.condition : nil
            })
            #expect(covered.count == 16, "jcc short=\(short)")
        }
    }
}
