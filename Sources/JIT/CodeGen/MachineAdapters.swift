import ARM64
import X64

/// x64 instructions as the emitter sees them; the form-table row is matched when the instruction is
/// made and again only when a branch is widened (its short and long forms are different rows).
struct X64Machine: MachineInstruction {
    private(set) var inst: X64.Instruction
    private var selected: X64.FormSelection

    init(inst: X64.Instruction) {
        selected = inst.selection()
        self.inst = inst
    }

    func encode(at address: UInt64, labels: (Int) -> UInt64?, into out: inout [UInt8]) throws {
        try inst.encode(at: address, labels: labels, selected, into: &out)
    }
    func text(labelName: (Int) -> String) -> String { inst.text(labelName: labelName) }
    var branchTarget: Int? { inst.target }
    var fixedSize: Int? { nil }
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
    var dependsOnAddress: Bool { inst.isPCRelative }
}

/// arm64 instructions as the emitter sees them (always 4 bytes, no short forms); the form-table
/// row is chosen once, when the instruction is made.
struct ARM64Machine: MachineInstruction {
    let inst: ARM64.Instruction
    private let selected: ARM64.FormSelection

    init(inst: ARM64.Instruction) {
        selected = inst.selection()
        self.inst = inst
    }

    func encode(at address: UInt64, labels: (Int) -> UInt64?, into out: inout [UInt8]) throws {
        let word = try inst.encodeWord(at: address, labels: labels, selected)
        out.append(UInt8(word & 0xFF))
        out.append(UInt8((word >> 8) & 0xFF))
        out.append(UInt8((word >> 16) & 0xFF))
        out.append(UInt8(word >> 24))
    }
    func text(labelName: (Int) -> String) -> String { inst.text(labelName: labelName, selected) }
    var branchTarget: Int? { inst.target }
    var fixedSize: Int? { 4 }
    var costs: (throughput: Double, latency: Double) { (selected.costClass.throughput, selected.costClass.latency) }
    var isShortBranch: Bool {
        get { false }
        set {}
    }
    func fitsShort(from: UInt64, to: UInt64) -> Bool { false }
    var dependsOnAddress: Bool { true }
}
