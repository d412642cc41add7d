import IL

/// A small IL interpreter for the integer subset `ProgramGenerator` emits: the reference the JIT is checked against.
///
/// Stack values are `int32` or `int64` (every operation wraps, as IL's non-`.ovf` arithmetic
/// does); arguments and locals are `int32`; the only external call is `Console.WriteLine(int32)`.
/// Anything outside the subset is an error, not a guess, so a program the interpreter runs has
/// one meaning the JIT's code must reproduce.
public struct ILInterpreter {
    /// An instruction or operand outside the subset, or a step limit reached.
    public struct Unsupported: Error, CustomStringConvertible {
        public var description: String
    }

    /// An evaluation stack entry (ECMA-335 III.1.1: int32 and int64 are distinct stack types).
    enum Value: Equatable {
        case i4(Int32)
        case i8(Int64)
    }

    public let module: IL.Module
    /// What the program printed so far.
    public private(set) var output = ""
    /// Instructions executed, bounded so a generator bug cannot hang the test.
    private var steps = 0
    static let stepLimit = 50_000_000

    public init(module: IL.Module) { self.module = module }

    /// Runs the entry point; returns the transcript a `run` block holds (stdout, then `exit N`).
    public mutating func runMain() throws -> String {
        guard let main = module.allMethods.first(where: \.isEntryPoint) else { throw Unsupported(description: "no entry point") }
        let code = try call(main, [])
        return output + "exit \(UInt8(truncatingIfNeeded: code ?? 0))\n"
    }

    private mutating func call(_ method: MethodDef, _ args: [Int32]) throws -> Int32? {
        var args = args
        var locals = [Int32](repeating: 0, count: method.locals.count)
        var stack: [Value] = []
        var pc = 0
        func pop() -> Value { stack.removeLast() }
        func pop4() throws -> Int32 {
            guard case .i4(let v) = stack.removeLast() else { throw Unsupported(description: "int64 where int32 was expected") }
            return v
        }
        while pc < method.body.count {
            steps += 1
            if steps > Self.stepLimit { throw Unsupported(description: "step limit reached") }
            let ins = method.body[pc]
            pc += 1
            let name = ins.opcode.rawValue
            switch name {
            case "nop": break
            case "ldarg.0", "ldarg.1", "ldarg.2", "ldarg.3": stack.append(.i4(args[Int(name.last!.wholeNumberValue!)]))
            case "ldloc.0", "ldloc.1", "ldloc.2", "ldloc.3": stack.append(.i4(locals[Int(name.last!.wholeNumberValue!)]))
            case "stloc.0", "stloc.1", "stloc.2", "stloc.3": locals[Int(name.last!.wholeNumberValue!)] = try pop4()
            case "ldarg", "ldarg.s": stack.append(.i4(args[try variable(ins)]))
            case "starg", "starg.s": args[try variable(ins)] = try pop4()
            case "ldloc", "ldloc.s": stack.append(.i4(locals[try variable(ins)]))
            case "stloc", "stloc.s": locals[try variable(ins)] = try pop4()
            case "ldc.i4.m1": stack.append(.i4(-1))
            case _ where name.hasPrefix("ldc.i4.") && name.last!.isNumber: stack.append(.i4(Int32(name.last!.wholeNumberValue!)))
            case "ldc.i4", "ldc.i4.s", "ldc.i8":
                guard case .int(let v) = ins.operand else { throw Unsupported(description: "bad operand of \(name)") }
                stack.append(name == "ldc.i8" ? .i8(v) : .i4(Int32(truncatingIfNeeded: v)))
            case "dup": stack.append(stack.last!)
            case "pop": _ = pop()
            case "neg", "not":
                switch pop() {
                case .i4(let v): stack.append(.i4(name == "neg" ? 0 &- v : ~v))
                case .i8(let v): stack.append(.i8(name == "neg" ? 0 &- v : ~v))
                }
            case "conv.i1", "conv.u1", "conv.i2", "conv.u2", "conv.i4", "conv.u4", "conv.i8", "conv.u8":
                stack.append(Self.convert(name, pop()))
            case "add", "sub", "mul", "and", "or", "xor", "div", "rem", "div.un", "rem.un", "ceq", "cgt", "clt", "cgt.un", "clt.un":
                let b = pop(), a = pop()
                switch (a, b) {
                case (.i4(let x), .i4(let y)): stack.append(.i4(try Self.binary(name, x, y)))
                case (.i8(let x), .i8(let y)):
                    let r = try Self.binary64(name, x, y)
                    stack.append(["ceq", "cgt", "clt", "cgt.un", "clt.un"].contains(name) ? .i4(Int32(r)) : .i8(r))
                default: throw Unsupported(description: "\(name) of int32 and int64")
                }
            case "shl", "shr", "shr.un":
                let amount = try pop4()
                switch pop() {
                case .i4(let x): stack.append(.i4(try Self.binary(name, x, amount)))
                case .i8(let x): stack.append(.i8(try Self.binary64(name, x, Int64(amount))))
                }
            case "br", "br.s":
                pc = try target(ins)
            case "brtrue", "brtrue.s", "brfalse", "brfalse.s":
                let v = try pop4()
                if (v != 0) == name.hasPrefix("brtrue") { pc = try target(ins) }
            case "beq", "beq.s", "bne.un", "bne.un.s", "blt", "blt.s", "bge", "bge.s", "bgt", "bgt.s", "ble", "ble.s":
                let b = try pop4(), a = try pop4()
                let taken: Bool
                switch name.split(separator: ".").first! {
                case "beq": taken = a == b
                case "bne": taken = a != b
                case "blt": taken = a < b
                case "bge": taken = a >= b
                case "bgt": taken = a > b
                default: taken = a <= b
                }
                if taken { pc = try target(ins) }
            case "switch":
                guard case .targets(let targets) = ins.operand else { throw Unsupported(description: "bad switch operand") }
                let v = UInt32(bitPattern: try pop4())
                if v < targets.count { pc = targets[Int(v)] }
            case "call":
                guard case .method(let ref) = ins.operand else { throw Unsupported(description: "bad call operand") }
                if ref.name == "WriteLine" && ref.parameters == [.int32] {
                    output += "\(try pop4())\n"
                    continue
                }
                guard let callee = module.allMethods.first(where: { $0.name == ref.name && $0.parameters.count == ref.parameters.count }) else {
                    throw Unsupported(description: "call to \(ref)")
                }
                var callArgs: [Int32] = []
                for _ in ref.parameters { callArgs.insert(try pop4(), at: 0) }
                if let r = try call(callee, callArgs) { stack.append(.i4(r)) }
            case "ret":
                return stack.isEmpty ? nil : try pop4()
            default:
                throw Unsupported(description: "opcode \(name) at \(ins.location)")
            }
        }
        return nil
    }

    /// `conv.*` of ECMA-335 III.3.27 on an int32 or int64 (to int32 for the narrow ones, int64 for `.i8`/`.u8`).
    static func convert(_ op: String, _ v: Value) -> Value {
        let wide: Int64
        switch v {
        case .i4(let x): wide = op == "conv.u8" ? Int64(UInt32(bitPattern: x)) : Int64(x)
        case .i8(let x): wide = x
        }
        switch op {
        case "conv.i1": return .i4(Int32(Int8(truncatingIfNeeded: wide)))
        case "conv.u1": return .i4(Int32(UInt8(truncatingIfNeeded: wide)))
        case "conv.i2": return .i4(Int32(Int16(truncatingIfNeeded: wide)))
        case "conv.u2": return .i4(Int32(UInt16(truncatingIfNeeded: wide)))
        case "conv.i4", "conv.u4": return .i4(Int32(truncatingIfNeeded: wide))
        default: return .i8(wide)
        }
    }

    /// The int32 binary operations of ECMA-335 III.3 (comparisons give 0 or 1).
    public static func binary(_ op: String, _ a: Int32, _ b: Int32) throws -> Int32 {
        Int32(truncatingIfNeeded: try operate(op, Int64(a), Int64(b), bits: 32))
    }

    /// The int64 binary operations (comparisons give 0 or 1; shift amounts are taken modulo 64).
    public static func binary64(_ op: String, _ a: Int64, _ b: Int64) throws -> Int64 {
        try operate(op, a, b, bits: 64)
    }

    /// One operation at width `bits` (32 or 64) on sign-extended operands; the result is wrapped to the width.
    private static func operate(_ op: String, _ a: Int64, _ b: Int64, bits: Int) throws -> Int64 {
        let mask: UInt64 = bits == 64 ? .max : 0xFFFF_FFFF
        let ua = UInt64(bitPattern: a) & mask, ub = UInt64(bitPattern: b) & mask
        func wrap(_ v: Int64) -> Int64 { bits == 64 ? v : Int64(Int32(truncatingIfNeeded: v)) }
        let minValue: Int64 = bits == 64 ? .min : Int64(Int32.min)
        switch op {
        case "add": return wrap(a &+ b)
        case "sub": return wrap(a &- b)
        case "mul": return wrap(a &* b)
        case "and": return a & b
        case "or": return a | b
        case "xor": return a ^ b
        case "div", "rem":
            guard b != 0, !(a == minValue && b == -1) else { throw Unsupported(description: "\(op) \(a) by \(b)") }
            return op == "div" ? a / b : a % b
        case "div.un", "rem.un":
            guard ub != 0 else { throw Unsupported(description: "\(op) by zero") }
            return wrap(Int64(bitPattern: op == "div.un" ? ua / ub : ua % ub))
        case "shl": return wrap(a << (b & Int64(bits - 1)))
        case "shr": return a >> (b & Int64(bits - 1))
        case "shr.un": return wrap(Int64(bitPattern: ua >> UInt64(b & Int64(bits - 1))))
        case "ceq": return a == b ? 1 : 0
        case "cgt": return a > b ? 1 : 0
        case "clt": return a < b ? 1 : 0
        case "cgt.un": return ua > ub ? 1 : 0
        default: return ua < ub ? 1 : 0
        }
    }

    private func variable(_ ins: Instruction) throws -> Int {
        guard case .variable(let v) = ins.operand else { throw Unsupported(description: "bad variable operand") }
        return v
    }

    private func target(_ ins: Instruction) throws -> Int {
        guard case .target(let t) = ins.operand else { throw Unsupported(description: "bad branch operand") }
        return t
    }
}
