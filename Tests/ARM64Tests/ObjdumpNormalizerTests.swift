import Testing
import ARM64

/// The documented normalisation rules of `ObjdumpCheck`, one case each.
@Suite("ARM64 objdump normaliser")
struct ObjdumpNormalizerTests {
    @Test("equivalent spellings match", arguments: [
        ("ldr     x0, [fp, #0x10]", "ldr\tx0, [x29, #16]"),                 // registers, hex vs decimal
        ("stp     fp, lr, [sp, #-0x20]!", "stp\tx29, x30, [sp, #-32]!"),
        ("movk    x0, #0x7FF0 LSL #32", "movk\tx0, #0x7ff0, lsl #32"),       // shift punctuation, case
        ("mov     w0, #-1", "mov\tw0, #0xffffffff"),                         // 32-bit pattern
        ("mov     x0, #42", "mov\tx0, #0x2a                \t// #42"),         // objdump comment
        ("cset    x0, hs", "cset\tx0, cs"),                                  // condition alias
        ("b.lo    G_M1_IG02", "b.cc\t0x1040"),                                // symbolic target
        ("b.ne    0x1040", "b.ne\t0x1040"),                                  // numeric target
        ("bl      Program:Add(int,int):int", "bl\t0x2000"),                  // symbol with commas
        ("cbz     w3, G_M1_IG01", "cbz\tw3, 0x1100 <.data+0x1100>"),         // annotations
        ("ret     lr", "ret"),
        ("mov     x0, x1      // Program+Derived", "mov\tx0, x1"),
    ])
    func matches(_ listing: String, _ objdump: String) {
        #expect(ObjdumpCheck.matches(listing: listing, objdump: objdump))
    }

    @Test("real differences do not match", arguments: [
        ("ldr     x0, [fp, #0x10]", "ldr\tx0, [x29, #24]"),
        ("add     x0, x1, x2", "add\tx0, x2, x1"),
        ("mov     x0, #-1", "mov\tx0, #0xffffffff"),                       // 64-bit: different value
        ("b.ne    0x1040", "b.ne\t0x1044"),
        ("b.ne    G_M1_IG02", "b.eq\t0x1040"),
        ("cbz     x3, G_M1_IG01", "cbz\tx4, 0x1100"),
        ("ldur    x0, [fp, #-0x08]", "ldr\tx0, [x29, #-8]"),
        ("sxtw    x0, w1", "sxtw\tx0, x1"),
    ])
    func differs(_ listing: String, _ objdump: String) {
        #expect(!ObjdumpCheck.matches(listing: listing, objdump: objdump))
    }

    @Test("normalize produces one canonical spelling")
    func normalize() {
        #expect(ObjdumpCheck.normalize("stp     fp, lr, [sp, #-0x20]!") == "stp fp, lr, [sp, #-32]!")
        #expect(ObjdumpCheck.normalize("stp\tx29, x30, [sp, #-32]!") == "stp fp, lr, [sp, #-32]!")
        #expect(ObjdumpCheck.normalize("movk\tx0, #0x7ff0, lsl #32") == "movk x0, #32752 lsl #32")
        #expect(ObjdumpCheck.normalize("add     x0, x1, x2, LSL #3") == "add x0, x1, x2, lsl #3")
    }

    @Test("parse reads objdump's address, word and text columns")
    func parse() {
        let output = """

        x.bin:     file format binary


        Disassembly of section .data:

        0000000000001000 <.data>:
            1000:\t910003fd \tmov\tx29, sp
            1004:\td65f03c0 \tret

        """
        let lines = ObjdumpCheck.parse(output, base: 0x1000)
        #expect(lines.count == 2)
        #expect(lines.first?.offset == 0 && lines.first?.text == "mov x29, sp")
        #expect(lines.last?.offset == 4 && lines.last?.text == "ret")
    }

    @Test("disassemble runs objdump on real bytes")
    func disassemble() throws {
        let bytes: [UInt8] = [0xFD, 0x7B, 0xBE, 0xA9, 0xC0, 0x03, 0x5F, 0xD6]   // stp fp, lr, [sp, #-0x20]!; ret
        let lines = try ObjdumpCheck.disassemble(bytes, at: 0x4000)
        #expect(lines.map(\.offset) == [0, 4])
        #expect(ObjdumpCheck.matches(listing: "stp     fp, lr, [sp, #-0x20]!", objdump: lines[0].text))
        #expect(ObjdumpCheck.matches(listing: "ret     lr", objdump: lines[1].text))
    }
}

@Suite("ARM64 objdump normaliser: literal loads")
struct ObjdumpLiteralLoadTests {
    @Test("a literal load's symbolic target matches any address; the register must still agree")
    func literal() {
        #expect(ObjdumpCheck.matches(listing: "ldr     x0, G_M1_IG03", objdump: "ldr\tx0, 0x1100"))
        #expect(!ObjdumpCheck.matches(listing: "ldr     x1, G_M1_IG03", objdump: "ldr\tx0, 0x1100"))
        #expect(!ObjdumpCheck.matches(listing: "ldr     x0, [x1]", objdump: "ldr\tx0, 0x1100"))
    }
}
