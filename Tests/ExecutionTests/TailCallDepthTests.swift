import Execution
import Foundation
import IL
import JIT
import Testing

/// The depth TailCalls.il relies on is real: the runtime runs on the process's default 8 MB stack
/// (natively, and qemu-user's default guest stack on arm64), where ten million frames of even the
/// smallest method (16 bytes: return address and saved frame pointer, or fp and lr) do not fit.
/// The same recursion without `tail.` faults; with it, it returns.
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
          .method static int32 main() {
            .entrypoint
            ldc.i4 10000000 ldc.i8 0 call int64 P::Sum(int32, int64)
            call void [mscorlib]System.Console::WriteLine(int64)
            ldc.i4 100 ret
          }
        }
        """
    }

    @Test(arguments: Arch.allCases)
    func tenMillionFramesNeedTheTailPrefix(_ arch: Arch) throws {
        let with = try Runner.run(module: try ILParser.parse(Self.program(tail: true), file: "depth.il"), arch: arch,
                                  config: JitConfig(), timeout: 30)
        #expect(with.transcript == "50000005000000\nexit 100\n", "\(with.stderr)")
        let without = try Runner.run(module: try ILParser.parse(Self.program(tail: false), file: "depth.il"), arch: arch,
                                     config: JitConfig(), timeout: 30)
        #expect(without.fault?.contains("SIGSEGV") ?? false, "\(without.transcript)")
    }
}
