import Diagnostics
import JIT

/// One checked example of a chapter: an `asm`, `ir` or `run` block and what it expects.
///
/// Examples are the unit of testing: `jitbook test` runs each one, ChapterTests
/// turns each into a test case, bless rewrites stale ones, and the site puts a
/// badge on each.
public struct Example: Sendable, Hashable {
    /// What an example checks.
    public enum Kind: Sendable, Hashable {
        /// The listing of a method on one architecture.
        case asm(Arch)
        /// The IR dump of a method after a phase (on the architecture in `arch`).
        case ir(Phase)
        /// The stdout and exit code of the module's entry point; nil = every architecture.
        case run(Arch?)
        /// The report of the module's ahead-of-time compilation for one architecture (`jitbook aot`):
        /// dependency graph, indirection cells, helper fixups, problems (seed 004).
        case aot(Arch)

        /// `asm`, `ir`, `run` or `aot`.
        public var word: String {
            switch self {
            case .asm: "asm"
            case .ir: "ir"
            case .run: "run"
            case .aot: "aot"
            }
        }
    }

    public var kind: Kind
    /// The method compiled (nil for `run`, which runs the entry point).
    public var method: MethodSelector?
    /// The chapter module the example compiles.
    public var module: String
    /// JIT knobs from `config=`.
    public var config: JitConfig
    /// The text after `config=`, as written (nil when absent).
    public var configText: String?
    /// The class profile from `profile=` (nil when absent).
    public var profile: ClassProfile?
    /// Target architecture for `asm` and `ir` (ir: `arch=`, default x64).
    public var arch: Arch
    /// Chapter path as printed, e.g. `chapters/02-calls.md`.
    public var file: String
    /// 1-based line of the opening fence.
    public var line: Int
    /// Index of the block in the chapter's `blocks`.
    public var blockIndex: Int
    /// The expected text: the block body, `\n`-terminated lines.
    public var expected: String
    /// Where the info string starts; compile errors about the example point here.
    public var location: SourceLocation

    /// `asm x64 Program::Add`, `ir morph Program::Add`, `run`, `run arm64`.
    public var label: String {
        switch kind {
        case .asm(let a): "asm \(a.rawValue) \(method?.description ?? "")"
        case .ir(let p): "ir \(p.rawValue) \(method?.description ?? "")"
        case .run(let a): a.map { "run \($0.rawValue)" } ?? "run"
        case .aot(let a): "aot \(a.rawValue)"
        }
    }

    /// `chapters/02-calls.md:41`.
    public var origin: String { "\(file):\(line)" }

    /// What differs when the example is stale: `listing`, `dump` or `output`.
    public var subject: String {
        switch kind {
        case .asm: "listing"
        case .ir: "dump"
        case .run: "output"
        case .aot: "report"
        }
    }
}
