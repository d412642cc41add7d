import Testing
@testable import ARM64

@Suite("ARM64 listing format")
struct ListingFormatTests {
    @Test("immediates: decimal inside (-1000, 1000), upper-case hex outside",
          arguments: [(Int64(0), "0"), (42, "42"), (999, "999"), (-999, "-999"), (1000, "0x3E8"),
                      (-1000, "-0x3E8"), (0x7FF0, "0x7FF0"), (Int64.min, "-0x8000000000000000")])
    func immediates(_ value: Int64, _ expected: String) {
        #expect(Listing.immediate(value) == expected)
    }

    @Test("displacements: hex with at least two digits",
          arguments: [(Int64(0), "#0x00"), (8, "#0x08"), (0x10, "#0x10"), (-8, "#-0x08"), (0x1F8, "#0x1F8")])
    func displacements(_ value: Int64, _ expected: String) {
        #expect(Listing.displacement(value) == expected)
    }

    @Test("register names at both widths")
    func registerNames() {
        #expect(Reg.x0.name(.x) == "x0" && Reg.x0.name(.w) == "w0")
        #expect(Reg.x28.name == "x28")
        #expect(Reg.fp.name(.x) == "fp" && Reg.fp.name(.w) == "w29")
        #expect(Reg.lr.name(.x) == "lr" && Reg.lr.name(.w) == "w30")
        #expect(Reg.sp.name(.x) == "sp" && Reg.sp.name(.w) == "wsp")
        #expect(Reg.zr.name(.x) == "xzr" && Reg.zr.name(.w) == "wzr")
        #expect(Reg.sp.number == 31 && Reg.zr.number == 31 && Reg.lr.number == 30)
        #expect(Reg.x(29) == .fp && Reg.x(31) == nil && Reg.x(-1) == nil)
    }

    @Test("conditions invert by flipping the low bit; al has no inverse")
    func conditions() {
        #expect(Cond.eq.inverted == .ne && Cond.hs.inverted == .lo && Cond.gt.inverted == .le)
        #expect(Cond.al.inverted == nil)
        #expect(Cond.allCases.map(\.name).joined(separator: " ") == "eq ne hs lo mi pl vs vc hi ls ge lt gt le al")
    }

    @Test("mnemonic column is 8 wide and long mnemonics keep one space")
    func columns() {
        let add = Instruction(.add, .w, .reg(.x0), .reg(.x0), .reg(.x1)).text(labelName: { _ in "" })
        #expect(add == "add     w0, w0, w1")
        let ldursb = Instruction(.ldursb, .x, .reg(.x0), .mem(.offset(.x1, 1))).text(labelName: { _ in "" })
        #expect(ldursb == "ldursb  x0, [x1, #0x01]")
    }

    @Test("target reads and replaces the label operand")
    func target() {
        var b = Instruction(.bcond, .cond(.ne), .label(5))
        #expect(b.target == 5)
        b.target = 7
        #expect(b.operands == [.cond(.ne), .label(7)])
        #expect(b.text(labelName: { "G_M1_IG0\($0)" }) == "b.ne    G_M1_IG07")
        var c = Instruction(.b)
        #expect(c.target == nil)
        c.target = 2
        #expect(c.operands == [.label(2)])
        c.target = nil
        #expect(c.operands.isEmpty)
        #expect(Instruction(.add, .x, .reg(.x0), .reg(.x1), .imm(1)).target == nil)
    }

    @Test("isBranch marks the PC-relative control transfers")
    func isBranch() {
        #expect(Instruction(.b, .label(1)).isBranch)
        #expect(Instruction(.bcond, .cond(.eq), .label(1)).isBranch)
        #expect(Instruction(.cbnz, .reg(.x0), .label(1)).isBranch)
        #expect(Instruction(.bl, .address(0, symbol: nil)).isBranch)
        #expect(!Instruction(.ret).isBranch)
        #expect(!Instruction(.add, .x, .reg(.x0), .reg(.x1), .imm(1)).isBranch)
        #expect(Instruction(.b, .label(1)).byteCount == 4)
    }

    @Test("cost model classes", arguments: [
        (Instruction(.add, .x, .reg(.x0), .reg(.x1), .reg(.x2)), 0.25, 1.0),
        (Instruction(.add, .x, .reg(.x0), .reg(.x1), .shifted(.x2, .lsl, 3)), 0.25, 1.0),
        (Instruction(.add, .x, .reg(.sp), .reg(.sp), .reg(.x1)), 0.5, 2.0),
        (Instruction(.mul, .x, .reg(.x0), .reg(.x1), .reg(.x2)), 1.0, 3.0),
        (Instruction(.sdiv, .w, .reg(.x0), .reg(.x1), .reg(.x2)), 8.0, 12.0),
        (Instruction(.ldr, .x, .reg(.x0), .mem(.offset(.fp, 16))), 0.5, 3.0),
        (Instruction(.ldp, .x, .reg(.fp), .reg(.lr), .mem(.post(.sp, 16))), 1.0, 3.0),
        (Instruction(.str, .x, .reg(.x0), .mem(.offset(.fp, 16))), 1.0, 2.0),
        (Instruction(.b, .label(1)), 1.0, 1.0),
        (Instruction(.bl, .address(0, symbol: "f")), 1.0, 2.0),
        (Instruction(.blr, .reg(.x1)), 1.0, 2.0),
    ])
    func costs(_ inst: Instruction, _ throughput: Double, _ latency: Double) {
        #expect(inst.throughput == throughput)
        #expect(inst.latency == latency)
    }

    @Test("AAPCS64 register roles")
    func abi() {
        #expect(AAPCS64.argumentRegisters == [.x0, .x1, .x2, .x3, .x4, .x5, .x6, .x7])
        #expect(AAPCS64.returnRegister == .x0)
        #expect(AAPCS64.calleeSaved.count == 10 && AAPCS64.calleeSaved.first == .x19 && AAPCS64.calleeSaved.last == .x28)
        #expect(Reg.x19.isCalleeSaved && Reg.fp.isCalleeSaved && !Reg.x9.isCalleeSaved)
        #expect(Reg.x16.isReserved && Reg.x17.isReserved && Reg.x18.isReserved && !Reg.x15.isReserved)
        #expect(Reg.x16.roleName == "ip0" && Reg.x17.roleName == "ip1" && Reg.x18.roleName == "platform")
        #expect(Set(AAPCS64.allocatable).isDisjoint(with: AAPCS64.reserved))
        #expect(AAPCS64.allocatable.count == 26)
    }
}
