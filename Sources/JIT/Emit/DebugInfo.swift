import Diagnostics
import IL

/// A half-open range of IL offsets `[start, end)` of the method compiled.
public struct ILRange: Sendable, Hashable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// True when the IL instruction at `offset` lies in the range.
    public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }

    /// `0x0003..0x0007`, as RyuJIT prints IL offsets.
    public var description: String { hex4(start) + ".." + hex4(end) }
}

/// Where one emitted instruction came from, after RyuJIT's debug info
/// (`ICorDebugInfo::OffsetMapping`, what `JitDisasmWithDebugInfo` prints).
///
/// The prolog and epilog have no IL of their own (RyuJIT's `PROLOG` and
/// `EPILOG` markers); neither do the shared throw blocks or the code the JIT
/// invents (suspension and resumption of runtime async, `NO_MAPPING`).
public enum ILMapping: Sendable, Hashable, CustomStringConvertible {
    /// Generated from the IL instructions in the range. Inlined code maps to its call site.
    case il(ILRange)
    case prolog
    case epilog
    case noMapping

    /// The IL range, if the instruction has one.
    public var range: ILRange? { if case .il(let r) = self { r } else { nil } }

    /// `IL 0x0003..0x0007`, `PROLOG`, `EPILOG`, `NO_MAPPING`.
    public var description: String {
        switch self {
        case .il(let r): "IL \(r)"
        case .prolog: "PROLOG"
        case .epilog: "EPILOG"
        case .noMapping: "NO_MAPPING"
        }
    }
}

/// The debug info of one emitted instruction: where it is in the code and in the listing, and its IL.
public struct InstructionDebugInfo: Sendable, Hashable {
    /// Byte offset of the instruction from the start of the method's code.
    public var codeOffset: Int
    /// Encoded size in bytes.
    public var size: Int
    /// 0-based line of the instruction in `CompiledMethod.listing`.
    public var listingLine: Int
    public var mapping: ILMapping

    public init(codeOffset: Int, size: Int, listingLine: Int, mapping: ILMapping) {
        self.codeOffset = codeOffset
        self.size = size
        self.listingLine = listingLine
        self.mapping = mapping
    }
}

/// One IL instruction of the method compiled: its offset range and where its text is.
public struct ILInstructionSite: Sendable, Hashable {
    public var range: ILRange
    /// The opcode as written (`ldarg.0`).
    public var opcode: String
    /// Where the instruction is written (a chapter line for chapter IL, synthetic for runtime-made IL).
    public var location: SourceLocation

    public init(range: ILRange, opcode: String, location: SourceLocation) {
        self.range = range
        self.opcode = opcode
        self.location = location
    }
}

/// What ties a compiled method's output back to its IL, without changing any listing or dump text.
///
/// The site uses it to link IL lines to the asm lines generated from them (and back), and IR
/// dump nodes to their IL; it is deterministic, like the listing.
public struct MethodDebugInfo: Sendable, Hashable {
    /// Every emitted instruction, in code order.
    public var instructions: [InstructionDebugInfo]
    /// The IL instructions of the method compiled, in offset order.
    public var ilInstructions: [ILInstructionSite]
    /// For each IR dump: node id -> the IL offset the node carried when the dump was taken.
    public var dumpNodeOffsets: [Phase: [Int: Int]]

    public init(instructions: [InstructionDebugInfo] = [], ilInstructions: [ILInstructionSite] = [],
                dumpNodeOffsets: [Phase: [Int: Int]] = [:]) {
        self.instructions = instructions
        self.ilInstructions = ilInstructions
        self.dumpNodeOffsets = dumpNodeOffsets
    }

    /// The IL instruction starting at `offset`, if there is one.
    public func ilInstruction(at offset: Int) -> ILInstructionSite? {
        var lo = 0, hi = ilInstructions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let r = ilInstructions[mid].range
            if r.start == offset { return ilInstructions[mid] }
            if r.start < offset { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// The IL instructions a range covers.
    public func ilInstructions(in range: ILRange) -> [ILInstructionSite] {
        ilInstructions.filter { range.contains($0.range.start) }
    }

    /// The listing with each instruction's mapping appended as a comment, as
    /// `JitDisasmWithDebugInfo` shows it: for tests and `jitbook jit --debug-info`.
    public func annotate(_ listing: String) -> String {
        var lines = listing.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in instructions where i.listingLine >= 0 && i.listingLine < lines.count {
            lines[i.listingLine] += "    ; \(i.mapping)"
        }
        return lines.joined(separator: "\n")
    }
}

/// Computes IL ranges of nodes for codegen and the node offsets of dumps.
enum DebugInfoBuilder {
    /// The method body's instructions by IL offset: which instruction starts at an offset and how
    /// many bytes it takes (an array indexed by offset: codegen asks for every node), and the IL
    /// sites the emitter reports. Built once per compilation, by codegen, in one walk of the body.
    struct ILIndex {
        /// The IL sites of the method's own body (the IL a reader sees; inlinees map to call sites),
        /// in body order: a site's range is its instruction's offset and size.
        let sites: [ILInstructionSite]
        /// The method body (shared with the method, not copied): the opcodes `last(in:_:)` reports.
        private let body: [Instruction]
        /// Body index of the instruction starting at each offset, -1 inside an instruction.
        private let indexAt: [Int]

        init(_ method: MethodDef) {
            let body = method.body
            var sites: [ILInstructionSite] = []
            sites.reserveCapacity(body.count)
            // Instructions read in place through the buffer, and sized by `Instruction.end(of:in:)`:
            // `totalSize` called from this module copies the whole instruction first, retaining
            // everything it holds.
            body.withUnsafeBufferPointer { instructions in
                for i in instructions.indices {
                    let offset = instructions[i].offset
                    sites.append(ILInstructionSite(range: ILRange(start: offset, end: Instruction.end(of: i, in: body)),
                                                   opcode: instructions[i].opcode.rawValue,
                                                   location: instructions[i].location))
                }
            }
            // `method.ilSize`: where the last instruction ends.
            let ilSize = sites.last?.range.end ?? 0
            var at = [Int](repeating: -1, count: ilSize + 1)
            for i in sites.indices where sites[i].range.start < at.count { at[sites[i].range.start] = i }
            self.sites = sites
            self.body = body
            indexAt = at
        }

        /// The size of the instruction starting at `offset`, nil if none does.
        func size(at offset: Int) -> Int? {
            guard offset >= 0 && offset < indexAt.count && indexAt[offset] >= 0 else { return nil }
            let range = sites[indexAt[offset]].range
            return range.end - range.start
        }

        /// The opcode, offset and size of the last instruction starting in `start..<end` (not the
        /// instruction itself: copying one retains everything it holds).
        func last(in start: Int, _ end: Int) -> (opcode: Opcode, offset: Int, size: Int)? {
            var o = min(end, indexAt.count) - 1
            while o >= start && o >= 0 {
                let i = indexAt[o]
                if i >= 0 {
                    let opcode = body.withUnsafeBufferPointer { $0[i].opcode }
                    return (opcode, o, sites[i].range.end - o)
                }
                o -= 1
            }
            return nil
        }
    }

    /// Widens `lo..<hi` by the IL of `n` and of the operands it contains (a static function with
    /// `inout` bounds: a recursive local function would box the captured bounds on every call).
    private static func widen(_ lo: inout Int, _ hi: inout Int, by n: Node, _ il: ILIndex) {
        if let o = n.ilOffset, let size = il.size(at: o) {
            lo = min(lo, o)
            hi = max(hi, o + size)
        }
        for i in n.operands.indices {
            n.withOperand(i) { op in if op.isContained { widen(&lo, &hi, by: op, il) } }
        }
    }

    /// The IL range of each node of the LIR, by node id: its own, or when the JIT
    /// made the node up (a folded constant, a copy) the range of the node in its block that uses its value.
    static func ranges(_ c: Compiler, _ il: ILIndex) -> NodeMap<ILRange> {
        // The first user of each node in its block, by id (-1: none yet): ids, not nodes, so the
        // table holds no references.
        var user = [Int](repeating: -1, count: c.ids.node)
        var out = NodeMap<ILRange>(c)
        for block in c.blocks {
            let lir = block.lir
            // Each node's own range: the IL its instructions come from, its own IL instruction and those
            // of the operands it contains (a contained constant is encoded into its user's instruction);
            // none when no offset involved is an instruction of the method. And its operands' first
            // user, in the same walk of the operands (borrowed: `withOperand`, no retain per operand).
            // (Nodes borrowed from `lir`: no retain and release per node.)
            for k in lir.indices {
                lir.withNode(k) { n in
                    var lo = Int.max, hi = Int.min
                    if let o = n.ilOffset, let size = il.size(at: o) {
                        lo = o
                        hi = o + size
                    }
                    let id = n.id
                    for i in n.operands.indices {
                        n.withOperand(i) { op in
                            if op.id < user.count && user[op.id] < 0 { user[op.id] = id }
                            if op.isContained { widen(&lo, &hi, by: op, il) }
                        }
                    }
                    if lo <= hi { out[id] = ILRange(start: lo, end: hi) }
                }
            }
            // The others take their user's, which comes later in the block: walk it backwards.
            for k in lir.indices.reversed() {
                let id = lir.withNode(k) { $0.id }
                if out[id] == nil, id < user.count, user[id] >= 0, let r = out[user[id]] { out[id] = r }
            }
        }
        return out
    }

    /// The IL branch that ends `block`, if its IL range ends in one (`br`, `leave`): the jump
    /// codegen adds at the end of the block is that instruction's.
    static func endingBranch(of block: BasicBlock, _ il: ILIndex) -> ILRange? {
        guard block.ilEnd > block.ilStart, let last = il.last(in: block.ilStart, block.ilEnd) else { return nil }
        switch last.opcode {
        case .br, .br_s, .leave, .leave_s: return ILRange(start: last.offset, end: last.offset + last.size)
        default: return nil
        }
    }

    /// Node id -> IL offset of every node in the method's IR (HIR trees or LIR lists).
    static func nodeOffsets(_ c: Compiler, lir: Bool) -> [Int: Int] {
        var out: [Int: Int] = [:]
        func visit(_ n: Node) {
            if let o = n.ilOffset { out[n.id] = o }
            for op in n.operands { visit(op) }
        }
        for b in c.blocks {
            if lir {
                for n in b.lir { if let o = n.ilOffset { out[n.id] = o } }
            } else {
                for s in b.statements { visit(s.root) }
            }
        }
        return out
    }
}

private func hex4(_ v: Int) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 4 - s.count)) + s
}
