import Diagnostics
import IL
import JIT
import Runtime

/// A model of ahead-of-time (ReadyToRun, crossgen2) compilation: enough to show seed 004's point.
///
/// crossgen2 compiles every method of its input with the same JIT, and builds a dependency
/// graph from what the JIT asks for through the JIT interface: each method entry point the JIT
/// requests (getFunctionEntryPoint / getCallInfo) becomes a MethodEntrypoint node, compiled
/// into the image when its method is in the version bubble and reached at run time through an
/// indirection cell that a delay-load stub binds on first use; each helper becomes an entry of
/// the helper fixup table, which the runtime binds when it loads the image.
///
/// The model does the same with the model JIT and the runtime's reports (`takeReports()`):
/// - roots: every method of the module with an IL body (both variants of a Task-returning
///   method; generic definitions are skipped, as crossgen2 compiles only instantiations it sees);
/// - the version bubble is the module plus the model CoreLib (as when crossgen2 compiles CoreLib
///   itself, where the AsyncHelpers methods live), so a method entry point with an IL body is
///   compiled into the image too;
/// - constructed types' virtual methods are not added (crossgen2 adds them; no example needs it);
/// - the image is not run: the report shows its cells and fixups, and finds the `jmp` problem
///   statically, from the IL and the code of the image (`DelayLoadModel`).
public enum AotCompiler {
    /// Compiles `module` ahead of time for `arch` under `config` (`JitAsyncContextHelpers` picks
    /// the shape of the context calls, and with it the ReadyToRun helper numbering).
    public static func compile(module: IL.Module, arch: Arch, config: JitConfig) throws -> AotImage {
        let runtime = ModuleRuntime(module: module)
        guard let types = runtime.typeSystem else { throw DiagnosticList(CoreLib.parsed.failureDiagnostics) }
        let compiler = ModuleCompiler(module: module, runtime: runtime)
        var image = AotImage(module: module.assemblyName, arch: arch,
                             numbering: config.isOn("JitAsyncContextHelpers") ? .after : .before)

        var work: [(handle: MethodHandle, addedBy: String?)] = []
        var queued: Set<MethodHandle> = []
        func enqueue(_ h: MethodHandle, addedBy: String?) {
            if queued.insert(h).inserted { work.append((h, addedBy)) }
        }
        for def in module.allMethods where !def.body.isEmpty && def.genericParameters.isEmpty
            && (def.declaringType?.genericParameters.isEmpty ?? true) {
            let v = runtime.variants(of: def)
            let handles = [v.task, v.async].compactMap { $0 }
            if handles.isEmpty, let h = runtime.methodHandle(of: def) {
                enqueue(h, addedBy: nil)
            } else {
                for h in handles { enqueue(h, addedBy: nil) }
            }
        }
        _ = types
        var next = 0
        while next < work.count {
            let (handle, addedBy) = work[next]
            next += 1
            guard let m = runtime.runtimeMethod(handle), m.hasILBody else { continue }
            var node = AotImage.Node(name: m.displayName, handle: handle, addedBy: addedBy,
                                     codeAddress: m.codeAddress, cellAddress: m.cellAddress)
            _ = runtime.takeReports()
            do {
                let c = try compiler.compile(handle: handle, arch: arch, config: config, listing: false)
                node.code = c.code
            } catch let d as Diagnostic {
                node.failure = d.description
            } catch let list as DiagnosticList {
                node.failure = list.diagnostics.first?.description ?? "compilation failed"
            }
            for r in runtime.takeReports() {
                let edge: AotImage.Edge
                switch r {
                case .methodEntry(let h):
                    guard let target = runtime.runtimeMethod(h) else { continue }
                    edge = .methodEntry(name: target.displayName, cell: target.cellAddress,
                                        compiled: target.hasILBody)
                    if node.failure == nil, target.hasILBody { enqueue(h, addedBy: m.displayName) }
                case .helper(let h):
                    edge = .helper(h)
                }
                if !node.edges.contains(edge) { node.edges.append(edge) }
            }
            image.nodes.append(node)
        }
        image.problems = DelayLoadModel.jumpProblems(image, module: module, runtime: runtime)
        return image
    }
}

/// An ahead-of-time image as the model builds it: the compiled methods (the dependency graph's
/// nodes, in compile order) with what each pulled in, and the fixups that follow from them.
public struct AotImage: Sendable {
    /// One dependency of a compiled method.
    public enum Edge: Sendable, Hashable {
        /// A method entry point: an indirection cell of the image (`compiled`: the method has an IL
        /// body in the version bubble, so the image compiles it too).
        case methodEntry(name: String, cell: UInt64, compiled: Bool)
        /// A JIT helper: an entry of the helper fixup table.
        case helper(JitHelper)
    }

    /// One compiled method (a MethodEntrypoint node that was compiled).
    public struct Node: Sendable {
        /// The method's listing name.
        public var name: String
        /// The method compiled.
        public var handle: MethodHandle
        /// nil for a root; else the method whose compilation first asked for this one.
        public var addedBy: String?
        /// Where its code is placed (the fixed address map, as in a JIT image).
        public var codeAddress: UInt64
        /// Its own indirection cell, through which other methods reach it.
        public var cellAddress: UInt64
        /// Its machine code (empty when it failed to compile).
        public var code: [UInt8] = []
        /// What its compilation asked for, in first-request order without repeats.
        public var edges: [Edge] = []
        /// Why the JIT could not compile it (crossgen2 then leaves the method to the JIT at run time).
        public var failure: String?
    }

    /// The module's assembly name.
    public var module: String
    /// The target.
    public var arch: Arch
    /// The ReadyToRun helper numbering (before or after seed 004).
    public var numbering: ReadyToRunHelpers.Numbering
    /// The compiled methods in compile order: the module's methods first, then what they pulled in.
    public var nodes: [Node] = []
    /// Located failures (`file:line:col: error: ...`) of code the image cannot run correctly.
    public var problems: [String] = []

    /// The method entry fixups: every indirection cell the image's code goes through, in first-use order.
    public var entryFixups: [(name: String, cell: UInt64)] {
        var seen: Set<UInt64> = []
        var out: [(String, UInt64)] = []
        for n in nodes {
            for case .methodEntry(let name, let cell, _) in n.edges where seen.insert(cell).inserted {
                out.append((name, cell))
            }
        }
        return out
    }

    /// The helper fixups, in first-use order.
    public var helperFixups: [JitHelper] {
        var out: [JitHelper] = []
        for n in nodes {
            for case .helper(let h) in n.edges where !out.contains(h) { out.append(h) }
        }
        return out
    }
}
