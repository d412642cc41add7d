import Execution
import Foundation
import IL
import JIT
import Testing

/// Delegate Invoke goes through one stub (Sources/Runtime/DelegateInvoke.swift): any signature in
/// integer registers (scalars, two-register structs, a two-register struct result), static or instance
/// target; anything else is a located error at the call site.
@Suite struct DelegateInvokeTests {
    /// `Pair Mix(int32 a, Pair p, int64 c)` as a static and an instance method bound to a user delegate type,
    /// and a delegate type of `ARGS` int32 parameters called from Main.
    static func program(wideArgs: Int = 0) -> String {
        let wide = (0..<wideArgs).map { _ in "int32" }.joined(separator: ", ")
        let wideCall = wideArgs == 0 ? "" : """
            ldnull ldftn int32 Program::Wide(\(wide)) newobj instance void Wide::.ctor(object, native int)
            \((0..<wideArgs).map { "ldc.i4 \($0 + 1)" }.joined(separator: " "))
            callvirt instance int32 Wide::Invoke(\(wide)) call void [System.Runtime]System.Console::WriteLine(int32)
        """
        return """
        .assembly extern System.Runtime {}
        .assembly test {}
        .class public sequential sealed Pair extends [System.Runtime]System.ValueType { .field public int64 X .field public int64 Y }
        .class public sealed Mixer extends [System.Runtime]System.MulticastDelegate {
          .method public specialname rtspecialname instance void .ctor(object o, native int m) runtime managed {}
          .method public newslot virtual instance valuetype Pair Invoke(int32 a, valuetype Pair p, int64 c) runtime managed {}
        }
        .class public sealed Wide extends [System.Runtime]System.MulticastDelegate {
          .method public specialname rtspecialname instance void .ctor(object o, native int m) runtime managed {}
          .method public newslot virtual instance int32 Invoke(\(wide)) runtime managed {}
        }
        .class public Program extends [System.Runtime]System.Object {
          .field public int64 bias
          .method public specialname rtspecialname instance void .ctor() cil managed { ldarg.0 call instance void [System.Runtime]System.Object::.ctor() ret }
          .method public static valuetype Pair Mix(int32 a, valuetype Pair p, int64 c) cil managed {
            .locals init (valuetype Pair r)
            ldloca.s 0 ldarga.s 1 ldfld int64 Pair::X ldarg.0 conv.i8 add stfld int64 Pair::X
            ldloca.s 0 ldarga.s 1 ldfld int64 Pair::Y ldarg.2 mul stfld int64 Pair::Y
            ldloc.0 ret
          }
          .method public instance valuetype Pair Shift(int32 a, valuetype Pair p, int64 c) cil managed {
            .locals init (valuetype Pair r)
            ldloca.s 0 ldarga.s 2 ldfld int64 Pair::X ldarg.0 ldfld int64 Program::bias add stfld int64 Pair::X
            ldloca.s 0 ldarga.s 2 ldfld int64 Pair::Y ldarg.3 sub ldarg.1 conv.i8 sub stfld int64 Pair::Y
            ldloc.0 ret
          }
          .method public static int32 Wide(\(wide)) cil managed { \(wideArgs == 0 ? "ldc.i4.0" : "ldarg.0 ldc.i4.s 10 mul ldarg.s \(wideArgs - 1) add") ret }
          .method public static int32 Main() {
            .entrypoint
            .locals init (valuetype Pair p, valuetype Pair r, class Program o)
            ldloca.s 0 ldc.i8 40 stfld int64 Pair::X
            ldloca.s 0 ldc.i8 6 stfld int64 Pair::Y
            ldnull ldftn valuetype Pair Program::Mix(int32, valuetype Pair, int64) newobj instance void Mixer::.ctor(object, native int)
            ldc.i4.2 ldloc.0 ldc.i8 7 callvirt instance valuetype Pair Mixer::Invoke(int32, valuetype Pair, int64) stloc.1
            ldloca.s 1 ldfld int64 Pair::X call void [System.Runtime]System.Console::WriteLine(int64)
            ldloca.s 1 ldfld int64 Pair::Y call void [System.Runtime]System.Console::WriteLine(int64)
            newobj instance void Program::.ctor() stloc.2
            ldloc.2 ldc.i8 1000 stfld int64 Program::bias
            ldloc.2 ldftn instance valuetype Pair Program::Shift(int32, valuetype Pair, int64) newobj instance void Mixer::.ctor(object, native int)
            ldc.i4.1 ldloc.0 ldc.i8 2 callvirt instance valuetype Pair Mixer::Invoke(int32, valuetype Pair, int64) stloc.1
            ldloca.s 1 ldfld int64 Pair::X call void [System.Runtime]System.Console::WriteLine(int64)
            ldloca.s 1 ldfld int64 Pair::Y call void [System.Runtime]System.Console::WriteLine(int64)
            \(wideCall)
            ldc.i4.0 ret
          }
        }
        """
    }

    @Test(arguments: [Arch.x64, .arm64])
    func structArgumentsAndResultsReachStaticAndInstanceTargets(_ arch: Arch) throws {
        let r = try Programs.run(Self.program(), arch)
        #expect(r.stdout == "42\n42\n1040\n3\n", "\(r.stderr)")
        #expect(r.exitCode == 0)
    }

    @Test(arguments: [Arch.x64, .arm64])
    func fiveWordsAfterTheDelegateAreForwarded(_ arch: Arch) throws {
        let r = try Programs.run(Self.program(wideArgs: 5), arch)
        #expect(r.stdout.hasSuffix("\n15\n"), "\(r.stderr)")
    }

    @Test func tooManyWordsIsALocatedError() throws {
        let text = Self.program(wideArgs: 6)
        let d = Programs.diagnostic { _ = try Programs.run(text, .x64) }
        #expect(d?.message.contains("the Invoke stub passes at most 6") == true, "\(String(describing: d))")
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("callvirt instance int32 Wide::Invoke") }.map { $0 + 1 }
        #expect(d?.location.line == line)
    }
}
