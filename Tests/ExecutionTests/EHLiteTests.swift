import Execution
import IL
import JIT
import Testing

/// EH-lite at run time: finally handlers run on normal exits; an exception runs no handler and
/// is reported as unhandled even where a catch would have caught it (the model has no unwinder).
@Suite struct EHLiteTests {
    /// Prints "try", throws when `a` is 1, and leaves through a finally that prints "finally".
    static let program = Programs.program(main: """
        .try {
          .try {
            ldstr "try" call void [mscorlib]System.Console::WriteLine(string)
            ldc.i4.1 call int32 Program::MaybeThrow(int32) pop
            leave.s DONE
          } finally {
            ldstr "finally" call void [mscorlib]System.Console::WriteLine(string)
            endfinally
          }
        } catch [mscorlib]System.Exception {
          pop ldc.i4.s 101 ret
        }
        DONE: ldc.i4.s 100 ret
        """, extra: """
        .method static int32 MaybeThrow(int32 a) cil managed noinlining {
          ldarg.0 ldc.i4.1 bne.un.s OK
          ldstr "boom" newobj instance void [mscorlib]System.Exception::.ctor(string) throw
        OK: ldarg.0 ret
        }
        """)

    @Test(arguments: Arch.allCases)
    func aCaughtExceptionIsStillUnhandled(_ arch: Arch) throws {
        let r = try Programs.run(Self.program, arch)
        #expect(r.exitCode == 134)
        #expect(r.stdout == "try\n", "no finally and no catch run on the exception path")
        #expect(r.exceptionLine == "Unhandled exception. System.Exception: boom")
    }

    @Test(arguments: Arch.allCases)
    func theFinallyRunsOnTheNormalPath(_ arch: Arch) throws {
        let normal = Self.program.replacingOccurrences(of: "ldc.i4.1 call int32 Program::MaybeThrow", with: "ldc.i4.0 call int32 Program::MaybeThrow")
        let r = try Programs.run(normal, arch)
        #expect(r.transcript == "try\nfinally\nexit 100\n")
    }
}
