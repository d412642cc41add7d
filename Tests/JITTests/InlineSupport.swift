import Diagnostics
import IL
import Runtime
@testable import JIT

/// Compiles small IL modules with the real runtime model and returns the inliner's decisions and dumps.
enum InlineHarness {
    /// A `Program` class holding `methods` (ilasm text).
    static func module(_ methods: String) throws -> IL.Module {
        try ILParser.parse("""
            .assembly Inline {}
            .class public Program extends [System.Runtime]System.Object
            {
            \(methods)
            }
            """, file: "inline.il")
    }

    /// Compiles `name` with the dumps asked for.
    static func compile(_ methods: String, _ name: String, arch: Arch = .x64, config: JitConfig = JitConfig(),
                        dumps: Set<Phase> = [.inlining]) throws -> CompiledMethod {
        let m = try module(methods)
        let compiler = ModuleCompiler(module: m)
        return try compiler.compile(MethodSelector(typeName: "Program", methodName: name), arch: arch, config: config,
                                    dumps: dumps, location: .synthetic("test"))
    }

    /// Compiles the method a selector names (`Program::Caller[async]`) in `module`, knobs written as
    /// a chapter's `config=` (the async inlining suites' entry point).
    static func compile(in module: IL.Module, _ selector: String, arch: Arch = .x64, knobs: String,
                        dumps: Set<Phase> = [.inlining]) throws -> CompiledMethod {
        let loc = SourceLocation.synthetic("test")
        return try ModuleCompiler(module: module).compile(try MethodSelector.parse(selector, at: loc), arch: arch,
                                                          config: try JitConfig(parsing: knobs, at: loc),
                                                          dumps: dumps, location: loc)
    }

    /// `Task<int>` and the await of one, as async IL spells them.
    static let taskOfInt = "class [System.Runtime]System.Threading.Tasks.Task`1<int32>"
    static let awaitTaskOfInt = "call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)"

    /// The decision lines printed before the `inline` dump.
    static func decisions(_ methods: String, _ name: String, config: JitConfig = JitConfig()) throws -> [String] {
        let dump = try compile(methods, name, config: config).dumps[.inlining] ?? ""
        let lines = dump.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return Array(lines.prefix { !$0.hasPrefix("***************") && !$0.isEmpty })
    }

    /// The HIR after `phase`, compiled through the pipeline with the given knobs.
    static func compiler(_ methods: String, _ name: String, through last: Phase,
                         config: JitConfig = JitConfig()) throws -> Compiler {
        let m = try module(methods)
        guard let method = m.allMethods.first(where: { $0.name == name }) else {
            throw Diagnostic(.undefined, at: .synthetic("test"), "no method \(name)")
        }
        let c = Compiler(method: method, module: m, runtime: ModuleRuntime(module: m), arch: .x64, config: config)
        for phase in Phase.allCases where phase <= last { try PhaseRunner.run(phase, c) }
        return c
    }

    /// A configuration with the given knobs set.
    static func config(_ knobs: [String: String]) -> JitConfig {
        var c = JitConfig()
        for (k, v) in knobs.sorted(by: { $0.key < $1.key }) { try? c.set(k, v, at: .synthetic("test")) }
        return c
    }

    /// Every CALL left in the method's HIR, by callee name.
    static func remainingCalls(_ c: Compiler) -> [String] {
        var out: [String] = []
        for b in c.blocks {
            for s in b.statements {
                s.root.forEachPostOrder { n in if n.oper == .call { out.append(n.callTarget?.displayName ?? "?") } }
            }
        }
        return out
    }

    /// The temps the inliner made, by reason, in local order.
    static func tempReasons(_ c: Compiler) -> [String] {
        c.locals.compactMap { v in if case .temp(let why) = v.kind { why } else { nil } }
    }
}
