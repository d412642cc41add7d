import Diagnostics
import Foundation
import IL
import Runtime
import Testing
@testable import JIT

/// Seed 001: the async version of an ordinary Task-returning method, against the thunk it replaces.
@Suite struct AsyncVersionTests {
    static let task = "class [System.Runtime]System.Threading.Tasks.Task`1<int32>"

    static let il = """
        .assembly extern System.Runtime {}
        .assembly versions {}
        .class public auto ansi beforefieldinit Program extends [System.Runtime]System.Object
        {
          .field static class [System.Runtime]System.Threading.Tasks.Task`1<int32> s_cached
          .method public static \(task) Leaf(int32 x) cil managed async { ldarg.0 ret }
          .method public static \(task) Wrapper(int32 x) cil managed
          { ldarg.0 ldc.i4.1 add call \(task) Program::Leaf(int32) ret }
          .method public static \(task) Cached() cil managed
          { ldsfld \(task) Program::s_cached ret }
          .method public static class [System.Runtime]System.Threading.Tasks.Task Untyped(int32 x) cil managed
          { ldarg.0 call \(task) Program::Leaf(int32) ret }
          .method public static \(task) TailPrefixed(int32 x) cil managed
          { ldarg.0 tail. call \(task) Program::Leaf(int32) ret }
          .method public static \(task) Jumps(int32 x) cil managed
          { jmp \(task) Program::Leaf(int32) }
          .method public static \(task) Locked(int32 x) cil managed synchronized
          { ldarg.0 call \(task) Program::Leaf(int32) ret }
          .method public static \(task) Guarded(int32 x) cil managed
          {
            .locals init (\(task) t)
            .try { ldarg.0 call \(task) Program::Leaf(int32) stloc.0 leave.s DONE }
            finally { endfinally }
          DONE: ldloc.0 ret
          }
          .method public static \(task) CallsAsyncVariant(int32 x) cil managed
          {
            ldarg.0 call int32 Program::Leaf(int32)
            call class [System.Runtime]System.Runtime.CompilerServices.Continuation [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::AsyncCallContinuation()
            pop call class [System.Runtime]System.Threading.Tasks.Task`1<!!0> [System.Runtime]System.Threading.Tasks.Task::FromResult<int32>(!!0) ret
          }
          .method public static \(task) Caller() cil managed async
          {
            ldc.i4.1 call \(task) Program::Wrapper(int32)
            call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)
            ldc.i4.1 add ret
          }
        }
        """

    static let module = try! ILParser.parse(il, file: "versions.il")

    static func compile(_ selector: String, _ arch: Arch = .x64, knobs: String = "", dumps: Set<Phase> = [.async])
        throws -> CompiledMethod {
        let loc = SourceLocation.synthetic("test")
        let config = knobs.isEmpty ? JitConfig() : try JitConfig(parsing: knobs, at: loc)
        return try ModuleCompiler(module: module).compile(try MethodSelector.parse(selector, at: loc), arch: arch,
                                                          config: config, dumps: dumps, location: loc)
    }

    @Test func theKnobIsInTheTableAndOnByDefault() {
        let knob = JitConfig.knobs.first { $0.name == "JitAsyncVersions" }
        #expect(knob?.defaultValue == 1)
        #expect(knob?.summary.contains("model-only") == true)
        #expect(JitConfig().isOn("JitAsyncVersions"))
    }

    /// The version's fast path calls the callee's async variant and returns its result: no call of the
    /// wrapper's Task-returning variant, no TransparentAwait, nothing allocated. The thunk calls the
    /// Task-returning variant and awaits its task.
    @Test(arguments: Arch.allCases)
    func versionTailAwaitsTheCallee(_ arch: Arch) throws {
        let version = try Self.compile("Program::Wrapper[async]", arch)
        #expect(version.listing.contains("Program:Leaf(int):int"))
        #expect(!version.listing.contains("System.Threading.Tasks.Task`1[int]"))
        #expect(!version.listing.contains("TransparentAwait"))
        #expect(!version.listing.contains("ALLOC_CONTINUATION"))
        #expect(version.dumps[.async]?.contains("Async version of Program:Wrapper(int):int: compiled from its own IL") == true)
        let thunk = try Self.compile("Program::Wrapper[async]", arch, knobs: "JitAsyncVersions=0")
        // (the thunk inlines the Task-returning Wrapper: its call of Leaf's Task-returning variant remains)
        #expect(thunk.listing.contains("Program:Leaf(int):System.Threading.Tasks.Task`1[int]"))
        #expect(thunk.listing.contains("TransparentAwait"))
        #expect(thunk.dumps[.async]?.contains("No async version of Program:Wrapper(int):int: JitAsyncVersions=0") == true)
    }

    /// A `ret` of any other task awaits it through the typed TransparentAwait, as a tail await; with
    /// JitAsyncTailAwait=0 the version keeps a frame of its own and allocates a continuation to suspend.
    @Test func otherReturnsAwaitTheTask() throws {
        let cached = try Self.compile("Program::Cached[async]")
        #expect(cached.listing.contains("AsyncHelpers:TransparentAwait[int](System.Threading.Tasks.Task`1[int]):int]"))
        #expect(!cached.listing.contains("ALLOC_CONTINUATION"))
        let framed = try Self.compile("Program::Cached[async]", knobs: "JitAsyncTailAwait=0")
        #expect(framed.listing.contains("CORINFO_HELP_ALLOC_CONTINUATION"))
        // A Task<int> returned as a Task is not the version's own task type: awaited, not tail-called.
        let untyped = try Self.compile("Program::Untyped[async]")
        #expect(untyped.listing.contains("[Program:Leaf(int):System.Threading.Tasks.Task`1[int]]"))
        #expect(untyped.listing.contains("AsyncHelpers:TransparentAwait(System.Threading.Tasks.Task):void]"))
    }

    @Test(arguments: [
        ("TailPrefixed", "explicit 'tail.' prefix at IL_0001"),
        ("Jumps", "'jmp' at IL_0000"),
        ("Locked", "is synchronized"),
        ("CallsAsyncVariant", "calls Program:Leaf(int):int at IL_0001, which only async code may call"),
    ])
    func fallsBackToTheThunkAndSaysWhy(_ method: String, _ reason: String) throws {
        let c = try Self.compile("Program::\(method)[async]", dumps: [.il, .async])
        let note = try #require(c.dumps[.async]?.split(separator: "\n").first.map(String.init))
        #expect(note.hasPrefix("No async version of Program:\(method)(int):int: \(reason)"), "\(note)")
        #expect(note.hasSuffix("compiled the runtime async callable thunk"))
        #expect(c.dumps[.il]?.contains("// synthesized by the runtime: async callable thunk") == true)
        #expect(c.listing.contains("TransparentAwait"))
    }

    /// A method with handlers gets a version: async code compiles its handlers (exceptions across awaits).
    @Test func handlersDoNotKeepTheThunk() throws {
        let c = try Self.compile("Program::Guarded[async]", dumps: [.async])
        #expect(c.dumps[.async]?.hasPrefix("Async version of Program:Guarded(int):int: compiled from its own IL") == true)
        #expect(c.listing.contains("CORINFO_HELP_EH_PUSH"))
    }

    /// `ir il` of a version prints the method's own IL, marked as such.
    @Test func ilDumpOfAVersionIsTheMethodsIL() throws {
        let il = try #require(try Self.compile("Program::Wrapper[async]", dumps: [.il]).dumps[.il])
        #expect(il.contains("// async version: the method's own IL, compiled as an async method (JitAsyncVersions=1)"))
        #expect(il.contains("call       class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32)"))
        #expect(!il.contains("TransparentAwait"))
    }

    /// `[thunk]` is the synthesized thunk even where `[async]` is a version; the `inline` dump says which.
    @Test func thunkSelectorKeepsTheThunk() throws {
        let c = try Self.compile("Program::Wrapper[thunk]", dumps: [.il, .inlining])
        #expect(c.dumps[.il]?.contains("// synthesized by the runtime: async callable thunk") == true)
        #expect(c.dumps[.inlining]?.hasPrefix("No async version of Program:Wrapper(int):int: [thunk] selects the runtime's synthesized IL") == true)
        let v = try Self.compile("Program::Wrapper[async]", dumps: [.inlining])
        #expect(v.dumps[.inlining]?.hasPrefix("Async version of Program:Wrapper(int):int: compiled from its own IL") == true)
    }

    /// The Task-returning variant is the IL as written, whatever the knob says.
    @Test func taskVariantIsUnchanged() throws {
        let on = try Self.compile("Program::Wrapper[task]")
        let off = try Self.compile("Program::Wrapper[task]", knobs: "JitAsyncVersions=0")
        #expect(on.listing == off.listing)
        #expect(on.listing.contains("[Program:Leaf(int):System.Threading.Tasks.Task`1[int]]"))
    }

    /// The inliner does not inline versions (upstream blocks it); the thunk it still inlines (seed 000).
    @Test func versionsAreNotInlined() throws {
        let on = try #require(try Self.compile("Program::Caller", dumps: [.inlining]).dumps[.inlining])
        #expect(on.contains("failed: is an async version (JitAsyncVersions=1; async versions are not inlined, as upstream)"))
        let off = try #require(try Self.compile("Program::Caller", knobs: "JitAsyncVersions=0", dumps: [.inlining]).dumps[.inlining])
        #expect(off.contains("Successfully inlined Program:Wrapper(int):int"))
        #expect(try Self.compile("Program::Caller").listing.contains("(call to runtime async version)"))
    }

    /// Invalid IL in a method with a version is reported at its instruction, as for the Task-returning variant.
    @Test func invalidILIsALocatedError() throws {
        let bad = """
            .assembly extern System.Runtime {}
            .assembly bad {}
            .class public auto ansi beforefieldinit Program extends [System.Runtime]System.Object
            {
              .method public static \(Self.task) Leaf() cil managed async { ldc.i4.1 ret }
              .method public static \(Self.task) Bad() cil managed
              { call \(Self.task) Program::Leaf() add ret }
            }
            """
        let module = try ILParser.parse(bad, file: "bad.il")
        let loc = SourceLocation.synthetic("test")
        #expect(throws: (any Error).self) {
            _ = try ModuleCompiler(module: module).compile(try MethodSelector.parse("Program::Bad[async]", at: loc),
                                                          arch: .x64, location: loc)
        }
        do {
            _ = try ModuleCompiler(module: module).compile(try MethodSelector.parse("Program::Bad[async]", at: loc),
                                                          arch: .x64, location: loc)
        } catch {
            #expect("\(error)".contains("bad.il:7:"), "\(error)")
        }
    }
}
