/// Generates random verifiable IL programs: int32 and int64 code, straight-line, branching, switching and looping, with calls.
///
/// For the differential check of the JIT: a program is a class `Program` with functions
/// `f0` ... `fN` of type `int32(int32, int32)` and a `Main` that calls each of them with a
/// fixed table of argument pairs and prints every result with `Console.WriteLine(int32)`,
/// then returns a checksum as its exit code. Programs are terminating and free of undefined
/// behaviour by construction: loops have constant trip counts, `fK` only calls `f0..fK-1`
/// (no recursion), a call's total cost is bounded, divisors are forced positive and shift
/// amounts are constants below 32, so any run that differs from the interpreter is a JIT bug.
public struct ProgramGenerator {
    /// How many functions a program has (besides Main).
    public var functions = 6
    /// The deepest expression tree.
    public var maxDepth = 4
    /// Statements per function body.
    public var statements = 6

    public init() {}

    /// Argument pairs Main passes to every function: boundaries and small values.
    public static let arguments: [(Int32, Int32)] = [(0, 0), (1, -1), (7, 3), (-13, 5), (100, 27),
                                                     (Int32.max, 1), (Int32.min, -1), (-1, Int32.min), (65535, 255)]

    /// The IL text of program `seed`.
    public func program(seed: UInt64) -> String {
        var state = State(rng: FuzzRandom(seed: seed), maxDepth: maxDepth)
        var text = """
            .assembly Generated {}
            .class public auto ansi beforefieldinit Program extends [System.Runtime]System.Object {

            """
        for k in 0..<functions {
            text += state.function(k, statements: statements)
        }
        text += "  .method public static int32 Main() cil managed {\n    .entrypoint\n    .locals init (int32 sum)\n"
        for k in 0..<functions {
            for (a, b) in Self.arguments {
                text += "    ldc.i4 \(a)\n    ldc.i4 \(b)\n    call int32 Program::f\(k)(int32, int32)\n"
                text += "    dup\n    call void [System.Console]System.Console::WriteLine(int32)\n"
                text += "    ldloc.0\n    xor\n    ldc.i4.3\n    mul\n    stloc.0\n"
            }
        }
        text += "    ldloc.0\n    ldc.i4 127\n    and\n    ret\n  }\n}\n"
        return text
    }

    /// Generation state: the random stream and the cost (calls executed per call) of each function so far.
    struct State {
        var rng: FuzzRandom
        let maxDepth: Int
        var costs: [Int] = []
        var labels = 0
        /// Cost of the function being generated (calls executed, times loop trip counts).
        var cost = 1
        /// Trip-count product of the loops around the current statement.
        var loopFactor = 1
        var inLoop = false
        static let costLimit = 150

        mutating func label() -> String {
            labels += 1
            return "L\(labels)"
        }

        /// `fK(int32 a, int32 b)` with locals x, y and a loop counter per nesting level.
        mutating func function(_ k: Int, statements: Int) -> String {
            cost = 1
            var body = ""
            for _ in 0..<statements { body += statement(k, depth: 0) }
            // The result mixes both locals and both arguments into one more expression, so it rarely folds to a constant.
            body += "    ldloc.0\n    ldc.i4 31\n    mul\n    ldloc.1\n    add\n    ldarg.0\n    xor\n    ldarg.1\n    add\n"
                + expression(k, depth: 0) + "    xor\n    ret\n"
            costs.append(cost)
            return "  .method public static int32 f\(k)(int32 a, int32 b) cil managed \(rng.chance(30) ? "noinlining " : ""){\n"
                + "    .locals init (int32 x, int32 y, int32 i0, int32 i1)\n" + body + "  }\n"
        }

        mutating func statement(_ k: Int, depth: Int) -> String {
            switch rng.below(depth >= 2 ? 3 : 6) {
            case 0, 1:
                return expression(k, depth: 0) + "    stloc.\(rng.below(2))\n"
            case 2:
                return expression(k, depth: 0) + "    starg.s \(rng.pick(["a", "b"]))\n"
            case 3:  // if (e) { s } else { s }
                let elseLabel = label(), end = label()
                return expression(k, depth: 0) + "    brfalse \(elseLabel)\n" + statement(k, depth: depth + 1)
                    + "    br \(end)\n\(elseLabel): nop\n" + statement(k, depth: depth + 1) + "\(end): nop\n"
            case 4:  // switch (e) { case 0..n-1: s } with a default, each case ending in a jump to the end
                let cases = (0..<(2 + rng.below(3))).map { _ in label() }
                let end = label()
                var code = expression(k, depth: 0) + "    switch (\(cases.joined(separator: ", ")))\n"
                    + statement(k, depth: depth + 1) + "    br \(end)\n"
                for c in cases {
                    code += "\(c): nop\n" + statement(k, depth: depth + 1) + "    br \(end)\n"
                }
                return code + "\(end): nop\n"
            default:  // for (i = 0; i < n; i++) { s; s }
                guard !inLoop else { return expression(k, depth: 0) + "    stloc.1\n" }
                let n = 1 + rng.below(5)
                let top = label(), end = label()
                inLoop = true
                loopFactor = n
                let inner = statement(k, depth: depth + 1) + statement(k, depth: depth + 1)
                inLoop = false
                loopFactor = 1
                return "    ldc.i4.0\n    stloc.2\n\(top): nop\n    ldloc.2\n    ldc.i4 \(n)\n    bge \(end)\n" + inner
                    + "    ldloc.2\n    ldc.i4.1\n    add\n    stloc.2\n    br \(top)\n\(end): nop\n"
            }
        }

        /// Stack code pushing one int32.
        mutating func expression(_ k: Int, depth: Int) -> String {
            if depth >= maxDepth || (depth > 0 && rng.chance(25)) { return leaf() }
            switch rng.below(11) {
            case 10:  // int64 arithmetic, back to int32: a comparison or conv.i4 of the high or low half
                let wide = expression64(k, depth: depth + 1)
                if rng.chance(30) {
                    return wide + expression64(k, depth: depth + 1) + "    \(rng.pick(["ceq", "cgt", "clt", "cgt.un", "clt.un"]))\n"
                }
                return wide + (rng.chance(50) ? "    ldc.i4.s 32\n    shr\n" : "") + "    conv.i4\n"
            case 0...4:
                let op = rng.pick(["add", "sub", "mul", "and", "or", "xor", "add", "sub", "ceq", "cgt", "clt",
                                   "cgt.un", "clt.un"])
                return expression(k, depth: depth + 1) + expression(k, depth: depth + 1) + "    \(op)\n"
            case 5:  // division by a positive divisor: (e & 15) | 1
                let op = rng.pick(["div", "rem", "div.un", "rem.un"])
                return expression(k, depth: depth + 1) + expression(k, depth: depth + 1)
                    + "    ldc.i4.s 15\n    and\n    ldc.i4.1\n    or\n    \(op)\n"
            case 6:
                let op = rng.pick(["shl", "shr", "shr.un"])
                return expression(k, depth: depth + 1) + "    ldc.i4.s \(rng.below(32))\n    \(op)\n"
            case 7:
                let op = rng.pick(["neg", "not", "conv.i1", "conv.u1", "conv.i2", "conv.u2"])
                return expression(k, depth: depth + 1) + "    \(op)\n"
            case 8:  // c ? e1 : e2 through branches
                let other = label(), end = label()
                return expression(k, depth: depth + 1) + "    brtrue \(other)\n" + expression(k, depth: depth + 1)
                    + "    br \(end)\n\(other): nop\n" + expression(k, depth: depth + 1) + "\(end): nop\n"
            default:
                let callees = (0..<k).filter { cost + loopFactor * costs[$0] <= Self.costLimit }
                guard let callee = callees.isEmpty ? nil : rng.pick(callees) else { return leaf() }
                cost += loopFactor * costs[callee]
                return expression(k, depth: depth + 1) + expression(k, depth: depth + 1)
                    + "    call int32 Program::f\(callee)(int32, int32)\n"
            }
        }

        /// Stack code pushing one int64.
        mutating func expression64(_ k: Int, depth: Int) -> String {
            if depth >= maxDepth || rng.chance(30) {
                if rng.chance(40) {
                    let value = rng.pick([Int64.max, Int64.min, -1, 0x1_0000_0000, 0xFFFF_FFFF, 0x7FFF_FFFF_0000_0001,
                                          Int64(rng.below(1_000_000)) - 500_000])
                    return "    ldc.i8 \(value)\n"
                }
                return expression(k, depth: depth + 1) + "    \(rng.pick(["conv.i8", "conv.u8"]))\n"
            }
            switch rng.below(4) {
            case 0, 1:
                let op = rng.pick(["add", "sub", "mul", "and", "or", "xor"])
                return expression64(k, depth: depth + 1) + expression64(k, depth: depth + 1) + "    \(op)\n"
            case 2:  // division by a positive divisor: (e & 255) | 1
                let op = rng.pick(["div", "rem", "div.un", "rem.un"])
                return expression64(k, depth: depth + 1) + expression64(k, depth: depth + 1)
                    + "    ldc.i8 255\n    and\n    ldc.i8 1\n    or\n    \(op)\n"
            default:
                let op = rng.pick(["shl", "shr", "shr.un", "neg", "not"])
                if op == "neg" || op == "not" { return expression64(k, depth: depth + 1) + "    \(op)\n" }
                return expression64(k, depth: depth + 1) + "    ldc.i4.s \(rng.below(64))\n    \(op)\n"
            }
        }

        mutating func leaf() -> String {
            switch rng.below(5) {
            case 0: return "    ldarg.0\n"
            case 1: return "    ldarg.1\n"
            case 2: return "    ldloc.\(rng.below(inLoop ? 3 : 2))\n"
            default:
                let value = rng.pick([0, 1, -1, 2, 3, 5, 16, 31, 100, 255, -128, 65536, Int(Int32.max), Int(Int32.min),
                                      rng.below(1000) - 500])
                return "    ldc.i4 \(value)\n"
            }
        }
    }
}
