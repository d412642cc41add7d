import IL

/// A small IL interpreter for the integer subset `ProgramGenerator` emits: the reference the JIT is checked against.
///
/// Values are `Int32` (every operation wraps, as IL's non-`.ovf` arithmetic does); the only
/// external call is `Console.WriteLine(int32)`. Anything outside the subset is an error, not a
/// guess, so a program the interpreter runs has one meaning the JIT's code must reproduce.
public struct ILInterpreter {
    /// An instruction or operand outside the subset, or a step limit reached.
    public struct Unsupported: Error, CustomStringConvertible {
        public var description: String
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
        var stack: [Int32] = []
        var pc = 0
        func pop() -> Int32 { stack.removeLast() }
        while pc < method.body.count {
            steps += 1
            if steps > Self.stepLimit { throw Unsupported(description: "step limit reached") }
            let ins = method.body[pc]
            pc += 1
            let name = ins.opcode.rawValue
            switch name {
            case "nop": break
            case "ldarg.0", "ldarg.1", "ldarg.2", "ldarg.3": stack.append(args[Int(name.last!.wholeNumberValue!)])
            case "ldloc.0", "ldloc.1", "ldloc.2", "ldloc.3": stack.append(locals[Int(name.last!.wholeNumberValue!)])
            case "stloc.0", "stloc.1", "stloc.2", "stloc.3": locals[Int(name.last!.wholeNumberValue!)] = pop()
            case "ldarg", "ldarg.s": stack.append(args[try variable(ins)])
            case "starg", "starg.s": args[try variable(ins)] = pop()
            case "ldloc", "ldloc.s": stack.append(locals[try variable(ins)])
            case "stloc", "stloc.s": locals[try variable(ins)] = pop()
            case "ldc.i4.m1": stack.append(-1)
            case _ where name.hasPrefix("ldc.i4.") && name.last!.isNumber: stack.append(Int32(name.last!.wholeNumberValue!))
            case "ldc.i4", "ldc.i4.s":
                guard case .int(let v) = ins.operand else { throw Unsupported(description: "bad operand of \(name)") }
                stack.append(Int32(truncatingIfNeeded: v))
            case "dup": stack.append(stack.last!)
            case "pop": _ = pop()
            case "neg": stack.append(0 &- pop())
            case "not": stack.append(~pop())
            case "conv.i1": stack.append(Int32(Int8(truncatingIfNeeded: pop())))
            case "conv.u1": stack.append(Int32(UInt8(truncatingIfNeeded: pop())))
            case "conv.i2": stack.append(Int32(Int16(truncatingIfNeeded: pop())))
            case "conv.u2": stack.append(Int32(UInt16(truncatingIfNeeded: pop())))
            case "conv.i4", "conv.u4": break
            case "add", "sub", "mul", "and", "or", "xor", "div", "rem", "div.un", "rem.un", "shl", "shr", "shr.un",
                 "ceq", "cgt", "clt", "cgt.un", "clt.un":
                let b = pop(), a = pop()
                stack.append(try Self.binary(name, a, b))
            case "br", "br.s":
                pc = try target(ins)
            case "brtrue", "brtrue.s", "brfalse", "brfalse.s":
                let v = pop()
                if (v != 0) == name.hasPrefix("brtrue") { pc = try target(ins) }
            case "beq", "beq.s", "bne.un", "bne.un.s", "blt", "blt.s", "bge", "bge.s", "bgt", "bgt.s", "ble", "ble.s":
                let b = pop(), a = pop()
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
            case "call":
                guard case .method(let ref) = ins.operand else { throw Unsupported(description: "bad call operand") }
                if ref.name == "WriteLine" && ref.parameters == [.int32] {
                    output += "\(pop())\n"
                    continue
                }
                guard let callee = module.allMethods.first(where: { $0.name == ref.name && $0.parameters.count == ref.parameters.count }) else {
                    throw Unsupported(description: "call to \(ref)")
                }
                var callArgs: [Int32] = []
                for _ in ref.parameters { callArgs.insert(pop(), at: 0) }
                if let r = try call(callee, callArgs) { stack.append(r) }
            case "ret":
                return stack.popLast()
            default:
                throw Unsupported(description: "opcode \(name) at \(ins.location)")
            }
        }
        return nil
    }

    /// The int32 binary operations of ECMA-335 III.3 (comparisons give 0 or 1).
    public static func binary(_ op: String, _ a: Int32, _ b: Int32) throws -> Int32 {
        let ua = UInt32(bitPattern: a), ub = UInt32(bitPattern: b)
        switch op {
        case "add": return a &+ b
        case "sub": return a &- b
        case "mul": return a &* b
        case "and": return a & b
        case "or": return a | b
        case "xor": return a ^ b
        case "div", "rem":
            guard b != 0, !(a == .min && b == -1) else { throw Unsupported(description: "\(op) \(a) by \(b)") }
            return op == "div" ? a / b : a % b
        case "div.un", "rem.un":
            guard b != 0 else { throw Unsupported(description: "\(op) by zero") }
            return Int32(bitPattern: op == "div.un" ? ua / ub : ua % ub)
        case "shl": return a << (b & 31)
        case "shr": return a >> (b & 31)
        case "shr.un": return Int32(bitPattern: ua >> (ub & 31))
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
