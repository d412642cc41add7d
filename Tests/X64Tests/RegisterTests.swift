import Testing
import X64

@Suite("x64 register metadata")
struct RegisterTests {
    @Test("names at every width")
    func names() {
        #expect(Reg.allCases.map { $0.name(.qword) } ==
            ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"])
        #expect(Reg.allCases.map { $0.name(.dword) } ==
            ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
             "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"])
        #expect(Reg.allCases.map { $0.name(.word) } ==
            ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"])
        #expect(Reg.allCases.map { $0.name(.byte) } ==
            ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
             "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"])
    }

    @Test("hardware numbers and names round-trip")
    func numbers() {
        #expect(Reg.r12.number == 12 && Reg.r12.isExtended && !Reg.rdi.isExtended)
        for r in Reg.allCases {
            for w in Width.allCases {
                let found = Reg.named(r.name(w))
                #expect(found?.0 == r && found?.1 == w)
            }
        }
        #expect(Reg.named("xmm0") == nil)
    }

    @Test("System V ABI roles")
    func abi() {
        #expect(Reg.argumentRegisters == [.rdi, .rsi, .rdx, .rcx, .r8, .r9])
        #expect(Reg.returnRegister == .rax)
        #expect(Reg.allCases.filter(\.isCalleeSaved) == [.rbx, .rbp, .r12, .r13, .r14, .r15])
        #expect(Set(Reg.calleeSaved) == Set(Reg.allCases.filter(\.isCalleeSaved)))
        #expect(Reg.callerSaved == [.rax, .rcx, .rdx, .rsi, .rdi, .r8, .r9, .r10, .r11])
    }

    @Test("conditions invert pairwise and print JitDisasm mnemonics")
    func conditions() {
        #expect(Condition.allCases.map { Mnemonic.jcc.spelling($0) } ==
            ["jo", "jno", "jb", "jae", "je", "jne", "jbe", "ja", "js", "jns", "jp", "jnp", "jl", "jge", "jle", "jg"])
        #expect(Condition.e.inverted == .ne && Condition.l.inverted == .ge && Condition.a.inverted == .be)
        for c in Condition.allCases { #expect(c.inverted.inverted == c && c.inverted != c) }
    }
}
