import Execution
import JIT
import Testing

/// Checked arithmetic and conversions (`add.ovf` ... `conv.ovf.u1.un`) on both targets: a result
/// that fits prints, one that does not ends the run with OverflowException. Expected values come
/// from Swift's own overflow-reporting arithmetic.
@Suite struct CheckedArithmeticTests {
    static let overflow = "Unhandled exception. System.OverflowException: Arithmetic operation resulted in an overflow.\n"

    struct Case: CustomTestStringConvertible, Sendable {
        let op: String
        let type: String  // int32 or int64
        let a: Int64
        let b: Int64
        /// The printed result (as the signed stack value), or nil when the operation overflows.
        let expected: Int64?
        var testDescription: String { "\(op) \(type) \(a) \(b)" }
    }

    static func i32(_ op: String, _ a: Int32, _ b: Int32, _ r: (Int32, Bool)) -> Case {
        Case(op: op, type: "int32", a: Int64(a), b: Int64(b), expected: r.1 ? nil : Int64(r.0))
    }
    static func u32(_ op: String, _ a: UInt32, _ b: UInt32, _ r: (UInt32, Bool)) -> Case {
        Case(op: op, type: "int32", a: Int64(Int32(bitPattern: a)), b: Int64(Int32(bitPattern: b)),
             expected: r.1 ? nil : Int64(Int32(bitPattern: r.0)))
    }
    static func i64(_ op: String, _ a: Int64, _ b: Int64, _ r: (Int64, Bool)) -> Case {
        Case(op: op, type: "int64", a: a, b: b, expected: r.1 ? nil : r.0)
    }
    static func u64(_ op: String, _ a: UInt64, _ b: UInt64, _ r: (UInt64, Bool)) -> Case {
        Case(op: op, type: "int64", a: Int64(bitPattern: a), b: Int64(bitPattern: b), expected: r.1 ? nil : Int64(bitPattern: r.0))
    }

    static let cases: [Case] = [
        i32("add.ovf", .max - 1, 1, (Int32.max - 1).addingReportingOverflow(1)),
        i32("add.ovf", .max, 1, Int32.max.addingReportingOverflow(1)),
        i32("sub.ovf", .min, 1, Int32.min.subtractingReportingOverflow(1)),
        i32("mul.ovf", 46341, 46340, Int32(46341).multipliedReportingOverflow(by: 46340)),
        i32("mul.ovf", 46341, 46341, Int32(46341).multipliedReportingOverflow(by: 46341)),
        u32("add.ovf.un", .max, 1, UInt32.max.addingReportingOverflow(1)),
        u32("sub.ovf.un", 1, 2, UInt32(1).subtractingReportingOverflow(2)),
        u32("mul.ovf.un", 65536, 65535, UInt32(65536).multipliedReportingOverflow(by: 65535)),
        i64("add.ovf", .max, 1, Int64.max.addingReportingOverflow(1)),
        i64("sub.ovf", -5, .max, Int64(-5).subtractingReportingOverflow(.max)),
        i64("mul.ovf", .min, -1, Int64.min.multipliedReportingOverflow(by: -1)),
        i64("mul.ovf", 3_000_000_000, -3_000_000_000, Int64(3_000_000_000).multipliedReportingOverflow(by: -3_000_000_000)),
        i64("mul.ovf", 4_000_000_000, 4_000_000_000, Int64(4_000_000_000).multipliedReportingOverflow(by: 4_000_000_000)),
        u64("add.ovf.un", .max - 2, 2, (UInt64.max - 2).addingReportingOverflow(2)),
        u64("sub.ovf.un", 0, 1, UInt64(0).subtractingReportingOverflow(1)),
        u64("mul.ovf.un", 1 << 32, 1 << 32, (UInt64(1) << 32).multipliedReportingOverflow(by: 1 << 32)),
    ]

    struct Run: CustomTestStringConvertible, Sendable {
        let k: Case
        let arch: Arch
        var testDescription: String { "\(k.testDescription) \(arch.rawValue)" }
    }

    static let runs: [Run] = cases.flatMap { k in Arch.allCases.map { Run(k: k, arch: $0) } }

    static func load(_ v: Int64, _ type: String) -> String {
        type == "int64" ? "ldc.i8 \(v)" : "ldc.i4 \(v)"
    }

    @Test(arguments: runs)
    func binary(_ r: Run) throws {
        let k = r.k
        let program = Programs.program(main: """
            \(Self.load(k.a, k.type))
            \(Self.load(k.b, k.type))
            call \(k.type) Program::Op(\(k.type), \(k.type))
            call void [mscorlib]System.Console::WriteLine(\(k.type))
            ldc.i4.0
            ret
            """, extra: ".method static \(k.type) Op(\(k.type) a, \(k.type) b) cil managed noinlining { ldarg.0 ldarg.1 \(k.op) ret }")
        let result = try Programs.run(program, r.arch)
        if let v = k.expected {
            #expect(result.transcript == "\(v)\nexit 0\n")
        } else {
            #expect(result.transcript == Self.overflow + "exit 134\n")
        }
    }

    /// Checked narrowing: the value must fit the target, read as signed (or as unsigned for `.un`).
    @Test(arguments: [
        ("conv.ovf.u1", Int64(255), Int64?(255)), ("conv.ovf.u1", -1, nil), ("conv.ovf.i1", -128, -128),
        ("conv.ovf.i1", 128, nil), ("conv.ovf.u2.un", 65535, 65535), ("conv.ovf.i4.un", -1, nil),
        ("conv.ovf.u4", 4_294_967_295, -1), ("conv.ovf.u8", -1, nil), ("conv.ovf.i8.un", -1, nil),
        ("conv.ovf.i4", Int64(Int32.min), Int64(Int32.min)),
    ] as [(String, Int64, Int64?)])
    func conversion(_ op: String, _ value: Int64, _ expected: Int64?) throws {
        let narrow = !op.contains("8")
        let program = Programs.program(main: """
            ldc.i8 \(value)
            call \(narrow ? "int32" : "int64") Program::Op(int64)
            call void [mscorlib]System.Console::WriteLine(\(narrow ? "int32" : "int64"))
            ldc.i4.0
            ret
            """, extra: ".method static \(narrow ? "int32" : "int64") Op(int64 a) cil managed noinlining { ldarg.0 \(op) ret }")
        for arch in Arch.allCases {
            let result = try Programs.run(program, arch)
            if let v = expected {
                #expect(result.transcript == "\(v)\nexit 0\n", "\(arch)")
            } else {
                #expect(result.transcript == Self.overflow + "exit 134\n", "\(arch)")
            }
        }
    }
}
