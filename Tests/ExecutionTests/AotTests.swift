import Execution
import IL
import JIT
import Testing

/// Seed 004's ahead-of-time model: the graph, the fixups, the renumbering and the `jmp` problem.
@Suite struct AotTests {
    static let source = """
    .assembly extern System.Runtime {}
    .assembly Aot {}
    .class public auto ansi beforefieldinit Program extends [System.Runtime]System.Object
    {
      .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> Leaf(int32 x) cil managed async
      { ldarg.0 ldc.i4.1 add ret }
      .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> AddOne(int32 x) cil managed async
      {
        ldarg.0
        call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32)
        call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)
        ldc.i4.1 add ret
      }
      .method public hidebysig static int32 Forward(int32 x) cil managed noinlining
      {
        jmp int32 Program::Target(int32)
      }
      .method public hidebysig static int32 Target(int32 x) cil managed { ldarg.0 ret }
      .method public hidebysig static int32 Main() cil managed
      { .entrypoint ldc.i4.3 call int32 Program::Forward(int32) ret }
    }
    """

    static let contextMethods = ["CaptureContexts", "RestoreContexts", "CaptureExecutionContext",
                                 "CaptureContinuationContext", "RestoreContextsOnSuspension"]

    func image(_ arch: Arch, helpers: Int) throws -> AotImage {
        var config = JitConfig()
        try config.set("JitAsyncContextHelpers", String(helpers), at: .synthetic("test"))
        return try AotCompiler.compile(module: try ILParser.parse(Self.source, file: "aot.il"), arch: arch, config: config)
    }

    @Test(arguments: Arch.allCases)
    func helperShapeLosesTheContextMethodsAsEntryPoints(_ arch: Arch) throws {
        let before = try image(arch, helpers: 0)
        let after = try image(arch, helpers: 1)
        func entryNames(_ i: AotImage) -> [String] { i.entryFixups.map(\.name) }
        for m in Self.contextMethods {
            let name = "System.Runtime.CompilerServices.AsyncHelpers:\(m)("
            #expect(entryNames(before).contains { $0.hasPrefix(name) }, "\(m) is an entry point before")
            #expect(before.nodes.contains { $0.name.hasPrefix(name) && $0.addedBy != nil }, "\(m) is compiled before")
            #expect(!entryNames(after).contains { $0.hasPrefix(name) }, "\(m) is no entry point after")
            #expect(!after.nodes.contains { $0.name.hasPrefix(name) }, "\(m) is not compiled after")
        }
        #expect(after.helperFixups.contains(.asyncCaptureContexts))
        #expect(!before.helperFixups.contains(.asyncCaptureContexts))
        #expect(after.nodes.count < before.nodes.count)
    }

    @Test func renumbering() {
        #expect(ReadyToRunHelpers.id(of: .allocContinuation, .before)?.id == 0x113)
        #expect(ReadyToRunHelpers.id(of: .allocContinuation, .after)?.id == 0x120)
        #expect(ReadyToRunHelpers.id(of: .asyncCaptureContexts, .before) == nil)
        #expect(JitHelper.asyncContexts.compactMap { ReadyToRunHelpers.id(of: $0, .after)?.id } == Array(0x123...0x128))
        #expect(ReadyToRunHelpers.table(.after).map(\.id) == [0x116, 0x117, 0x120, 0x121, 0x122] + Array(0x123...0x128))
        #expect(ReadyToRunHelpers.table(.before).map(\.id) == Array(0x113...0x117))
    }

    @Test(arguments: Arch.allCases)
    func jmpThroughAnIndirectionCellIsALocatedFailure(_ arch: Arch) throws {
        let i = try image(arch, helpers: 1)
        #expect(i.problems.count == 1)
        let p = try #require(i.problems.first)
        #expect(p.hasPrefix("aot.il:16:5: error: 'jmp' to Program:Target(int):int cannot run from a ReadyToRun image"))
        // The stub decodes Main's call of Forward, whose cell is Forward's.
        #expect(p.contains("the call at Program:Main():int+"))
        #expect(p.contains(arch == .x64 ? "jmp      [Program:Target(int):int]" : "br      x16"))
    }

    @Test func deterministic() throws {
        #expect(try image(.x64, helpers: 1).report == image(.x64, helpers: 1).report)
    }
}
