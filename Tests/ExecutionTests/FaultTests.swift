import Diagnostics
import Execution
import IL
import JIT
import Testing

/// Crashes and hangs in generated code are reported, never inherited by the test process.
@Suite struct FaultTests {
    static let recursion = Programs.program(main: """
        ldstr "before"
        call void [mscorlib]System.Console::WriteLine(string)
        ldc.i4.0
        call int32 Program::Down(int32)
        ret
        """, extra: """
        .method static int32 Down(int32 n) {
          ldarg.0
          ldc.i4.1
          add
          call int32 Program::Down(int32)
          ldc.i4.1
          add
          ret
        }
        """)

    @Test(arguments: Arch.allCases)
    func stackOverflowIsASegfaultNamingTheMethod(_ arch: Arch) throws {
        let r = try Programs.run(Self.recursion, arch)
        #expect(r.exitCode == nil)
        let fault = try #require(r.fault)
        #expect(fault.hasPrefix("fatal signal SIGSEGV at 0x7FF0010"))
        #expect(fault.contains(" (Program:Down(int):int+0x"))
        // Output printed before the crash is flushed by the fault handler.
        #expect(r.stdout == "before\n")
        #expect(r.transcript == "before\n" + fault + "\n")
    }

    /// x64 `idiv` traps; the runtime turns a SIGFPE in managed code into DivideByZeroException.
    @Test func divisionByZeroIsAnUnhandledExceptionOnX64() throws {
        let text = Programs.program(main: """
            ldc.i4.s 9
            ldc.i4.0
            call int32 Program::Div(int32, int32)
            ret
            """, extra: ".method static int32 Div(int32 a, int32 b) cil managed noinlining { ldarg.0 ldarg.1 div ret }")
        let r = try Programs.run(text, .x64)
        #expect(r.fault == nil)
        #expect(r.exitCode == 134)
        #expect(r.transcript == "Unhandled exception. System.DivideByZeroException: Attempted to divide by zero.\nexit 134\n")
    }

    @Test(arguments: Arch.allCases)
    func infiniteLoopTimesOut(_ arch: Arch) throws {
        let text = Programs.program(main: "L: br L", returns: "void")
        let start = ContinuousClock.now
        let r = try Programs.run(text, arch, timeout: 2)
        #expect(r.fault == "timed out after 2 s")
        #expect(r.exitCode == nil)
        #expect(ContinuousClock.now - start < .seconds(8))
    }

    @Test func missingToolIsAnEnvironmentDiagnostic() throws {
        let module = try Programs.module(Programs.program(main: "ldc.i4.0\nret"))
        let d1 = Programs.diagnostic {
            _ = try Runner.run(module: module, arch: .arm64, tools: Toolchain(qemu: "/nonexistent/qemu-aarch64"))
        }
        #expect(d1?.kind == .environment)
        #expect(d1?.message == "'/nonexistent/qemu-aarch64' not found: install the Debian package qemu-user (apt-get install -y qemu-user)")
        let d2 = Programs.diagnostic {
            _ = try Runner.run(module: module, arch: .arm64, tools: Toolchain(crossCC: "no-such-aarch64-linux-gnu-gcc"))
        }
        #expect(d2?.kind == .environment)
        #expect(d2?.message == "'no-such-aarch64-linux-gnu-gcc' not found: install the Debian package gcc-aarch64-linux-gnu (apt-get install -y gcc-aarch64-linux-gnu)")
        let d3 = Programs.diagnostic {
            _ = try Runner.run(module: module, arch: .x64, tools: Toolchain(cc: "/nonexistent/cc"))
        }
        #expect(d3?.message == "'/nonexistent/cc' not found: install the Debian package gcc (apt-get install -y gcc)")
    }

    @Test func transcriptFormatting() {
        #expect(RunResult(stdout: "a\nb", stderr: "", exitCode: 3, fault: nil).transcript == "a\nb\nexit 3\n")
        #expect(RunResult(stdout: "", stderr: "", exitCode: 0, fault: nil).transcript == "exit 0\n")
        #expect(RunResult(stdout: "x\n", stderr: "", exitCode: nil, fault: "timed out after 2 s").transcript
                == "x\ntimed out after 2 s\n")
    }
}
