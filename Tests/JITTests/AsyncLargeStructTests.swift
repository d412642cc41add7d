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
  .method public hidebysig static int64 ManyBigs() cil managed
  {
    .locals init (valuetype Big b0, valuetype Big b1, valuetype Big b2, valuetype Big b3, valuetype Big b4, valuetype Big b5,
                  valuetype Big b6, valuetype Big b7, valuetype Big b8, valuetype Big b9, valuetype Big b10, valuetype Big b11,
                  valuetype Big b12, valuetype Big b13, valuetype Big b14, valuetype Big b15, valuetype Big b16, valuetype Big b17,
                  valuetype Big b18, valuetype Big b19, valuetype Big b20, valuetype Big b21, valuetype Big b22, valuetype Big b23)
    ldloca b23 ldc.i8 7 stfld int64 Big::C
    ldloca b0 ldloca b23 ldfld int64 Big::C stfld int64 Big::A
    ldloca b0 ldfld int64 Big::A ret
  }
}
"""#
    static let module = try! ILParser.parse(il, file: "large.il")

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
        let c = try Self.compile("ManyBigs", .arm64, dumps: [])
        #expect(c.listing.contains("sub     sp, sp, #"), "\(c.listing)")
        #expect(c.listing.contains("stp     fp, lr, [sp]"))
        #expect(c.listing.contains("add     sp, sp, #"))
        #expect(!c.listing.contains("stp     fp, lr, [sp, #-"))
    }
}
