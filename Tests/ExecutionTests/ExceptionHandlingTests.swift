import Execution
import IL
import JIT
import Runtime
import Testing

/// Exception handling with handler records at run time: catch, finally and fault on the
/// exceptional path, the runtime's own exceptions caught, the first pass for unhandled ones.
@Suite struct ExceptionHandlingTests {
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
          callvirt instance string [mscorlib]System.Exception::get_Message()
          call void [mscorlib]System.Console::WriteLine(string)
          ldc.i4.s 101 ret
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
    func theCatchRunsAfterTheFinally(_ arch: Arch) throws {
        let r = try Programs.run(Self.program, arch)
        #expect(r.transcript == "try\nfinally\nboom\nexit 101\n", "stderr: \(r.stderr)")
    }

    @Test(arguments: Arch.allCases)
    func theFinallyRunsOnTheNormalPath(_ arch: Arch) throws {
        let normal = Self.program.replacingOccurrences(of: "ldc.i4.1 call int32 Program::MaybeThrow", with: "ldc.i4.0 call int32 Program::MaybeThrow")
        let r = try Programs.run(normal, arch)
        #expect(r.transcript == "try\nfinally\nexit 100\n")
    }

    /// No record catches: reported at once, no finally runs first (.NET's first pass).
    @Test(arguments: Arch.allCases)
    func anUncaughtExceptionRunsNoFinally(_ arch: Arch) throws {
        let text = Programs.program(main: """
            .try {
              ldstr "boom" newobj instance void [mscorlib]System.InvalidOperationException::.ctor(string) throw
            } finally {
              ldstr "finally" call void [mscorlib]System.Console::WriteLine(string)
              endfinally
            }
            """)
        let r = try Programs.run(text, arch)
        #expect(r.exitCode == 134)
        #expect(r.stdout == "")
        #expect(r.exceptionLine == "Unhandled exception. System.InvalidOperationException: boom")
    }

    /// A catch of an unrelated type does not catch; the exception stays unhandled with today's line.
    @Test(arguments: Arch.allCases)
    func aCatchOfAnotherTypeDoesNotCatch(_ arch: Arch) throws {
        let text = Programs.program(main: """
            .try {
              ldnull ldfld int32 Program::f pop
              leave.s DONE
            } catch [mscorlib]System.InvalidCastException { pop leave.s DONE }
            DONE: ldc.i4.0 ret
            """, extra: ".field int32 f")
        let r = try Programs.run(text, arch)
        #expect(r.exitCode == 134)
        #expect(r.exceptionLine == "Unhandled exception. System.NullReferenceException: Object reference not set to an instance of an object.")
    }

    /// A null dereference (a fault, turned into a throw by the signal handler) and a fault handler.
    @Test(arguments: Arch.allCases)
    func aFaultBecomesACatchableNullReference(_ arch: Arch) throws {
        let text = Programs.program(main: """
            .try {
              .try {
                ldnull ldfld int32 Program::f pop
                leave.s DONE
              } fault {
                ldstr "fault" call void [mscorlib]System.Console::WriteLine(string)
                endfinally
              }
            } catch [mscorlib]System.NullReferenceException {
              callvirt instance string [mscorlib]System.Exception::get_Message()
              call void [mscorlib]System.Console::WriteLine(string)
              leave.s DONE
            }
            DONE: ldc.i4.7 ret
            """, extra: ".field int32 f")
        let r = try Programs.run(text, arch)
        #expect(r.transcript == "fault\nObject reference not set to an instance of an object.\nexit 7\n", "stderr: \(r.stderr)")
    }

    @Test func thePushAndPopHelpersAreAppendedToTheTable() {
        #expect(Helpers.helper(.ehPush).id == 67)
        #expect(Helpers.helper(.ehPop).id == 68)
        #expect(Helpers.helper(.ehPush).name == "CORINFO_HELP_EH_PUSH")
    }
}
