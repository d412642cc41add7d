import Diagnostics
import IL

/// The state of one method compilation, shared by every phase (RyuJIT's `Compiler` object).
///
/// Phases read and rewrite `blocks` and `locals`; node and statement ids come
/// from the counters here so that dumps are stable across runs.
public final class Compiler: @unchecked Sendable {
    public let method: MethodDef
    /// The instructions the importer reads: `method.body`, or for a method with exception clauses
    /// the body with its finally handlers cloned into the paths that leave their `.try` blocks and
    /// its other handlers left out (FinallyCloning.swift).
    var ilBody: [Instruction]
    public let module: IL.Module
    public let runtime: JitInterface
    public let arch: Arch
    public let config: JitConfig
    /// The exact method being compiled (instantiation included), when the runtime has a type system.
    public let methodHandle: MethodHandle?
    /// The method's return type, resolved in its generic context (set by the importer).
    public var returnType = JitTypeDesc(.void)
    /// The local holding the hidden return buffer address, when the method returns a large struct.
    public var retBufLocal: Int?
    /// Runtime async: each by-reference struct argument -> the struct temp the method copies it into.
    public var implicitByRefCopies: [Int: Int] = [:]
    /// Class constructors of `beforefieldinit` classes whose statics the method touches, in order
    /// of first reference: the entry block triggers them (ImportEntry).
    var entryClassInits: [ClassInitializer] = []
    /// True when some BOUNDS_CHECK jumps to the method's shared throw block.
    public var hasRangeCheckThrow = false
    /// Runtime async state: set when the method is an async variant (AsyncSite.swift).
    public var async = AsyncState()
    /// Seed 001: `method` is the IL of an ordinary Task-returning method compiled as its async
    /// version (the driver decides, `AsyncVersion.decide`); the importer awaits its returns.
    public var isAsyncVersion = false

    /// Basic blocks in layout order.
    public var blocks: [BasicBlock] = [] {
        didSet {
            layoutIndexByID = nil
            flowTables = nil
        }
    }
    /// The successor and predecessor tables of the flow graph, shared by the passes that ask for
    /// them while the graph stays the same (`successorTable`); nil until asked for and after
    /// `blocks` changes.
    var flowTables: FlowTables?
    /// Layout index of each block by block id (-1: not in the layout), rebuilt on demand after
    /// `blocks` changes: `next(after:)` is asked for every block by every dataflow pass.
    private var layoutIndexByID: [Int]?
    /// Locals: arguments first (V00...), then IL locals, then JIT temps.
    public var locals: [LocalVar] = []
    /// Target description used by lowering, LSRA and codegen.
    public let target: TargetInfo
    /// Frame layout, filled in after register allocation.
    public var frame = FrameLayout()
    /// Machine code produced by codegen, consumed by the emitter.
    var machine = MachineCode()
    /// The `.locals init` locals the prolog zeroes (`ZeroInit`), in local order: found by register
    /// allocation, whose liveness covers them, and read by codegen's prolog.
    var zeroInitLocals: [Int] = []

    /// Node, statement and block counters; an inlinee's compiler shares its root's, so the
    /// nodes it imports keep unique ids once spliced into the root method.
    let ids: IDSource
    /// Notes phases leave for the dump of the phase (the inliner's decisions), printed before the IR.
    public var phaseNotes: [Phase: [String]] = [:]
    /// Whether a dump will print the notes (the driver clears it when no phase is dumped): a phase
    /// that writes a note per call site can then skip building its text.
    var keepsNotes = true
    /// True for the compiler of an inlinee: its `tail.` prefixes are ignored (its return is not the method's).
    let isInlinee: Bool
    /// True once the importer has marked a call as an explicit tail call (`tail.`): morph's search
    /// for them (TailCalls.swift) skips the trees of the methods that have none.
    var hasExplicitTailCalls = false
    /// Set by branch optimization, which weighs the blocks last (`BlockWeights`): rationalization,
    /// the phase right after it, then has nothing to recompute, and clears it.
    var blockWeightsAreCurrent = false

    public init(method: MethodDef, module: IL.Module, runtime: JitInterface, arch: Arch, config: JitConfig,
                methodHandle: MethodHandle? = nil) {
        self.methodHandle = methodHandle
        self.method = method
        self.ilBody = method.body
        self.module = module
        self.runtime = runtime
        self.arch = arch
        self.config = config
        self.optimizing = config.optimize
        self.target = TargetInfo.for(arch)
        self.ids = IDSource()
        self.isInlinee = false
    }

    /// A compiler for an inlinee of `root`: same runtime, target and configuration, shared id counters.
    /// `handle` is the exact callee (its generic context), when the runtime has a type system.
    init(inlinee method: MethodDef, handle: MethodHandle?, of root: Compiler) {
        self.methodHandle = handle
        self.method = method
        self.ilBody = method.body
        self.module = root.module
        self.runtime = root.runtime
        self.arch = root.arch
        self.config = root.config
        self.optimizing = root.optimizing
        self.target = root.target
        self.ids = root.ids
        self.isInlinee = true
    }

    /// True when optimizations run (not MinOpts). Read from the knobs once: phases ask per block and
    /// per node, and each knob read searches the knob table by name.
    public let optimizing: Bool

    /// True when the method links handler records for its `.try` regions (FinallyCloning.swift).
    /// Exception flow is not in the flow graph (a throw anywhere in a `.try` resumes at its pad), so
    /// such a method keeps every local in its stack home and skips the dataflow optimizations.
    public var usesHandlerRecords = false

    /// True when locals may live in registers: optimizing, and no handler records.
    public var enregistersLocals: Bool { optimizing && !usesHandlerRecords }

    /// The regions of a method with handler records, by id (FinallyCloning.swift).
    var handlerRegions: [HandlerRegion] = []
    /// The synthetic `nop`s of `ilBody` that stand for handler-record operations, by instruction index.
    var handlerMarkers: [Int: HandlerRecordMarker] = [:]
    /// Per region id: the record local and the exception-object local.
    var handlerRecordLocals: [Int: (record: Int, exception: Int)] = [:]
    /// Per `ilBody` index of a call: the records linked there, outermost first (awaits inside `.try`).
    var handlerLinked: [Int: [FinallyCloning.LinkedRecord]] = [:]

    /// Where the method was written, for diagnostics without a better location.
    public var location: SourceLocation { method.location }

    /// The listing name of the method, e.g. `Program:Add(int,int):int`.
    public var displayName: String {
        if let h = methodHandle { return runtime.displayName(of: h) }
        return runtime.displayName(of: method)
    }

    /// Where the method's code is placed.
    public var codeAddress: UInt64 {
        if let h = methodHandle { return runtime.codeAddress(of: h) }
        return runtime.codeAddress(of: method)
    }

    /// Where the method's read-only data is placed.
    public var readOnlyDataAddress: UInt64 {
        if let h = methodHandle { return runtime.readOnlyDataAddress(of: h) }
        return runtime.readOnlyDataAddress(of: method)
    }

    // MARK: factories

    /// Makes a new node with a fresh id.
    public func node(_ oper: Oper, _ type: VarType, _ operands: [Node] = [], flags: NodeFlags = []) -> Node {
        defer { ids.node += 1 }
        return Node(id: ids.node, oper: oper, type: type, operands: operands, flags: flags)
    }

    /// Makes a CNS_INT of the given type.
    /// The zero of `type`: CNS_DBL +0.0 for float32/float64, else CNS_INT 0 of its stack type.
    public func zero(_ type: VarType) -> Node {
        guard type.isFloating else { return constant(0, type.actualType) }
        return node(.cnsDbl, type)
    }

    public func constant(_ value: Int64, _ type: VarType = .int) -> Node {
        let n = node(.cnsInt, type.actualType)
        n.value = type.actualType == .int ? Int64(Int32(truncatingIfNeeded: value)) : value
        return n
    }

    /// Makes a LCL_VAR reading local `num`.
    public func localRead(_ num: Int) -> Node {
        let n = node(.lclVar, locals[num].type.actualType)
        n.lclNum = num
        return n
    }

    /// Makes a STORE_LCL_VAR of `value` into local `num`.
    public func localStore(_ num: Int, _ value: Node) -> Node {
        let n = node(.storeLclVar, .void, [value])
        n.lclNum = num
        return n
    }

    /// Makes a statement with a fresh id.
    public func statement(_ root: Node, ilOffset: Int?) -> Statement {
        defer { ids.statement += 1 }
        return Statement(id: ids.statement, root: root, ilOffset: ilOffset)
    }

    /// Makes a block with a fresh id (not yet inserted into `blocks`).
    public func newBlock(kind: JumpKind = .fallthrough_, ilStart: Int = 0, ilEnd: Int = 0) -> BasicBlock {
        defer { ids.block += 1 }
        return BasicBlock(id: ids.block, num: ids.block + 1, kind: kind, ilStart: ilStart, ilEnd: ilEnd)
    }

    /// Adds a JIT temp local and returns its number.
    public func newTemp(_ type: VarType, reason: String) -> Int {
        let num = locals.count
        let v = LocalVar(num: num, kind: .temp(reason), type: type, name: nil)
        v.isRegCandidate = enregistersLocals
        locals.append(v)
        return num
    }

    /// Adds a stack-allocated struct temp of class `cls` and returns its number.
    public func newStructTemp(_ cls: ClassHandle, reason: String) -> Int {
        let num = newTemp(.struct, reason: reason)
        locals[num].classHandle = cls
        locals[num].structSize = runtime.classInfo(cls).size
        locals[num].isRegCandidate = false
        locals[num].addressExposed = true
        return num
    }

    /// Renumbers blocks `BB01...` in layout order.
    public func renumberBlocks() {
        for (i, b) in blocks.enumerated() { b.num = i + 1 }
    }

    /// The block after `block` in layout order, if any.
    public func next(after block: BasicBlock) -> BasicBlock? {
        guard let i = layoutIndex(of: block), i + 1 < blocks.count else { return nil }
        return blocks[i + 1]
    }

    /// The block's position in `blocks`, nil when it is not in the layout.
    public func layoutIndex(of block: BasicBlock) -> Int? {
        layoutIndex(of: block, in: layoutIndexTable)
    }

    /// The layout index of each block by block id (-1: not in the layout), for a pass that looks up
    /// many blocks: it fetches the table once and asks `layoutIndex(of:in:)`.
    var layoutIndexTable: [Int] {
        if let index = layoutIndexByID { return index }
        var index = [Int](repeating: -1, count: blocks.reduce(-1) { max($0, $1.id) } + 1)
        for (i, b) in blocks.enumerated() { index[b.id] = i }
        layoutIndexByID = index
        return index
    }

    /// The block's position in `blocks` by `table` (this compiler's `layoutIndexTable`), nil when it is not in the layout.
    func layoutIndex(of block: BasicBlock, in table: [Int]) -> Int? {
        guard block.id < table.count else { return nil }
        let i = table[block.id]
        guard i >= 0, blocks[i] === block else { return nil }
        return i
    }

    /// The blocks control can reach directly from `block`.
    public func successors(of block: BasicBlock) -> [BasicBlock] {
        switch block.kind {
        case .fallthrough_: return next(after: block).map { [$0] } ?? []
        case .always: return block.target.map { [$0] } ?? []
        case .cond:
            var s: [BasicBlock] = []
            if let t = block.target { s.append(t) }
            if let f = block.falseTarget ?? next(after: block), !s.contains(where: { $0 === f }) { s.append(f) }
            return s
        case .switch_:
            var s: [BasicBlock] = []
            for t in block.switchTargets where !s.contains(where: { $0 === t }) { s.append(t) }
            if let f = block.falseTarget ?? next(after: block), !s.contains(where: { $0 === f }) { s.append(f) }
            return s
        case .ret, .throw_: return []
        }
    }

    /// Predecessor lists for every block, keyed by block id.
    public func predecessors() -> [Int: [BasicBlock]] {
        var preds: [Int: [BasicBlock]] = [:]
        for b in blocks {
            for s in successors(of: b) { preds[s.id, default: []].append(b) }
        }
        return preds
    }

    /// An error at the method's location.
    public func error(_ kind: DiagnosticKind, _ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(kind, at: location ?? method.location, message)
    }
}

/// The id counters of one method compilation, shared by reference with its inlinees' compilers.
final class IDSource: @unchecked Sendable {
    var node = 0
    var statement = 0
    var block = 0
}
