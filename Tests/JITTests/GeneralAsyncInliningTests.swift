import Diagnostics
import Foundation
import IL
import Testing
@testable import JIT

/// General async inlining (seed 002, `JitInlineAsyncMethods=2`): async methods with awaits inlined as
/// logical frames. The run-time semantics are checked by AsyncProgramTests (every async program with
/// the knob, `inline_async_frames` on both targets); these tests check the shape of the code.
@Suite struct GeneralAsyncInliningTests {
    static let task = InlineHarness.taskOfInt
    static let awaitCall = InlineHarness.awaitTaskOfInt

    /// A three-deep chain A -> B -> C -> Leaf (Leaf never inlined), and a caller awaiting B inside a `.try`.
    static let module = try! InlineHarness.module("""
          .method public static \(task) Leaf(int32 x) cil managed noinlining async { ldarg.0 ret }
          .method public static \(task) C(int32 x) cil managed async
          { ldarg.0 call \(task) Program::Leaf(int32) \(awaitCall) ldc.i4.1 add ret }
          .method public static \(task) B(int32 x) cil managed async
          { ldarg.0 call \(task) Program::C(int32) \(awaitCall) ldc.i4.2 add ret }
          .method public static \(task) A(int32 x) cil managed async
          { ldarg.0 call \(task) Program::B(int32) \(awaitCall) ldc.i4.3 add ret }
          .method public static \(task) TryCaller(int32 x) cil managed async
          {
            .locals init (int32 r)
            .try { ldarg.0 call \(task) Program::B(int32) \(awaitCall) stloc.0 leave.s DONE }
            catch [System.Runtime]System.Exception { pop ldc.i4.m1 stloc.0 leave.s DONE }
          DONE: ldloc.0 ret
          }
        """)

    static func compile(_ selector: String, _ arch: Arch = .x64, knobs: String) throws -> CompiledMethod {
        try InlineHarness.compile(in: module, selector, arch: arch, knobs: knobs, dumps: [.inlining, .async])
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test(arguments: Arch.allCases)
    func calleesWithAwaitsBecomeFrames(_ arch: Arch) throws {
        let c = try Self.compile("Program::A[async]", arch, knobs: "JitInlineAsyncMethods=2")
        let inline = c.dumps[.inlining] ?? ""
        #expect(inline.contains("Successfully inlined Program:B(int):int"), "\(inline)")
        #expect(inline.contains("Successfully inlined Program:C(int):int"), "\(inline)")
        #expect(inline.contains("Async frame Program:B(int):int: resumed"))
        #expect(inline.contains("Async frame Program:C(int):int: resumed"))
        // The return code of each frame is a call the inliner leaves alone.
        #expect(Self.count("inlined async frame's return code", in: inline) == 4)
        // One merged continuation for the leaf's await, made inside both frames; one per frame return.
        let async = c.dumps[.async] ?? ""
        #expect(async.contains("(await of Program:Leaf(int):int in inlinee Program:B(int):int > Program:C(int):int)"), "\(async)")
        #expect(Self.count("await of System.Runtime.CompilerServices.AsyncHelpers:RestoreInlinedFrameContinuationContext", in: async) == 2)
        #expect(Self.count("Program:Leaf(int):int", in: c.listing) == 1)
        // Leaf's suspension does both frames' part; the suspension of B's return code does B's.
        #expect(Self.count("CaptureInlinedFrameContexts", in: c.listing) == 3)
        #expect(!c.listing.contains("[Program:B(int):int]") && !c.listing.contains("[Program:C(int):int]"))
    }

    /// The caller-side values a frame captured are saved in the continuation; the frame's own context
    /// locals are not (every resumption inside the frame sets its `resumed`, after which they are unused).
    @Test func theMergedLayoutSavesCallerSideValuesOnly() throws {
        let c = try Self.compile("Program::A[async]", knobs: "JitInlineAsyncMethods=2")
        let async = c.dumps[.async] ?? ""
        guard let start = async.range(of: "Continuation layout for state 0") else {
            Issue.record("no layout for state 0: \(async)")
            return
        }
        let layout = async[start.lowerBound...].components(separatedBy: "\n\n").first ?? ""
        #expect(Self.count("caller's ExecutionContext", in: layout) == 2)
        #expect(Self.count("caller's continuation flags", in: layout) == 2)
        #expect(!layout.contains("async ExecutionContext") && !layout.contains("async resumed"), "\(layout)")
    }

    /// The seed's cost target: on the synchronous path of the chain (the blocks of non-zero weight) the
    /// only call is the leaf's; the frames' context capture and restore are inline code when they are
    /// CoreLib methods (`JitAsyncContextHelpers=0`), and their return code is out of line.
    @Test(arguments: Arch.allCases)
    func theSynchronousPathHasNoCallsBetweenFrames(_ arch: Arch) throws {
        let c = try Self.compile("Program::A[async]", arch, knobs: "JitInlineAsyncMethods=2;JitAsyncContextHelpers=0")
        var hotCalls: [String] = []
        var group: [String] = []
        // arm64 calls through a register loaded just before: the load names the callee.
        var lastTarget = ""
        for line in c.listing.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.contains(";; size=") {
                if !line.contains("bbWeight=0 ") { hotCalls += group.filter(Self.isCall) }
                group = []
            } else {
                if line.contains("//") || line.contains(";") { lastTarget = line }
                group.append(Self.isCall(line) && arch == .arm64 ? line + " " + lastTarget : line)
            }
        }
        #expect(hotCalls.count == 1 && hotCalls.first?.contains("Program:Leaf(int):int") == true, "\(hotCalls)\n\(c.listing)")
    }

    static func isCall(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        return words.first.map { ["call", "bl", "blr"].contains(String($0)) } ?? false
    }

    @Test func knobValueOneStillRefusesCalleesWithAwaits() throws {
        let c = try Self.compile("Program::A[async]", knobs: "JitInlineAsyncMethods=1")
        #expect(c.dumps[.inlining]?.contains("Inlining [000002] failed: async method with awaits") == true, "\(c.dumps[.inlining] ?? "")")
        #expect(c.listing.contains("[Program:B(int):int]"))
    }

    @Test func anAwaitInsideATryRegionIsNotInlined() throws {
        let c = try Self.compile("Program::TryCaller[async]", knobs: "JitInlineAsyncMethods=2")
        #expect(c.dumps[.inlining]?.contains("failed: async method with awaits awaited inside a .try region") == true,
                "\(c.dumps[.inlining] ?? "")")
        #expect(c.listing.contains("[Program:B(int):int]"))
    }

    @Test func noInliningAndMinOptsTurnItOff() throws {
        for knobs in ["JitInlineAsyncMethods=2;JitNoInline=1", "JitInlineAsyncMethods=2;JitMinOpts=1"] {
            let c = try Self.compile("Program::A[async]", knobs: knobs)
            #expect(c.listing.contains("[Program:B(int):int]"), "\(knobs)")
        }
    }

    /// With a class profile, GDV's direct call of the likely override is an await like any other:
    /// the override, an async method with an await, is inlined as a frame on the fast path.
    @Test func theFastPathOfAGuardedAwaitIsInlinedAsAFrame() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ExecutionTests/AsyncPrograms/inline_async_gdv.il")
        let module = try ILParser.parse(try String(contentsOf: url, encoding: .utf8), file: "inline_async_gdv.il")
        let loc = SourceLocation.synthetic("test")
        var config = try JitConfig(parsing: "JitInlineAsyncMethods=2", at: loc)
        config.classProfile = try ClassProfileData(parsing: "Derived", at: loc)
        let c = try ModuleCompiler(module: module).compile(try MethodSelector.parse("Program::Run[async]", at: loc), arch: .x64,
                                                           config: config, dumps: [.inlining], location: loc)
        let inline = c.dumps[.inlining] ?? ""
        #expect(inline.contains("likely class Derived (100%)"), "\(inline)")
        #expect(inline.contains("Async frame Derived:M(int):int:this"), "\(inline)")
    }
}
