import Foundation
import Diagnostics
import IL
import JIT
import Runtime
import Execution

/// Produces the actual text of an example: the seam between the workbook and the JIT.
///
/// Verification, bless and the site only ever ask an engine; tests plug in a fake
/// engine to check byte-exact rewriting and reporting without a working JIT, and
/// the real `JITEngine` compiles the chapter's IL. `BookTest` calls an engine from several
/// threads at once (a chapter per thread), so an engine must be thread-safe.
public protocol ExampleEngine {
    /// The actual text for `example` (listing, dump or run output), `\n`-terminated lines.
    ///
    /// Throws a `Diagnostic` or `DiagnosticList` when the example cannot be produced
    /// (IL errors, unsupported features, compile errors).
    func actual(for example: Example, in chapter: Chapter) throws -> String

    /// Which IL the lines of an `asm` or `ir` example's actual text came from (nil when the
    /// engine has none, or for `run` examples). Asked after `actual`, so an engine may answer
    /// from the compilation it already did.
    func debugInfo(for example: Example, in chapter: Chapter) -> MethodDebugInfo?
}

extension ExampleEngine {
    /// Engines without debug info (test fakes) have none to give.
    public func debugInfo(for example: Example, in chapter: Chapter) -> MethodDebugInfo? { nil }
}

/// The real engine: parses each chapter module once and compiles each (method, arch, config) once.
///
/// A listing and several IR dumps of the same method share one compilation: the
/// first request compiles with every phase dump any example of that chapter asks
/// for. Thread-safe, so parallel test cases can share one instance.
public final class JITEngine: ExampleEngine, @unchecked Sendable {
    private struct ModuleKey: Hashable {
        var chapter: String
        var module: String
        /// The module's IL, so an edited (or blessed and reloaded) chapter never hits a stale cache entry.
        var source: [String]
    }
    private struct CompileKey: Hashable {
        var module: ModuleKey
        var method: MethodSelector
        var arch: Arch
        var config: JitConfig
    }

    private let lock = NSLock()
    private var compilers: [ModuleKey: Result<ModuleCompiler, DiagnosticList>] = [:]
    private var compiled: [CompileKey: Result<CompiledMethod, DiagnosticList>] = [:]
    /// One lock per module: its compilations run one at a time, outside the engine's lock.
    private var moduleLocks: [ModuleKey: NSLock] = [:]

    /// How many module parses and method compilations ran (lets tests check the caching).
    public private(set) var parseCount = 0
    public private(set) var compileCount = 0

    /// Seconds a `run` block's program may run on one architecture before it is killed and the
    /// example fails with `timed out after N s` (`jitbook test|bless|render --run-timeout`).
    public let runTimeout: Double
    /// The memory limit (MiB) of a `run` block's program, the size of the C runtime's allocation arena;
    /// a program that allocates more fails with `out of memory` (`jitbook test|bless|render --run-memory`).
    public let runMemory: Int

    public init(runTimeout: Double = 10, runMemory: Int = Runner.defaultMemoryMiB) {
        self.runTimeout = runTimeout
        self.runMemory = runMemory
    }

    /// The engine's settings that decide a chapter's outcome besides its text (`run-timeout=10.0
    /// run-memory=256`): part of the pass cache's key, so a chapter that passed under one limit is
    /// verified again under another.
    public var cacheSettings: String { "run-timeout=\(runTimeout) run-memory=\(runMemory)" }

    public func actual(for example: Example, in chapter: Chapter) throws -> String {
        if case .run(let arch) = example.kind {
            return try runTranscript(example, arches: arch.map { [$0] } ?? Arch.allCases, chapter: chapter)
        }
        if case .aot(let arch) = example.kind {
            return try aotReport(example, arch: arch, chapter: chapter)
        }
        guard let method = example.method else {
            throw Diagnostic(.internalError, at: example.location, "example has no method")
        }
        let key: CompileKey
        let moduleLock: NSLock
        var extra: Set<Phase> = []
        lock.lock()
        key = compileKey(example, method: method, chapter: chapter)
        if let cached = compiled[key] {
            guard case .ir(let phase) = example.kind, case .success(let c) = cached, c.dumps[phase] == nil else {
                lock.unlock()
                return try text(of: cached.get(), for: example)
            }
            // A dump this compilation was not asked for: compile again with it added.
            extra = Set(c.dumps.keys).union([phase])
        }
        moduleLock = moduleLocks[key.module] ?? NSLock()
        moduleLocks[key.module] = moduleLock
        let compiler = moduleCompiler(key.module, chapter: chapter, location: example.location)
        if case .success = compiler { compileCount += 1 }
        lock.unlock()
        // Compile outside the engine's lock, so that chapters compile in parallel; one module's
        // compilations are serialized (its type system loads lazily).
        moduleLock.lock()
        let result = compile(key, with: compiler, chapter: chapter, extra: extra, location: example.location)
        moduleLock.unlock()
        lock.lock()
        compiled[key] = result
        lock.unlock()
        return try text(of: result.get(), for: example)
    }

    /// The listing or dump an `asm` or `ir` example shows of a compilation.
    private func text(of out: CompiledMethod, for example: Example) throws -> String {
        switch example.kind {
        case .asm:
            return out.listing
        case .ir(let phase):
            guard let dump = out.dumps[phase] else {
                throw Diagnostic(.internalError, at: example.location, "the JIT produced no dump after phase '\(phase.rawValue)'")
            }
            return dump
        case .run, .aot:
            throw Diagnostic(.internalError, at: example.location, "run and aot blocks are handled by runTranscript and aotReport")
        }
    }

    /// The debug info of the compilation `actual` did for an `asm` or `ir` example (no new compilation).
    public func debugInfo(for example: Example, in chapter: Chapter) -> MethodDebugInfo? {
        guard let method = example.method else { return nil }
        if case .run = example.kind { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard case .success(let c) = compiled[compileKey(example, method: method, chapter: chapter)] else { return nil }
        return c.debugInfo
    }

    /// The cache key of an example's compilation. Caller holds the lock.
    private func compileKey(_ example: Example, method: MethodSelector, chapter: Chapter) -> CompileKey {
        CompileKey(module: moduleKey(example, chapter), method: method, arch: example.arch, config: example.config)
    }

    /// The key of the module an example compiles: its chapter, name and IL (with the IL's line numbers).
    private func moduleKey(_ example: Example, _ chapter: Chapter) -> ModuleKey {
        let source = chapter.module(named: example.module)?.chunks.map { "\($0.firstLine)\n\($0.text)" } ?? []
        return ModuleKey(chapter: chapter.path, module: example.module, source: source)
    }

    /// A whole module on one target with one set of knobs: what a run and an aot report depend on.
    private struct ProgramKey: Hashable {
        var module: ModuleKey
        var arch: Arch
        var config: JitConfig
    }
    private var runs: [ProgramKey: Result<RunResult, DiagnosticList>] = [:]
    /// How many programs were run (lets tests check the caching).
    public private(set) var runCount = 0

    /// The transcript of a `run` block: the same on every architecture asked for, or a failure per arch.
    ///
    /// A fault on any arch fails the example (and is never blessed); arches that disagree
    /// fail it with each arch's diff against the block, so bless leaves it alone too.
    private func runTranscript(_ example: Example, arches: [Arch], chapter: Chapter) throws -> String {
        var results: [(Arch, RunResult)] = []
        for arch in arches {
            results.append((arch, try run(example, arch: arch, chapter: chapter).get()))
        }
        let faults = results.compactMap { arch, r in r.fault.map { "run \(arch.rawValue): \($0)" } }
        if !faults.isEmpty {
            throw Diagnostic(.chapter, at: example.location, faults.joined(separator: "; "))
        }
        guard let first = results.first else {
            throw Diagnostic(.internalError, at: example.location, "run block without an architecture")
        }
        if results.allSatisfy({ $0.1.transcript == first.1.transcript }) { return first.1.transcript }
        let expected = try ExpectedText(example.expected, file: example.file, firstLine: example.line + 1)
        var message = "the architectures disagree"
        for (arch, r) in results {
            let lines = textLines(r.transcript)
            message += expected.matches(lines) ? "\nrun \(arch.rawValue): output matches"
                : "\nrun \(arch.rawValue): output differs\n" + expected.diff(against: lines)
        }
        throw Diagnostic(.chapter, at: example.location, message)
    }

    private var aotReports: [ProgramKey: Result<String, DiagnosticList>] = [:]

    /// The ahead-of-time report of the chapter module (seed 004's model), once per (module, arch, config).
    private func aotReport(_ example: Example, arch: Arch, chapter: Chapter) throws -> String {
        lock.lock()
        let moduleKey = moduleKey(example, chapter)
        let key = ProgramKey(module: moduleKey, arch: arch, config: example.config)
        if let cached = aotReports[key] {
            lock.unlock()
            return try cached.get()
        }
        let compiler = moduleCompiler(moduleKey, chapter: chapter, location: example.location)
        lock.unlock()
        let result: Result<String, DiagnosticList> = compiler.flatMap { c in
            do {
                return .success(try AotCompiler.compile(module: c.module, arch: arch, config: example.config).report)
            } catch {
                return .failure(DiagnosticList(error.diagnostics(defaultLocation: example.location)))
            }
        }
        lock.lock()
        aotReports[key] = result
        lock.unlock()
        return try result.get()
    }

    /// Runs the chapter module once per (module, arch, config); the lock is not held while the program runs.
    private func run(_ example: Example, arch: Arch, chapter: Chapter) -> Result<RunResult, DiagnosticList> {
        lock.lock()
        let moduleKey = moduleKey(example, chapter)
        let key = ProgramKey(module: moduleKey, arch: arch, config: example.config)
        if let cached = runs[key] {
            lock.unlock()
            return cached
        }
        let compiler = moduleCompiler(moduleKey, chapter: chapter, location: example.location)
        runCount += 1
        lock.unlock()
        let result: Result<RunResult, DiagnosticList>
        switch compiler {
        case .failure(let e):
            result = .failure(e)
        case .success(let c):
            do {
                result = .success(try Runner.run(module: c.module, arch: arch, config: example.config, timeout: runTimeout,
                                                  memoryMiB: runMemory))
            } catch {
                result = .failure(DiagnosticList(error.diagnostics(defaultLocation: example.location)))
            }
        }
        lock.lock()
        runs[key] = result
        lock.unlock()
        return result
    }

    /// Compiles with every dump the chapter's examples of this key need. Caller holds the module's lock.
    private func compile(_ key: CompileKey, with module: Result<ModuleCompiler, DiagnosticList>, chapter: Chapter,
                         extra: Set<Phase>, location: SourceLocation) -> Result<CompiledMethod, DiagnosticList> {
        let compiler: ModuleCompiler
        switch module {
        case .success(let c): compiler = c
        case .failure(let e): return .failure(e)
        }
        var phases = extra
        for ex in chapter.examples where ex.module == key.module.module && ex.method == key.method
            && ex.arch == key.arch && ex.config == key.config {
            if case .ir(let p) = ex.kind { phases.insert(p) }
        }
        do {
            return .success(try compiler.compile(key.method, arch: key.arch, config: key.config,
                                                 dumps: phases, location: location))
        } catch {
            return .failure(DiagnosticList(error.diagnostics(defaultLocation: location)))
        }
    }

    /// The cached compiler of a chapter module, parsing its IL on first use. Caller holds the lock.
    private func moduleCompiler(_ key: ModuleKey, chapter: Chapter, location: SourceLocation) -> Result<ModuleCompiler, DiagnosticList> {
        if let cached = compilers[key] { return cached }
        let result: Result<ModuleCompiler, DiagnosticList>
        if let source = chapter.module(named: key.module) {
            parseCount += 1
            do {
                result = .success(ModuleCompiler(module: try ILParser.parse(source.chunks, assemblyName: key.module)))
            } catch {
                result = .failure(DiagnosticList(error.diagnostics(defaultLocation: location)))
            }
        } else {
            result = .failure(DiagnosticList([Diagnostic(.chapter, at: location,
                                                         "no `il` blocks for module '\(key.module)' in this chapter")]))
        }
        compilers[key] = result
        return result
    }
}
