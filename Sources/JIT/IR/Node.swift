import IL

/// Node operators, after RyuJIT's `genTreeOps` (gtlist.h).
///
/// The same node type serves the HIR (trees in statements) and the LIR (the
/// nodes of a block in execution order), as in RyuJIT.
public enum Oper: String, Sendable, Hashable, CaseIterable {
    /// Hashes the case, not the string `RawRepresentable` would hash: set and dictionary lookups
    /// keyed by it are on the JIT's hot path.
    public func hash(into hasher: inout Hasher) { withUnsafeBytes(of: self) { hasher.combine(bytes: $0) } }

    // Leaves
    case cnsInt = "CNS_INT"
    /// A floating-point constant (`ldc.r4`/`ldc.r8`): `value` holds the float64 bit pattern.
    case cnsDbl = "CNS_DBL"
    case lclVar = "LCL_VAR"
    /// Incoming argument register read by the prolog model (LIR only, created by lowering).
    case nop = "NOP"
    // Stores
    case storeLclVar = "STORE_LCL_VAR"
    // Unary
    case neg = "NEG", not = "NOT", cast = "CAST"
    // Binary arithmetic
    case add = "ADD", sub = "SUB", mul = "MUL"
    case div = "DIV", mod = "MOD", udiv = "UDIV", umod = "UMOD"
    case and = "AND", or = "OR", xor = "XOR"
    case lsh = "LSH", rsh = "RSH", rsz = "RSZ"
    // Relational (value 0/1, or flags when contained in JTRUE)
    case eq = "EQ", ne = "NE", lt = "LT", le = "LE", ge = "GE", gt = "GT"
    // Control flow and calls
    case jtrue = "JTRUE"
    case switch_ = "SWITCH"
    case call = "CALL"
    case ret = "RETURN"
    // HIR only: sequence (evaluate op1 for effect, yield op2).
    case comma = "COMMA"
    // Memory and the object model
    /// Load of `memType` from the address in op1 (small types sign/zero-extend; `.struct`: an OBJ, HIR only).
    case ind = "IND"
    /// Store of op2 (of `memType`) to the address in op1.
    case storeInd = "STOREIND"
    /// The address of a stack local (`ldloca`, struct locals): such locals live on the stack.
    case lclAddr = "LCL_ADDR"
    /// Faults when op1 is null (RyuJIT relies on the hardware fault: the runtime turns it into
    /// NullReferenceException).
    case nullCheck = "NULLCHECK"
    /// `index < length` (unsigned) or jump to the method's shared throw block (CORINFO_HELP_RNGCHKFAIL).
    case boundsCheck = "BOUNDS_CHECK"
    /// Copies `blockSize` bytes from the address in op2 to the address in op1; op2 a zero constant zeroes.
    case storeBlk = "STORE_BLK"
    /// `localloc`: moves the stack pointer down by op1 bytes (rounded up to 16), zeroes the block and
    /// yields its address, above the outgoing argument area (RyuJIT's GT_LCLHEAP). The block lives
    /// until the method returns: the epilog restores the stack pointer from the frame pointer.
    case lclHeap = "LCLHEAP"
    /// Reads the second return register of the CALL in op1 (rdx / x1; struct returns, async continuations).
    case callResult2 = "CALL_RESULT2"
    // LIR only, created by lowering / LSRA
    /// Moves its operand into a fixed argument register before a call.
    case putArgReg = "PUTARG_REG"
    /// Stores its operand into the outgoing argument area at `memOffset` bytes above the stack
    /// pointer before a call (the arguments that do not fit in registers).
    case putArgStk = "PUTARG_STK"
    /// Register-to-register copy inserted for a register constraint.
    case copy = "COPY"

    /// True for EQ/NE/LT/LE/GE/GT.
    public var isCompare: Bool {
        switch self {
        case .eq, .ne, .lt, .le, .ge, .gt: true
        default: false
        }
    }

    /// True for binary operators whose operands may be swapped.
    public var isCommutative: Bool {
        switch self {
        case .add, .mul, .and, .or, .xor, .eq, .ne: true
        default: false
        }
    }

    /// The relation that holds when this one does not (for branch inversion).
    public var reversedCompare: Oper? {
        switch self {
        case .eq: .ne
        case .ne: .eq
        case .lt: .ge
        case .ge: .lt
        case .le: .gt
        case .gt: .le
        default: nil
        }
    }

    /// The relation with swapped operands (`a < b` == `b > a`).
    public var swappedCompare: Oper? {
        switch self {
        case .eq: .eq
        case .ne: .ne
        case .lt: .gt
        case .gt: .lt
        case .le: .ge
        case .ge: .le
        default: nil
        }
    }
}

/// Per-node flags (a small subset of RyuJIT's GTF_*).
public struct NodeFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Compare or cast treats its operands as unsigned (GTF_UNSIGNED). On a compare of floating-point
    /// operands it means *unordered* (RyuJIT's GTF_RELOP_NAN_UN): the compare is also true when either
    /// operand is NaN, as IL's `.un` compares and branches are.
    public static let unsigned = NodeFlags(rawValue: 1 << 0)
    /// The node is evaluated as part of its user; it has no register of its own (LIR, after lowering).
    public static let contained = NodeFlags(rawValue: 1 << 1)
    /// The node's value is not used (LIR).
    public static let unusedValue = NodeFlags(rawValue: 1 << 2)
    /// The node may throw (division by zero / overflow) and must not be removed.
    public static let mayThrow = NodeFlags(rawValue: 1 << 3)
    /// Checked arithmetic / conversion (ovf forms): unsupported for now, kept for diagnostics.
    public static let overflow = NodeFlags(rawValue: 1 << 4)
    /// The operand of this node's user is read only after the user's result is written (delay free).
    public static let delayFree = NodeFlags(rawValue: 1 << 5)
    /// A call the JIT made itself that the inliner leaves a call (the return code of an inlined async frame).
    public static let notInlineCandidate = NodeFlags(rawValue: 1 << 6)
    /// A `volatile.` load or store (GTF_IND_VOLATILE). Like every indirection it is kept and keeps its
    /// order among the statements; arm64 codegen adds the barriers (`dmb ishld` after a load,
    /// `dmb ish` before a store); x64's stores are already ordered (TSO), so it emits nothing more.
    public static let volatile = NodeFlags(rawValue: 1 << 7)
    /// A fast tail call (RyuJIT's GTF_CALL_M_TAILCALL on a fast tail call) and its PUTARG_STK nodes:
    /// the stack arguments go to the caller's incoming argument area, the epilog runs, and the call
    /// is a jump (TailCalls.swift).
    public static let fastTailCall = NodeFlags(rawValue: 1 << 8)
}

/// What a CALL node calls: the resolved method and how the listing names it.
public struct CallTarget: Sendable, Hashable {
    /// The method reference as written in IL.
    public var method: MethodRef
    /// The resolved definition in the module, when the callee is in the module.
    public var definitionIndex: Int?
    /// The listing name, e.g. `Program:Add(int,int):int`.
    public var displayName: String
    /// Absolute address of the callee's indirection cell in the address map.
    public var cellAddress: UInt64
    /// Absolute address of the callee's code, when known (for direct calls).
    public var entryAddress: UInt64?
    /// The runtime helper id when the callee is a helper of the C runtime (its cell is filled at load time).
    public var helperID: Int?
    /// The exact method called, when the runtime has a type system.
    public var methodHandle: MethodHandle?
    /// How the call reaches its target.
    public var dispatch: CallDispatch = .cell
    /// A note the listing prints after the call (`(call to runtime async callable thunk)`).
    public var listingNote: String?
    /// A `tail.` prefixed call of the method being compiled (ECMA-335 III.2.4); morph decides
    /// whether it becomes a fast tail call (`NodeFlags.fastTailCall`, TailCalls.swift).
    public var isExplicitTailCall = false
    /// Why the importer already knows the explicit tail call cannot be fast (a protected region).
    public var tailCallBlocker: String?

    /// How a CALL finds the code it calls.
    public enum CallDispatch: Sendable, Hashable {
        /// `call [cell]`: through the callee's indirection cell (direct calls, helpers).
        case cell
        /// Through the vtable of `this` (op1): load the method table, the chunk, call the slot.
        case vtable(slot: Int)
        /// Through a code address computed earlier: the CALL's last operand.
        case indirect
    }

    public init(method: MethodRef, definitionIndex: Int?, displayName: String,
                cellAddress: UInt64, entryAddress: UInt64? = nil, helperID: Int? = nil) {
        self.method = method
        self.definitionIndex = definitionIndex
        self.displayName = displayName
        self.cellAddress = cellAddress
        self.entryAddress = entryAddress
        self.helperID = helperID
    }
}

/// A physical register number, in the target's own numbering (x64: rax=0...r15=15; arm64: x0=0...x30=30, sp=31).
public typealias RegNum = Int

/// One IR node (RyuJIT's GenTree).
///
/// In HIR, `operands` are the children of the tree; in LIR, they are earlier
/// nodes of the same block whose values this node consumes.
public final class Node: @unchecked Sendable {
    /// Unique id within the method, printed as `[000015]`.
    public let id: Int
    public var oper: Oper
    /// The type of the value produced (`.void` if none).
    public var type: VarType
    public var operands: [Node]
    public var flags: NodeFlags

    /// CNS_INT value.
    public var value: Int64 = 0
    /// LCL_VAR / STORE_LCL_VAR local number.
    public var lclNum: Int = -1

    // Register allocation (LIR). Declared here, next to the fields every walk reads, so that they
    // share the node's first cache lines (a class stores its fields in declaration order): LSRA's
    // walks read these of every node, and codegen reads `reg` of every operand.
    /// The register the node's value is defined in, after LSRA (nil: no register / contained).
    public var reg: RegNum?
    /// Lowering's requirement: the value must be defined in this register (call results, PUTARG_REG, x64 division).
    public var fixedReg: RegNum?

    /// CAST: the type converted to (may be small: `byte`, `ushort` ...).
    public var castType: VarType = .void
    /// IL offset of the instruction that produced the node, for dumps and diagnostics.
    public var ilOffset: Int?
    /// IND / STOREIND: the type in memory (small types are widened on load, narrowed on store).
    public var memType: VarType = .void
    /// STORE_BLK, struct locals/loads: bytes copied. CALL: hidden return buffer size (0: none).
    public var blockSize: Int = 0
    /// The class of a struct-typed node or of an allocation (for dumps).
    public var classHandle: ClassHandle?
    /// IND / STOREIND: byte displacement added to the address (after lowering folds `ADD(x, cns)`).
    public var memOffset: Int = 0
    /// The fields few nodes have (calls, handle constants, nodes that kill registers), out of line:
    /// nil until one of them is set. Kept inline they made every node several times larger and
    /// its teardown test and release each of them; see the forwarding properties below.
    private var extras: NodeExtras?

    public init(id: Int, oper: Oper, type: VarType, operands: [Node] = [], flags: NodeFlags = []) {
        self.id = id
        self.oper = oper
        self.type = type
        self.operands = operands
        self.flags = flags
    }

    /// `extras`, made when first needed. (The call target and arg groups are read through `_read`,
    /// which lends the stored value: a getter would copy a whole `CallTarget` for every
    /// `callTarget?.dispatch`. The properties every walk reads, the kills and the handle comment,
    /// keep plain getters, which inline where a `_read` stays a call.)
    private var ensuredExtras: NodeExtras {
        if let e = extras { return e }
        let e = NodeExtras()
        extras = e
        return e
    }

    /// Registers this node clobbers while its operands are still being read (x64 `cdq` writes rdx before `idiv`).
    public var killsAtUse: [RegNum] {
        @inline(__always) get { extras?.killsAtUse ?? [] }
        set { if extras != nil || !newValue.isEmpty { ensuredExtras.killsAtUse = newValue } }
    }
    /// Registers this node clobbers when it defines its value (calls kill the caller-saved set).
    public var killsAtDef: [RegNum] {
        @inline(__always) get { extras?.killsAtDef ?? [] }
        set { if extras != nil || !newValue.isEmpty { ensuredExtras.killsAtDef = newValue } }
    }
    /// CALL: the callee.
    public var callTarget: CallTarget? {
        @inline(__always) _read { if let e = extras { yield e.callTarget } else { yield nil } }
        set { if extras != nil || newValue != nil { ensuredExtras.callTarget = newValue } }
    }
    /// CNS_INT of a handle (a frozen string's address): what the constant denotes, printed by dumps
    /// and listings (`'Hello'`). Handle constants are never folded into arithmetic.
    public var handleComment: String? {
        @inline(__always) get { extras?.handleComment }
        set { if extras != nil || newValue != nil { ensuredExtras.handleComment = newValue } }
    }
    /// CALL: the operands of each argument, in order (nil: one operand per argument); a
    /// struct in two registers is one group of two (ABI.place keeps a group together).
    var argGroups: [ABI.ArgGroup]? {
        @inline(__always) _read { if let e = extras { yield e.argGroups } else { yield nil } }
        set { if extras != nil || newValue != nil { ensuredExtras.argGroups = newValue } }
    }
    /// CALL: which operand is the hidden return buffer (arm64 passes it in x8), if any.
    public var retBufOperand: Int? {
        @inline(__always) get { extras?.retBufOperand }
        set { if extras != nil || newValue != nil { ensuredExtras.retBufOperand = newValue } }
    }
    /// CALL_RESULT2: the CALL whose second return register it reads (held weakly).
    public var pairedCall: Node? {
        @inline(__always) get { extras?.pairedCall }
        set { if extras != nil || newValue != nil { ensuredExtras.pairedCall = newValue } }
    }
    /// The STORE_LCL_VAR of a returned continuation that ends an await (AsyncSite.swift).
    public var asyncSite: AsyncSite? {
        @inline(__always) get { extras?.asyncSite }
        set { if extras != nil || newValue != nil { ensuredExtras.asyncSite = newValue } }
    }

    public var isContained: Bool { flags.contains(.contained) }
    public var isUnsigned: Bool { flags.contains(.unsigned) }
    /// True when the node produces a value (type not void).
    public var producesValue: Bool { type != .void }
    /// True for CNS_INT.
    public var isConstant: Bool { oper == .cnsInt }
    /// The value of a CNS_DBL.
    public var doubleValue: Double {
        get { Double(bitPattern: UInt64(bitPattern: value)) }
        set { value = Int64(bitPattern: newValue.bitPattern) }
    }
}

/// The fields of a `Node` that only a few nodes set, stored in one object the node makes when the
/// first of them is set (the node's properties of the same names forward here).
private final class NodeExtras {
    var killsAtUse: [RegNum] = []
    var killsAtDef: [RegNum] = []
    var callTarget: CallTarget?
    var handleComment: String?
    var argGroups: [ABI.ArgGroup]?
    var retBufOperand: Int?
    weak var pairedCall: Node?
    var asyncSite: AsyncSite?
}
