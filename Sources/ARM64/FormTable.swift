/// The A64 instruction forms, defined once, as data.
///
/// Every encodable (mnemonic, operand pattern, size) is one row: its printed mnemonic,
/// the base word for the 32-bit and 64-bit variants (nil when that size does not exist),
/// the operand slots in listing order (each slot says which operand kind it takes and
/// which bit fields it fills), the log2 access size for memory forms, and a cost class.
/// `Encoder.swift` interprets the rows; nothing else knows about bit positions.
///
/// Rows for one mnemonic are tried in order and the first whose operands fit wins, so the
/// order encodes preferences: `add` tries the immediate form, then the shifted register
/// form, then the extended register form (the only one that accepts `sp` as a register
/// operand); `ldr` tries the scaled unsigned offset, then the unscaled `ldur` form.

/// How a register field treats encoding 31.
enum R31: Sendable { case zr, sp }

/// Register width printed and checked for a register slot.
enum Width: Sendable { case sized, w, x }

/// The bit positions a register number is written at, written as a list (`[5, 16]`) and kept as a
/// mask: a slot is copied for every row selection tries, and an array payload made that a retain.
struct FieldPositions: ExpressibleByArrayLiteral, Sendable {
    /// Bit `k` set: the field starts at bit `k` of the instruction word.
    let mask: UInt32

    init(arrayLiteral positions: UInt32...) { mask = positions.reduce(0) { $0 | 1 << $1 } }

    /// `value` shifted to each position, combined.
    func place(_ value: UInt32) -> UInt32 {
        var word: UInt32 = 0, rest = mask
        while rest != 0 {
            word |= value << UInt32(rest.trailingZeroBitCount)
            rest &= rest - 1
        }
        return word
    }
}

/// One operand slot of a form: what it accepts and which fields it fills.
enum Slot: Sendable {
    /// A register written at each bit position listed (usually one; `cinc` writes Rn and Rm).
    case reg(FieldPositions, R31, Width)
    /// Arithmetic immediate: imm12 at 10, shift-by-12 flag at 22.
    case addImm
    /// Logical (bitmask) immediate: N at 22, immr at 16, imms at 10.
    case logicImm
    /// Shifted register: Rm at 16, shift type at 22, amount at 10.
    case shiftedReg(allowROR: Bool)
    /// Extended register: Rm at 16, option at 13, amount at 10.
    case extendedReg
    /// Explicit 16-bit wide immediate with optional `LSL #16*k`: imm16 at 5, hw at 21.
    case wideImm
    /// `mov` immediate through movz: value -> imm16/hw.
    case movZ
    /// `mov` immediate through movn: ~value -> imm16/hw.
    case movN
    /// Condition code at bit position; `invert` for aliases that encode the opposite condition.
    case cond(at: UInt32, invert: Bool)
    /// Condition code printed as the mnemonic suffix (`b.ne`), encoded at bit 0.
    case condSuffix
    /// Shift amount of an `lsl`/`lsr`/`asr` immediate alias of ubfm/sbfm: immr at 16, imms at 10.
    case shiftImm(ShiftKind)
    /// `[Rn, #imm12 * size]`: Rn at 5, imm12 at 10.
    case memUnsigned
    /// `[Rn, #simm9]` unscaled: Rn at 5, imm9 at 12.
    case memUnscaled
    /// `[Rn, #simm9]!`: Rn at 5, imm9 at 12 (the index bits are in the base word).
    case memPre
    /// `[Rn], #simm9`.
    case memPost
    /// `[Rn, Rm{, ext #s}]`: Rn at 5, Rm at 16, option at 13, S at 12.
    case memRegister
    /// `[Rn, #simm7 * size]` pair forms: Rn at 5, imm7 at 15.
    case pairOffset
    case pairPre
    case pairPost
    /// PC-relative word offset, 26 bits at 0 (`b`, `bl`).
    case branch26
    /// PC-relative word offset, 19 bits at 5 (`b.cond`, `cbz`, `cbnz`).
    case branch19
    /// PC-relative byte offset, 21 bits split immlo at 29 / immhi at 5 (`adr`).
    case adr21
    /// 16-bit immediate at 5 (`brk`).
    case imm16
    /// Text printed as an operand that consumes no operand (`ret` prints `lr`).
    case fixedText(String)
    /// A SIMD&FP register written at each bit position listed; `FPRule` says how its precision is encoded.
    case fp(FieldPositions, FPRule)
    /// `fmov`'s floating-point immediate: an `.imm` operand holding a float64 bit pattern, encoded as
    /// imm8 at 13 (`FPImmediate`); printed `#1.0000` as JitDisasm prints it.
    case fpImm8
}

/// How a floating-point register slot relates to the precision of its operand.
enum FPRule: Sendable, Equatable {
    /// Data processing: any precision, encoded in `ftype` (bit 22 set for double); every
    /// `ftype` slot of the row must have the same precision.
    case ftype
    /// Loads and stores: the precision follows the instruction size (`w` is `s`, `x` is `d`).
    case bySize
    /// Exactly this precision, encoded by the row itself (`fcvt d0, s1`).
    case fixed(FPSize)
}

/// One row of the form table.
/// A class, not a struct: selection hands rows around, and copying a row's arrays showed in the profile.
final class Form: Sendable {
    let mnemonic: Mnemonic
    /// The mnemonic printed in listings (`ldur` for the unscaled row of `ldr`, `mov` for aliases).
    let text: String
    let w: UInt32?
    let x: UInt32?
    let slots: [Slot]
    /// log2 of the memory access size for the 32-bit and 64-bit variants (0 for non-memory forms).
    let scaleW: UInt32
    let scaleX: UInt32
    let cost: CostClass
    /// How many operands the row takes: its slots less the fixed-text ones.
    let operandCount: Int

    init(mnemonic: Mnemonic, text: String, w: UInt32?, x: UInt32?, slots: [Slot], scaleW: UInt32, scaleX: UInt32,
         cost: CostClass) {
        self.mnemonic = mnemonic
        self.text = text
        self.w = w
        self.x = x
        self.slots = slots
        self.scaleW = scaleW
        self.scaleX = scaleX
        self.cost = cost
        operandCount = slots.filter { if case .fixedText = $0 { false } else { true } }.count
    }

    func base(_ size: OperandSize) -> UInt32? { size == .w ? w : x }
    func scale(_ size: OperandSize) -> UInt32 { size == .w ? scaleW : scaleX }
}

// Common slots.
private let rd = Slot.reg([0], .zr, .sized)
private let rdSP = Slot.reg([0], .sp, .sized)
private let rn = Slot.reg([5], .zr, .sized)
private let rnSP = Slot.reg([5], .sp, .sized)
private let rnX = Slot.reg([5], .zr, .x)
private let rnW = Slot.reg([5], .zr, .w)
private let rm = Slot.reg([16], .zr, .sized)
private let rmW = Slot.reg([16], .zr, .w)
private let ra = Slot.reg([10], .zr, .sized)
private let rt = Slot.reg([0], .zr, .sized)
private let rtW = Slot.reg([0], .zr, .w)
private let rt2 = Slot.reg([10], .zr, .sized)
private let shifted = Slot.shiftedReg(allowROR: false)
private let shiftedLogic = Slot.shiftedReg(allowROR: true)

private func row(_ m: Mnemonic, _ text: String? = nil, _ w: UInt32?, _ x: UInt32?, _ slots: [Slot],
                 _ cost: CostClass, scale: (UInt32, UInt32) = (0, 0)) -> Form {
    Form(mnemonic: m, text: text ?? m.rawValue, w: w, x: x, slots: slots,
         scaleW: scale.0, scaleX: scale.1, cost: cost)
}

/// Rows for a load/store with the scaled-unsigned, unscaled, pre, post and register forms.
///
/// `unsigned` is the base word of the `[Rn, #uimm12]` form; the others derive from it by
/// the architecture's fixed bit differences (bit 24 clear for the 9-bit forms; bits 11:10
/// select unscaled 00 / post 01 / pre 11; bit 21 plus bits 11:10 = 10 select register offset).
private func loadStore(_ m: Mnemonic, unscaledName: String, unsigned w: UInt32?, _ x: UInt32?,
                       reg: Slot, scale: (UInt32, UInt32), cost: CostClass) -> [Form] {
    func derive(_ b: UInt32?, _ bits: UInt32) -> UInt32? { b.map { ($0 & ~(1 << 24)) | bits } }
    return [
        row(m, nil, w, x, [reg, .memUnsigned], cost, scale: scale),
        row(m, unscaledName, derive(w, 0), derive(x, 0), [reg, .memUnscaled], cost, scale: scale),
        row(m, nil, derive(w, 0xC00), derive(x, 0xC00), [reg, .memPre], cost, scale: scale),
        row(m, nil, derive(w, 0x400), derive(x, 0x400), [reg, .memPost], cost, scale: scale),
        row(m, nil, derive(w, 0x0020_0800), derive(x, 0x0020_0800), [reg, .memRegister], cost, scale: scale),
    ]
}

/// The unscaled-only row of an explicit `ldur`/`stur` family mnemonic.
private func unscaled(_ m: Mnemonic, unsigned w: UInt32?, _ x: UInt32?, reg: Slot, cost: CostClass) -> Form {
    row(m, nil, w.map { $0 & ~(1 << 24) }, x.map { $0 & ~(1 << 24) }, [reg, .memUnscaled], cost)
}

/// Pair rows (signed offset, pre-index, post-index).
private func pair(_ m: Mnemonic, w: UInt32, x: UInt32, cost: CostClass) -> [Form] {
    // Base words are the signed-offset form; post-index clears bit 24 and sets 23, pre-index sets 23.
    [
        row(m, nil, w, x, [rt, rt2, .pairOffset], cost, scale: (2, 3)),
        row(m, nil, w | 0x0080_0000, x | 0x0080_0000, [rt, rt2, .pairPre], cost, scale: (2, 3)),
        row(m, nil, (w & ~(1 << 24)) | 0x0080_0000, (x & ~(1 << 24)) | 0x0080_0000, [rt, rt2, .pairPost], cost, scale: (2, 3)),
    ]
}

/// Immediate, shifted-register and extended-register rows of one add/sub variant.
private func arith(_ m: Mnemonic, imm: (UInt32, UInt32), reg: (UInt32, UInt32), destSP: Bool) -> [Form] {
    [
        row(m, nil, imm.0, imm.1, [destSP ? rdSP : rd, rnSP, .addImm], .alu),
        row(m, nil, reg.0, reg.1, [rd, rn, shifted], .alu),
        row(m, nil, reg.0 | 0x0020_0000, reg.1 | 0x0020_0000, [destSP ? rdSP : rd, rnSP, .extendedReg], .aluShifted),
    ]
}

/// Compare aliases: the flag-setting variant with Rd = zero register.
private func compare(_ m: Mnemonic, imm: (UInt32, UInt32), reg: (UInt32, UInt32)) -> [Form] {
    [
        row(m, nil, imm.0 | 31, imm.1 | 31, [rnSP, .addImm], .alu),
        row(m, nil, reg.0 | 31, reg.1 | 31, [rn, shifted], .alu),
        row(m, nil, reg.0 | 0x0020_001F, reg.1 | 0x0020_001F, [rnSP, .extendedReg], .aluShifted),
    ]
}

/// Logical rows: bitmask immediate (absent for `bic`/`orn`) and shifted register.
private func logical(_ m: Mnemonic, imm: (UInt32, UInt32)?, reg: (UInt32, UInt32), destSP: Bool) -> [Form] {
    var rows: [Form] = []
    if let imm { rows.append(row(m, nil, imm.0, imm.1, [destSP ? rdSP : rd, rn, .logicImm], .alu)) }
    rows.append(row(m, nil, reg.0, reg.1, [rd, rn, shiftedLogic], .alu))
    return rows
}

/// The whole table, in preference order per mnemonic.
let formTable: [Form] = {
    var t: [Form] = []
    // add/sub family.
    t += arith(.add, imm: (0x1100_0000, 0x9100_0000), reg: (0x0B00_0000, 0x8B00_0000), destSP: true)
    t += arith(.adds, imm: (0x3100_0000, 0xB100_0000), reg: (0x2B00_0000, 0xAB00_0000), destSP: false)
    t += arith(.sub, imm: (0x5100_0000, 0xD100_0000), reg: (0x4B00_0000, 0xCB00_0000), destSP: true)
    t += arith(.subs, imm: (0x7100_0000, 0xF100_0000), reg: (0x6B00_0000, 0xEB00_0000), destSP: false)
    t += compare(.cmp, imm: (0x7100_0000, 0xF100_0000), reg: (0x6B00_0000, 0xEB00_0000))
    t += compare(.cmn, imm: (0x3100_0000, 0xB100_0000), reg: (0x2B00_0000, 0xAB00_0000))
    t.append(row(.neg, nil, 0x4B00_03E0, 0xCB00_03E0, [rd, shifted], .alu))
    t.append(row(.negs, nil, 0x6B00_03E0, 0xEB00_03E0, [rd, shifted], .alu))
    // Multiply and divide.
    t.append(row(.mul, nil, 0x1B00_7C00, 0x9B00_7C00, [rd, rn, rm], .multiply))
    t.append(row(.mneg, nil, 0x1B00_FC00, 0x9B00_FC00, [rd, rn, rm], .multiply))
    t.append(row(.madd, nil, 0x1B00_0000, 0x9B00_0000, [rd, rn, rm, ra], .multiply))
    t.append(row(.msub, nil, 0x1B00_8000, 0x9B00_8000, [rd, rn, rm, ra], .multiply))
    t.append(row(.smull, nil, nil, 0x9B20_7C00, [rd, rnW, rmW], .multiply))
    t.append(row(.umull, nil, nil, 0x9BA0_7C00, [rd, rnW, rmW], .multiply))
    t.append(row(.sdiv, nil, 0x1AC0_0C00, 0x9AC0_0C00, [rd, rn, rm], .divide))
    t.append(row(.udiv, nil, 0x1AC0_0800, 0x9AC0_0800, [rd, rn, rm], .divide))
    // Logical.
    t += logical(.and, imm: (0x1200_0000, 0x9200_0000), reg: (0x0A00_0000, 0x8A00_0000), destSP: true)
    t += logical(.orr, imm: (0x3200_0000, 0xB200_0000), reg: (0x2A00_0000, 0xAA00_0000), destSP: true)
    t += logical(.eor, imm: (0x5200_0000, 0xD200_0000), reg: (0x4A00_0000, 0xCA00_0000), destSP: true)
    t += logical(.ands, imm: (0x7200_0000, 0xF200_0000), reg: (0x6A00_0000, 0xEA00_0000), destSP: false)
    t += logical(.bic, imm: nil, reg: (0x0A20_0000, 0x8A20_0000), destSP: false)
    t += logical(.orn, imm: nil, reg: (0x2A20_0000, 0xAA20_0000), destSP: false)
    t.append(row(.tst, nil, 0x7200_001F, 0xF200_001F, [rn, .logicImm], .alu))
    t.append(row(.tst, nil, 0x6A00_001F, 0xEA00_001F, [rn, shiftedLogic], .alu))
    t.append(row(.mvn, nil, 0x2A20_03E0, 0xAA20_03E0, [rd, shiftedLogic], .alu))
    // Shifts: by register (lslv/lsrv/asrv) and by immediate (ubfm/sbfm aliases).
    t.append(row(.lsl, nil, 0x1AC0_2000, 0x9AC0_2000, [rd, rn, rm], .alu))
    t.append(row(.lsr, nil, 0x1AC0_2400, 0x9AC0_2400, [rd, rn, rm], .alu))
    t.append(row(.asr, nil, 0x1AC0_2800, 0x9AC0_2800, [rd, rn, rm], .alu))
    t.append(row(.lsl, nil, 0x5300_0000, 0xD340_0000, [rd, rn, .shiftImm(.lsl)], .alu))
    t.append(row(.lsr, nil, 0x5300_0000, 0xD340_0000, [rd, rn, .shiftImm(.lsr)], .alu))
    t.append(row(.asr, nil, 0x1300_0000, 0x9340_0000, [rd, rn, .shiftImm(.asr)], .alu))
    // Extensions (sbfm/ubfm with immr = 0, imms = 7/15/31).
    t.append(row(.sxtb, nil, 0x1300_1C00, 0x9340_1C00, [rd, rnW], .alu))
    t.append(row(.sxth, nil, 0x1300_3C00, 0x9340_3C00, [rd, rnW], .alu))
    t.append(row(.sxtw, nil, nil, 0x9340_7C00, [rd, rnW], .alu))
    t.append(row(.uxtb, nil, 0x5300_1C00, nil, [rd, rnW], .alu))
    t.append(row(.uxth, nil, 0x5300_3C00, nil, [rd, rnW], .alu))
    // Moves: register (orr alias), to/from sp (add alias), immediates (movz, movn, orr bitmask).
    t.append(row(.mov, nil, 0x2A00_03E0, 0xAA00_03E0, [rd, rm], .alu))
    t.append(row(.mov, nil, 0x1100_0000, 0x9100_0000, [rdSP, rnSP], .alu))
    t.append(row(.mov, nil, 0x5280_0000, 0xD280_0000, [rd, .movZ], .alu))
    t.append(row(.mov, nil, 0x1280_0000, 0x9280_0000, [rd, .movN], .alu))
    t.append(row(.mov, nil, 0x3200_03E0, 0xB200_03E0, [rdSP, .logicImm], .alu))
    t.append(row(.movz, nil, 0x5280_0000, 0xD280_0000, [rd, .wideImm], .alu))
    t.append(row(.movn, nil, 0x1280_0000, 0x9280_0000, [rd, .wideImm], .alu))
    t.append(row(.movk, nil, 0x7280_0000, 0xF280_0000, [rd, .wideImm], .alu))
    // Conditional select.
    t.append(row(.csel, nil, 0x1A80_0000, 0x9A80_0000, [rd, rn, rm, .cond(at: 12, invert: false)], .alu))
    t.append(row(.csinc, nil, 0x1A80_0400, 0x9A80_0400, [rd, rn, rm, .cond(at: 12, invert: false)], .alu))
    t.append(row(.cset, nil, 0x1A9F_07E0, 0x9A9F_07E0, [rd, .cond(at: 12, invert: true)], .alu))
    t.append(row(.cinc, nil, 0x1A80_0400, 0x9A80_0400,
                 [rd, .reg([5, 16], .zr, .sized), .cond(at: 12, invert: true)], .alu))
    // Branches.
    t.append(row(.b, nil, 0x1400_0000, 0x1400_0000, [.branch26], .branch))
    t.append(row(.bl, nil, 0x9400_0000, 0x9400_0000, [.branch26], .call))
    t.append(row(.bcond, "b.", 0x5400_0000, 0x5400_0000, [.condSuffix, .branch19], .branch))
    t.append(row(.cbz, nil, 0x3400_0000, 0xB400_0000, [rt, .branch19], .branch))
    t.append(row(.cbnz, nil, 0x3500_0000, 0xB500_0000, [rt, .branch19], .branch))
    t.append(row(.br, nil, 0xD61F_0000, 0xD61F_0000, [rnX], .branch))
    t.append(row(.blr, nil, 0xD63F_0000, 0xD63F_0000, [rnX], .call))
    t.append(row(.ret, nil, 0xD65F_03C0, 0xD65F_03C0, [.fixedText("lr")], .branch))
    t.append(row(.ret, nil, 0xD65F_0000, 0xD65F_0000, [rnX], .branch))
    // Loads and stores.
    t += loadStore(.ldr, unscaledName: "ldur", unsigned: 0xB940_0000, 0xF940_0000, reg: rt, scale: (2, 3), cost: .load)
    // PC-relative literal load: `ldr x0, <label>` (imm19 word offset at 5).
    t.append(row(.ldr, nil, 0x1800_0000, 0x5800_0000, [rt, .branch19], .load))
    t.append(row(.ldrsw, nil, nil, 0x9800_0000, [rt, .branch19], .load))
    t += loadStore(.str, unscaledName: "stur", unsigned: 0xB900_0000, 0xF900_0000, reg: rt, scale: (2, 3), cost: .store)
    t += loadStore(.ldrb, unscaledName: "ldurb", unsigned: 0x3940_0000, nil, reg: rtW, scale: (0, 0), cost: .load)
    t += loadStore(.ldrh, unscaledName: "ldurh", unsigned: 0x7940_0000, nil, reg: rtW, scale: (1, 1), cost: .load)
    t += loadStore(.ldrsb, unscaledName: "ldursb", unsigned: 0x39C0_0000, 0x3980_0000, reg: rt, scale: (0, 0), cost: .load)
    t += loadStore(.ldrsh, unscaledName: "ldursh", unsigned: 0x79C0_0000, 0x7980_0000, reg: rt, scale: (1, 1), cost: .load)
    t += loadStore(.ldrsw, unscaledName: "ldursw", unsigned: nil, 0xB980_0000, reg: rt, scale: (2, 2), cost: .load)
    t += loadStore(.strb, unscaledName: "sturb", unsigned: 0x3900_0000, nil, reg: rtW, scale: (0, 0), cost: .store)
    t += loadStore(.strh, unscaledName: "sturh", unsigned: 0x7900_0000, nil, reg: rtW, scale: (1, 1), cost: .store)
    t.append(unscaled(.ldur, unsigned: 0xB940_0000, 0xF940_0000, reg: rt, cost: .load))
    t.append(unscaled(.stur, unsigned: 0xB900_0000, 0xF900_0000, reg: rt, cost: .store))
    t.append(unscaled(.ldurb, unsigned: 0x3940_0000, nil, reg: rtW, cost: .load))
    t.append(unscaled(.ldurh, unsigned: 0x7940_0000, nil, reg: rtW, cost: .load))
    t.append(unscaled(.ldursb, unsigned: 0x39C0_0000, 0x3980_0000, reg: rt, cost: .load))
    t.append(unscaled(.ldursh, unsigned: 0x79C0_0000, 0x7980_0000, reg: rt, cost: .load))
    t.append(unscaled(.ldursw, unsigned: nil, 0xB980_0000, reg: rt, cost: .load))
    t.append(unscaled(.sturb, unsigned: 0x3900_0000, nil, reg: rtW, cost: .store))
    t.append(unscaled(.sturh, unsigned: 0x7900_0000, nil, reg: rtW, cost: .store))
    t += pair(.ldp, w: 0x2940_0000, x: 0xA940_0000, cost: .loadPair)
    t += pair(.stp, w: 0x2900_0000, x: 0xA900_0000, cost: .storePair)
    // Miscellaneous.
    t.append(row(.adr, nil, nil, 0x1000_0000, [rd, .adr21], .address))
    t.append(row(.brk, nil, 0xD420_0000, 0xD420_0000, [.imm16], .trap))
    t.append(row(.nop, nil, 0xD503_201F, 0xD503_201F, [], .alu))
    t.append(row(.dmbIsh, nil, 0xD503_3BBF, 0xD503_3BBF, [], .alu))
    t.append(row(.dmbIshld, nil, 0xD503_39BF, 0xD503_39BF, [], .alu))
    t += floatingPointRows
    return t
}()

/// Scalar floating-point rows. Data-processing rows have one base word for both precisions
/// (ftype comes from the registers); conversions to and from general registers take `sf`
/// (bit 31) from the instruction size and ftype from the FP register; loads and stores are
/// the general-register words with the V bit (26) set, sized like `ldr w`/`ldr x`.
private let floatingPointRows: [Form] = {
    let fd = Slot.fp([0], .ftype), fn = Slot.fp([5], .ftype), fm = Slot.fp([16], .ftype)
    let ft = Slot.fp([0], .bySize), ft2 = Slot.fp([10], .bySize)
    var t: [Form] = []
    // fmov: register to register, then general to FP and FP to general (raw bits).
    t.append(row(.fmov, nil, 0x1E20_4000, 0x1E20_4000, [fd, fn], .fpu))
    t.append(row(.fmov, nil, 0x1E27_0000, 0x9E67_0000, [Slot.fp([0], .bySize), rn], .fpu))
    t.append(row(.fmov, nil, 0x1E26_0000, 0x9E66_0000, [rd, Slot.fp([5], .bySize)], .fpu))
    t.append(row(.fmov, nil, 0x1E20_1000, 0x1E20_1000, [fd, .fpImm8], .fpu))
    for (m, word, cost) in [(Mnemonic.fadd, UInt32(0x1E20_2800), CostClass.fpu), (.fsub, 0x1E20_3800, .fpu),
                            (.fmul, 0x1E20_0800, .fpu), (.fdiv, 0x1E20_1800, .fpDivide),
                            (.fmin, 0x1E20_5800, .fpu), (.fmax, 0x1E20_4800, .fpu)] {
        t.append(row(m, nil, word, word, [fd, fn, fm], cost))
    }
    for (m, word, cost) in [(Mnemonic.fneg, UInt32(0x1E21_4000), CostClass.fpu), (.fabs, 0x1E20_C000, .fpu),
                            (.fsqrt, 0x1E21_C000, .fpDivide), (.frintm, 0x1E25_4000, .fpu),
                            (.frintp, 0x1E24_C000, .fpu), (.frintn, 0x1E24_4000, .fpu), (.frintz, 0x1E25_C000, .fpu)] {
        t.append(row(m, nil, word, word, [fd, fn], cost))
    }
    t.append(row(.fcmp, nil, 0x1E20_2000, 0x1E20_2000, [fn, fm], .fpu))
    t.append(row(.fcvt, nil, 0x1E22_C000, 0x1E22_C000, [Slot.fp([0], .fixed(.d)), Slot.fp([5], .fixed(.s))], .fpu))
    t.append(row(.fcvt, nil, 0x1E62_4000, 0x1E62_4000, [Slot.fp([0], .fixed(.s)), Slot.fp([5], .fixed(.d))], .fpu))
    // Integer <-> floating-point conversions (fcvtzs/fcvtzu saturate, and give 0 for NaN).
    t.append(row(.scvtf, nil, 0x1E22_0000, 0x9E22_0000, [fd, rn], .fpu))
    t.append(row(.ucvtf, nil, 0x1E23_0000, 0x9E23_0000, [fd, rn], .fpu))
    t.append(row(.fcvtzs, nil, 0x1E38_0000, 0x9E38_0000, [rd, fn], .fpu))
    t.append(row(.fcvtzu, nil, 0x1E39_0000, 0x9E39_0000, [rd, fn], .fpu))
    // Loads and stores of s/d registers.
    t += loadStore(.ldr, unscaledName: "ldur", unsigned: 0xBD40_0000, 0xFD40_0000, reg: ft, scale: (2, 3), cost: .load)
    t += loadStore(.str, unscaledName: "stur", unsigned: 0xBD00_0000, 0xFD00_0000, reg: ft, scale: (2, 3), cost: .store)
    t.append(row(.ldp, nil, 0x2D40_0000, 0x6D40_0000, [ft, ft2, .pairOffset], .loadPair, scale: (2, 3)))
    t.append(row(.stp, nil, 0x2D00_0000, 0x6D00_0000, [ft, ft2, .pairOffset], .storePair, scale: (2, 3)))
    return t
}()

/// Indices into `formTable` of the rows of one mnemonic, in preference order.
let formsByMnemonic: [Mnemonic: [Int]] = Dictionary(grouping: formTable.indices, by: { formTable[$0].mnemonic })

/// The same lists indexed by `Mnemonic.ordinal`: form selection looks a row list up per instruction
/// made, and an array index costs no hashing.
let formRowsByOrdinal: [[Int]] = {
    var rows = [[Int]](repeating: [], count: Mnemonic.allCases.count)
    for (i, f) in formTable.enumerated() { rows[f.mnemonic.ordinal].append(i) }
    return rows
}()
