import Execution
import Foundation
import IL
import JIT
import Testing

/// Runtime async programs written in IL against [System.Runtime] (as dotnet/runtime's src/tests/async
/// IL tests are; mcs cannot emit `cil managed async`), each with a C# twin in a comment, run on both
/// targets: the transcript must equal the committed `.expected`. They really suspend and resume:
/// Task.Yield in loops, recursive fibonacci, awaits three frames deep, ValueTask, ConfigureAwait(false),
/// AsyncLocal, a SynchronizationContext that records its posts, blocking waits, a deadlock.
@Suite struct AsyncProgramTests {
    static let corpus = ProgramCorpus("AsyncPrograms")
    static let names = corpus.names
    static let cases = corpus.cases

    @Test func corpusIsComplete() throws {
        #expect(Self.names.filter { !$0.hasPrefix("showcase_") }.count >= 20)
        #expect(Self.names.filter { $0.hasPrefix("showcase_") }.count >= 3)
        for n in Self.names {
            #expect(FileManager.default.fileExists(atPath: Self.corpus.path(n, "expected")),
                    "\(n).expected is missing")
            let il = try Self.corpus.text(n, "il")
            #expect(il.contains("cil managed async") || n == "deadlock", "\(n) has no async method")
        }
    }

    /// Every program, on both targets, in both shapes of seed 004's context calls: the helper shape
    /// (JitAsyncContextHelpers=1, the default) and the method-handle shape (0) print the same transcript.
    @Test(arguments: cases, [1, 0])
    func runsAsExpected(_ k: ProgramCorpus.Case, contextHelpers: Int) throws {
        var config = JitConfig()
        try config.set("JitAsyncContextHelpers", String(contextHelpers), at: .synthetic("test"))
        let (r, expected) = try Self.corpus.run(k.name, on: k.arch, config: config)
        #expect(r.transcript == expected, "JitAsyncContextHelpers=\(contextHelpers), stderr: \(r.stderr)")
    }

    /// The knobs that change the code most (no optimization; no inlining, so every await helper
    /// and thunk is a real call with its own frame and records; async methods that never suspend
    /// inlined) must not change what a program does: every program on x64, the exception programs
    /// (`eh_*`) on arm64 too.
    /// With general async inlining (`JitInlineAsyncMethods=2`) every async method the policy accepts
    /// is inlined, awaits and all, so this is also seed 002's check that inlining changes nothing a
    /// program sees: the exception and inlining programs (`eh_*`, `inline_*`) run on arm64 too.
    static let knobCases: [(ProgramCorpus.Case, String)] = ["JitMinOpts=1", "JitNoInline=1", "JitInlineAsyncMethods=1",
                                                             "JitInlineAsyncMethods=2"].flatMap { knob in
        names.flatMap { n in
            (n.hasPrefix("eh_") || n.hasPrefix("inline_") ? Arch.allCases : [.x64]).map { (ProgramCorpus.Case(name: n, arch: $0), knob) }
        }
    }

    @Test(arguments: knobCases)
    func runsAsExpectedWithKnob(_ k: ProgramCorpus.Case, _ knob: String) throws {
        let config = try JitConfig(parsing: knob, at: .synthetic("test"))
        let (r, expected) = try Self.corpus.run(k.name, on: k.arch, config: config)
        #expect(r.transcript == expected, "\(knob), stderr: \(r.stderr)")
    }

    /// The corpus has a program for each way an exception crosses an await.
    @Test func exceptionProgramsArePresent() {
        for n in ["eh_catch_suspended", "eh_finally_resumed", "eh_rethrow_three_frames", "eh_valuetask",
                  "eh_aggregate_result", "eh_sync_context", "eh_unhandled_async_main", "eh_filter", "eh_inlined_thunk", "eh_returns_100"] {
            #expect(Self.names.contains(n), "\(n) is missing")
        }
    }

    /// Seed 002's worked examples and the rest of inline_async_frames (contexts switched at each level,
    /// an AsyncLocal set at each level, ConfigureAwait(false) in an inlinee, loops, recursion, exceptions)
    /// print the same with async methods inlined with their awaits, on both targets, in both shapes of
    /// the context calls (with `JitAsyncContextHelpers=0` the inlinees' capture and restore are inlined too).
    @Test(arguments: Arch.allCases, ["JitInlineAsyncMethods=2", "JitInlineAsyncMethods=2;JitAsyncContextHelpers=0"])
    func inlinedAsyncFramesKeepTheirSemantics(_ arch: Arch, _ knobs: String) throws {
        let config = try JitConfig(parsing: knobs, at: .synthetic("test"))
        let (r, expected) = try Self.corpus.run("inline_async_frames", on: arch, config: config)
        #expect(r.transcript == expected, "stderr: \(r.stderr)")
    }

    /// A virtual await guarded for its likely override (GDV), whose direct call is then inlined with
    /// its await as a logical frame, in a loop; the slow path stays a virtual await.
    @Test(arguments: Arch.allCases)
    func gdvFastPathInlinedAsAFrame(_ arch: Arch) throws {
        var config = try JitConfig(parsing: "JitInlineAsyncMethods=2", at: .synthetic("test"))
        config.classProfile = try ClassProfileData(parsing: "Derived", at: .synthetic("test"))
        let (r, expected) = try Self.corpus.run("inline_async_gdv", on: arch, config: config)
        #expect(r.transcript == expected, "stderr: \(r.stderr)")
    }

    /// Seed 002's one case: async methods that never suspend, inlined with their own context capture
    /// and restore, on both targets (the program prints what the restores leave behind).
    @Test(arguments: Arch.allCases)
    func neverSuspendingInlineesKeepTheirContexts(_ arch: Arch) throws {
        let config = try JitConfig(parsing: "JitInlineAsyncMethods=1", at: .synthetic("test"))
        let (r, expected) = try Self.corpus.run("inline_async_never_suspends", on: arch, config: config)
        #expect(r.transcript == expected, "stderr: \(r.stderr)")
    }
}
