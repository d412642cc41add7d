import Testing
import X64

@Suite("x64 listing text")
struct ListingTextTests {
    @Test("immediates: decimal inside (-1000, 1000), else upper-case hex",
          arguments: [(Int64(0), "0"), (999, "999"), (-999, "-999"), (1000, "0x3E8"), (-1000, "-0x3E8"),
                      (0x7FF000101000, "0x7FF000101000"), (Int64.min, "-0x8000000000000000")])
    func immediates(_ pair: (Int64, String)) {
        #expect(Instruction.immediateText(pair.0) == pair.1)
    }

    @Test("displacements: hex with at least two digits",
          arguments: [(Int64(4), "+0x04"), (-4, "-0x04"), (0x10, "+0x10"), (0x100, "+0x100"), (-0x1000, "-0x1000")])
    func displacements(_ pair: (Int64, String)) {
        #expect(Instruction.displacementText(pair.0) == pair.1)
    }

    @Test("mnemonic column, comments, no trailing spaces")
    func layout() {
        let name = Fixture.labelName
        #expect(Instruction.ret.text(labelName: name) == "ret")
        #expect(Instruction.ret.commented("epilog").text(labelName: name) == "ret      ; epilog")
        #expect(Instruction(.movsxd, .q(.rax), .d(.rcx)).text(labelName: name) == "movsxd   rax, ecx")
        #expect(Instruction.cmov(.ae, .qword, .rax, .rcx).text(labelName: name) == "cmovae   rax, rcx")
        #expect(Instruction.call(0x2000, symbol: "Program:Add(int,int):int").commented("static")
            .text(labelName: name) == "call     Program:Add(int,int):int      ; static")
    }

    @Test("short and long branches print the label name")
    func branches() {
        var j = Instruction.j(.ne, label: 5, short: true)
        #expect(j.text(labelName: Fixture.labelName) == "jne      SHORT G_M1234_IG05")
        j.isShort = false
        #expect(j.text(labelName: Fixture.labelName) == "jne      G_M1234_IG05")
    }

    @Test("symbolic memory operands print the symbol")
    func symbols() {
        let m = Memory.absolute(0x3000, width: .dword)
        #expect(Instruction(.mov, .d(.rax), .mem(m), symbol: "Program:s_count").text(labelName: Fixture.labelName)
                    == "mov      eax, dword ptr [Program:s_count]")
    }
}
