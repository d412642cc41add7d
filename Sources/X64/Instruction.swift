/// One x64 machine instruction: a mnemonic with operands, plus listing metadata.
///
/// Instructions are plain values built by codegen; the form table decides whether
/// and how they encode (`encode(at:labels:)`), and `text(labelName:)` prints them as
/// JitDisasm does. Branches name an abstract label id in `target` that the emitter
/// resolves to an address.
public struct Instruction: Equatable, Hashable, Sendable {
    /// The instruction family (`add`, `jcc`, ...).
    public var mnemonic: Mnemonic
    /// The condition of `jcc`, `setcc` and `cmovcc`; nil for everything else.
    public var condition: Condition?
    /// Operands in Intel order: destination first (stored inline, at most three).
    public var operands: Operands
    /// Printed after the operands as `      ; text` (handles, call targets).
    public var comment: String?
    /// Printed instead of the numeric value of the instruction's absolute address (an `.address`
    /// operand or memory at an `.absolute` address): call targets, call cells, data labels. Kept
    /// here rather than in the operand (an instruction has at most one such address), so that
    /// operands hold no strings and copy without reference counting.
    public var symbol: String?
    /// Label id of a branch (`.label` operand) or of `lea r, [label]`.
    public var target: Int?
    /// For label branches: use the 2-byte rel8 form (printed `SHORT`). The emitter
    /// starts short and widens branches whose offset does not fit.
    public var isShort: Bool

    /// A general instruction: `Instruction(.add, .d(.rax), .imm(5))`, with up to three operands.
    /// (Parameters, not a variadic list: a variadic list would be an array allocated per instruction.)
    public init(_ mnemonic: Mnemonic, _ a: Operand? = nil, _ b: Operand? = nil, _ c: Operand? = nil,
                condition: Condition? = nil, target: Int? = nil, symbol: String? = nil, comment: String? = nil) {
        var operands = Operands()
        if let a { operands.append(a) }
        if let b { operands.append(b) }
        if let c { operands.append(c) }
        self.init(mnemonic, operands: operands, condition: condition, target: target, symbol: symbol, comment: comment)
    }

    /// The same, with the operands as a list (`operands: [.label]`).
    public init(_ mnemonic: Mnemonic, operands: Operands, condition: Condition? = nil, target: Int? = nil,
                symbol: String? = nil, comment: String? = nil, isShort: Bool = false) {
        self.mnemonic = mnemonic
        self.condition = condition
        self.operands = operands
        self.comment = comment
        self.symbol = symbol
        self.target = target
        self.isShort = isShort
    }

    /// True for jumps to a code label (jcc, jmp label): the ones the emitter may shorten.
    public var isBranch: Bool {
        guard mnemonic == .jcc || mnemonic == .jmp, operands.count == 1, case .label = operands[0] else { return false }
        return true
    }

    /// True when the encoding depends on the instruction's address: a label (branches, `lea r, [label]`),
    /// a direct call's absolute target (rel32) or a rip-relative memory operand.
    public var isPCRelative: Bool {
        if target != nil { return true }
        for i in operands.indices {
            switch operands[i] {
            case .address, .label: return true
            case .mem(let m): if case .absolute = m.address { return true }
            default: continue
            }
        }
        return false
    }

    /// Estimated cycles between issuing this and an independent next instruction (PerfScore).
    /// Zero for instructions no form accepts.
    public var throughput: Double { selection().costs.throughput }

    /// Estimated cycles until the result is available (PerfScore). Zero if unencodable.
    public var latency: Double { selection().costs.latency }

    /// The form-table row this instruction encodes with (or none), matched once.
    public func selection() -> FormSelection { FormSelection(match: try? FormTable.match(self)) }

    /// The index of the form-table row that encodes this instruction (for coverage checks).
    public func formIndex() throws -> Int { try FormTable.match(self).index }

    /// The number of rows in the form table.
    public static var formCount: Int { FormTable.forms.count }

    /// The operand sizes accepted by form-table row `index` (empty for fixed-size rows).
    public static func formSizes(_ index: Int) -> [Width] {
        FormTable.forms.indices.contains(index) ? FormTable.forms[index].sizes : []
    }

    /// The same instruction with a listing comment.
    public func commented(_ text: String?) -> Instruction {
        var copy = self
        copy.comment = text
        return copy
    }
}

// MARK: - Convenience constructors for the forms codegen emits most.

extension Instruction {
    /// `jcc label` (long form; set `isShort` for rel8).
    public static func j(_ cc: Condition, label: Int, short: Bool = false) -> Instruction {
        Instruction(.jcc, operands: [.label], condition: cc, target: label, isShort: short)
    }

    /// `jmp label`.
    public static func jmp(label: Int, short: Bool = false) -> Instruction {
        Instruction(.jmp, operands: [.label], target: label, isShort: short)
    }

    /// `jmp reg`.
    public static func jmp(_ r: Reg) -> Instruction { Instruction(.jmp, .q(r)) }

    /// `call target` (E8 rel32) to an absolute code address, printed as the symbol.
    public static func call(_ address: UInt64, symbol: String? = nil) -> Instruction {
        Instruction(.call, .address(address), symbol: symbol)
    }

    /// `call [cell]` (FF /2 rip-relative) through an indirection cell at an absolute address.
    public static func call(cell: UInt64, symbol: String? = nil) -> Instruction {
        Instruction(.call, .mem(.absolute(cell)), symbol: symbol)
    }

    /// `call reg`.
    public static func call(_ r: Reg) -> Instruction { Instruction(.call, .q(r)) }

    /// `call [base+disp]` (virtual calls through a method table slot).
    public static func call(_ base: Reg, _ disp: Int64) -> Instruction { Instruction(.call, .addr(base, disp)) }

    /// `lea r, [label]`: the address of a code label, rip-relative.
    public static func lea(_ r: Reg, label: Int, width: Width = .qword) -> Instruction {
        Instruction(.lea, operands: [.reg(r, width), .mem(.label)], target: label)
    }

    /// `setcc r8`.
    public static func set(_ cc: Condition, _ r: Reg) -> Instruction {
        Instruction(.setcc, .b(r), condition: cc)
    }

    /// `cmovcc dst, src` at a width.
    public static func cmov(_ cc: Condition, _ width: Width, _ dst: Reg, _ src: Reg) -> Instruction {
        Instruction(.cmovcc, .reg(dst, width), .reg(src, width), condition: cc)
    }

    /// `push r64`.
    public static func push(_ r: Reg) -> Instruction { Instruction(.push, .q(r)) }
    /// `pop r64`.
    public static func pop(_ r: Reg) -> Instruction { Instruction(.pop, .q(r)) }
    /// `ret`.
    public static var ret: Instruction { Instruction(.ret) }
    /// `int3`.
    public static var int3: Instruction { Instruction(.int3) }
    /// `nop`.
    public static var nop: Instruction { Instruction(.nop) }
}

/// The form-table row chosen for one instruction (`Instruction.selection()`), nil when none fits.
///
/// Plain values only: an emitter keeps one per instruction and copies it around. Why no row
/// fits is found again (`FormTable.match` throws it) only when such an instruction is encoded.
public struct FormSelection: Sendable {
    let match: FormTable.Match?

    /// Throughput and latency of the row (PerfScore); zero when no row fits.
    public var costs: (throughput: Double, latency: Double) {
        guard let m = match else { return (0, 0) }
        return (m.cost.throughput, m.cost.latency)
    }
}
