import ARM64
import X64

/// One machine instruction as the emitter sees it, whatever the target.
///
/// The X64 and ARM64 modules define their own instruction types (encodings as
/// data); the JIT adapts them to this protocol so that instruction groups,
/// branch sizing, offsets and listing text are computed once, here.
protocol MachineInstruction {
    /// Appends the instruction's bytes at `address` to `out`, with label ids resolved to absolute
    /// addresses (the emitter encodes a method into one buffer).
    func encode(at address: UInt64, labels: (Int) -> UInt64?, into out: inout [UInt8]) throws
    /// Listing text without indentation (`mov      eax, edi`).
    func text(labelName: (Int) -> String) -> String
    /// Label id this instruction branches to, if any.
    var branchTarget: Int? { get }
    /// The size in bytes when it is known without encoding the instruction (arm64: always 4; x64: when
    /// the instruction was encoded as it was made), else nil. An instruction with a known size whose
    /// bytes do not depend on the address encodes cheaply.
    var knownSize: Int? { get }
    /// Throughput and latency from the target's cost table (PerfScore model).
    var costs: (throughput: Double, latency: Double) { get }
    /// x64: whether the branch uses its short (rel8) form. Other targets: always false.
    var isShortBranch: Bool { get set }
    /// x64: whether a rel8 branch from `from` reaches `to`. Other targets: false (no short form).
    func fitsShort(from: UInt64, to: UInt64) -> Bool
}

/// An item of the codegen output stream.
enum MachineItem {
    /// Start of a basic block: its label id and weight (a new instruction group starts if the label is a target).
    case block(label: Int, weight: Double)
    /// A label inside the code (not a block start), e.g. a jump-table base.
    case label(Int)
    /// The next instruction of the target's list (`MachineCode.x64Instructions` or `arm64Instructions`).
    case instruction
    /// End of the prolog: the next instruction starts the method body.
    case prologEnd
    /// Start of an epilog: forces a new instruction group.
    case epilogStart(weight: Double)
}

/// A read-only data item emitted after the code (RyuJIT's `RWD` section).
struct DataItem {
    /// A jump table: 4-byte entries `label - base`.
    var entries: [Int]
    var base: Int
    /// Runtime async: a ResumeInfo record instead (ContinuationLayout): the method's entry, the
    /// address of `base` (the suspension code, its diagnostic IP) and how many result bytes to store.
    var resumeResultBytes: Int?

    init(entries: [Int], base: Int, resumeResultBytes: Int? = nil) {
        self.entries = entries
        self.base = base
        self.resumeResultBytes = resumeResultBytes
    }

    /// Bytes the item occupies.
    var byteSize: Int { resumeResultBytes != nil ? ContinuationLayout.resumeInfoSize : 4 * entries.count }
}

/// The codegen output for one method: instruction stream plus read-only data.
final class MachineCode {
    var items: [MachineItem] = []
    var data: [DataItem] = []
    private var nextLabel = 0
    /// How many label ids exist: every label is below this.
    var labelCount: Int { nextLabel }
    /// Label id of each block, indexed by block id (ids are dense); -1 for a block without one yet.
    private var blockLabels: [Int] = []

    /// A fresh label id.
    func newLabel() -> Int {
        defer { nextLabel += 1 }
        return nextLabel
    }

    /// The label of a block (created on first use).
    func label(of block: BasicBlock) -> Int {
        if block.id < blockLabels.count, blockLabels[block.id] >= 0 { return blockLabels[block.id] }
        if block.id >= blockLabels.count {
            blockLabels += repeatElement(-1, count: block.id + 1 - blockLabels.count)
        }
        let l = newLabel()
        blockLabels[block.id] = l
        return l
    }

    /// The method's IL by offset, as codegen built it for the IL ranges (the emitter lists the IL sites from it).
    var ilIndex: DebugInfoBuilder.ILIndex?

    /// The IL the instructions emitted next come from (set by codegen per node; debug info).
    var currentIL: ILRange?
    /// The IL range recorded for each instruction, in emission order (`currentIL` at its emission).
    private(set) var ilRanges: [ILRange?] = []

    /// The instructions, in emission order, of the target codegen produced: kept unboxed, in an
    /// array of the target's own type (the emitter is generic over it), not as existentials.
    private(set) var x64Instructions: [X64Machine] = []
    private(set) var arm64Instructions: [ARM64Machine] = []

    /// Hands the x64 instructions over to the emitter, leaving none here: the emitter widens
    /// branches in place, which would copy the whole array if this object still held it.
    func takeX64Instructions() -> [X64Machine] {
        defer { x64Instructions = [] }
        return x64Instructions
    }

    /// `takeX64Instructions` for arm64.
    func takeARM64Instructions() -> [ARM64Machine] {
        defer { arm64Instructions = [] }
        return arm64Instructions
    }

    /// Makes room for about `count` instructions of `arch` (codegen's estimate), so that the lists
    /// do not grow step by step.
    func reserveCapacity(instructions count: Int, arch: Arch) {
        items.reserveCapacity(count)
        ilRanges.reserveCapacity(count)
        switch arch {
        case .x64: x64Instructions.reserveCapacity(count)
        case .arm64: arm64Instructions.reserveCapacity(count)
        }
    }

    func emit(_ i: consuming X64.Instruction) {
        x64Instructions.append(X64Machine(inst: i))
        noteInstruction()
    }

    func emit(_ i: consuming ARM64.Instruction) {
        arm64Instructions.append(ARM64Machine(inst: i))
        noteInstruction()
    }

    private func noteInstruction() {
        items.append(.instruction)
        ilRanges.append(currentIL)
    }
}
