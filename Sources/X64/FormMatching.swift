/// Choosing the form-table row for an instruction.
///
/// The first row (in table order) whose operand pattern accepts the operands wins;
/// that is how the imm8-before-imm32 and shift-by-one preferences are expressed.
extension FormTable {
    /// A matched row plus the operand size it was matched at: plain values (the row by index), so
    /// that an instruction keeping its match is copied without retaining anything for it.
    struct Match: Sendable {
        let index: Int
        /// The size of `.op` slots, nil when the form has none.
        let opSize: Width?
        /// The width that immediates are normalised against: opSize or the fixed data size.
        let dataWidth: Width?

        /// The matched row.
        var form: Form { forms[index] }
    }

    /// Finds the row that encodes `inst`, or explains why none does.
    static func match(_ inst: Instruction) throws -> Match {
        if inst.mnemonic.takesCondition && inst.condition == nil {
            throw EncodingError("`\(inst.mnemonic.rawValue)` needs a condition")
        }
        for i in byMnemonic[inst.mnemonic.ordinal] {
            if let m = accept(forms[i], index: i, inst) { return m }
        }
        let ops = inst.operands.map(describe).joined(separator: ", ")
        throw EncodingError("no form of `\(inst.mnemonic.spelling(inst.condition))` takes (\(ops))")
    }

    private static func describe(_ op: Operand) -> String {
        switch op {
        case .reg(let r, let w): return r.name(w)
        case .imm(let v): return "imm \(v)"
        case .mem(let m): return m.width.map { "\($0) ptr [m]" } ?? "[m]"
        case .label: return "label"
        case .address: return "address"
        case .xmm(let x): return x.description
        }
    }

    private static func accept(_ form: Form, index: Int, _ inst: Instruction) -> Match? {
        guard form.slots.count == inst.operands.count else { return nil }
        var opSize: Width?
        var fixedWidth: Width?
        // Pass 1: registers, memory, labels; fix the operand size.
        for (slot, op) in zip(form.slots, inst.operands) {
            switch (slot, op) {
            case (.r(let spec), .reg(_, let w)):
                guard unify(spec, w, &opSize, &fixedWidth) else { return nil }
            case (.m(let spec), .mem(let mem)):
                if spec == .none {
                    guard mem.width == nil else { return nil }
                } else {
                    guard mem.address != .label, let w = mem.width, unify(spec, w, &opSize, &fixedWidth) else {
                        return nil
                    }
                }
            case (.x, .xmm), (.imm, .imm), (.one, .imm(1)), (.cl, .reg(.rcx, .byte)):
                continue
            case (.rel(let w), .label):
                guard (w == .byte) == inst.isShort else { return nil }
            case (.rel(.dword), .address):
                continue
            default:
                return nil
            }
        }
        if let size = opSize, !form.sizes.contains(size) { return nil }
        if opSize == nil && !form.sizes.isEmpty { return nil }
        let dataWidth = opSize ?? fixedWidth
        // Pass 2: immediates must fit.
        for (slot, op) in zip(form.slots, inst.operands) {
            if case .imm(let w) = slot, case .imm(let v) = op {
                guard immediate(v, width: w, dataWidth: dataWidth) != nil else { return nil }
            }
        }
        return Match(index: index, opSize: opSize, dataWidth: dataWidth)
    }

    private static func unify(_ spec: Spec, _ w: Width, _ opSize: inout Width?, _ fixed: inout Width?) -> Bool {
        switch spec {
        case .op:
            if let s = opSize { return s == w }
            opSize = w
            return true
        case .fixed(let f):
            if fixed == nil { fixed = f }
            return f == w
        case .none:
            return false
        }
    }

    /// The value to encode for immediate `v` in a `width`-bit field of a `dataWidth`
    /// operation, or nil if it does not fit.
    ///
    /// A value may be written signed or unsigned for the data width (`-1` and
    /// `0xFFFFFFFF` both mean all-ones for a 32-bit op); it is then reinterpreted as
    /// signed at the data width and must fit `width` bits sign-extended.
    static func immediate(_ v: Int64, width: Width, dataWidth: Width?) -> Int64? {
        var value = v
        if let dw = dataWidth, dw != .qword {
            let bits = Int64(dw.rawValue)
            let lower = -(Int64(1) << (bits - 1)), upperExclusive = Int64(1) << bits
            guard v >= lower && v < upperExclusive else { return nil }
            if v >= (Int64(1) << (bits - 1)) { value = v - upperExclusive }
        }
        if width == .qword { return value }
        let bits = Int64(width.rawValue)
        guard value >= -(Int64(1) << (bits - 1)) && value < (Int64(1) << (bits - 1)) else { return nil }
        return value
    }
}
