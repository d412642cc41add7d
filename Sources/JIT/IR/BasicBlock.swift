/// How a basic block ends, after RyuJIT's BBJ_* kinds.
public enum JumpKind: String, Sendable, Hashable {
    /// Falls through into the next block in layout order.
    case fallthrough_ = "BBJ_NONE"
    /// Unconditional jump to `target`.
    case always = "BBJ_ALWAYS"
    /// Ends in JTRUE: jumps to `target` when true, else falls into the next block (`falseTarget`).
    case cond = "BBJ_COND"
    /// Ends in SWITCH: jumps to `switchTargets[value]`, or falls into the next block when out of range.
    case switch_ = "BBJ_SWITCH"
    /// Ends in RETURN.
    case ret = "BBJ_RETURN"
    /// Ends in a call that throws (CORINFO_HELP_THROW); no successors.
    case throw_ = "BBJ_THROW"
}

/// One statement of the HIR: a root tree and the IL offset it came from.
public final class Statement: @unchecked Sendable {
    /// Unique id, printed `STMT00003`.
    public let id: Int
    public var root: Node
    public var ilOffset: Int?
    /// IL offset of the last instruction that contributed to the statement (dumped as `0x000...0x003`).
    public var ilLastOffset: Int?

    public init(id: Int, root: Node, ilOffset: Int?) {
        self.id = id
        self.root = root
        self.ilOffset = ilOffset
    }
}

/// A basic block: HIR statements before rationalization, an LIR node list after it.
public final class BasicBlock: @unchecked Sendable {
    /// Stable identity (creation order), never renumbered.
    public let id: Int
    /// Number printed as `BB01`; renumbered in layout order by `Compiler.renumberBlocks()`.
    public var num: Int
    public var kind: JumpKind { didSet { jumpEdits &+= 1 } }
    /// Jump target for `.always` and the true edge of `.cond`.
    public var target: BasicBlock? { didSet { jumpEdits &+= 1 } }
    /// Explicit false edge of `.cond`: the next block in layout order when nil.
    public var falseTarget: BasicBlock? { didSet { jumpEdits &+= 1 } }
    /// Targets of `.switch_`, indexed by the switch value.
    public var switchTargets: [BasicBlock] = [] { didSet { jumpEdits &+= 1 } }
    /// How many times `kind`, `target`, `falseTarget` or `switchTargets` was set: the count only
    /// grows, so the compiler can tell whether its cached flow-graph tables still describe the
    /// blocks' jumps (`Compiler.successorTable`).
    private(set) var jumpEdits = 0
    /// HIR statements (until rationalization).
    public var statements: [Statement] = []
    /// LIR nodes in execution order (from rationalization on).
    public var lir: [Node] = []
    /// IL range `[start, end)` this block was imported from.
    public var ilStart: Int
    public var ilEnd: Int
    /// Relative execution weight (1 for straight-line code, more inside loops).
    public var weight: Double = 1
    /// Cold code placed out of line (RyuJIT's BBF_RUN_RARELY): weight 0, and its jump back into
    /// the method is not a loop's back edge.
    public var runsRarely = false

    public init(id: Int, num: Int, kind: JumpKind = .fallthrough_, ilStart: Int = 0, ilEnd: Int = 0) {
        self.id = id
        self.num = num
        self.kind = kind
        self.ilStart = ilStart
        self.ilEnd = ilEnd
    }

    /// `BB01`.
    public var name: String { num < 10 ? "BB0\(num)" : "BB\(num)" }
}
