//! The JIT driver: compiles one method through the phase table.
//!
//! ```text
//!  IL (MethodDef)                  (paths under Sources/JIT/)
//!   |  il                  Dump/ILDump.swift            nothing to do: its dump prints the IL (as written, or synthesized)
//!   |  import              Phases/Import/               IL -> HIR: trees in statements in basic blocks
//!   |  save-async-contexts Phases/Async/AsyncContexts.swift  async methods: capture contexts at entry, restore on return
//!   |  inline              Phases/Inline/               devirtualization, GDV, callees' IL imported in place of calls
//!   |  morph               Phases/Morph.swift           local rewrites, constant folding; `tail.` calls made
//!   |                      Phases/TailCalls.swift         fast tail calls where they can be, else through
//!   |                      Phases/TailCallHelper.swift    the runtime's buffer and dispatcher (or call + ret)
//!   |  const-prop          Phases/ConstProp.swift       constants assigned to locals flow into uses
//!   |  copy-prop           Phases/CopyProp.swift        copies of locals replaced by the original
//!   |  dce                 Phases/DeadCode.swift        dead stores and unreachable blocks removed
//!   |  opt-branches        Phases/OptBranches.swift     constant branches folded, jumps to next removed
//!   |  rationalize         Phases/Rationalize.swift     HIR trees -> LIR: nodes in execution order
//!   |  async               Phases/Async/                await -> call, test, cold suspension, resumption, entry dispatch
//!   |  lower               Lower/                       target shapes: containment, fixed registers, PUTARG_REG
//!   |  lsra                LSRA/                        linear-scan register allocation, spills, frame layout
//!   |  codegen             CodeGen/                     LIR -> machine instructions (X64 / ARM64 modules)
//!   v
//!  emit                    Emit/                        branch sizing, instruction groups, bytes + listing
//! ```
//!
//! The order lives in one table: `Phase` (PhaseTable.swift). `PhaseRunner.run`
//! maps each phase to its implementation.
//!
//! Before the first phase, the async variant of an ordinary Task-returning method picks its IL
//! (seed 001, `AsyncVersion.decide`): the method's own, compiled as an async version, or the
//! runtime's async callable thunk; the `async` dump's first line says which and why.
import Diagnostics
import Dispatch
import IL

/// Runs the phases of `Phase.allCases` in order on one method.
enum PhaseRunner {
    /// Runs `phase` on the method being compiled.
    static func run(_ phase: Phase, _ c: Compiler) throws {
        switch phase {
        case .il: break
        case .importation: try Importer.run(c)
        case .saveAsyncContexts: try AsyncContexts.run(c)
        case .inlining: try Inliner.run(c)
        case .morph: try Morph.run(c)
        case .constProp: if c.optimizing && !c.usesHandlerRecords && c.config.isOn("JitDoConstProp") { try ConstProp.run(c) }
        case .copyProp: if c.optimizing && !c.usesHandlerRecords && c.config.isOn("JitDoCopyProp") { try CopyProp.run(c) }
        case .deadCode: if c.optimizing && !c.usesHandlerRecords && c.config.isOn("JitDoDeadCode") { try DeadCode.run(c) }
        case .optimizeBranches: if c.optimizing && c.config.isOn("JitDoBranchFolding") { try OptBranches.run(c) }
        case .rationalize: try Rationalize.run(c)
        case .async: try AsyncTransform.run(c)
        case .lower: try Lower.run(c)
        case .lsra: try LinearScan.run(c)
        case .codegen: try CodeGen.run(c)
        }
    }
}

/// Compiles the methods of one IL module: the entry point the workbook, the CLI and tests use.
///
/// One `ModuleCompiler` per module: it owns the runtime model (method naming,
/// the fixed address map) that every method's compilation asks questions of.
public final class ModuleCompiler: @unchecked Sendable {
    public let module: IL.Module
    public let runtime: JitInterface

    public init(module: IL.Module, runtime: JitInterface) {
        self.module = module
        self.runtime = runtime
    }

    /// Finds the method a selector names; errors are located at `location`.
    public func method(_ selector: MethodSelector, location: SourceLocation) throws -> MethodDef {
        let typeName = selector.typeName.replacingOccurrences(of: "+", with: "/")
        let candidates: [MethodDef]
        if typeName.isEmpty {
            candidates = module.globalMethods.filter { $0.name == selector.methodName }
        } else {
            guard let type = module.type(named: typeName) else {
                throw Diagnostic(.undefined, at: location, "no type '\(selector.typeName)' in module '\(module.assemblyName)'")
            }
            candidates = type.methods(named: selector.methodName)
        }
        let matching = candidates.filter { m in
            guard let params = selector.parameters else { return true }
            return params.map(Self.normalizeType) == m.parameters.map { Self.normalizeType($0.type.description) }
        }
        guard let first = matching.first else {
            throw Diagnostic(.undefined, at: location, "no method '\(selector)' in module '\(module.assemblyName)'")
        }
        guard matching.count == 1 else {
            throw Diagnostic(.chapter, at: location,
                             "method '\(selector)' is overloaded; add the parameter types, e.g. \(selector.typeName)::\(selector.methodName)(\(first.parameters.map { $0.type.description }.joined(separator: ",")))")
        }
        return first
    }

    /// Compiles the method named by `selector` for `arch`, returning its listing, code and the dumps asked for.
    ///
    /// Throws a `Diagnostic` (or `DiagnosticList`) located at `location` when the method does not exist,
    /// and at the offending IL instruction when the IL is invalid or unsupported.
    public func compile(_ selector: MethodSelector, arch: Arch, config: JitConfig = JitConfig(),
                        dumps: Set<Phase> = [], location: SourceLocation) throws -> CompiledMethod {
        let def = try method(selector, location: location)
        guard let variant = selector.variant else { return try compile(def, arch: arch, config: config, dumps: dumps) }
        let handle = try variantHandle(def, variant, selector, location)
        guard let method = runtime.definition(of: handle) else {
            throw Diagnostic(.internalError, at: location, "no definition for method handle \(handle.id)")
        }
        // `[thunk]` is the synthesized IL even where the async variant is an async version (seed 001).
        return try compile(method, handle: handle, arch: arch, config: config, dumps: dumps, asyncVersions: variant != "thunk")
    }

    /// The method a variant suffix selects (DESIGN §2): `[async]` the async variant, `[task]` the
    /// task-returning variant, `[thunk]` whichever of the two the runtime synthesized (compiled from
    /// the synthesized IL even when the async variant would be an async version).
    public func variantHandle(_ def: MethodDef, _ variant: String, _ selector: MethodSelector,
                              _ location: SourceLocation) throws -> MethodHandle {
        guard ["async", "task", "thunk"].contains(variant) else {
            throw Diagnostic(.chapter, at: location, "unknown method variant '[\(variant)]' (known variants: [async], [task], [thunk])")
        }
        guard let h = runtime.methodVariant(def, named: variant) else {
            throw Diagnostic(.undefined, at: location,
                             "method '\(selector)' has no [\(variant)] variant (only Task-returning methods have two variants)")
        }
        return h
    }

    /// Compiles one method definition of the module.
    /// `listing: false` leaves the listing text empty (code images, throughput runs).
    public func compile(_ method: MethodDef, arch: Arch, config: JitConfig = JitConfig(),
                        dumps: Set<Phase> = [], listing: Bool = true) throws -> CompiledMethod {
        try compile(method, handle: runtime.methodHandle(of: method), arch: arch, config: config, dumps: dumps, listing: listing)
    }

    /// Compiles one exact method (a generic instantiation, a CoreLib method) by its runtime handle.
    public func compile(handle: MethodHandle, arch: Arch, config: JitConfig = JitConfig(),
                        dumps: Set<Phase> = [], listing: Bool = true) throws -> CompiledMethod {
        guard let method = runtime.definition(of: handle) else {
            throw Diagnostic(.internalError, at: .synthetic("jit"), "no definition for method handle \(handle.id)")
        }
        return try compile(method, handle: handle, arch: arch, config: config, dumps: dumps, listing: listing)
    }

    private func compile(_ method: MethodDef, handle: MethodHandle?, arch: Arch, config: JitConfig,
                         dumps: Set<Phase>, asyncVersions: Bool = true, listing: Bool = true) throws -> CompiledMethod {
        if method.body.isEmpty {
            throw Diagnostic(.unsupported, at: method.location, "method '\(method.name)' has no IL body to compile")
        }
        // Seed 001: the async variant of an ordinary Task-returning method is its async version
        // (the method's own IL) or the runtime's async callable thunk (ImportAsyncVersion.swift).
        let decision = handle.flatMap { h in
            asyncVersions ? AsyncVersion.decide(h, runtime: runtime, config: config)
                : runtime.asyncVersionSource(of: h).map { _ in .thunk(reason: "[thunk] selects the runtime's synthesized IL") }
        }
        let c = Compiler(method: decision?.source ?? method, module: module, runtime: runtime, arch: arch, config: config,
                         methodHandle: handle)
        c.keepsNotes = !dumps.isEmpty
        if let decision, let h = handle {
            c.isAsyncVersion = decision.source != nil
            let note = AsyncVersion.note(decision, runtime.displayName(of: h))
            c.phaseNotes[.inlining] = [note]
            c.phaseNotes[.async] = [note]
        }
        var dumpText: [Phase: String] = [:]
        var dumpNodes: [Phase: [Int: Int]] = [:]
        var times: [(phase: Phase?, seconds: Double)] = []
        times.reserveCapacity(Phase.allCases.count + 1)
        // Nanoseconds of the monotonic clock: a `ContinuousClock` duration's conversion to seconds
        // (128-bit attosecond arithmetic) cost more than the clock reads, per phase of every method.
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap(_ phase: Phase?) {
            let now = DispatchTime.now().uptimeNanoseconds
            times.append((phase, Double(now - clock) / 1e9))
            clock = now
        }
        for phase in Phase.allCases {
            try PhaseRunner.run(phase, c)
            lap(phase)
            if dumps.contains(phase) {
                dumpText[phase] = IRDumper.dump(c, after: phase)
                if phase != .il { dumpNodes[phase] = DebugInfoBuilder.nodeOffsets(c, lir: phase.isLIR) }
                clock = DispatchTime.now().uptimeNanoseconds
            }
        }
        let emitted = try Emitter.emit(c, listing: listing)
        lap(nil)
        var debug = emitted.debugInfo
        debug.dumpNodeOffsets = dumpNodes
        var compiled = CompiledMethod(listing: emitted.listing, code: emitted.code, data: emitted.data, dumps: dumpText,
                                      debugInfo: debug, perfScore: emitted.perfScore)
        compiled.phaseSeconds = times
        return compiled
    }

    private static func normalizeType(_ s: String) -> String {
        s.replacingOccurrences(of: " ", with: "")
    }
}
