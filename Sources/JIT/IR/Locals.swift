/// Where a local variable came from.
public enum LocalKind: Sendable, Hashable {
    /// IL argument number (including `this`).
    case arg(Int)
    /// IL local number.
    case local(Int)
    /// A temp the JIT introduced; the string says why (`"spill stack"`, `"inline arg"` ...).
    case temp(String)
}

/// One local variable of the method being compiled (RyuJIT's LclVarDsc), numbered `V00`, `V01`...
public final class LocalVar: @unchecked Sendable {
    public let num: Int
    public var kind: LocalKind
    /// Storage type (may be small: `bool`, `ubyte`, `short` ...).
    public var type: VarType
    /// Name from the IL, if any.
    public var name: String?
    /// The local may live in a register (false under MinOpts, and for spilled locals).
    public var isRegCandidate: Bool = true
    /// Register assigned by LSRA for the whole lifetime, or nil when on the stack.
    public var reg: RegNum?
    /// Frame offset (from the frame pointer) when on the stack; set by frame layout.
    public var stackOffset: Int?
    /// Number of references (computed by the ref-count pass), for dumps and DCE.
    public var refCount: Int = 0
    /// The class of a struct local (and of object locals when known).
    public var classHandle: ClassHandle?
    /// Bytes a `.struct` local occupies on the stack.
    public var structSize: Int = 0
    /// The address of the local is taken (`ldloca`, struct locals): it lives on the stack.
    public var addressExposed = false
    /// Incoming argument registers of a parameter (two for a struct in two registers);
    /// empty when the parameter is not passed in registers.
    public var argRegs: [RegNum] = []

    public init(num: Int, kind: LocalKind, type: VarType, name: String?) {
        self.num = num
        self.kind = kind
        self.type = type
        self.name = name
    }

    /// `V03`.
    public var displayName: String { num < 10 ? "V0\(num)" : "V\(num)" }

    /// `arg0`, `loc1`, `tmp2` style description for dumps.
    public var role: String {
        switch kind {
        case .arg(let i): "arg\(i)"
        case .local(let i): "loc\(i)"
        case .temp(let why): "tmp (\(why))"
        }
    }

    /// True for IL arguments and hidden parameters (the return buffer).
    public var isParam: Bool { if case .arg = kind { true } else { !argRegs.isEmpty } }
    /// A struct parameter larger than 16 bytes: the local holds the address of the caller's copy.
    public var isImplicitByRef = false
}
