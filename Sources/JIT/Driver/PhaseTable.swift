/// The JIT pipeline, in order: the single table that names every phase.
///
/// Like RyuJIT's compphases.h this is the one place to read the pipeline.
/// `name` is what `--dump` and `ir PHASE` blocks use; `title` is what dumps print
/// (`*************** After <title>`), `isLIR` says whether the phase leaves the
/// method in linear IR (dumped as a node list) or in HIR (dumped as trees).
public enum Phase: String, CaseIterable, Sendable, Hashable, Comparable {
    /// Hashes the case, not the string `RawRepresentable` would hash: set and dictionary lookups
    /// keyed by it are on the JIT's hot path.
    public func hash(into hasher: inout Hasher) { withUnsafeBytes(of: self) { hasher.combine(bytes: $0) } }

    /// Not a transformation: its dump is the IL the method is compiled from (written or synthesized).
    case il = "il"
    case importation = "import"
    case saveAsyncContexts = "save-async-contexts"
    case inlining = "inline"
    case morph = "morph"
    case constProp = "const-prop"
    case copyProp = "copy-prop"
    case deadCode = "dce"
    case optimizeBranches = "opt-branches"
    case rationalize = "rationalize"
    case async = "async"
    case lower = "lower"
    case lsra = "lsra"
    case codegen = "codegen"

    /// Human-readable phase title, printed in dumps.
    public var title: String {
        switch self {
        case .il: "IL"
        case .importation: "Importation"
        case .saveAsyncContexts: "Save async contexts"
        case .inlining: "Inlining"
        case .morph: "Morph - Global"
        case .constProp: "Constant propagation"
        case .copyProp: "Copy propagation"
        case .deadCode: "Dead code elimination"
        case .optimizeBranches: "Optimize branches"
        case .rationalize: "Rationalize IR"
        case .async: "Transform async"
        case .lower: "Lowering nodeinfo"
        case .lsra: "Linear scan register alloc"
        case .codegen: "Generate code"
        }
    }

    /// True when the method is in LIR after this phase.
    public var isLIR: Bool { self >= .rationalize }

    public static func < (a: Phase, b: Phase) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Looks a phase up by its dump name; nil if unknown.
    public static func named(_ name: String) -> Phase? { Phase(rawValue: name) }
}
