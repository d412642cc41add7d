import Diagnostics
import Foundation
import IL
import Testing
@testable import JIT

/// `JitInlineAsyncMethods`: an async method with no awaits is inlined into an async caller with its
/// own capture and restore of the contexts; one with awaits, or into a caller that is not async, is not.
@Suite struct AsyncMethodInliningTests {
    static let task = InlineHarness.taskOfInt
    static let awaitCall = InlineHarness.awaitTaskOfInt

    static let module = try! InlineHarness.module("""
          .method public static \(task) Plus(int32 x) cil managed aggressiveinlining async { ldarg.0 ldc.i4.1 add ret }
          .method public static \(task) AwaitsPlus(int32 x) cil managed aggressiveinlining async
          { ldarg.0 call \(task) Program::Plus(int32) \(awaitCall) ret }
          .method public static \(task) Caller(int32 x) cil managed async
          { ldarg.0 call \(task) Program::Plus(int32) \(awaitCall) ret }
          .method public static \(task) CallerOfAwaiting(int32 x) cil managed async
          { ldarg.0 call \(task) Program::AwaitsPlus(int32) \(awaitCall) ret }
          .method public static \(task) TaskCaller(int32 x) cil managed
          { ldarg.0 call \(task) Program::Plus(int32) ret }
        """)

    static func compile(_ selector: String, _ arch: Arch = .x64, knobs: String) throws -> CompiledMethod {
        try InlineHarness.compile(in: module, selector, arch: arch, knobs: knobs, dumps: [.inlining])
    }

    @Test func theKnobIsOffByDefaultAndSaysItIsTheModels() {
        let knob = JitConfig.knobs.first { $0.name == "JitInlineAsyncMethods" }
        #expect(knob?.defaultValue == 0)
        #expect(knob?.summary.contains("model-only") == true)
    }

    @Test(arguments: Arch.allCases)
    func aNeverSuspendingCalleeIsInlinedWithItsOwnContexts(_ arch: Arch) throws {
        let on = try Self.compile("Program::Caller[async]", arch, knobs: "JitInlineAsyncMethods=1")
        #expect(on.dumps[.inlining]?.contains("Successfully inlined Program:Plus(int):int (4 IL bytes) (depth 1) [aggressive inline attribute]") == true)
        #expect(!on.listing.contains("Program:Plus(int):int"))
        // The caller's capture and restore, and the inlinee's.
        func count(_ s: String) -> Int { on.listing.components(separatedBy: s).count - 1 }
        #expect(count("CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS") == 2)
        #expect(count("CORINFO_HELP_ASYNC_RESTORE_CONTEXTS") - count("CORINFO_HELP_ASYNC_RESTORE_CONTEXTS_ON_SUSPENSION") == 2)
        // The await went with the call: nothing suspends, so no continuation is allocated.
        #expect(!on.listing.contains("CORINFO_HELP_ALLOC_CONTINUATION"))

        let off = try Self.compile("Program::Caller[async]", arch, knobs: "JitInlineAsyncMethods=0")
        #expect(off.dumps[.inlining]?.contains("failed: is async (only runtime async callable thunks are inlined; JitInlineAsyncMethods=0)") == true,
                "\(off.dumps[.inlining] ?? "")")
        #expect(off.listing.contains("Program:Plus(int):int"))
    }

    @Test func aCalleeWithAwaitsIsRefused() throws {
        let c = try Self.compile("Program::CallerOfAwaiting[async]", knobs: "JitInlineAsyncMethods=1")
        #expect(c.dumps[.inlining]?.contains("failed: async method with awaits (it may suspend inside the inlinee; JitInlineAsyncMethods=1 inlines only methods that never suspend, 2 inlines these too)") == true,
                "\(c.dumps[.inlining] ?? "")")
        #expect(c.listing.contains("Program:AwaitsPlus(int):int"))
    }

    @Test func noInliningTurnsItOffToo() throws {
        let c = try Self.compile("Program::Caller[async]", knobs: "JitInlineAsyncMethods=1;JitNoInline=1")
        #expect(c.listing.contains("Program:Plus(int):int"))
    }
}
