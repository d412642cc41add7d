/// One A64 machine instruction: a mnemonic, an operand size and operands in listing order.
///
/// The value is what the JIT's codegen produces and the emitter lays out. It is encoded
/// and printed by interpreting the form table (`FormTable.swift`), so the bytes and the
/// listing text always come from the same row.
///
/// Construct with the mnemonic, the size (`.x` when omitted) and operands:
/// ```
/// Instruction(.add, .w, .reg(.x0), .reg(.x0), .reg(.x1))          // add     w0, w0, w1
/// Instruction(.stp, .reg(.fp), .reg(.lr), .mem(.pre(.sp, -0x20)))  // stp     fp, lr, [sp, #-0x20]!
/// Instruction(.bcond, .cond(.ne), .label(5))                       // b.ne    G_M1234_IG05
/// Instruction(.bl, .address(0x7FF0_0010_1000, symbol: "Program:Add(int,int):int"))
/// ```
public struct Instruction: Sendable, Hashable {
    public var mnemonic: Mnemonic
    public var size: OperandSize
    public var operands: [Operand]
    /// Text printed after the operands as `// text`.
    public var comment: String?

    public init(_ mnemonic: Mnemonic, _ size: OperandSize, operands: [Operand], comment: String? = nil) {
        self.mnemonic = mnemonic
        self.size = size
        self.operands = operands
        self.comment = comment
    }

    /// An instruction of the given size.
    public init(_ mnemonic: Mnemonic, _ size: OperandSize, _ operands: Operand...) {
        self.init(mnemonic, size, operands: operands)
    }

    /// A 64-bit instruction (or one where size does not matter: branches, `ret`, `brk`).
    public init(_ mnemonic: Mnemonic, _ operands: Operand...) {
        self.init(mnemonic, .x, operands: operands)
    }

    /// The label id of a branch (`b`, `b.cond`, `cbz`, `cbnz`, `bl`, `adr`), if it targets a label.
    ///
    /// Setting it replaces the existing label operand, or appends one if there is none.
    public var target: Int? {
        get {
            for op in operands { if case .label(let id) = op { return id } }
            return nil
        }
        set {
            if let i = operands.firstIndex(where: { if case .label = $0 { return true } else { return false } }) {
                if let newValue { operands[i] = .label(newValue) } else { operands.remove(at: i) }
            } else if let newValue {
                operands.append(.label(newValue))
            }
        }
    }

    /// Whether this is a control transfer with a PC-relative target (`b`, `b.cond`, `cbz`, `cbnz`, `bl`).
    ///
    /// A64 branches are always 4 bytes, so the emitter never widens them; it only has to
    /// check the range, which `encode` does.
    public var isBranch: Bool {
        switch mnemonic {
        case .b, .bl, .bcond, .cbz, .cbnz: return true
        default: return false
        }
    }

    /// Size in bytes: every A64 instruction is one 32-bit word.
    public var byteCount: Int { 4 }

    /// The form-table row this instruction uses, or the error explaining why none fits.
    ///
    /// Selection ignores branch distances (PC-relative fields are checked in `encode`),
    /// so the chosen row, and therefore the listing text, never depends on layout.
    func selectForm() -> Result<Form, EncodingError> {
        selectFormIndex().map { formTable[$0] }
    }

    /// The index in `formTable` of the row this instruction uses.
    func selectFormIndex() -> Result<Int, EncodingError> { selectRow().map(\.index) }

    /// The row this instruction uses and the word selection assembled with it (pc-relative fields zero).
    private func selectRow() -> Result<(index: Int, word: UInt32), EncodingError> {
        let indices = formRowsByOrdinal[mnemonic.ordinal]
        var firstValueError: EncodingError?
        for index in indices {
            let form = formTable[index]
            // A row for another size or operand count could only fail with a mismatch, which selection ignores.
            guard form.base(size) != nil, form.operandCount == operands.count else { continue }
            do {
                return .success((index, try Encoder.assemble(self, form, pc: nil, labels: { _ in nil })))
            } catch {
                if error.kind != .operandMismatch && firstValueError == nil { firstValueError = error }
            }
        }
        if let firstValueError { return .failure(firstValueError) }
        let sizes = indices.contains { formTable[$0].base(size) != nil }
        if !sizes {
            return .failure(EncodingError(.operandMismatch, "`\(mnemonic.rawValue)` has no \(size.bits)-bit form"))
        }
        let kinds = operands.map(\.kindName).joined(separator: ", ")
        return .failure(EncodingError(.operandMismatch,
            "no form of `\(mnemonic.rawValue)` (\(size.bits)-bit) takes operands (\(kinds))"))
    }

    /// Whether the word depends on where the instruction is placed: a label or an absolute address operand.
    var isPCRelative: Bool {
        operands.contains {
            switch $0 {
            case .label, .address: true
            default: false
            }
        }
    }

    /// The instruction word.
    public func encodeWord(at address: UInt64, labels: (Int) -> UInt64?) throws(EncodingError) -> UInt32 {
        let form = try selectForm().get()
        return try Encoder.assemble(self, form, pc: address, labels: labels)
    }

    /// The row of the form table this instruction encodes with, chosen once: selecting tries each
    /// row of the mnemonic by assembling it, which a caller that encodes the same instruction
    /// several times (branch sizing) and prices it (PerfScore) need not repeat. The word assembled
    /// is kept when it is the final one (no pc-relative field).
    public func selection() -> FormSelection {
        guard case .success(let row) = selectRow() else { return FormSelection(row: nil, word: nil) }
        return FormSelection(row: row.index, word: isPCRelative ? nil : row.word)
    }

    /// The instruction word, with the row `selection()` chose.
    public func encodeWord(at address: UInt64, labels: (Int) -> UInt64?, _ selected: FormSelection) throws(EncodingError) -> UInt32 {
        if let word = selected.word { return word }
        // No row fits: selecting again throws the reason.
        let index: Int
        if let row = selected.row { index = row } else { index = try selectFormIndex().get() }
        return try Encoder.assemble(self, formTable[index], pc: address, labels: labels)
    }

    /// The 4 instruction bytes (little-endian), given this instruction's absolute address and
    /// the absolute addresses of label ids.
    public func encode(at address: UInt64, labels: (Int) -> UInt64?) throws -> [UInt8] {
        let word = try encodeWord(at: address, labels: labels)
        return [UInt8(word & 0xFF), UInt8((word >> 8) & 0xFF), UInt8((word >> 16) & 0xFF), UInt8(word >> 24)]
    }

    /// Throughput in cycles, from the row's cost class (see `CostClass`).
    public var throughput: Double { costClass.throughput }

    /// Latency in cycles, from the row's cost class.
    public var latency: Double { costClass.latency }

    /// The cost class of the selected row (`alu` if the instruction has no valid form).
    public var costClass: CostClass { selection().costClass }
}

/// The form-table row an instruction was matched to (nil when none fits), kept by callers that
/// encode or price one instruction more than once. Plain values: such a caller copies it freely.
public struct FormSelection: Sendable {
    /// The index of the row in `formTable`, nil when no row fits (`selectFormIndex` says why).
    let row: Int?
    /// The instruction word, when selection assembled the final one (no label or address operand):
    /// what `encodeWord(at:labels:_:)` returns for it, wherever it is placed.
    public let word: UInt32?

    /// The row's cost class (`alu` when no row fits).
    public var costClass: CostClass { row.map { formTable[$0].cost } ?? .alu }
}

extension Operand {
    /// A short description of the operand kind, for error messages.
    var kindName: String {
        switch self {
        case .reg: return "register"
        case .imm: return "immediate"
        case .shiftedImm: return "shifted immediate"
        case .shifted: return "shifted register"
        case .extended: return "extended register"
        case .mem: return "memory"
        case .cond: return "condition"
        case .label: return "label"
        case .address: return "address"
        case .fp: return "floating-point register"
        }
    }
}
