import Testing
import X64

/// The normaliser accepts syntax differences only, and rejects real differences.
@Suite("x64 objdump normaliser")
struct ObjdumpNormalizerTests {
    static let equivalent: [(String, String)] = [
        ("mov      eax, edi", "mov    eax,edi"),
        ("       mov      eax, dword ptr [rbp-0x04]", "mov    eax,DWORD PTR [rbp-0x4]"),
        ("mov      rdi, 0x7FF000101000      ; Program+Derived", "movabs rdi,0x7ff000101000"),
        ("mov      dword ptr [rax+4*rcx+0x10], 5", "mov    DWORD PTR [rax+rcx*4+0x10],0x5"),
        ("mov      eax, dword ptr [rax+rcx]", "mov    eax,DWORD PTR [rax+rcx*1]"),
        ("mov      eax, dword ptr [rbp]", "mov    eax,DWORD PTR [rbp+0x0]"),
        ("add      ecx, -3", "add    ecx,0xfffffffd"),
        ("add      qword ptr [r14-0x80], -1", "add    QWORD PTR [r14-0x80],0xffffffffffffffff"),
        ("mov      byte ptr [rdi], 255", "mov    BYTE PTR [rdi],0xff"),
        ("call     [rax+0x30]", "call   QWORD PTR [rax+0x30]"),
        ("call     [Program:Add(int,int):int]", "call   QWORD PTR [rip+0x1000]        # 0x401006"),
        ("call     Program:Add(int,int):int", "call   0x401014"),
        ("jne      SHORT G_M1234_IG05", "jne    0x40001f"),
        ("je       SHORT 0x40001F", "je     0x40001f"),
        ("lea      rcx, [reloc @RWD00]", "lea    rcx,[rip+0x1000]        # 0x40100d"),
        ("ret", "ret"),
        ("ret", "retq"),
    ]

    static let different: [(String, String)] = [
        ("mov      eax, edi", "mov    eax,esi"),
        ("mov      eax, edi", "mov    rax,rdi"),
        ("mov      eax, dword ptr [rbp-0x04]", "mov    eax,QWORD PTR [rbp-0x4]"),
        ("mov      eax, dword ptr [rbp-0x04]", "mov    eax,DWORD PTR [rbp+0x4]"),
        ("mov      eax, dword ptr [rax+4*rcx]", "mov    eax,DWORD PTR [rax+rcx*8]"),
        ("add      ecx, 5", "add    ecx,0x6"),
        ("add      ecx, 5", "sub    ecx,0x5"),
        ("je       SHORT 0x40001F", "je     0x400020"),
        ("call     Program:Add(int,int):int", "call   rax"),
        ("call     [Program:Add(int,int):int]", "call   QWORD PTR [rax+0x10]"),
        ("sete     al", "sete   cl"),
        ("ret", "int3"),
        ("cdq", "cqo"),
    ]

    @Test("syntax differences are normalised away", arguments: equivalent)
    func same(_ pair: (String, String)) {
        #expect(ObjdumpCheck.matches(listing: pair.0, objdump: pair.1))
    }

    @Test("real differences are reported", arguments: different)
    func differ(_ pair: (String, String)) {
        #expect(!ObjdumpCheck.matches(listing: pair.0, objdump: pair.1))
    }

    @Test("normalised forms split mnemonic and top-level operands")
    func normalized() {
        let l = ObjdumpCheck.normalize(listing: "call     Program:Add(int,int):int      ; comment")
        #expect(l.mnemonic == "call")
        #expect(l.operands == ["program:add(int,int):int"])
        let o = ObjdumpCheck.normalize(objdump: "movabs rdi,0x7ff000101000")
        #expect(o == ObjdumpCheck.Normalized(mnemonic: "mov", operands: ["rdi", "0x7ff000101000"]))
        let rip = ObjdumpCheck.normalize(objdump: "lea    rcx,[rip+0x1000]        # 0x40100d")
        #expect(rip.operands == ["rcx", "[0x40100d]"])
    }

    @Test("disassemble reports offsets relative to the load address")
    func disassemble() throws {
        let bytes: [UInt8] = [0x55, 0x48, 0x8B, 0xEC, 0x74, 0x00, 0xC3]
        let lines = try ObjdumpCheck.disassemble(bytes, at: 0x7000)
        #expect(lines.map(\.offset) == [0, 1, 4, 6])
        #expect(lines.map(\.text).first == "push   rbp")
        #expect(ObjdumpCheck.matches(listing: "je       SHORT 0x7006", objdump: lines[2].text))
    }
}
