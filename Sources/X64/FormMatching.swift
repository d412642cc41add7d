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
        /// The row's cost class (PerfScore), kept here so that reading it does not fetch the row.
        let cost: Cost

        /// What the encoder reads of the matched row.
        var encoding: Encoding { encodings[index] }
    }

    /// Finds the row that encodes `inst`, or explains why none does.
    static func match(_ inst: Instruction) throws -> Match {
        if inst.mnemonic.takesCondition && inst.condition == nil {
            throw EncodingError("`\(inst.mnemonic.rawValue)` needs a condition")
        }
        let ordinal = inst.mnemonic.ordinal
        for j in firstRow[ordinal]..<firstRow[ordinal + 1] {
            let i = rowsByMnemonic[j]
            if let m = accept(patterns[i], index: i, inst) { return m }
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

    /// What matching reads of a row, as a plain value: the operand slots inline and the accepted
    /// sizes as a bit set. Trying a row reads its pattern and retains nothing (trying the `Form`
    /// object itself retained it and its arrays, row after row).
    struct Pattern: Sendable {
        /// How many operands the row takes (0...3).
        let count: Int
        /// The row's cost class.
        let cost: Cost
        private let s0: Slot, s1: Slot, s2: Slot
        /// One bit per accepted `.op` size (`bit(_:)`); zero when the row has no `.op` slot.
        private let sizeBits: UInt8

        init(_ slots: [Slot], sizes: [Width], cost: Cost) {
            precondition(slots.count <= Operands.capacity, "a form takes at most \(Operands.capacity) operands")
            count = slots.count
            self.cost = cost
            s0 = slots.count > 0 ? slots[0] : .one
            s1 = slots.count > 1 ? slots[1] : .one
            s2 = slots.count > 2 ? slots[2] : .one
            sizeBits = sizes.reduce(0) { $0 | Self.bit($1) }
        }

        /// The slot of operand `i` (`i < count`).
        subscript(i: Int) -> Slot { i == 0 ? s0 : i == 1 ? s1 : s2 }

        /// True when the row has sizes (an `.op` slot) and accepts `size`.
        func accepts(_ size: Width) -> Bool { sizeBits & Self.bit(size) != 0 }

        /// True when the row lists `.op` sizes (it has an operand of the operation size).
        var hasSizes: Bool { sizeBits != 0 }

        private static func bit(_ w: Width) -> UInt8 {
            switch w {
            case .byte: 1
            case .word: 2
            case .dword: 4
            case .qword: 8
            }
        }
    }

    /// What the encoder reads of a row, as a plain value in one contiguous table (`encodings`): the
    /// opcode bytes inline, the layout, REX.W rule, prefix and slots. Reading the `Form` object and
    /// then its opcode array instead was two cache misses per instruction encoded. Kept apart from
    /// `Pattern`, so that matching, which scans several rows, reads rows as small as before.
    struct Encoding: Sendable {
        let mnemonic: Mnemonic
        let layout: Layout
        let rexW: RexW
        let prefix: UInt8?
        /// The operand slots (`slots[i]`, `slots.count`), inline.
        let slots: Pattern
        /// How many opcode bytes the row has (1...3), and the bytes (`opcode(_:)`).
        let opcodeCount: Int
        private let o0: UInt8, o1: UInt8, o2: UInt8

        init(_ form: Form, _ pattern: Pattern) {
            precondition((1...3).contains(form.opcode.count), "a form has one to three opcode bytes")
            mnemonic = form.mnemonic
            layout = form.layout
            rexW = form.rexW
            prefix = form.prefix
            slots = pattern
            opcodeCount = form.opcode.count
            o0 = form.opcode[0]
            o1 = form.opcode.count > 1 ? form.opcode[1] : 0
            o2 = form.opcode.count > 2 ? form.opcode[2] : 0
        }

        /// Opcode byte `i` (`i < opcodeCount`).
        func opcode(_ i: Int) -> UInt8 { i == 0 ? o0 : i == 1 ? o1 : o2 }
    }

    private static func accept(_ form: Pattern, index: Int, _ inst: Instruction) -> Match? {
        guard form.count == inst.operands.count else { return nil }
        var opSize: Width?
        var fixedWidth: Width?
        // Pass 1: registers, memory, labels; fix the operand size. (By index here and below: a `zip` of the
        // slots and the inline operands was not specialized, and cost more than the match.)
        for i in 0..<form.count {
            switch (form[i], inst.operands[i]) {
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
        if let size = opSize, !form.accepts(size) { return nil }
        if opSize == nil && form.hasSizes { return nil }
        let dataWidth = opSize ?? fixedWidth
        // Pass 2: immediates must fit.
        for i in 0..<form.count {
            if case .imm(let w) = form[i], case .imm(let v) = inst.operands[i] {
                guard immediate(v, width: w, dataWidth: dataWidth) != nil else { return nil }
            }
        }
        return Match(index: index, opSize: opSize, dataWidth: dataWidth, cost: form.cost)
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
