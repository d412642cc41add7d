import Foundation
import Diagnostics
import IL
import JIT
import Runtime

/// `jitbook jit FILE.il`: compile a plain IL file and print listings and dumps.
///
/// Lives here rather than in the CLI so the command stays a thin layer over
/// library code that tests can call.
public struct StandaloneJit {
    /// The IL file and the name used in diagnostics.
    public var file: URL
    public var displayPath: String
    /// `Type::Method` to compile; nil compiles every method with a body.
    public var method: String?
    public var arch: Arch
    /// Phases to dump, in pipeline order.
    public var dumps: [Phase]
    /// JIT knobs from `--config`.
    public var config: JitConfig
    /// `--debug-info`: each listing line of an instruction ends with the IL it came from
    /// (`; IL 0x0002..0x0003`, `; PROLOG` ...), like RyuJIT's `JitDisasmWithDebugInfo`.
    public var debugInfo: Bool

    public init(file: URL, displayPath: String, method: String?, arch: Arch, dumps: [Phase], config: JitConfig,
                debugInfo: Bool = false) {
        self.debugInfo = debugInfo
        self.file = file
        self.displayPath = displayPath
        self.method = method
        self.arch = arch
        self.dumps = dumps
        self.config = config
    }

    /// Parses `--dump` values: phase names or `all`; unknown names are config errors.
    public static func phases(_ names: [String]) throws -> [Phase] {
        var set = Set<Phase>()
        for name in names {
            if name == "all" {
                set.formUnion(Phase.allCases)
            } else if let p = Phase.named(name) {
                set.insert(p)
            } else {
                throw Diagnostic(.config, at: .synthetic("command line"),
                                 "unknown phase '\(name)' (known phases: \(Vocabulary.phases.joined(separator: ", ")), all)")
            }
        }
        return set.sorted()
    }

    /// Parses repeated `--config K=V` values.
    public static func config(_ settings: [String]) throws -> JitConfig {
        var config = JitConfig()
        for s in settings {
            let more = try JitConfig(parsing: s, at: .synthetic("command line"))
            for knob in JitConfig.knobs where more[knob.name] != knob.defaultValue {
                try config.set(knob.name, String(more[knob.name]), at: .synthetic("command line"))
            }
        }
        return config
    }

    /// Compiles and returns the text to print (per method, the dumps then the listing) and the
    /// diagnostics of methods that failed; compiling goes on past a failing method so that one
    /// unsupported method does not hide the listings of the others.
    public func run() throws -> (output: String, diagnostics: [Diagnostic]) {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw Diagnostic(.environment, at: SourceLocation(file: displayPath, line: 1, column: 1),
                             "cannot read IL file: \(error.localizedDescription)")
        }
        let module = try ILParser.parse(text, file: displayPath)
        let compiler = ModuleCompiler(module: module)
        let cmdLine = SourceLocation.synthetic("command line")
        let selectors: [MethodSelector]
        if let method {
            selectors = [try MethodSelector.parse(method, at: cmdLine)]
        } else {
            selectors = StandaloneJit.selectors(for: module)
        }
        var out = ""
        var failures: [Diagnostic] = []
        for sel in selectors {
            let compiled: CompiledMethod
            do {
                compiled = try compiler.compile(sel, arch: arch, config: config, dumps: Set(dumps), location: cmdLine)
            } catch {
                if method != nil { throw error }
                failures += error.diagnostics(defaultLocation: cmdLine)
                continue
            }
            for phase in dumps {
                if let d = compiled.dumps[phase] {
                    out += d
                    if !d.hasSuffix("\n") { out += "\n" }
                }
            }
            out += debugInfo ? compiled.debugInfo.annotate(compiled.listing) : compiled.listing
        }
        return (out, failures)
    }

    /// A selector for every method with a body, with a parameter list when the name is overloaded.
    public static func selectors(for module: IL.Module) -> [MethodSelector] {
        var out: [MethodSelector] = []
        let owners: [(String, [MethodDef])] = [("", module.globalMethods)] + module.types.map { ($0.ilName, $0.methods) }
        for (typeName, methods) in owners {
            let counts = Dictionary(methods.map { ($0.name, 1) }, uniquingKeysWith: +)
            for m in methods where !m.body.isEmpty {
                let overloaded = counts[m.name, default: 0] > 1
                out.append(MethodSelector(typeName: typeName, methodName: m.name,
                                          parameters: overloaded ? m.parameters.map { $0.type.description } : nil))
            }
        }
        return out
    }
}
