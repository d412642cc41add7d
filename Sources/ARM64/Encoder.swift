/// The generic interpreter of the form table: operands + row -> instruction word.
///
/// Each slot kind knows which bit fields it fills; the row supplies the base word.
/// There is no per-mnemonic code here, only per-field-kind code.
enum Encoder {
    typealias Labels = (Int) -> UInt64?

    static func mismatch(_ what: String) -> EncodingError { EncodingError(.operandMismatch, what) }

    /// Assemble `inst` with `form`. With `pc == nil` PC-relative fields are checked for
    /// operand kind only and encoded as zero (used for form selection).
    static func assemble(_ inst: Instruction, _ form: Form, pc: UInt64?, labels: Labels) throws(EncodingError) -> UInt32 {
        guard var word = form.base(inst.size) else {
            throw mismatch("`\(form.text)` has no \(inst.size.bits)-bit form")
        }
        var index = 0
        // The ftype slots of a row share one precision field: the first one's, which the others must match.
        var ftype: FPSize?
        var mixedPrecision = false
        for slot in form.slots {
            if case .fixedText = slot { continue }
            guard index < inst.operands.count else { throw mismatch("too few operands for `\(form.text)`") }
            let op = inst.operands[index]
            word |= try field(slot, op, inst: inst, form: form, pc: pc, labels: labels)
            if case .fp(_, .ftype) = slot, case .fp(_, let p) = op {
                if let f = ftype, f != p { mixedPrecision = true }
                ftype = p
            }
            index += 1
        }
        guard index == inst.operands.count else { throw mismatch("too many operands for `\(form.text)`") }
        guard !mixedPrecision else { throw mismatch("`\(form.text)` needs registers of one precision") }
        return word
    }

    /// The register number for a slot, checking what encoding 31 means there.
    static func regNumber(_ r: Reg, _ r31: R31) throws(EncodingError) -> UInt32 {
        if r == .sp && r31 == .zr { throw mismatch("sp is not allowed in this operand") }
        if r == .zr && r31 == .sp { throw mismatch("the zero register is not allowed in this operand") }
        return r.number
    }

    static func range(_ what: String, _ v: Int64, _ lo: Int64, _ hi: Int64) throws(EncodingError) {
        guard v >= lo && v <= hi else {
            throw EncodingError(.outOfRange, "\(what) \(v) is out of range \(lo)...\(hi)")
        }
    }

    /// The value of an immediate as a bit pattern of the operand size, or nil if it does not fit.
    static func sized(_ v: Int64, _ size: OperandSize) -> UInt64? {
        if size == .x { return UInt64(bitPattern: v) }
        guard v >= Int64(Int32.min) && v <= Int64(UInt32.max) else { return nil }
        return UInt64(bitPattern: v) & 0xFFFF_FFFF
    }

    /// movz-style split of `value` into (imm16, hw), or nil.
    static func wide(_ value: UInt64, _ size: OperandSize) -> (UInt32, UInt32)? {
        for hw in 0..<(size.bits / 16) {
            let shift = UInt64(hw * 16)
            if value & ~(UInt64(0xFFFF) << shift) == 0 { return (UInt32((value >> shift) & 0xFFFF), UInt32(hw)) }
        }
        return nil
    }

    static func field(_ slot: Slot, _ op: Operand, inst: Instruction, form: Form,
                      pc: UInt64?, labels: Labels) throws(EncodingError) -> UInt32 {
        let size = inst.size
        let bits = Int64(size.bits)
        switch slot {
        case .fixedText:
            return 0

        case .fpImm8:
            guard case .imm(let bits) = op else { throw mismatch("expected a floating-point immediate") }
            let v = Double(bitPattern: UInt64(bitPattern: bits))
            guard let imm8 = FPImmediate.encode(v) else {
                throw EncodingError(.unencodable, "\(v) is not an fmov immediate (±(16..31)/16 × 2^(-3..4))")
            }
            return UInt32(imm8) << 13

        case .fp(let positions, let rule):
            guard case .fp(let n, let p) = op else { throw mismatch("expected a floating-point register") }
            guard n < 32 else { throw EncodingError(.outOfRange, "v\(n) is not a register") }
            var bits: UInt32 = 0
            switch rule {
            case .ftype: bits = p == .d ? 1 << 22 : 0
            case .bySize: guard (p == .d) == (size == .x) else { throw mismatch("\(p.rawValue)\(n) does not match the access size") }
            case .fixed(let want): guard p == want else { throw mismatch("expected an \(want.rawValue) register") }
            }
            return bits | positions.place(UInt32(n))

        case .reg(let positions, let r31, _):
            guard case .reg(let r) = op else { throw mismatch("expected a register") }
            let n = try regNumber(r, r31)
            return positions.place(n)

        case .addImm:
            let value: Int64, shift: UInt8
            switch op {
            case .imm(let v):
                if v >= 0 && v <= 0xFFF { value = v; shift = 0 }
                else if v > 0 && v & 0xFFF == 0 && v >> 12 <= 0xFFF { value = v >> 12; shift = 12 }
                else { throw EncodingError(.outOfRange, "immediate \(v) is not a 12-bit value, optionally shifted by 12") }
            case .shiftedImm(let v, let s): value = v; shift = s
            default: throw mismatch("expected an immediate")
            }
            guard shift == 0 || shift == 12 else { throw EncodingError(.outOfRange, "arithmetic immediate shift must be LSL #0 or #12") }
            try range("arithmetic immediate", value, 0, 0xFFF)
            return UInt32(value) << 10 | (shift == 12 ? 1 << 22 : 0)

        case .logicImm:
            guard case .imm(let v) = op else { throw mismatch("expected an immediate") }
            guard let u = sized(v, size), let enc = BitmaskImmediate.encode(u, size: size) else {
                throw EncodingError(.unencodable, "immediate \(Listing.immediate(v)) is not a \(size.bits)-bit bitmask immediate")
            }
            return enc.n << 22 | enc.immr << 16 | enc.imms << 10

        case .shiftedReg(let allowROR):
            let r: Reg, kind: ShiftKind, amount: UInt8
            switch op {
            case .reg(let x): r = x; kind = .lsl; amount = 0
            case .shifted(let x, let k, let a): r = x; kind = k; amount = a
            default: throw mismatch("expected a (shifted) register")
            }
            if kind == .ror && !allowROR { throw mismatch("ROR is only valid for logical instructions") }
            try range("shift amount", Int64(amount), 0, bits - 1)
            return try regNumber(r, .zr) << 16 | kind.rawValue << 22 | UInt32(amount) << 10

        case .extendedReg:
            let r: Reg, ext: ExtendKind, amount: UInt8
            switch op {
            case .reg(let x): r = x; ext = size == .x ? .uxtx : .uxtw; amount = 0
            case .extended(let x, let e, let a): r = x; ext = e; amount = a
            case .shifted(let x, .lsl, let a): r = x; ext = size == .x ? .uxtx : .uxtw; amount = a
            default: throw mismatch("expected an extended register")
            }
            try range("extend amount", Int64(amount), 0, 4)
            return try regNumber(r, .zr) << 16 | ext.rawValue << 13 | UInt32(amount) << 10

        case .wideImm:
            let v: Int64, shift: UInt8
            switch op {
            case .imm(let x): v = x; shift = 0
            case .shiftedImm(let x, let s): v = x; shift = s
            default: throw mismatch("expected a 16-bit immediate")
            }
            try range("wide immediate", v, 0, 0xFFFF)
            guard shift % 16 == 0 && Int64(shift) < bits else {
                throw EncodingError(.outOfRange, "wide immediate shift LSL #\(shift) must be a multiple of 16 below \(bits)")
            }
            return UInt32(v) << 5 | UInt32(shift / 16) << 21

        case .movZ, .movN:
            guard case .imm(let v) = op else { throw mismatch("expected an immediate") }
            guard let u = sized(v, size) else {
                throw EncodingError(.outOfRange, "immediate \(Listing.immediate(v)) does not fit in \(size.bits) bits")
            }
            let isN: Bool
            if case .movN = slot { isN = true } else { isN = false }
            let mask: UInt64 = size == .x ? UInt64.max : 0xFFFF_FFFF
            guard let (imm16, hw) = wide(isN ? ~u & mask : u, size) else {
                throw EncodingError(.unencodable,
                    "immediate \(Listing.immediate(v)) is not encodable by one mov (movz, movn or bitmask); use movz+movk")
            }
            return imm16 << 5 | hw << 21

        case .cond(let at, let invert):
            guard case .cond(let c) = op else { throw mismatch("expected a condition") }
            if invert {
                guard let inv = c.inverted else { throw EncodingError(.unencodable, "condition al cannot be inverted") }
                return inv.rawValue << at
            }
            return c.rawValue << at

        case .condSuffix:
            guard case .cond(let c) = op else { throw mismatch("expected a condition") }
            return c.rawValue

        case .shiftImm(let kind):
            guard case .imm(let n) = op else { throw mismatch("expected a shift amount") }
            try range("shift amount", n, 0, bits - 1)
            let immr: Int64, imms: Int64
            if kind == .lsl { immr = (bits - n) % bits; imms = bits - 1 - n } else { immr = n; imms = bits - 1 }
            return UInt32(immr) << 16 | UInt32(imms) << 10

        case .memUnsigned, .memUnscaled, .memPre, .memPost, .memRegister, .pairOffset, .pairPre, .pairPost:
            guard case .mem(let m) = op else { throw mismatch("expected a memory operand") }
            let base = try regNumber(m.base, .sp) << 5
            let scale = form.scale(size)
            return base | (try memoryFields(slot, m.mode, scale: scale))

        case .branch26, .branch19, .adr21:
            let targetAddress: UInt64?
            switch op {
            case .label(let id):
                if pc == nil { return 0 }
                guard let a = labels(id) else { throw EncodingError(.unresolvedLabel, "label \(id) has no address") }
                targetAddress = a
            case .address(let a, _): targetAddress = a
            default: throw mismatch("expected a label or address")
            }
            guard let pc, let target = targetAddress else { return 0 }
            let delta = Int64(bitPattern: target &- pc)
            switch slot {
            case .adr21:
                try range("adr offset", delta, -(1 << 20), (1 << 20) - 1)
                let d = UInt32(truncatingIfNeeded: delta)
                return (d & 3) << 29 | ((d >> 2) & 0x7FFFF) << 5
            case .branch26:
                guard delta % 4 == 0 else { throw EncodingError(.outOfRange, "branch offset \(delta) is not a multiple of 4") }
                try range("branch offset", delta, -(1 << 27), (1 << 27) - 4)
                return UInt32(truncatingIfNeeded: delta >> 2) & 0x3FF_FFFF
            default:
                guard delta % 4 == 0 else { throw EncodingError(.outOfRange, "branch offset \(delta) is not a multiple of 4") }
                try range("conditional branch offset", delta, -(1 << 20), (1 << 20) - 4)
                return (UInt32(truncatingIfNeeded: delta >> 2) & 0x7FFFF) << 5
            }

        case .imm16:
            guard case .imm(let v) = op else { throw mismatch("expected an immediate") }
            try range("immediate", v, 0, 0xFFFF)
            return UInt32(v) << 5
        }
    }

    /// Offset/index fields of a memory slot (the base register is handled by the caller).
    static func memoryFields(_ slot: Slot, _ mode: Memory.Mode, scale: UInt32) throws(EncodingError) -> UInt32 {
        let unit = Int64(1) << Int64(scale)
        switch (slot, mode) {
        case (.memUnsigned, .offset(let off)):
            // A misfit here is a mismatch so that `ldr` falls back to the unscaled `ldur` row.
            guard off >= 0, off % unit == 0, off / unit <= 0xFFF else {
                throw mismatch("offset \(off) is not a scaled unsigned 12-bit offset")
            }
            return UInt32(off / unit) << 10
        case (.memUnscaled, .offset(let off)), (.memPre, .preIndex(let off)), (.memPost, .postIndex(let off)):
            try range("offset", off, -256, 255)
            return (UInt32(bitPattern: Int32(off)) & 0x1FF) << 12
        case (.memRegister, .register(let index, let ext, let amount)):
            guard [ExtendKind.uxtw, .uxtx, .sxtw, .sxtx].contains(ext) else {
                throw EncodingError(.unencodable, "register offset extend must be LSL, UXTW, SXTW or SXTX")
            }
            guard amount == 0 || UInt32(amount) == scale else {
                throw EncodingError(.outOfRange, "register offset shift must be 0 or \(scale)")
            }
            let s: UInt32 = (amount != 0) ? 1 : 0
            return try regNumber(index, .zr) << 16 | ext.rawValue << 13 | s << 12
        case (.pairOffset, .offset(let off)), (.pairPre, .preIndex(let off)), (.pairPost, .postIndex(let off)):
            guard off % unit == 0 else {
                throw EncodingError(.outOfRange, "pair offset \(off) is not a multiple of \(unit)")
            }
            try range("pair offset", off / unit, -64, 63)
            return (UInt32(bitPattern: Int32(off / unit)) & 0x7F) << 15
        default:
            throw mismatch("addressing mode does not match")
        }
    }
}
