import Testing
import X64

@Suite("x64 branches and cost model")
struct BranchAndCostTests {
    @Test("isBranch only for label jumps")
    func isBranch() {
        #expect(Instruction.j(.e, label: 1).isBranch)
        #expect(Instruction.jmp(label: 1).isBranch)
        #expect(!Instruction.jmp(.rax).isBranch)
        #expect(!Instruction.call(0x2000).isBranch)
        #expect(!Instruction.lea(.rax, label: 1).isBranch)
    }

    @Test("fitsShort measures rel8 from the end of the 2-byte form")
    func fitsShort() {
        let j = Instruction.j(.l, label: 1)
        #expect(j.fitsShort(from: 0x1000, to: 0x1002 + 127))
        #expect(!j.fitsShort(from: 0x1000, to: 0x1002 + 128))
        #expect(j.fitsShort(from: 0x1000, to: 0x1002 - 128))
        #expect(!j.fitsShort(from: 0x1000, to: 0x1002 - 129))
    }

    @Test("short and long forms: 2 and 6 bytes for jcc, 2 and 5 for jmp")
    func lengths() throws {
        for short in [true, false] {
            let jcc = try Instruction.j(.g, label: 1, short: short).encode(at: 0x1000, labels: Fixture.label)
            let jmp = try Instruction.jmp(label: 1, short: short).encode(at: 0x1000, labels: Fixture.label)
            #expect(jcc.count == (short ? 2 : 6))
            #expect(jmp.count == (short ? 2 : 5))
        }
    }

    @Test("widening to a fixed point: a short branch that stops fitting is widened")
    func widening() throws {
        // jmp over 127 bytes to a label: rel8 reaches it; over 128 bytes it must widen.
        for (padding, expectShort) in [(127, true), (128, false)] {
            var branch = Instruction.jmp(label: 7, short: true)
            var stable = false
            while !stable {
                let length = branch.isShort ? 2 : 5
                let label = UInt64(0x1000 + length + padding)
                stable = true
                if branch.isShort && !branch.fitsShort(from: 0x1000, to: label) {
                    branch.isShort = false
                    stable = false
                }
            }
            #expect(branch.isShort == expectShort)
            let label = UInt64(0x1000 + (branch.isShort ? 2 : 5) + padding)
            let bytes = try branch.encode(at: 0x1000, labels: { $0 == 7 ? label : nil })
            #expect(bytes.first == (expectShort ? 0xEB : 0xE9))
        }
    }

    @Test("cost model classes", arguments: [
        (Instruction(.add, .d(.rax), .d(.rcx)), 0.25, 1.0),
        (Instruction(.mov, .d(.rax), .ptr(.dword, .rbp, -4)), 0.5, 5.0),
        (Instruction(.mov, .ptr(.dword, .rbp, -4), .d(.rax)), 1.0, 2.0),
        (Instruction(.add, .ptr(.dword, .rbp, -4), .imm(1)), 1.0, 8.0),
        (Instruction(.cmp, .ptr(.dword, .rbp, -4), .imm(1)), 0.5, 6.0),
        (Instruction(.imul, .d(.rax), .d(.rcx)), 1.0, 3.0),
        (Instruction(.idiv, .q(.rcx)), 6.0, 26.0),
        (Instruction.j(.e, label: 1), 1.0, 1.0),
        (Instruction.call(0x2000), 1.0, 2.0),
        (Instruction.call(cell: 0x3000), 1.0, 7.0),
        (Instruction(.lea, .q(.rax), .addr(.rbp, -16)), 0.5, 1.0),
        (Instruction.nop, 0.25, 0.0),
    ])
    func costs(_ c: (Instruction, Double, Double)) {
        #expect(c.0.throughput == c.1)
        #expect(c.0.latency == c.2)
    }
}
