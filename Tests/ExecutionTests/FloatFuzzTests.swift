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
/// A second program does the same in float32 (`ss` forms, `s` registers) without `conv.r4`.
@Suite struct FloatFuzzTests {
    /// An expression over the arguments `a`, `b`, `c` (all float64).
    indirect enum Expr: Sendable {
        case arg(Int)
        case constant(Double)
        case neg(Expr)
        case toFloat32(Expr)
        case binary(String, Expr, Expr)

        func il(_ out: inout [String], single: Bool = false) {
            switch self {
            case .arg(let i): out.append("ldarg.\(i)")
            case .constant(let v) where single:
                out.append("ldc.r4 float32(0x\(String(Float(v).bitPattern, radix: 16, uppercase: true)))")
            case .constant(let v): out.append("ldc.r8 float64(0x\(String(v.bitPattern, radix: 16, uppercase: true)))")
            case .neg(let e): e.il(&out, single: single); out.append("neg")
            case .toFloat32(let e): e.il(&out, single: single); out += ["conv.r4", "conv.r8"]
            case .binary(let op, let l, let r): l.il(&out, single: single); r.il(&out, single: single); out.append(op)
            }
        }

        /// The value in float32 arithmetic (expressions of the float32 program have no `toFloat32`).
        func single(_ args: [Float]) -> Float {
            switch self {
            case .arg(let i): return args[i]
            case .constant(let v): return Float(v)
            case .neg(let e): return -e.single(args)
            case .toFloat32(let e): return e.single(args)
            case .binary(let op, let l, let r):
                let x = l.single(args), y = r.single(args)
                switch op {
                case "add": return x + y
                case "sub": return x - y
                case "mul": return x * y
                default: return x / y
                }
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

    static let constants: [Double] = [0.5, -3.0, 1e300, 1e-300, 0.1, 2147483647.5, -9.5e18]
    static let argumentSets: [[Double]] = [
        [1.5, -2.25, 3.0], [0.0, -0.0, 1.0], [.nan, 1.0, 2.0], [.infinity, -.infinity, 0.0],
        [1e308, 1e308, -Double(bitPattern: 2024)], [3e9, -3e9, 1e19], [0.1, 0.2, 0.3], [-7.75, .nan, .leastNonzeroMagnitude],
    ]

    static func expr(_ r: inout SplitMix64, depth: Int, single: Bool = false) -> Expr {
        if depth == 0 || r.below(4) == 0 {
            return r.below(4) == 0 ? .constant(constants[r.below(constants.count)]) : .arg(r.below(3))
        }
        switch r.below(6) {
        case 0: return .neg(expr(&r, depth: depth - 1, single: single))
        case 1 where !single: return .toFloat32(expr(&r, depth: depth - 1))
        default:
            let op = ["add", "sub", "mul", "div"][r.below(4)]
            return .binary(op, expr(&r, depth: depth - 1, single: single), expr(&r, depth: depth - 1, single: single))
        }
    }

    static func shapes(seed: UInt64, count: Int, single: Bool) -> [Shape] {
        var r = SplitMix64(seed: seed)
        return (0..<count).map { k in
            let e = expr(&r, depth: 3, single: single)
            switch k % 5 {
            case 0, 1: return .value(e)
            case 2: return .compare(["ceq", "cgt", "clt", "cgt.un", "clt.un"][r.below(5)], e, expr(&r, depth: 2, single: single))
            case 3:
                let ops = ["beq", "bne.un", "blt", "blt.un", "ble", "ble.un", "bgt", "bgt.un", "bge", "bge.un"]
                return .branch(ops[r.below(ops.count)], e, expr(&r, depth: 2, single: single))
            default: return r.below(2) == 0 ? .toInt32(e) : .toInt64(e)
            }
        }
    }

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
    static func bits(_ v: Float) -> Int64 { v.isNaN ? 0x7FC0_0000 : Int64(Int32(bitPattern: v.bitPattern)) }

    /// The program: one method per shape, and a Main that calls each with every argument set.
    static func program(single: Bool) -> (il: String, expected: String) {
        let shapes = single ? shapes(seed: 0x5EED_F132, count: 30, single: true) : shapes(seed: 0x5EED_F10A, count: 36, single: false)
        let t = single ? "float32" : "float64"
        var methods: [String] = []
        var main: [String] = []
        var expected = ""
        for (k, shape) in shapes.enumerated() {
            var body: [String] = []
            let returns: String
            let printer: String
            switch shape {
            case .value(let e):
                e.il(&body, single: single)
                body += [single ? "call int32 Program::Bits32(float32)" : "call int64 Program::Bits(float64)", "ret"]
                returns = single ? "int32" : "int64"; printer = returns
            case .compare(let op, let l, let r):
                l.il(&body, single: single); r.il(&body, single: single); body += [op, "ret"]
                returns = "int32"; printer = "int32"
            case .branch(let op, let l, let r):
                l.il(&body, single: single); r.il(&body, single: single)
                body += ["\(op) T", "ldc.i4.0", "ret", "T: ldc.i4.1", "ret"]
                returns = "int32"; printer = "int32"
            case .toInt32(let e):
                e.il(&body, single: single); body += ["conv.i4", "ret"]
                returns = "int32"; printer = "int32"
            case .toInt64(let e):
                e.il(&body, single: single); body += ["conv.i8", "ret"]
                returns = "int64"; printer = "int64"
            }
            methods.append(".method public static \(returns) E\(k)(\(t) a, \(t) b, \(t) c) cil managed\n{\n  "
                           + body.joined(separator: "\n  ") + "\n}")
            for args in argumentSets {
                for a in args { Expr.constant(a).il(&main, single: single) }
                main += ["call \(returns) Program::E\(k)(\(t), \(t), \(t))",
                         "call void [System.Console]System.Console::WriteLine(\(printer))"]
                let fargs = args.map { Float($0) }
                let line: Int64
                switch shape {
                case .value(let e): line = single ? bits(e.single(fargs)) : bits(e.value(args))
                case .compare(let op, let l, let r), .branch(let op, let l, let r):
                    let (x, y) = single ? (Double(l.single(fargs)), Double(r.single(fargs))) : (l.value(args), r.value(args))
                    line = holds(op, x, y) ? 1 : 0
                case .toInt32(let e): line = saturate(single ? Double(e.single(fargs)) : e.value(args), bits: 32)
                case .toInt64(let e): line = saturate(single ? Double(e.single(fargs)) : e.value(args), bits: 64)
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
            .method public static int32 Bits32(float32 v) cil managed
            {
              ldarg.0 ldarg.0 beq.s N
              ldc.i4 0x7FC00000 ret
            N: ldarga.s 0 ldind.i4 ret
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
        try check(single: false, arch, minOpts)
    }

    @Test(arguments: Arch.allCases, [false, true])
    func randomFloat32ExpressionsAgreeWithIEEE(_ arch: Arch, _ minOpts: Bool) throws {
        try check(single: true, arch, minOpts)
    }

    func check(single: Bool, _ arch: Arch, _ minOpts: Bool) throws {
        let (il, expected) = Self.program(single: single)
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
