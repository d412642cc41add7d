import Foundation
import IL
import Runtime
import Testing
@testable import JIT

/// Seed 000: a virtual await, guarded devirtualization to a non-async override, and the inlining of
/// that override's runtime async callable thunk (knob JitInlineAsyncThunks).
@Suite struct AsyncThunkInliningTests {
    /// The seed's program (shared with the execution tests).
    static let source: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../ExecutionTests/AsyncPrograms/seed000_program.il")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    static func compile(_ arch: Arch, thunks: Bool = true, profile: Bool = true, dumps: Set<Phase> = [],
                        source: String = source) throws -> CompiledMethod {
        var config = JitConfig()
        try config.set("JitInlineAsyncThunks", thunks ? "1" : "0", at: .synthetic("test"))
        // Seed 000 is about the thunk: the design before seed 001's async versions.
        try config.set("JitAsyncVersions", "0", at: .synthetic("test"))
        // Seed 000's listings as chapter 8 shows them: the context calls of the day, inlinable
        // method-handle calls (seed 004's helper shape changes the labels and node ids below).
        try config.set("JitAsyncContextHelpers", "0", at: .synthetic("test"))
        if profile {
            config.classProfile = ClassProfileData(entries: [.init(ilOffset: nil, className: "AsyncMicro.Program+Derived", percent: 100)])
        }
        let module = try ILParser.parse(source, file: "seed000_program.il")
        return try ModuleCompiler(module: module).compile(MethodSelector(typeName: "AsyncMicro.Program", methodName: "Foo"),
                                                          arch: arch, config: config, dumps: dumps, location: .synthetic("test"))
    }

    static func lines(_ s: String) -> [String] { s.split(separator: "\n").map(String.init) }

    /// The instructions from the guard's method-table constant to the first line matching `end`.
    static func fastPath(_ listing: String, until end: String) -> [String] {
        let all = lines(listing)
        guard let start = all.firstIndex(where: { $0.contains("; AsyncMicro.Program+Derived") || $0.contains("// AsyncMicro.Program+Derived") }),
              let stop = all[start...].firstIndex(where: { $0.contains(end) }) else { return [] }
        return Array(all[start...stop])
    }

    @Test(arguments: Arch.allCases)
    func fastPathIsTheMethodTableCompareAndTheConstant(_ arch: Arch) throws {
        let listing = try Self.compile(arch).listing
        let constant = arch == .x64 ? "mov      eax, 42" : "mov     w0, #42"
        let path = Self.fastPath(listing, until: constant)
        #expect(!path.isEmpty, "no guard followed by \(constant)")
        if arch == .x64 {
            #expect(path.contains { $0.contains("cmp      qword ptr [rsi], rax") })
            #expect(path.contains { $0.contains("jne      SHORT G_M32752_IG03") })
        } else {
            #expect(path.contains { $0.contains("cmp     x0, x2") })
            #expect(path.contains { $0.contains("b.ne    G_M32752_IG03") })
        }
        #expect(!path.contains { $0.contains("call") || $0.contains("blr") })
        #expect(!listing.contains("Derived:Foo"))
        #expect(!listing.contains("TransparentAwait"))
    }

    @Test(arguments: Arch.allCases)
    func knobOffCallsTheThunk(_ arch: Arch) throws {
        let listing = try Self.compile(arch, thunks: false).listing
        if arch == .x64 {
            #expect(listing.contains("call     [AsyncMicro.Program+Derived:Foo():int:this]      ; (call to runtime async callable thunk)"))
        } else {
            #expect(listing.contains("code for AsyncMicro.Program+Derived:Foo():int:this"))
            #expect(listing.contains("blr     x16      // (call to runtime async callable thunk)"))
        }
        #expect(!listing.contains(arch == .x64 ? "mov      eax, 42" : "mov     w0, #42"))
    }

    @Test(arguments: Arch.allCases)
    func slowPathCallsTheAsyncVariantThroughItsSlot(_ arch: Arch) throws {
        let c = try Self.compile(arch, dumps: [.async])
        if arch == .x64 {
            #expect(c.listing.contains("call     [rax+0x28]      ; AsyncMicro.Program+Base:Foo():int:this"))
        } else {
            #expect(c.listing.contains("ldr     x16, [x16, #0x28]"))
        }
        // After folding, one await is left: the virtual one (the inlined TransparentAwait went with its branch).
        let layouts = Self.lines(c.dumps[.async] ?? "").filter { $0.hasPrefix("Continuation layout") }
        #expect(layouts == ["Continuation layout for state 0 (await of AsyncMicro.Program+Base:Foo():int:this), 56 bytes, flags 0xC48:"])
        let before = Self.lines(try Self.compile(arch, thunks: false, dumps: [.async]).dumps[.async] ?? "")
        #expect(before.filter { $0.hasPrefix("Continuation layout") }.count == 2)
    }

    @Test func virtualAwaitWithoutProfileCallsTheAsyncVariantSlot() throws {
        let listing = try Self.compile(.x64, profile: false).listing
        #expect(listing.contains("call     [rax+0x28]      ; AsyncMicro.Program+Base:Foo():int:this"))
        #expect(!listing.contains("AsyncHelpers:Await"))
        #expect(!listing.contains("ValueTask"))
    }

    @Test func inlineDecisionsNameTheThunk() throws {
        let on = Self.lines(try Self.compile(.x64, dumps: [.inlining]).dumps[.inlining] ?? "")
        #expect(on.contains("Guarded devirtualization [000002] AsyncMicro.Program+Base:Foo():int:this: likely class AsyncMicro.Program+Derived (100%) -> [000035] AsyncMicro.Program+Derived:Foo():int:this"))
        #expect(on.contains("Successfully inlined AsyncMicro.Program+Derived:Foo():int:this (39 IL bytes) (depth 1) [runtime async callable thunk]"))
        #expect(on.contains { $0.hasPrefix("Successfully inlined AsyncMicro.Program+Derived:Foo():System.Threading.Tasks.ValueTask`1[int]:this") })
        #expect(on.contains { $0.hasPrefix("Successfully inlined System.Threading.Tasks.ValueTask`1[int]:get_IsCompleted():bool:this") })
        #expect(on.contains { $0.hasPrefix("Successfully inlined System.Threading.Tasks.ValueTask`1[int]:get_Result():int:this") })
        #expect(on.contains { $0.hasSuffix("failed: is async (only runtime async callable thunks are inlined; JitInlineAsyncMethods=0)") })
        let off = Self.lines(try Self.compile(.x64, thunks: false, dumps: [.inlining]).dumps[.inlining] ?? "")
        #expect(off.contains("Inlining [000035] failed: runtime async callable thunk (JitInlineAsyncThunks=0)"))
    }

    /// An `async` method's own IL is never inlined (general async inlining is seed 002).
    @Test func asyncMethodsAreNotInlined() throws {
        let il = """
            .method public static class [System.Runtime]System.Threading.Tasks.Task`1<int32> Small() cil managed async
            { ldc.i4.1 ret }
            .method public static class [System.Runtime]System.Threading.Tasks.Task`1<int32> Caller() cil managed async
            {
                call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Small()
                call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)
                ret
            }
            """
        let lines = try InlineHarness.decisions(il, "Caller")
        #expect(lines.contains("Inline candidate [000001] Program:Small():int"))
        #expect(lines.contains("Inlining [000001] failed: is async (only runtime async callable thunks are inlined; JitInlineAsyncMethods=0)"))
    }

    /// The inlined await keeps the caller's continuation mode: Foo continues on its captured context.
    @Test func inlinedAwaitContinuesOnTheCallersContext() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../ExecutionTests/AsyncPrograms/seed000_incomplete.il")
        let text = try String(contentsOf: url, encoding: .utf8)
        let dump = Self.lines(try Self.compile(.x64, dumps: [.async], source: text).dumps[.async] ?? "")
        let inlined = try #require(dump.firstIndex { $0.hasPrefix("Continuation layout for state 0 (await of System.Runtime.CompilerServices.AsyncHelpers:TransparentAwait") })
        #expect(dump[inlined].hasSuffix("flags 0x48:"))
        #expect(dump[(inlined + 1)...].prefix(8).contains { $0.contains("continuation context (SynchronizationContext)") })
    }
}
