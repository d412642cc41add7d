import Diagnostics
import Foundation
import IL
import Runtime
import Testing
@testable import JIT

/// Runtime async with structs larger than 16 bytes: results through a return buffer, by-reference
/// arguments copied on entry, and the arm64 frames such methods need.
@Suite struct AsyncLargeStructTests {
    static let il = #"""
.assembly extern System.Runtime {}
.assembly AsyncLargeStruct {}
.class public sequential ansi sealed beforefieldinit Big extends [System.Runtime]System.ValueType
{
  .field public int64 A
  .field public int64 B
  .field public int64 C
}
.class public auto ansi beforefieldinit Program extends [System.Runtime]System.Object
{
  .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task Pause() cil managed async
  {
    .locals init (valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter aw, valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable ya)
    call valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable [System.Runtime]System.Threading.Tasks.Task::Yield()
    stloc ya
    ldloca ya
    call instance valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable::GetAwaiter()
    stloc aw
    ldloc aw
    call void [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::UnsafeAwaitAwaiter<valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter>(!!0)
    ret
  }
  .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<valuetype Big> Scale(valuetype Big b, int64 k) cil managed async
  {
    call class [System.Runtime]System.Threading.Tasks.Task Program::Pause()
    call void [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await(class [System.Runtime]System.Threading.Tasks.Task)
    ldarga.s b ldarga.s b ldfld int64 Big::A ldarg.1 mul stfld int64 Big::A
    ldarg.0 ret
  }
  .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int64> UseScale(valuetype Big b) cil managed async
  {
    .locals init (valuetype Big r)
    ldarg.0 ldc.i8 2 call class [System.Runtime]System.Threading.Tasks.Task`1<valuetype Big> Program::Scale(valuetype Big, int64)
    call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<valuetype Big>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)
    stloc.0
    ldloca.s r ldfld int64 Big::A ret
  }
}
"""#
    static let module = try! ILParser.parse(il, file: "large.il")

    /// A 640-byte struct whose address escapes to a call: the frame cannot shrink below it.
    static let hugeIL = """
    .assembly extern System.Runtime {}
    .assembly Huge {}
    .class public sequential ansi sealed beforefieldinit Huge extends [System.Runtime]System.ValueType
    {
    \((0..<80).map { "  .field public int64 F\($0)" }.joined(separator: "\n"))
    }
    .class public auto ansi beforefieldinit Program extends [System.Runtime]System.Object
    {
      .method public hidebysig static int64 Read(valuetype Huge& h) cil managed noinlining
      { ldarg.0 ldfld int64 Huge::F79 ret }
      .method public hidebysig static int64 ManyBigs() cil managed
      {
        .locals init (valuetype Huge h)
        ldloca h ldc.i8 7 stfld int64 Huge::F79
        ldloca h call int64 Program::Read(valuetype Huge&) ret
      }
    }
    """

    static func compile(_ name: String, _ arch: Arch, dumps: Set<Phase> = [.async]) throws -> CompiledMethod {
        let mc = ModuleCompiler(module: module)
        return try mc.compile(MethodSelector(typeName: "Program", methodName: name), arch: arch, config: JitConfig(),
                              dumps: dumps, location: .synthetic("test"))
    }

    @Test(arguments: [Arch.x64, .arm64])
    func largeResultTravelsThroughTheReturnBuffer(_ arch: Arch) throws {
        let c = try Self.compile("Scale", arch)
        // ResumeInfo's third word: 24 bytes, through a buffer (bit 32), static (no bit 33).
        #expect(c.listing.contains("0x100000018"), "\(c.listing)")
        // The caller saves the awaited Big in its continuation's result slot.
        let d = try Self.compile("UseScale", arch).dumps[.async] ?? ""
        #expect(d.contains("result (Big)"), "\(d)")
    }

    @Test(arguments: [Arch.x64, .arm64])
    func largeArgumentIsCopiedOnEntryAndSavedAsAStruct(_ arch: Arch) throws {
        // The by-reference argument itself would be a byref live across the await (an error);
        // its entry copy is a struct local the continuation saves.
        let d = try Self.compile("Scale", arch).dumps[.async] ?? ""
        let layout = d.components(separatedBy: "Continuation layout for state").dropFirst().first ?? ""
        #expect(layout.contains("(Big)"), "\(layout)")
        #expect(!layout.contains("(byref)"))
    }

    @Test func largeArm64FrameAllocatesBeforeSavingFpLr() throws {
        let huge = try ILParser.parse(Self.hugeIL, file: "huge.il")
        let c = try ModuleCompiler(module: huge).compile(MethodSelector(typeName: "Program", methodName: "ManyBigs"), arch: .arm64,
                                                         config: JitConfig(), dumps: [], location: .synthetic("test"))
        #expect(c.listing.contains("sub     sp, sp, #"), "\(c.listing)")
        #expect(c.listing.contains("stp     fp, lr, [sp]"))
        #expect(c.listing.contains("add     sp, sp, #"))
        #expect(!c.listing.contains("stp     fp, lr, [sp, #-"))
    }
}
