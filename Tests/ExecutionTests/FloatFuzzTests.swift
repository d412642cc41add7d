import Execution
import Foundation
import IL
import JIT
import Testing

/// Random floating-point expressions (a fixed seed, so every run is the same program) compiled as
/// IL methods and run on both targets, optimized and with MinOpts; each result is compared with
/// the same expression evaluated by Swift under IL's rules: IEEE float64 arithmetic, rounding
/// through float32 for `conv.r4`, ordered and unordered compares and branches, and .NET 9's
/// saturating `conv.i4` / `conv.i8`. float64 results print as their bits (any NaN as one quiet
/// NaN, since x64 and arm64 produce NaNs of different signs), so `-0.0` and `+0.0` differ.
@Suite struct FloatFuzzTests {
    /// An expression over the arguments `a`, `b`, `c` (all float64).
    indirect enum Expr: Sendable {
        case arg(Int)
        case constant(Double)
        case neg(Expr)
        case toFloat32(Expr)
        case binary(String, Expr, Expr)

        func il(_ out: inout [String]) {
            switch self {
            case .arg(let i): out.append("ldarg.\(i)")
            case .constant(let v): out.append("ldc.r8 float64(0x\(String(v.bitPattern, radix: 16, uppercase: true)))")
            case .neg(let e): e.il(&out); out.append("neg")
            case .toFloat32(let e): e.il(&out); out += ["conv.r4", "conv.r8"]
            case .binary(let op, let l, let r): l.il(&out); r.il(&out); out.append(op)
            }
        }

        func value(_ args: [Double]) -> Double {
            switch self {
            case .arg(let i): return args[i]
            case .constant(let v): return v
            case .neg(let e): return -e.value(args)
            case .toFloat32(let e): return Double(Float(e.value(args)))
            case .binary(let op, let l, let r):
                let x = l.value(args), y = r.value(args)
                switch op {
                case "add": return x + y
                case "sub": return x - y
                case "mul": return x * y
                default: return x / y
                }
            }
        }
    }

    /// What a method does with its expressions.
    enum Shape: Sendable {
        case value(Expr)
        case compare(String, Expr, Expr)     // ceq, cgt, clt, cgt.un, clt.un -> int32
        case branch(String, Expr, Expr)      // beq, bne.un, blt, blt.un, ... -> 1 when taken
        case toInt32(Expr)
        case toInt64(Expr)
    }

    /// A small deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let constants: [Double] = [0.5, -3.0, 1e300, 1e-300, 0.1, 2147483647.5, -9.5e18]
    static let argumentSets: [[Double]] = [
        [1.5, -2.25, 3.0], [0.0, -0.0, 1.0], [.nan, 1.0, 2.0], [.infinity, -.infinity, 0.0],
        [1e308, 1e308, -1e-320], [3e9, -3e9, 1e19], [0.1, 0.2, 0.3], [-7.75, .nan, 5e-324],
    ]

    static func expr(_ r: inout Random, depth: Int) -> Expr {
        if depth == 0 || r.below(4) == 0 {
            return r.below(4) == 0 ? .constant(constants[r.below(constants.count)]) : .arg(r.below(3))
        }
        switch r.below(6) {
        case 0: return .neg(expr(&r, depth: depth - 1))
        case 1: return .toFloat32(expr(&r, depth: depth - 1))
        default:
            let op = ["add", "sub", "mul", "div"][r.below(4)]
            return .binary(op, expr(&r, depth: depth - 1), expr(&r, depth: depth - 1))
        }
    }

    static let shapes: [Shape] = {
        var r = Random(state: 0x5EED_F10A)
        return (0..<36).map { k in
            let e = expr(&r, depth: 3)
            switch k % 5 {
            case 0, 1: return .value(e)
            case 2: return .compare(["ceq", "cgt", "clt", "cgt.un", "clt.un"][r.below(5)], e, expr(&r, depth: 2))
            case 3:
                let ops = ["beq", "bne.un", "blt", "blt.un", "ble", "ble.un", "bgt", "bgt.un", "bge", "bge.un"]
                return .branch(ops[r.below(ops.count)], e, expr(&r, depth: 2))
            default: return r.below(2) == 0 ? .toInt32(e) : .toInt64(e)
            }
        }
    }()

    /// IL's compare and branch relations on two float64 values.
    static func holds(_ op: String, _ x: Double, _ y: Double) -> Bool {
        let unordered = x.isNaN || y.isNaN
        switch op {
        case "ceq", "beq": return x == y
        case "bne.un": return x != y
        case "cgt", "bgt": return x > y
        case "clt", "blt": return x < y
        case "ble": return x <= y
        case "bge": return x >= y
        case "cgt.un", "bgt.un": return unordered || x > y
        case "clt.un", "blt.un": return unordered || x < y
        case "ble.un": return unordered || x <= y
        default: return unordered || x >= y      // bge.un
        }
    }

    /// .NET 9's saturating conversion to an integer of `bits` bits.
    static func saturate(_ v: Double, bits: Int) -> Int64 {
        if v.isNaN { return 0 }
        let limit = pow(2.0, Double(bits - 1))
        if v >= limit { return bits == 64 ? Int64.max : Int64(Int32.max) }
        if v < -limit { return bits == 64 ? Int64.min : Int64(Int32.min) }
        return Int64(v.rounded(.towardZero))
    }

    static func bits(_ v: Double) -> Int64 { v.isNaN ? 0x7FF8_0000_0000_0000 : Int64(bitPattern: v.bitPattern) }

    /// The program: one method per shape, and a Main that calls each with every argument set.
    static func program() -> (il: String, expected: String) {
        var methods: [String] = []
        var main: [String] = []
        var expected = ""
        for (k, shape) in shapes.enumerated() {
            var body: [String] = []
            let returns: String
            let printer: String
            switch shape {
            case .value(let e):
                e.il(&body); body += ["call int64 Program::Bits(float64)", "ret"]
                returns = "int64"; printer = "int64"
            case .compare(let op, let l, let r):
                l.il(&body); r.il(&body); body += [op, "ret"]
                returns = "int32"; printer = "int32"
            case .branch(let op, let l, let r):
                l.il(&body); r.il(&body); body += ["\(op) T", "ldc.i4.0", "ret", "T: ldc.i4.1", "ret"]
                returns = "int32"; printer = "int32"
            case .toInt32(let e):
                e.il(&body); body += ["conv.i4", "ret"]
                returns = "int32"; printer = "int32"
            case .toInt64(let e):
                e.il(&body); body += ["conv.i8", "ret"]
                returns = "int64"; printer = "int64"
            }
            methods.append(".method public static \(returns) E\(k)(float64 a, float64 b, float64 c) cil managed\n{\n  "
                           + body.joined(separator: "\n  ") + "\n}")
            for args in argumentSets {
                for a in args { Expr.constant(a).il(&main) }
                main += ["call \(returns) Program::E\(k)(float64, float64, float64)",
                         "call void [System.Console]System.Console::WriteLine(\(printer))"]
                let line: Int64
                switch shape {
                case .value(let e): line = bits(e.value(args))
                case .compare(let op, let l, let r), .branch(let op, let l, let r):
                    line = holds(op, l.value(args), r.value(args)) ? 1 : 0
                case .toInt32(let e): line = saturate(e.value(args), bits: 32)
                case .toInt64(let e): line = saturate(e.value(args), bits: 64)
                }
                expected += "\(line)\n"
            }
        }
        let il = """
            .assembly extern System.Runtime {}
            .assembly extern System.Console {}
            .assembly FloatFuzz {}
            .class public auto ansi beforefieldinit Program extends [System.Runtime]System.Object
            {
            .method public static int64 Bits(float64 v) cil managed
            {
              ldarg.0 ldarg.0 beq.s N
              ldc.i8 0x7FF8000000000000 ret
            N: ldarga.s 0 ldind.i8 ret
            }
            \(methods.joined(separator: "\n"))
            .method public static void Main() cil managed
            {
              .entrypoint
              \(main.joined(separator: "\n  "))
              ret
            }
            }
            """
        return (il, expected + "exit 0\n")
    }

    @Test(arguments: Arch.allCases, [false, true])
    func randomExpressionsAgreeWithIEEE(_ arch: Arch, _ minOpts: Bool) throws {
        let (il, expected) = Self.program()
        var config = JitConfig()
        if minOpts { try config.set("JitMinOpts", "1", at: .synthetic("FloatFuzzTests")) }
        let module = try ILParser.parse(il, file: "FloatFuzz.il")
        let r = try Runner.run(module: module, arch: arch, config: config, timeout: 60)
        let got = r.transcript.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }.map { $0.offset }
        #expect(r.transcript == expected,
                "first difference at output line \(firstDifference.map { "\($0 + 1)" } ?? "end"), stderr: \(r.stderr)")
    }
}
