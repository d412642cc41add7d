import Testing
import X64

@Suite("x64 encoding errors")
struct EncodingErrorTests {
    static func encode(_ i: Instruction) throws -> [UInt8] {
        try i.encode(at: Fixture.address, labels: Fixture.label)
    }

    static let unencodable: [(Instruction, String)] = [
        (Instruction(.add, .ptr(.dword, .rax), .ptr(.dword, .rcx)), "no form of `add`"),
        (Instruction(.add, .d(.rax), .q(.rcx)), "no form of `add`"),
        (Instruction(.lea, .q(.rax), .ptr(.qword, .rcx)), "no form of `lea`"),
        (Instruction(.imul, .b(.rax), .b(.rcx)), "no form of `imul`"),
        (Instruction(.add, .d(.rax), .imm(0x1_0000_0000)), "no form of `add`"),
        (Instruction(.add, .q(.rax), .imm(0x8000_0000)), "no form of `add`"),
        (Instruction(.mov, .ptr(.byte, .rax), .imm(300)), "no form of `mov`"),
        (Instruction(.shl, .d(.rax), .b(.rdx)), "no form of `shl`"),
        (Instruction(.push, .d(.rax)), "no form of `push`"),
        (Instruction(.mov, .ptr(.dword, .rax, index: .rsp, scale: 1), .d(.rcx)), "rsp cannot be an index"),
        (Instruction(.mov, .ptr(.dword, .rax, index: .rcx, scale: 3), .d(.rcx)), "scale 3"),
        (Instruction(.mov, .ptr(.dword, .rax, 0x1_0000_0000), .d(.rcx)), "does not fit in 32 bits"),
        (Instruction(.mov, .d(.rax), .ptr(.dword, .absolute(0x7FF0_0000_0000))), "rip-relative displacement"),
        (Instruction.call(0x7FF0_0000_0000), "rel32 offset"),
        (Instruction.j(.e, label: 3, short: true), "short branch offset"),
        (Instruction.j(.e, label: 9), "label 9 is not resolved"),
        (Instruction(.jcc, operands: [.label]), "needs a condition"),
        (Instruction(.jmp, .label), "has no target label"),
    ]

    @Test("bad operand combinations and ranges throw a clear error", arguments: unencodable)
    func rejects(_ pair: (Instruction, String)) {
        do {
            let bytes = try Self.encode(pair.0)
            Issue.record("expected an error, got \(bytes)")
        } catch let error as EncodingError {
            #expect(error.description.contains(pair.1), "\(error)")
            #expect(error.description.hasPrefix("x64 encoding error: "))
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test("unencodable instructions still print and cost nothing")
    func printsAnyway() {
        let bad = Instruction(.add, .ptr(.dword, .rax), .ptr(.dword, .rcx))
        #expect(bad.text(labelName: Fixture.labelName) == "add      dword ptr [rax], dword ptr [rcx]")
        #expect(bad.latency == 0 && bad.throughput == 0)
    }
}
