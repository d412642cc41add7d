/// The generic interpreter of the form table: prefixes, REX, opcode, ModRM, SIB,
/// displacement, immediate and relative fields.
///
/// Layout of every encoding produced here, in order:
/// `[66h] [REX] opcode... [ModRM [SIB] [disp8|disp32]] [imm] [rel8|rel32]`.
/// rip-relative displacements and relative branch fields are measured from the end
/// of the instruction, so they are filled in once the length is known.
extension Instruction {
    /// The machine code of this instruction placed at `address`.
    ///
    /// `labels` maps label ids (the `target`) to absolute addresses. Throws
    /// `EncodingError` for operands no form accepts, out-of-range displacements,
    /// immediates or branch offsets, and unresolved labels.
    public func encode(at address: UInt64, labels: (Int) -> UInt64?) throws -> [UInt8] {
        try encode(at: address, labels: labels, selection())
    }

    /// The machine code with the row `selection()` chose (an emitter that encodes the same
    /// instruction on each branch-sizing pass matches it once).
    public func encode(at address: UInt64, labels: (Int) -> UInt64?, _ selected: FormSelection) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        try encode(at: address, labels: labels, selected, into: &bytes)
        return bytes
    }

    /// Appends the machine code to `out`, which holds the code before it (an emitter encodes a
    /// whole method into one buffer, without an array per instruction). On an error `out` is
    /// left as it was.
    public func encode(at address: UInt64, labels: (Int) -> UInt64?, _ selected: FormSelection,
                       into out: inout [UInt8]) throws {
        try encoded(at: address, labels: labels, selected).append(to: &out)
    }

    /// The machine code as a value, without an array (a caller may keep it and append it later).
    /// Writes the fields in order, then patches the pc-relative ones once the length is known.
    public func encoded(at address: UInt64, labels: (Int) -> UInt64?, _ selected: FormSelection) throws
        -> InstructionBytes {
        var bytes = InstructionBytes()
        guard let match = selected.match else {
            // No row fits: matching again throws the reason.
            _ = try FormTable.match(self)
            throw EncodingError("`\(mnemonic)` was given the selection of another instruction")
        }
        let form = match.encoding
        var rex = Rex()
        if form.rexW == .always || (form.rexW == .bySize && match.opSize == .qword) { rex.w = true }

        // Registers used at byte width 4..7 mean spl/bpl/sil/dil only with a REX prefix.
        for i in operands.indices {
            if case .reg(let r, .byte) = operands[i], (4...7).contains(r.number) { rex.forced = true }
        }

        // The last opcode byte carries the condition (jcc, setcc, cmovcc) or an opcode+r register.
        var lastOpcode = form.opcode(form.opcodeCount - 1)
        if form.mnemonic.takesCondition, let cc = condition {
            lastOpcode += cc.rawValue
        }

        var rm: RM?
        switch form.layout {
        case .plain:
            break
        case .opReg(let i):
            guard case .reg(let r, _) = operands[i] else { throw EncodingError("opcode+r operand is not a register") }
            lastOpcode |= r.low3
            rex.b = r.isExtended
        case .modrm(let regIndex, let rmIndex):
            let regField: UInt8
            switch operands[regIndex] {
            case .reg(let r, _):
                rex.r = r.isExtended
                regField = r.low3
            case .xmm(let x):
                rex.r = x.isExtended
                regField = x.low3
            default:
                throw EncodingError("ModRM.reg operand is not a register")
            }
            rm = try encodeRM(operands[rmIndex], reg: regField, rex: &rex, labels: labels)
        case .ext(let digit, let rmIndex):
            rm = try encodeRM(operands[rmIndex], reg: digit, rex: &rex, labels: labels)
        }

        if match.opSize == .word { bytes.append(0x66) }
        if let p = form.prefix { bytes.append(p) }
        if let byte = rex.byte { bytes.append(byte) }
        for i in 0..<form.opcodeCount - 1 { bytes.append(form.opcode(i)) }
        bytes.append(lastOpcode)
        var dispOffset = bytes.count
        if let rm {
            bytes.append(rm.modrm)
            if let sib = rm.sib { bytes.append(sib) }
            dispOffset = bytes.count
            appendLittleEndian(rm.disp, bytes: rm.dispSize, to: &bytes)
        }

        var rel: (width: Width, target: UInt64)?
        for i in 0..<min(form.slots.count, operands.count) {
            switch (form.slots[i], operands[i]) {
            case (.imm(let w), .imm(let v)):
                guard let value = FormTable.immediate(v, width: w, dataWidth: match.dataWidth) else {
                    throw EncodingError("immediate \(v) does not fit")
                }
                appendLittleEndian(value, bytes: w.bytes, to: &bytes)
            case (.rel(let w), .label):
                rel = (w, try resolve(labels))
            case (.rel(let w), .address(let a)):
                rel = (w, a)
            default:
                continue
            }
        }

        let relOffset = bytes.count
        if let rel { appendLittleEndian(0, bytes: rel.width.bytes, to: &bytes) }
        let end = address &+ UInt64(bytes.count)

        if let target = rm?.ripTarget {
            let delta = try pcRelative(from: end, to: target, width: .dword, what: "rip-relative displacement")
            storeLittleEndian(delta, bytes: 4, at: dispOffset, in: &bytes)
        }
        if let rel {
            let what = rel.width == .byte ? "short branch offset" : "rel32 offset"
            let delta = try pcRelative(from: end, to: rel.target, width: rel.width, what: what)
            storeLittleEndian(delta, bytes: rel.width.bytes, at: relOffset, in: &bytes)
        }
        return bytes
    }

    /// True when a 2-byte short branch at `address` reaches `target` (rel8 from the end).
    public func fitsShort(from address: UInt64, to target: UInt64) -> Bool {
        let delta = Int64(bitPattern: target &- (address &+ 2))
        return delta >= -128 && delta <= 127
    }

    private func resolve(_ labels: (Int) -> UInt64?) throws -> UInt64 {
        guard let id = target else { throw EncodingError("`\(mnemonic.spelling(condition))` has no target label") }
        guard let a = labels(id) else { throw EncodingError("label \(id) is not resolved") }
        return a
    }

    private func pcRelative(from end: UInt64, to target: UInt64, width: Width, what: String) throws -> Int64 {
        let delta = Int64(bitPattern: target &- end)
        let half = Int64(1) << (Int64(width.rawValue) - 1)
        guard delta >= -half && delta < half else {
            throw EncodingError("\(what) \(delta) out of range for `\(mnemonic.spelling(condition))`")
        }
        return delta
    }

    /// ModRM (+SIB) and displacement for a register or memory operand in the rm position.
    private func encodeRM(_ op: Operand, reg: UInt8, rex: inout Rex, labels: (Int) -> UInt64?) throws -> RM {
        switch op {
        case .reg(let r, _):
            rex.b = r.isExtended
            return RM(modrm: modRM(3, reg, r.low3))
        case .xmm(let x):
            rex.b = x.isExtended
            return RM(modrm: modRM(3, reg, x.low3))
        case .mem(let m):
            switch m.address {
            case .absolute(let a):
                return RM(modrm: modRM(0, reg, 5), dispSize: 4, ripTarget: a)
            case .label:
                return RM(modrm: modRM(0, reg, 5), dispSize: 4, ripTarget: try resolve(labels))
            case .registers(let base, let index, let scale, let disp):
                return try encodeRegisters(base: base, index: index, scale: scale, disp: disp, reg: reg, rex: &rex)
            }
        default:
            throw EncodingError("operand in the ModRM.rm position is neither register nor memory")
        }
    }

    private func encodeRegisters(base: Reg?, index: Reg?, scale: UInt8, disp: Int64, reg: UInt8, rex: inout Rex) throws -> RM {
        guard disp >= Int64(Int32.min) && disp <= Int64(Int32.max) else {
            throw EncodingError("displacement \(disp) does not fit in 32 bits")
        }
        let scaleBits: UInt8
        switch scale {
        case 1: scaleBits = 0
        case 2: scaleBits = 1
        case 4: scaleBits = 2
        case 8: scaleBits = 3
        default: throw EncodingError("scale \(scale) is not 1, 2, 4 or 8")
        }
        if index == .rsp { throw EncodingError("rsp cannot be an index register") }
        let fits8 = disp >= -128 && disp <= 127

        guard let base else {
            // [scale*index + disp32]: SIB with base=101 and mod=00 means "no base, disp32".
            guard let index else { throw EncodingError("memory operand has neither base nor index") }
            rex.x = index.isExtended
            return RM(modrm: modRM(0, reg, 4), sib: sib(scaleBits, index.low3, 5), disp: disp, dispSize: 4)
        }
        rex.b = base.isExtended
        // rbp/r13 (low bits 101) with mod=00 would mean rip/disp32: they always carry a displacement.
        let mod: UInt8 = (disp == 0 && base.low3 != 5) ? 0 : (fits8 ? 1 : 2)
        let dispSize = mod == 0 ? 0 : mod == 1 ? 1 : 4
        if let index {
            rex.x = index.isExtended
            return RM(modrm: modRM(mod, reg, 4), sib: sib(scaleBits, index.low3, base.low3), disp: disp, dispSize: dispSize)
        }
        if base.low3 == 4 {
            // rsp/r12 (low bits 100) in rm means "SIB follows": use a SIB with no index (100).
            return RM(modrm: modRM(mod, reg, 4), sib: sib(0, 4, base.low3), disp: disp, dispSize: dispSize)
        }
        return RM(modrm: modRM(mod, reg, base.low3), disp: disp, dispSize: dispSize)
    }
}

/// The ModRM byte, optional SIB byte and displacement of the rm operand, as plain values (no
/// arrays: the encoder writes them straight into the output).
private struct RM {
    var modrm: UInt8
    var sib: UInt8? = nil
    /// The displacement, written in `dispSize` bytes (0, 1 or 4); rip-relative ones are patched.
    var disp: Int64 = 0
    var dispSize = 0
    /// rip-relative memory: the absolute target; the disp32 is measured from the instruction's end.
    var ripTarget: UInt64? = nil
}

/// The REX prefix under construction: 0100WRXB, emitted when any bit is set or a
/// byte register (spl/bpl/sil/dil) forces it.
private struct Rex {
    var w = false, r = false, x = false, b = false, forced = false

    var byte: UInt8? {
        guard w || r || x || b || forced else { return nil }
        return 0x40 | (w ? 8 : 0) | (r ? 4 : 0) | (x ? 2 : 0) | (b ? 1 : 0)
    }
}

private func modRM(_ mod: UInt8, _ reg: UInt8, _ rm: UInt8) -> UInt8 { (mod << 6) | ((reg & 7) << 3) | (rm & 7) }

private func sib(_ scale: UInt8, _ index: UInt8, _ base: UInt8) -> UInt8 { (scale << 6) | ((index & 7) << 3) | (base & 7) }

/// The bytes of one instruction (at most 15), held inline: the encoder writes them here and
/// hands them to the caller's array at once, not byte by byte, and a caller can keep them
/// without an array of their own.
public struct InstructionBytes: Sendable {
    /// The bytes in memory order.
    private var storage: (UInt64, UInt64) = (0, 0)
    /// How many bytes there are.
    public private(set) var count = 0

    mutating func append(_ byte: UInt8) {
        precondition(count < 16, "an x64 instruction has at most 15 bytes")
        self[count] = byte
        count += 1
    }

    subscript(i: Int) -> UInt8 {
        get { withUnsafeBytes(of: storage) { $0[i] } }
        set { withUnsafeMutableBytes(of: &storage) { $0[i] = newValue } }
    }

    /// Appends the bytes to `out`.
    public func append(to out: inout [UInt8]) {
        withUnsafeBytes(of: storage) { out.append(contentsOf: $0.prefix(count)) }
    }
}

/// Appends the low `bytes` bytes of `value`, least significant first.
private func appendLittleEndian(_ value: Int64, bytes: Int, to out: inout InstructionBytes) {
    let bits = UInt64(bitPattern: value)
    for i in 0..<bytes { out.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
}

/// Overwrites `bytes` bytes at `offset` with `value`, least significant first.
private func storeLittleEndian(_ value: Int64, bytes: Int, at offset: Int, in out: inout InstructionBytes) {
    let bits = UInt64(bitPattern: value)
    for i in 0..<bytes { out[offset + i] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i))) }
}
