import Diagnostics

/// Checks that a method body is well-formed IL before the JIT imports it.
///
/// An abstract interpretation of the evaluation stack (ECMA-335 III.1.5): every
/// instruction is visited with the stack types it sees on entry; joins must
/// agree in depth and types. The JIT's importer may then assume a consistent
/// stack and only deal with what it supports.
public enum ILVerifier {
    /// Verifies one method; throws a `DiagnosticList` (kind `.invalidIL` or `.undefined`) with every problem.
    public static func verify(_ method: MethodDef, in module: Module) throws {
        var run = VerifierRun(method: method, module: module)
        run.verify()
        if !run.diagnostics.isEmpty { throw DiagnosticList(run.diagnostics) }
    }

    /// Verifies every method of a module; throws one `DiagnosticList` with all problems, in method order.
    public static func verify(_ module: Module) throws {
        var all: [Diagnostic] = []
        for m in module.allMethods {
            var run = VerifierRun(method: m, module: module)
            run.verify()
            all.append(contentsOf: run.diagnostics)
        }
        if !all.isEmpty { throw DiagnosticList(all) }
    }
}

/// Thrown inside one instruction's transfer function after the diagnostic is recorded.
struct VerifyStop: Error {}

/// The state of verifying one method.
struct VerifierRun {
    let method: MethodDef
    let module: Module
    /// The method's instructions, read once (each `method.body[i]` through the class copied the array).
    let body: [Instruction]
    var diagnostics: [Diagnostic] = []
    /// Stack on entry to each instruction, once reached: its slots in `entrySlots`.
    var entry: [Range<Int>?]
    /// The slots of every recorded entry stack, bottom first; a stack a join widens gets new slots.
    /// One flat array instead of an array per instruction: recording a stack allocates nothing.
    var entrySlots: [StackType] = []
    /// The instruction whose entry stack the last `reach` recorded for the first time (-1: none since `step` began).
    var recordedNew = -1
    var worklist: [Int] = []
    var reportedJoins: Set<Int> = []
    /// Each parameter's and local's stack type once asked (`stackType` looks enums up by name).
    var parameterTypes: [StackType?]
    var localTypes: [StackType?]

    init(method: MethodDef, module: Module) {
        self.method = method
        self.module = module
        self.body = method.body
        self.entry = Array(repeating: nil, count: body.count)
        parameterTypes = Array(repeating: nil, count: method.parameters.count)
        localTypes = Array(repeating: nil, count: method.locals.count)
        // Most instructions are queued once and most entry stacks are shallow: one buffer each
        // up front instead of growing them append by append.
        worklist.reserveCapacity(body.count)
        entrySlots.reserveCapacity(body.count)
    }

    /// Records `message` at instruction `i`.
    ///
    /// The verifier passes instructions around by index and reads the fields it needs in place:
    /// `body[i]` taken whole copies the instruction, retaining every reference in it (its operand,
    /// prefixes, label, file name), which was a tenth of verifying a method.
    mutating func report(_ i: Int, _ message: String, kind: DiagnosticKind = .invalidIL) {
        let d = Diagnostic(kind, at: body[i].location, message)
        if !diagnostics.contains(d) { diagnostics.append(d) }
    }

    mutating func verify() {
        guard !body.isEmpty else {
            if !method.isAbstract && !method.implFlags.contains(.runtime) && !method.implFlags.contains(.internalCall)
                && !method.attributes.contains("pinvokeimpl") {
                diagnostics.append(Diagnostic(.invalidIL, at: method.location,
                                              "method '\(method.name)' has an empty body"))
            }
            return
        }
        checkClauses()
        guard diagnostics.isEmpty else { return }
        reach(0, with: [], from: nil)
        // A catch handler starts with the exception object (an O, even for a caught value type,
        // which arrives boxed), finally and fault handlers with an empty stack: the runtime enters
        // them, never normal flow.
        for clause in method.exceptionClauses where clause.handlerStart < body.count {
            switch clause.kind {
            case .catch: reach(clause.handlerStart, with: [.objRef], from: nil)
            case .finally, .fault: reach(clause.handlerStart, with: [], from: nil)
            case .filter(let f):
                // Both the filter block and its handler start with the exception object.
                if f < body.count { reach(f, with: [.objRef], from: nil) }
                reach(clause.handlerStart, with: [.objRef], from: nil)
            }
        }
        // First in, first out, by a moving head: removeFirst() shifted the whole list each time.
        // The stack is rebuilt from `entrySlots` in one buffer, except on a straight line: when the
        // instruction just stepped only recorded the next one's entry (from the stack as it is now)
        // and that is the next to step, the stack is already in place.
        var head = 0
        var s: [StackType] = []
        var inPlace = false
        while head < worklist.count {
            let i = worklist[head]
            head += 1
            guard let slots = entry[i] else { continue }
            if !inPlace {
                // Emptied value by value: removeAll(keepingCapacity:) took the generic replaceSubrange path.
                while !s.isEmpty { s.removeLast() }
                for k in slots { s.append(entrySlots[k]) }
            }
            recordedNew = -1
            step(i, &s)
            inPlace = recordedNew == i + 1 && head == worklist.count - 1 && worklist[head] == i + 1
        }
    }

    /// Appends `stack` to `entrySlots`, returning where it went.
    /// (Slot by slot: `append(contentsOf:)` copied the enum through the runtime's generic array copy.)
    mutating func record(_ stack: [StackType]) -> Range<Int> {
        let start = entrySlots.count
        for t in stack { entrySlots.append(t) }
        return start..<entrySlots.count
    }

    /// Propagates `stack` to instruction `target` (from instruction `source`), checking the join.
    mutating func reach(_ target: Int, with stack: [StackType], from source: Int?) {
        guard target >= 0 else { return } // undefined label, reported by the parser
        guard target < body.count else {
            if let s = source { report(s, "branch target is past the end of the method body") }
            return
        }
        guard let old = entry[target] else {
            entry[target] = record(stack)
            recordedNew = target
            worklist.append(target)
            return
        }
        if old.count != stack.count {
            if reportedJoins.insert(target).inserted {
                report(target, "stack depth mismatch at '\(label(of: target))': \(old.count) on one path, \(stack.count) on another")
            }
            return
        }
        // Every slot must merge before anything changes; the merged stack is recorded only when it differs.
        var changed = false
        for k in 0..<old.count {
            let o = entrySlots[old.lowerBound + k]
            guard let m = o.merged(with: stack[k]) else {
                if reportedJoins.insert(target).inserted {
                    report(target, "stack type mismatch at '\(label(of: target))': slot \(k) is \(o) on one path, \(stack[k]) on another")
                }
                return
            }
            if m != o { changed = true }
        }
        if changed {
            let start = entrySlots.count
            for k in 0..<old.count { entrySlots.append(entrySlots[old.lowerBound + k].merged(with: stack[k])!) }
            entry[target] = start..<entrySlots.count
            worklist.append(target)
        }
    }

    /// The label written before instruction `i`, or its `IL_xxxx` offset label.
    func label(of i: Int) -> String { body[i].label ?? body[i].ilLabel }

    /// Interprets instruction `i` on its entry stack `s` and propagates to its successors.
    mutating func step(_ i: Int, _ s: inout [StackType]) {
        checkPlacement(i)
        let op = body[i].opcode
        // ECMA-335 III.2.4: a `tail.` prefixed call must be followed by `ret`.
        if body[i].prefixes.contains(.tail) {
            if ![.call, .callvirt, .calli].contains(op) {
                report(i, "'tail.' may only prefix call, callvirt or calli, not '\(op.rawValue)'")
            } else if i + 1 >= body.count || body[i + 1].opcode != .ret {
                report(i, "a 'tail.' call must be followed by 'ret'")
            }
        }
        let flow: Flow
        do {
            flow = try transfer(i, op, &s)
        } catch {
            return
        }
        if s.count > method.maxStack {
            report(i, "stack depth \(s.count) exceeds .maxstack \(method.maxStack)")
            return
        }
        switch flow {
        case .next:
            fallThrough(i, s)
        case .branch(let t):
            checkEntry(from: i, to: t)
            reach(t, with: s, from: i)
        case .conditional(let t):
            checkEntry(from: i, to: t)
            reach(t, with: s, from: i)
            fallThrough(i, s)
        case .switch_(let targets):
            for t in targets {
                checkEntry(from: i, to: t)
                reach(t, with: s, from: i)
            }
            fallThrough(i, s)
        case .leave(let t):
            checkEntry(from: i, to: t)
            reach(t, with: [], from: i) // `s` is empty too (`transfer` emptied it), as `verify` assumes
        case .stop:
            break
        }
    }

    mutating func fallThrough(_ i: Int, _ s: [StackType]) {
        if i + 1 < body.count {
            checkEntry(from: i, to: i + 1, fallingThrough: true)
            reach(i + 1, with: s, from: i)
        } else {
            report(i, "control falls off the end of the method body after '\(body[i].opcode.rawValue)'")
        }
    }

    // MARK: Stack helpers used by the transfer functions

    mutating func pop(_ i: Int, _ s: inout [StackType], _ n: Int) throws -> [StackType] {
        try requireDepth(i, s, n)
        let top = Array(s.suffix(n))
        s.removeLast(n)
        return top
    }

    /// Reports a stack underflow unless `s` holds at least `n` values.
    mutating func requireDepth(_ i: Int, _ s: [StackType], _ n: Int) throws {
        guard s.count < n else { return }
        report(i, "stack underflow: '\(body[i].opcode.rawValue)' needs \(n) value\(n == 1 ? "" : "s"), the stack has \(s.count)")
        throw VerifyStop()
    }

    // One, two and three values are popped without building an array (most instructions take these).
    mutating func pop1(_ i: Int, _ s: inout [StackType]) throws -> StackType {
        try requireDepth(i, s, 1)
        return s.removeLast()
    }

    mutating func pop2(_ i: Int, _ s: inout [StackType]) throws -> (StackType, StackType) {
        try requireDepth(i, s, 2)
        let b = s.removeLast()
        return (s.removeLast(), b)
    }

    mutating func pop3(_ i: Int, _ s: inout [StackType]) throws -> (StackType, StackType, StackType) {
        try requireDepth(i, s, 3)
        let c = s.removeLast(), b = s.removeLast()
        return (s.removeLast(), b, c)
    }

    /// Fails with "type mismatch: 'op' cannot take X" unless `ok`.
    mutating func require(_ ok: Bool, _ i: Int, _ t: StackType) throws {
        if !ok {
            report(i, "type mismatch: '\(body[i].opcode.rawValue)' cannot take \(t)")
            throw VerifyStop()
        }
    }

    /// Fails with "type mismatch: 'op' cannot combine X and Y" unless `ok`.
    mutating func requirePair(_ ok: Bool, _ i: Int, _ a: StackType, _ b: StackType) throws {
        if !ok {
            report(i, "type mismatch: '\(body[i].opcode.rawValue)' cannot combine \(a) and \(b)")
            throw VerifyStop()
        }
    }

    /// Pops a value that must be storable as `target` (described as `what` in the message, built
    /// only for the message: every `stloc` built "local N" when it was a plain string).
    mutating func popAssignable(_ i: Int, _ s: inout [StackType], to target: StackType,
                                _ what: @autoclosure () -> String) throws {
        let v = try pop1(i, &s)
        if !v.isAssignable(to: target) {
            report(i, "type mismatch: '\(body[i].opcode.rawValue)' stores \(v) into \(what()) of type \(target)")
            throw VerifyStop()
        }
    }

    /// Stack type of argument `index` (counting `this` for instance methods); reports if out of range.
    mutating func argType(_ i: Int, _ index: Int) throws -> StackType {
        let hasThis = !method.isStatic
        let count = method.parameters.count + (hasThis ? 1 : 0)
        guard index >= 0 && index < count else {
            report(i, "argument index \(index) is out of range (the method has \(count) argument\(count == 1 ? "" : "s"))")
            throw VerifyStop()
        }
        if hasThis && index == 0 {
            return (method.declaringType?.isValueType ?? false) ? .managedPtr : .objRef
        }
        let p = index - (hasThis ? 1 : 0)
        if let t = parameterTypes[p] { return t }
        let t = stackType(method.parameters[p].type)
        parameterTypes[p] = t
        return t
    }

    /// The stack type of a value of signature type `sig` in this module.
    ///
    /// Like `StackType(sig)`, but an enum this module defines is its underlying integer on the
    /// stack (ECMA-335 I.8.5.2): `stloc` of an `int32` into a `valuetype Color` local is valid IL.
    func stackType(_ sig: TypeSig) -> StackType {
        switch sig {
        case .valueType, .class:
            if let def = module.typeDef(for: sig), def.extends?.typeName?.isNamed("System", "Enum") == true,
               let value = def.fields.first(where: { !$0.isStatic }) {
                return StackType(value.type)
            }
        case .modified(let t, _): return stackType(t)
        default: break
        }
        return StackType(sig)
    }

    /// Stack type of local `index`; reports if out of range.
    mutating func localType(_ i: Int, _ index: Int) throws -> StackType {
        let count = method.locals.count
        guard index >= 0 && index < count else {
            report(i, "local index \(index) is out of range (the method has \(count) local\(count == 1 ? "" : "s"))")
            throw VerifyStop()
        }
        if let t = localTypes[index] { return t }
        let t = stackType(method.locals[index].type)
        localTypes[index] = t
        return t
    }
}

/// Where control goes after an instruction.
enum Flow {
    case next
    case branch(Int)
    /// A conditional branch: to the target or to the next instruction.
    case conditional(Int)
    /// `switch`: to each target or to the next instruction.
    case switch_([Int])
    /// `leave`: empties the stack and branches.
    case leave(Int)
    case stop
}

extension Instruction {
    /// `IL_xxxx`, the offset label monodis and ilasm listings use (four lowercase hex digits).
    public var ilLabel: String {
        let hex = String(offset, radix: 16)
        return "IL_" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
