import Testing
@testable import ARM64

/// Bad operands are reported as `EncodingError`s, never crashes.
@Suite("ARM64 encoding errors")
struct EncodingErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        let instruction: Instruction
        let kind: EncodingError.Kind
        let fragment: String
        let description: String

        init(_ description: String, _ instruction: Instruction, _ kind: EncodingError.Kind, _ fragment: String) {
            self.description = description
            self.instruction = instruction
            self.kind = kind
            self.fragment = fragment
        }
    }

    static let cases: [Case] = [
        Case("zero is not a bitmask immediate", Instruction(.and, .x, .reg(.x0), .reg(.x1), .imm(0)), .unencodable, "bitmask"),
        Case("all ones is not a bitmask immediate", Instruction(.orr, .x, .reg(.x0), .reg(.x1), .imm(-1)), .unencodable, "bitmask"),
        Case("0x1234 is not a run of ones", Instruction(.eor, .w, .reg(.x0), .reg(.x1), .imm(0x1234)), .unencodable, "bitmask"),
        Case("32-bit bitmask with high bits", Instruction(.tst, .w, .reg(.x0), .imm(0x1_0000_0000)), .unencodable, "bitmask"),
        Case("add immediate too large", Instruction(.add, .x, .reg(.x0), .reg(.x1), .imm(0x1001000)), .outOfRange, "12-bit"),
        Case("add negative immediate", Instruction(.add, .x, .reg(.x0), .reg(.x1), .imm(-1)), .outOfRange, "12-bit"),
        Case("add immediate bad shift", Instruction(.add, .x, .reg(.x0), .reg(.x1), .shiftedImm(1, lsl: 8)), .outOfRange, "LSL"),
        Case("shift amount too large", Instruction(.add, .w, .reg(.x0), .reg(.x1), .shifted(.x2, .lsl, 32)), .outOfRange, "shift amount"),
        Case("lsl immediate too large", Instruction(.lsl, .x, .reg(.x0), .reg(.x1), .imm(64)), .outOfRange, "shift amount"),
        Case("extend amount too large", Instruction(.add, .x, .reg(.x0), .reg(.sp), .extended(.x1, .uxtw, 5)), .outOfRange, "extend amount"),
        Case("ldr offset too large", Instruction(.ldr, .x, .reg(.x0), .mem(.offset(.x1, 0x10000))), .outOfRange, "offset"),
        Case("ldr offset too negative", Instruction(.ldr, .x, .reg(.x0), .mem(.offset(.x1, -257))), .outOfRange, "offset"),
        Case("pre-index out of range", Instruction(.str, .x, .reg(.x0), .mem(.pre(.sp, -512))), .outOfRange, "offset"),
        Case("pair offset misaligned", Instruction(.stp, .x, .reg(.fp), .reg(.lr), .mem(.pre(.sp, -12))), .outOfRange, "multiple of 8"),
        Case("pair offset out of range", Instruction(.ldp, .x, .reg(.x0), .reg(.x1), .mem(.offset(.sp, 0x200))), .outOfRange, "pair offset"),
        Case("register offset bad shift", Instruction(.ldr, .x, .reg(.x0), .mem(.indexed(.x1, .x2, lsl: 2))), .outOfRange, "shift"),
        Case("register offset bad extend", Instruction(.ldr, .x, .reg(.x0), .mem(Memory(.x1, .register(.x2, .uxtb, 0)))), .unencodable, "extend"),
        Case("movk immediate too wide", Instruction(.movk, .x, .reg(.x0), .imm(0x10000)), .outOfRange, "wide immediate"),
        Case("movk shift 32 on w", Instruction(.movk, .w, .reg(.x0), .shiftedImm(1, lsl: 32)), .outOfRange, "multiple of 16"),
        Case("mov needs movk", Instruction(.mov, .x, .reg(.x0), .imm(0x12345678)), .unencodable, "movz+movk"),
        Case("mov w immediate wider than 32 bits", Instruction(.mov, .w, .reg(.x0), .imm(0x1_0000_0000)), .outOfRange, "32 bits"),
        Case("cset al", Instruction(.cset, .x, .reg(.x0), .cond(.al)), .unencodable, "al"),
        Case("fmov immediate 0.1", Instruction(.fmov, .x, .fp(0, .d), .imm(Int64(bitPattern: (0.1).bitPattern))), .unencodable, "fmov immediate"),
        Case("fadd of mixed precisions", Instruction(.fadd, .x, .fp(0, .d), .fp(1, .s), .fp(2, .d)), .operandMismatch, "no form of `fadd`"),
        Case("brk immediate too large", Instruction(.brk, .imm(0x10000)), .outOfRange, "immediate"),
        Case("smull has no 32-bit form", Instruction(.smull, .w, .reg(.x0), .reg(.x1), .reg(.x2)), .operandMismatch, "32-bit"),
        Case("sxtw has no 32-bit form", Instruction(.sxtw, .w, .reg(.x0), .reg(.x1)), .operandMismatch, "32-bit"),
        Case("uxtb has no 64-bit form", Instruction(.uxtb, .x, .reg(.x0), .reg(.x1)), .operandMismatch, "64-bit"),
        Case("sp as shifted operand", Instruction(.orr, .x, .reg(.x0), .reg(.x1), .reg(.sp)), .operandMismatch, "no form"),
        Case("xzr as a base register", Instruction(.ldr, .x, .reg(.x0), .mem(.offset(.zr, 8))), .operandMismatch, "no form"),
        Case("wrong operand count", Instruction(.add, .x, .reg(.x0), .reg(.x1)), .operandMismatch, "no form"),
        Case("wrong operand kind", Instruction(.b, .imm(4)), .operandMismatch, "no form"),
        Case("unresolved label", Instruction(.b, .label(99)), .unresolvedLabel, "label 99"),
    ]

    @Test("bad operands throw a clear error", arguments: cases)
    func rejects(_ c: Case) {
        do {
            let bytes = try c.instruction.encode(at: 0x1000, labels: { $0 == 1 ? 0x2000 : nil })
            Issue.record("expected an error, got \(bytes)")
        } catch let error as EncodingError {
            #expect(error.kind == c.kind)
            #expect(error.description.contains(c.fragment), "\(error)")
            #expect(error.description.hasPrefix("arm64 encoding error: "))
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test("unencodable instructions still print a listing line", arguments: cases)
    func printsAnyway(_ c: Case) {
        let text = c.instruction.text(labelName: { "L\($0)" })
        #expect(text.hasPrefix(c.instruction.mnemonic == .bcond ? "b." : c.instruction.mnemonic.rawValue))
        #expect(!text.hasSuffix(" "))
    }

    @Test("branch ranges: b is ±128 MiB, b.cond/cbz ±1 MiB, adr ±1 MiB")
    func branchRanges() throws {
        let pc: UInt64 = 0x1000_0000
        let farB = pc + (1 << 27) - 4
        #expect(throws: Never.self) { try Instruction(.b, .label(1)).encode(at: pc, labels: { _ in farB }) }
        #expect(throws: EncodingError.self) { try Instruction(.b, .label(1)).encode(at: pc, labels: { _ in farB + 4 }) }
        #expect(throws: Never.self) { try Instruction(.b, .label(1)).encode(at: pc, labels: { _ in pc - (1 << 27) }) }
        let farCond = pc + (1 << 20) - 4
        #expect(throws: Never.self) { try Instruction(.bcond, .cond(.ne), .label(1)).encode(at: pc, labels: { _ in farCond }) }
        #expect(throws: EncodingError.self) { try Instruction(.bcond, .cond(.ne), .label(1)).encode(at: pc, labels: { _ in farCond + 4 }) }
        #expect(throws: EncodingError.self) { try Instruction(.cbz, .reg(.x0), .label(1)).encode(at: pc, labels: { _ in pc - (1 << 20) - 4 }) }
        #expect(throws: EncodingError.self) { try Instruction(.b, .label(1)).encode(at: pc, labels: { _ in pc + 2 }) }
        #expect(throws: Never.self) { try Instruction(.adr, .reg(.x0), .label(1)).encode(at: pc, labels: { _ in pc + (1 << 20) - 1 }) }
        #expect(throws: EncodingError.self) { try Instruction(.adr, .reg(.x0), .label(1)).encode(at: pc, labels: { _ in pc + (1 << 20) }) }
    }

    @Test("the last word of b's range encodes as imm26 = 0x1FFFFFF")
    func branchEdgeEncoding() throws {
        let word = try Instruction(.b, .label(1)).encodeWord(at: 0, labels: { _ in (1 << 27) - 4 })
        #expect(word == 0x15FF_FFFF)
        let back = try Instruction(.b, .label(1)).encodeWord(at: 1 << 27, labels: { _ in 0 })
        #expect(back == 0x1600_0000)
    }
}
