import Diagnostics
import Execution
import IL
import JIT
import Testing

/// Programs run on both architectures: x64 natively, arm64 under qemu-aarch64.
@Suite struct RunTests {
    @Test(arguments: Arch.allCases)
    func writeLineOfEachType(_ arch: Arch) throws {
        let text = Programs.program(main: """
            ldc.i4 -2147483648
            call void [mscorlib]System.Console::WriteLine(int32)
            ldc.i8 9223372036854775807
            call void [System.Runtime]System.Console::WriteLine(int64)
            ldc.i4.1
            call void [System.Console]System.Console::WriteLine(bool)
            ldc.i4.0
            call void System.Console::WriteLine(bool)
            ldstr "Grüße, 世界 🙂"
            call void [mscorlib]System.Console::WriteLine(string)
            call void [mscorlib]System.Console::WriteLine()
            ldstr "a"
            call void [mscorlib]System.Console::Write(string)
            ldc.i4.7
            call void [mscorlib]System.Console::Write(int32)
            ldc.i8 -5
            call void [mscorlib]System.Console::Write(int64)
            ldc.i4.1
            call void [mscorlib]System.Console::Write(bool)
            ldc.i4.0
            ret
            """)
        let r = try Programs.run(text, arch)
        #expect(r.stdout == "-2147483648\n9223372036854775807\nTrue\nFalse\nGrüße, 世界 🙂\n\na7-5True")
        #expect(r.exitCode == 0)
        #expect(r.fault == nil)
        #expect(r.transcript == r.stdout + "\nexit 0\n")
    }

    @Test(arguments: Arch.allCases, [0, 3, 255])
    func exitCodeIsMainsResult(_ arch: Arch, _ code: Int) throws {
        let r = try Programs.run(Programs.program(main: "ldc.i4 \(code)\nret"), arch)
        #expect(r.exitCode == Int32(code))
        #expect(r.transcript == "exit \(code)\n")
    }

    @Test(arguments: Arch.allCases)
    func voidMainWithArgsExitsZero(_ arch: Arch) throws {
        let text = Programs.program(main: "ldstr \"hi\"\ncall void [mscorlib]System.Console::WriteLine(string)\nret",
                                    returns: "void", params: "string[] args")
        let r = try Programs.run(text, arch)
        #expect(r.transcript == "hi\nexit 0\n")
    }

    @Test(arguments: Arch.allCases)
    func recursionAndCalls(_ arch: Arch) throws {
        let text = Programs.program(main: """
            ldc.i4.s 20
            call int64 Program::Fact(int32)
            call void [mscorlib]System.Console::WriteLine(int64)
            ldc.i4.s 10
            call int32 Program::Fib(int32)
            ret
            """, extra: """
            .method static int64 Fact(int32 n) {
              ldarg.0
              ldc.i4.1
              bgt.s Rec
              ldc.i8 1
              ret
            Rec:
              ldarg.0
              conv.i8
              ldarg.0
              ldc.i4.1
              sub
              call int64 Program::Fact(int32)
              mul
              ret
            }
            .method static int32 Fib(int32 n) {
              ldarg.0
              ldc.i4.2
              bge.s Rec
              ldarg.0
              ret
            Rec:
              ldarg.0
              ldc.i4.1
              sub
              call int32 Program::Fib(int32)
              ldarg.0
              ldc.i4.2
              sub
              call int32 Program::Fib(int32)
              add
              ret
            }
            """)
        let r = try Programs.run(text, arch)
        #expect(r.transcript == "2432902008176640000\nexit 55\n")
    }

    @Test(arguments: Arch.allCases)
    func minOptsRunsTheSame(_ arch: Arch) throws {
        let text = Programs.program(main: """
            ldc.i4.s 6
            ldc.i4.7
            mul
            dup
            call void [mscorlib]System.Console::WriteLine(int32)
            ret
            """)
        var config = JitConfig()
        try config.set("JitMinOpts", "1", at: .synthetic("t"))
        let r = try Runner.run(module: try Programs.module(text), arch: arch, config: config)
        #expect(r.transcript == "42\nexit 42\n")
    }
}
