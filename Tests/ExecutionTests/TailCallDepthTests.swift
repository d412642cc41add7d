import Execution
import Foundation
import IL
import JIT
import Testing

/// The depth TailCalls.il relies on is real: the runtime runs on the process's default 8 MB stack
/// (natively, and qemu-user's default guest stack on arm64), where ten million frames of even the
/// smallest method (16 bytes: return address and saved frame pointer, or fp and lr) do not fit.
/// The same recursion without `tail.` faults; with it, it returns, through fast tail calls or,
/// when the callee's stack arguments do not fit, through the runtime's tail-call helpers.
@Suite struct TailCallDepthTests {
    static func program(tail: Bool) -> String {
        """
        .assembly extern mscorlib {}
        .assembly Depth {}
        .class public P {
          .method public static int64 Sum(int32 n, int64 acc) {
            ldarg.0 brtrue.s more
            ldarg.1 ret
          more:
            ldarg.0 ldc.i4.1 sub ldarg.1 ldarg.0 conv.i8 add
            \(tail ? "tail. " : "")call int64 P::Sum(int32, int64)
            ret
          }
        \(main(calling: "Sum"))
        """
    }

    /// A(int32, int64) tail-calls B(nine arguments): B's stack arguments (24 bytes on x64, 8 on
    /// arm64) do not fit in A's incoming area (none), so that call goes through the runtime's
    /// tail-call helpers; B tail-calls A back (a fast tail call).
    static func helperProgram(tail: Bool) -> String {
        let prefix = tail ? "tail. " : ""
        return """
        .assembly extern mscorlib {}
        .assembly Depth {}
        .class public P {
          .method public static int64 A(int32 n, int64 acc) {
            .maxstack 12
            ldarg.0 brtrue.s more
            ldarg.1 ret
          more:
            ldarg.0 ldarg.1 ldc.i8 1 ldc.i8 2 ldc.i8 3 ldc.i8 4 ldc.i8 5 ldc.i8 6 ldarg.0 conv.i8
            \(prefix)call int64 P::B(int32, int64, int64, int64, int64, int64, int64, int64, int64)
            ret
          }
          .method public static int64 B(int32 n, int64 acc, int64 a, int64 b, int64 c, int64 d, int64 e, int64 f, int64 g) {
            ldarg.0 ldc.i4.1 sub ldarg.1 ldarg.s g add
            \(prefix)call int64 P::A(int32, int64)
            ret
          }
        \(main(calling: "A"))
        """
    }

    /// The entry point: `P::<method>(10000000, 0)`, its result printed, then the class's end.
    static func main(calling method: String) -> String {
        """
          .method static int32 main() {
            .entrypoint
            ldc.i4 10000000 ldc.i8 0 call int64 P::\(method)(int32, int64)
            call void [mscorlib]System.Console::WriteLine(int64)
            ldc.i4 100 ret
          }
        }
        """
    }

    /// Runs `program` with and without `tail.`: with it the sum is printed, without it the stack overflows.
    static func expectDeepRecursion(_ program: (Bool) -> String, _ arch: Arch) throws {
        let with = try Runner.run(module: try ILParser.parse(program(true), file: "depth.il"), arch: arch,
                                  config: JitConfig(), timeout: 60)
        #expect(with.transcript == "50000005000000\nexit 100\n", "\(with.stderr)")
        let without = try Runner.run(module: try ILParser.parse(program(false), file: "depth.il"), arch: arch,
                                     config: JitConfig(), timeout: 60)
        #expect(without.fault?.contains("SIGSEGV") ?? false, "\(without.transcript)")
    }

    @Test(arguments: Arch.allCases)
    func tenMillionFramesThroughTheTailCallHelpers(_ arch: Arch) throws {
        try Self.expectDeepRecursion(Self.helperProgram(tail:), arch)
    }

    @Test(arguments: Arch.allCases)
    func tenMillionFramesNeedTheTailPrefix(_ arch: Arch) throws {
        try Self.expectDeepRecursion(Self.program(tail:), arch)
    }
}
