import Diagnostics
import Foundation
import IL
import JIT
import Runtime

/// How fast the model JIT compiles a module: every method with a body, one architecture.
public struct JitTiming: Sendable {
    public var methods: Int
    /// IL bytes of the methods compiled.
    public var ilBytes: Int
    /// Machine-code bytes produced.
    public var codeBytes: Int
    /// Seconds for parsing the IL, building the runtime model and compiling every method.
    public var seconds: Double
    /// Code bytes and summed PerfScore per `Type::Method`.
    public var perMethod: [String: (bytes: Int, perfScore: Double)]
    /// Where the time went: `parse` (IL text to module), then each phase of the table by its dump
    /// name and `emit`, summed over the methods, and `other` (the rest of `seconds`).
    public var stages: [(name: String, seconds: Double)] = []

    public var microsecondsPerMethod: Double { seconds * 1e6 / Double(max(methods, 1)) }
    public var ilBytesPerMicrosecond: Double { Double(ilBytes) / max(seconds * 1e6, 1e-9) }
}

/// Compiles whole modules with the model JIT and times it.
public enum JitThroughput {
    /// Parses `il` and compiles each of its methods for `arch`; methods the JIT rejects are counted in `rejected`.
    ///
    /// Timing covers the parse and the compiles, as mono's `--compile-all` covers loading the
    /// assembly and compiling; the best of `repeats` runs is kept.
    public static func time(il: String, file: String, arch: Arch, repeats: Int = 1,
                            methodFilter: (MethodDef) -> Bool = { _ in true }) throws -> (timing: JitTiming, rejected: [Diagnostic]) {
        try time(parse: { try ILParser.parse(il, file: file) }, arch: arch, repeats: repeats, methodFilter: methodFilter)
    }

    /// The same for a module `parse` produces (a chapter's `il` blocks, say); the parse is timed too.
    public static func time(parse: () throws -> IL.Module, arch: Arch, repeats: Int = 1,
                            methodFilter: (MethodDef) -> Bool = { _ in true }) throws -> (timing: JitTiming, rejected: [Diagnostic]) {
        var best: JitTiming?
        var rejected: [Diagnostic] = []
        for _ in 0..<max(repeats, 1) {
            let start = ContinuousClock.now
            let module = try parse()
            let parsed = (ContinuousClock.now - start).seconds
            let compiler = ModuleCompiler(module: module)
            var timing = JitTiming(methods: 0, ilBytes: 0, codeBytes: 0, seconds: 0, perMethod: [:])
            var phaseTotals = [Double](repeating: 0, count: Phase.allCases.count + 1)
            rejected = []
            var scores: [(String, Int, Double)] = []
            let owned = module.globalMethods.map { ("", $0) } + module.types.flatMap { t in t.methods.map { (t.name, $0) } }
            for (owner, method) in owned where !method.body.isEmpty && methodFilter(method) {
                do {
                    // No listing text: mono's --compile-all prints none either.
                    let compiled = try compiler.compile(method, arch: arch, listing: false)
                    timing.methods += 1
                    timing.ilBytes += method.ilSize
                    timing.codeBytes += compiled.code.count
                    scores.append(("\(owner)::\(method.name)", compiled.code.count, compiled.perfScore))
                    for (phase, seconds) in compiled.phaseSeconds {
                        phaseTotals[phase.flatMap { Phase.allCases.firstIndex(of: $0) } ?? Phase.allCases.count] += seconds
                    }
                } catch {
                    rejected += error.diagnostics(defaultLocation: method.location)
                }
            }
            timing.seconds = (ContinuousClock.now - start).seconds
            timing.stages = [("parse", parsed)] + Phase.allCases.enumerated().map { ($1.rawValue, phaseTotals[$0]) }
                + [("emit", phaseTotals[Phase.allCases.count])]
            // The rest: the runtime model's set-up, the async-version decision, the compiler object.
            timing.stages.append(("other", max(timing.seconds - timing.stages.reduce(0) { $0 + $1.seconds }, 0)))
            for (name, bytes, score) in scores { timing.perMethod[name] = (bytes, score) }
            if best == nil || timing.seconds < best!.seconds { best = timing }
        }
        return (best!, rejected)
    }
}
