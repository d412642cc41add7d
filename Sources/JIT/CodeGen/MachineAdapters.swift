import ARM64
import X64

/// x64 instructions as the emitter sees them; the form-table row is matched when the instruction is
/// made and again only when a branch is widened (its short and long forms are different rows).
///
/// An instruction whose bytes do not depend on its address is also encoded when it is made, and
/// keeps its bytes: the emitter sizes and places it without encoding it again.
struct X64Machine: MachineInstruction {
    private(set) var inst: X64.Instruction
    private var selected: X64.FormSelection
    /// The final bytes, when they do not depend on the address and the instruction encodes (an
    /// error is left for the emitter to report, in its order).
    private let bytes: X64.InstructionBytes?

    /// Matches and, unless it is pc-relative, encodes `inst`.
    init(inst: X64.Instruction) {
        selected = inst.selection()
        bytes = inst.isPCRelative ? nil : try? inst.encoded(at: 0, labels: { _ in nil }, selected)
        self.inst = inst
    }

    /// Always inlined: the emitter calls it on the instruction in place, and a call would copy the
    /// whole instruction first (retaining what it holds) even when only its bytes are needed.
    @inline(__always)
    func encode(at address: UInt64, labels: (Int) -> UInt64?, into out: inout [UInt8]) throws {
        if let bytes {
            bytes.append(to: &out)
        } else {
            try inst.encode(at: address, labels: labels, selected, into: &out)
        }
    }
    func text(labelName: (Int) -> String) -> String { inst.text(labelName: labelName) }
    var branchTarget: Int? { inst.target }
    var knownSize: Int? { bytes?.count }
    var costs: (throughput: Double, latency: Double) { selected.costs }
    var isShortBranch: Bool {
        get { inst.isShort }
        set {
            guard inst.isBranch, inst.isShort != newValue else { return }
            inst.isShort = newValue
            selected = inst.selection()
        }
    }
    func fitsShort(from: UInt64, to: UInt64) -> Bool { inst.isBranch && inst.fitsShort(from: from, to: to) }
}

/// arm64 instructions as the emitter sees them (always 4 bytes, no short forms); the form-table
/// row is chosen once, when the instruction is made, and with it the word of an instruction
/// whose word does not depend on its address.
struct ARM64Machine: MachineInstruction {
    let inst: ARM64.Instruction
    private let selected: ARM64.FormSelection
    /// `inst.target`, asked once (it searches the operands).
    let branchTarget: Int?

    init(inst: ARM64.Instruction) {
        selected = inst.selection()
        branchTarget = inst.target
        self.inst = inst
    }

    /// Always inlined, as `X64Machine.encode` is.
    @inline(__always)
    func encode(at address: UInt64, labels: (Int) -> UInt64?, into out: inout [UInt8]) throws {
        let word: UInt32
        if let final = selected.word {
            word = final
        } else {
            word = try inst.encodeWord(at: address, labels: labels, selected)
        }
        out.append(UInt8(word & 0xFF))
        out.append(UInt8((word >> 8) & 0xFF))
        out.append(UInt8((word >> 16) & 0xFF))
        out.append(UInt8(word >> 24))
    }
    func text(labelName: (Int) -> String) -> String { inst.text(labelName: labelName, selected) }
    var knownSize: Int? { 4 }
    var costs: (throughput: Double, latency: Double) { (selected.costClass.throughput, selected.costClass.latency) }
    var isShortBranch: Bool {
        get { false }
        set {}
    }
    func fitsShort(from: UInt64, to: UInt64) -> Bool { false }
}
