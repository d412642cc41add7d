import Execution
import JIT
import Testing

/// .NET division semantics at run time on both targets: `x / 0` and `x % 0` end the run with
/// DivideByZeroException, `MinValue / -1` and `MinValue % -1` with OverflowException, at both widths.
@Suite struct DivisionExceptionTests {
    static let divZero = "Unhandled exception. System.DivideByZeroException: Attempted to divide by zero.\n"
    static let overflow = "Unhandled exception. System.OverflowException: Arithmetic operation resulted in an overflow.\n"

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let type: String      // int32 or int64
        let op: String        // div, rem, div.un, rem.un
        let dividend: String  // a load instruction
        let divisor: String
        let exception: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "int / 0", type: "int32", op: "div", dividend: "ldc.i4.s 9", divisor: "ldc.i4.0", exception: divZero),
        Case(name: "int % 0", type: "int32", op: "rem", dividend: "ldc.i4.s 9", divisor: "ldc.i4.0", exception: divZero),
        Case(name: "uint / 0", type: "int32", op: "div.un", dividend: "ldc.i4.s 9", divisor: "ldc.i4.0", exception: divZero),
        Case(name: "long / 0", type: "int64", op: "div", dividend: "ldc.i8 9", divisor: "ldc.i8 0", exception: divZero),
        Case(name: "ulong % 0", type: "int64", op: "rem.un", dividend: "ldc.i8 9", divisor: "ldc.i8 0", exception: divZero),
        Case(name: "int.MinValue / -1", type: "int32", op: "div", dividend: "ldc.i4 0x80000000", divisor: "ldc.i4.m1", exception: overflow),
        Case(name: "int.MinValue % -1", type: "int32", op: "rem", dividend: "ldc.i4 0x80000000", divisor: "ldc.i4.m1", exception: overflow),
        Case(name: "long.MinValue / -1", type: "int64", op: "div", dividend: "ldc.i8 0x8000000000000000", divisor: "ldc.i8 -1", exception: overflow),
        Case(name: "long.MinValue % -1", type: "int64", op: "rem", dividend: "ldc.i8 0x8000000000000000", divisor: "ldc.i8 -1", exception: overflow),
    ]

    struct Run: CustomTestStringConvertible, Sendable {
        let k: Case
        let arch: Arch
        var testDescription: String { "\(k.name) \(arch.rawValue)" }
    }

    static let runs: [Run] = cases.flatMap { k in Arch.allCases.map { Run(k: k, arch: $0) } }

    /// The division sits in a `noinlining` method so the divisor is not a constant there: the
    /// run exercises the checks a variable divisor needs. A line printed before it shows that output is flushed.
    static func program(_ k: Case) -> String {
        let write = k.type == "int64" ? "void [mscorlib]System.Console::WriteLine(int64)" : "void [mscorlib]System.Console::WriteLine(int32)"
        return Programs.program(main: """
            \(k.dividend)
            \(k.type == "int64" ? "ldc.i8 7" : "ldc.i4.7")
            call \(k.type) Program::Op(\(k.type), \(k.type))
            call \(write)
            \(k.dividend)
            \(k.divisor)
            call \(k.type) Program::Op(\(k.type), \(k.type))
            call \(write)
            ldc.i4.0
            ret
            """, extra: ".method static \(k.type) Op(\(k.type) a, \(k.type) b) cil managed noinlining { ldarg.0 ldarg.1 \(k.op) ret }")
    }

    @Test(arguments: runs)
    func variableDivisorThrows(_ r: Run) throws {
        let result = try Programs.run(Self.program(r.k), r.arch)
        #expect(result.fault == nil)
        #expect(result.exitCode == 134)
        let first = Self.firstLine(r.k)
        #expect(result.transcript == first + "\n" + r.k.exception + "exit 134\n")
    }

    /// The quotient or remainder of the first call (by 7), which completes normally.
    static func firstLine(_ k: Case) -> String {
        let big = k.dividend.hasPrefix("ldc.i8 0x8") ? Int64.min : k.dividend.hasPrefix("ldc.i4 0x8") ? Int64(Int32.min) : 9
        switch k.op {
        case "div": return String(big / 7)
        case "rem": return String(big % 7)
        case "div.un": return String(UInt64(big) / 7)
        default: return String(UInt64(big) % 7)
        }
    }

    /// Constant divisors in the same method: a constant -1 still needs the dividend test.
    @Test(arguments: Arch.allCases)
    func constantMinusOneDivisorThrowsOverflow(_ arch: Arch) throws {
        let text = Programs.program(main: """
            ldc.i4.5
            call int32 Program::Neg(int32)
            call void [mscorlib]System.Console::WriteLine(int32)
            ldc.i4 0x80000000
            call int32 Program::Neg(int32)
            call void [mscorlib]System.Console::WriteLine(int32)
            ldc.i4.0
            ret
            """, extra: ".method static int32 Neg(int32 a) cil managed noinlining { ldarg.0 ldc.i4.m1 div ret }")
        let result = try Programs.run(text, arch)
        #expect(result.exitCode == 134)
        #expect(result.transcript == "-5\n" + Self.overflow + "exit 134\n")
    }

    /// Divisions that cannot throw still compute .NET's results (truncation toward zero, remainder sign).
    @Test(arguments: Arch.allCases)
    func ordinaryDivisionsComplete(_ arch: Arch) throws {
        let text = Programs.program(main: """
            ldc.i4.s -7
            ldc.i4.2
            call int32 Program::Div(int32, int32)
            call void [mscorlib]System.Console::WriteLine(int32)
            ldc.i4.s -7
            ldc.i4.m1
            call int32 Program::Div(int32, int32)
            call void [mscorlib]System.Console::WriteLine(int32)
            ldc.i4 0x80000000
            ldc.i4.2
            call int32 Program::Rem(int32, int32)
            call void [mscorlib]System.Console::WriteLine(int32)
            ldc.i4.0
            ret
            """, extra: """
            .method static int32 Div(int32 a, int32 b) cil managed noinlining { ldarg.0 ldarg.1 div ret }
            .method static int32 Rem(int32 a, int32 b) cil managed noinlining { ldarg.0 ldarg.1 rem ret }
            """)
        let result = try Programs.run(text, arch)
        #expect(result.exitCode == 0)
        #expect(result.transcript == "-3\n7\n0\nexit 0\n")
    }
}
