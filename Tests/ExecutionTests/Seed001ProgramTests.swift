import Execution
import Foundation
import IL
import JIT
import Testing

/// Seed 001's programs (AsyncPrograms/seed001_*.il): chains of Task-returning wrappers 1 to 5 deep,
/// wrappers with arguments and generic parameters, wrappers that hold the task or await it, cached
/// completed tasks, suspending callees, ValueTask wrappers, the methods that keep the thunk, an
/// exception thrown in the callee, and a wrapper with handlers of its own. Each runs on both targets with async versions on and off
/// (`JitAsyncVersions`): every run must print the committed `.expected` transcript, so the two designs
/// are indistinguishable to the program.
@Suite struct Seed001ProgramTests {
    static let corpus = AsyncProgramTests.corpus

    static let names: [String] = AsyncProgramTests.names.filter { $0.hasPrefix("seed001_") }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let arch: Arch
        let versions: Bool
        var testDescription: String { "\(name) \(arch.rawValue) JitAsyncVersions=\(versions ? 1 : 0)" }
    }

    static let cases = names.flatMap { n in Arch.allCases.flatMap { a in [true, false].map { Case(name: n, arch: a, versions: $0) } } }

    static func config(versions: Bool) throws -> JitConfig {
        try JitConfig(parsing: "JitAsyncVersions=\(versions ? 1 : 0)", at: .synthetic("test"))
    }

    @Test func theIssuesProgramsAreThere() {
        for n in ["seed001_chains", "seed001_args_generics", "seed001_await_then_work", "seed001_cached_task",
                  "seed001_suspending", "seed001_valuetask", "seed001_virtual", "seed001_fallbacks",
                  "seed001_exception", "seed001_handlers"] {
            #expect(Self.names.contains(n), "\(n).il is missing")
        }
    }

    @Test(arguments: cases)
    func runsAsExpected(_ k: Case) throws {
        let (r, expected) = try Self.corpus.run(k.name, on: k.arch, config: try Self.config(versions: k.versions))
        #expect(r.transcript == expected, "stderr: \(r.stderr)")
    }

    /// The callee's exception crosses the wrapper chain and reaches the awaiting method's catch, with the
    /// async version (the exception propagates through the async calls) and with the thunk (the leaf's
    /// task faults and the await rethrows it) alike.
    @Test(arguments: Arch.allCases)
    func exceptionInTheCalleeReachesTheAwaitersCatch(_ arch: Arch) throws {
        for versions in [true, false] {
            let (r, _) = try Self.corpus.run("seed001_exception", on: arch, config: try Self.config(versions: versions))
            #expect(r.fault == nil)
            #expect(r.exceptionLine == nil)
            #expect(r.exitCode == 100)
            #expect(r.stdout.contains("caught: too big"))
            #expect(!r.stdout.contains("not reached"))
        }
    }

    /// The counters the chapter prints: a 3-deep chain of wrappers over an async leaf that completes at once
    /// allocates no task per call with async versions, and one per call with the thunk (the leaf's
    /// task-returning thunk makes it; every wrapper above only passes it on).
    @Test(arguments: Arch.allCases)
    func tasksPerCallOfAThreeDeepChain(_ arch: Arch) throws {
        let il = """
            .assembly extern System.Runtime {}
            .assembly counts {}
            .class public auto ansi beforefieldinit Program extends [System.Runtime]System.Object
            {
              .method public static class [System.Runtime]System.Threading.Tasks.Task`1<int32> Leaf(int32 x) cil managed async
              { ldarg.0 ret }
              .method public static class [System.Runtime]System.Threading.Tasks.Task`1<int32> W1(int32 x) cil managed
              { ldarg.0 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32) ret }
              .method public static class [System.Runtime]System.Threading.Tasks.Task`1<int32> W2(int32 x) cil managed
              { ldarg.0 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::W1(int32) ret }
              .method public static class [System.Runtime]System.Threading.Tasks.Task`1<int32> W3(int32 x) cil managed
              { ldarg.0 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::W2(int32) ret }
              .method public static class [System.Runtime]System.Threading.Tasks.Task`1<int32> Run() cil managed async
              {
                .locals init (int64 before, int32 i)
                call int64 [System.Runtime]Jitbook.RuntimeStats::TasksAllocated() stloc.0
              LOOP:
                ldloc.1 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::W3(int32)
                call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>) pop
                ldloc.1 ldc.i4.1 add dup stloc.1 ldc.i4.s 10 blt LOOP
                call int64 [System.Runtime]Jitbook.RuntimeStats::TasksAllocated() ldloc.0 sub
                call void [System.Runtime]System.Console::WriteLine(int64)
                call int64 [System.Runtime]Jitbook.RuntimeStats::ContinuationsAllocated()
                call void [System.Runtime]System.Console::WriteLine(int64)
                ldc.i4.0 ret
              }
              .method public static int32 Main() cil managed
              {
                .entrypoint
                call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Run()
                callvirt instance !0 class [System.Runtime]System.Threading.Tasks.Task`1<int32>::get_Result() ret
              }
            }
            """
        let module = try ILParser.parse(il, file: "counts.il")
        let on = try Runner.run(module: module, arch: arch, config: try Self.config(versions: true), timeout: 30)
        let off = try Runner.run(module: module, arch: arch, config: try Self.config(versions: false), timeout: 30)
        #expect(on.stdout == "0\n0\n", "stderr: \(on.stderr)")
        #expect(off.stdout == "10\n0\n", "stderr: \(off.stderr)")
    }

    /// `jitbook run --stats`: the runtime prints the totals to stderr when the program exits.
    @Test func statsFlagPrintsTheCountersAtExit() throws {
        let il = try Self.corpus.text("seed001_chains", "il")
        let module = try ILParser.parse(il, file: "seed001_chains.il")
        let image = try CodeImage.build(module: module, arch: .x64, config: try Self.config(versions: true))
        let r = try Runner.run(image: image, stats: true)
        let line = try #require(r.stderr.split(separator: "\n").first { $0.hasPrefix("allocated: ") })
        // Main's own task and the one W5(100) returns to a caller that takes it; nothing suspends.
        #expect(line.hasSuffix(" objects, 2 tasks, 0 continuations"), "\(line)")
        #expect(r.transcript == (try Self.corpus.text("seed001_chains", "expected")))
    }
}
