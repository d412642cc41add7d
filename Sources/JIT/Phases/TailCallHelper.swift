import Diagnostics

/// Explicit tail calls via the runtime's helpers, the model of RyuJIT's portable "tail calls via
/// helpers" (docs/design/features/tailcalls-with-helpers.md), for the `tail.` calls that cannot be
/// fast because the callee's stack arguments do not fit in the caller's incoming argument area.
///
/// Morph rewrites `RETURN(CALL f(args))` (or `CALL f(args); RETURN`) into
///
///     tmp_i = arg_i                       (each argument once, in order; then the target)
///     buf = CALL jitbook:TailCallBuffer() (the thread's buffer, a call now pending in it)
///     STOREIND [buf + slot(arg_i)] = tmp_i, STOREIND [buf + 0] = target
///     RETURN(CALL jitbook:TailCallFinish())
///
/// where `slot` is where the callee's ABI places the argument (an integer or a float argument
/// register, or a stack slot: `ABI.place`, as for the call itself). The finish helper (the C
/// runtime's tailcalls.c) reads the caller's return address from its frame record: when the
/// caller was called by the runtime's dispatcher it returns at once, the caller returns to the
/// dispatcher and the dispatcher makes the pending call from its own frame; otherwise it runs the
/// dispatcher loop itself. A chain of such calls thus runs in one dispatcher frame, in bounded
/// stack. The finish helper returns the last callee's result registers (integer and float), so
/// the rewritten RETURN returns it as the call's own value would have been.
///
/// Only what the buffer can carry goes this way: primitive, pointer, reference and float arguments
/// and results, at most `TailCallBuffer.stackSlots` stack slots.
enum TailCallHelper {
    /// Why the explicit tail call `call`, whose stack arguments do not fit, cannot go through the
    /// helpers either (nil: it can).
    static func blocker(_ call: Node, _ c: Compiler, stackSlots: Int) -> String? {
        guard let target = call.callTarget else { return "no call target" }
        if c.async.isAsync { return "the caller is an async method" }
        if call.argGroups?.contains(where: { $0.count != 1 }) ?? false || call.retBufOperand != nil {
            return "a struct argument does not fit the tail-call helper's buffer"
        }
        var args = call.operands
        if target.dispatch == .indirect { args.removeLast() }
        if args.contains(where: { $0.type == .struct }) { return "a struct argument does not fit the tail-call helper's buffer" }
        if stackSlots > TailCallBuffer.stackSlots {
            return "more than \(8 * TailCallBuffer.stackSlots) bytes of stack arguments"
        }
        switch call.type {
        case .int, .long, .float, .double, .ref, .byref, .void: return nil
        default: return "the callee's result does not fit the tail-call helper's buffer"
        }
    }

    /// Rewrites the explicit tail call `call` of statement `s` of block `b` into the buffer stores
    /// and the finish helper's call (see the type's comment).
    static func expand(_ call: Node, in b: BasicBlock, statement s: Statement, _ c: Compiler) throws {
        guard let target = call.callTarget, let index = b.statements.firstIndex(where: { $0 === s }) else {
            throw c.error(.internalError, "a tail call via helper outside its statement")
        }
        let locations = try Lower.argumentLocations(call, c)
        var args = call.operands
        var indirectTarget: Node?
        if target.dispatch == .indirect { indirectTarget = args.removeLast() }
        guard locations.count == args.count else {
            throw c.error(.internalError, "a tail call's argument locations do not cover its arguments")
        }
        var before: [Statement] = []
        func add(_ root: Node) { before.append(c.statement(root, ilOffset: s.ilOffset)) }
        // Each argument is evaluated once, in order, before the buffer is asked for. Constants and
        // reads of locals that nothing else stores or exposes need no temp: no argument and no
        // helper call changes them.
        var stored = Set<Int>()
        for a in call.operands { a.forEachPostOrder { if $0.oper == .storeLclVar { stored.insert($0.lclNum) } } }
        func spill(_ v: Node, _ reason: String, always: Bool = false) -> Node {
            if !always && (v.oper == .cnsInt || v.oper == .cnsDbl) { return v }
            if !always, v.oper == .lclVar, !stored.contains(v.lclNum), !c.locals[v.lclNum].addressExposed { return v }
            let t = c.newTemp(v.type.actualType, reason: reason)
            add(c.localStore(t, v))
            return c.localRead(t)
        }
        let values = args.enumerated().map { k, v in
            // A virtual call reads `this` twice: for the argument and for the vtable.
            let isThis = k == 0 && target.dispatch != .cell && target.dispatch != .indirect
            return spill(v, "tail call argument", always: isThis && v.oper != .lclVar)
        }
        let targetValue = indirectTarget.map { spill($0, "tail call target") }

        let buffer = c.newTemp(.long, reason: "tail call buffer")
        add(c.localStore(buffer, helperCall(.tailCallBuffer, .long, c)))
        func store(_ value: Node, _ type: VarType, at offset: Int) {
            let addr = c.node(.add, .long, [c.localRead(buffer), c.constant(Int64(offset), .long)])
            let st = c.node(.storeInd, .void, [addr, value])
            st.memType = type
            add(st)
        }
        for (k, location) in locations.enumerated() {
            store(values[k], values[k].type, at: try offset(of: location, c))
        }
        store(try code(of: target, this: values.first, indirect: targetValue, c), .long, at: TailCallBuffer.target)

        let finish = helperCall(.tailCallFinish, call.type, c)
        // RETURN(CALL), RETURN(CAST(CALL)) of a small result, or the void CALL before RETURN.
        if s.root === call {
            s.root = finish
        } else if s.root.oper == .ret, let v = s.root.operands.first, v === call {
            s.root.operands[0] = finish
        } else if s.root.oper == .ret, let v = s.root.operands.first, v.operands.first === call {
            v.operands[0] = finish
        } else {
            throw c.error(.internalError, "a tail call via helper whose value does not go straight to 'ret'")
        }
        b.statements.insert(contentsOf: before, at: index)
    }

    /// The byte offset in the buffer of an argument the ABI places at `location`.
    private static func offset(of location: ABI.ArgLocation, _ c: Compiler) throws -> Int {
        switch location {
        case .stack(let slot):
            return TailCallBuffer.stack + 8 * slot
        case .register(let r):
            if let k = c.target.argRegs.firstIndex(of: r) { return TailCallBuffer.intRegs + 8 * k }
            if let k = c.target.floatArgRegs.firstIndex(of: r) { return TailCallBuffer.floatRegs + 8 * k }
            throw c.error(.internalError, "a tail call argument in register \(r), no argument register")
        }
    }

    /// The callee's code address: its cell's content, the vtable slot of `this` (the first
    /// argument, read again from its temp), or the `calli` target.
    private static func code(of t: CallTarget, this: Node?, indirect: Node?, _ c: Compiler) throws -> Node {
        func load(_ addr: Node, _ offset: Int) -> Node {
            let a = offset == 0 ? addr : c.node(.add, .long, [addr, c.constant(Int64(offset), .long)])
            let n = c.node(.ind, .long, [a], flags: .mayThrow)
            n.memType = .long
            return n
        }
        switch t.dispatch {
        case .cell:
            let cell = c.constant(Int64(bitPattern: t.cellAddress), .long)
            cell.handleComment = "cell of \(t.displayName)"
            return load(cell, 0)
        case .vtable(let slot):
            guard let this, this.oper == .lclVar else { throw c.error(.internalError, "a virtual tail call without 'this'") }
            let methodTable = load(c.localRead(this.lclNum), 0)
            let chunk = load(methodTable, MethodTableLayout.chunkOffset(slot: slot))
            return load(chunk, MethodTableLayout.slotOffsetInChunk(slot: slot))
        case .indirect:
            guard let indirect else { throw c.error(.internalError, "an indirect tail call without target") }
            return indirect
        }
    }

    private static func helperCall(_ h: JitHelper, _ type: VarType, _ c: Compiler) -> Node {
        let call = c.node(.call, type)
        call.callTarget = c.runtime.helperTarget(h)
        return call
    }
}

/// The layout of the C runtime's per-thread tail-call buffer (tailcalls.c), byte offsets; a test
/// checks them against the C runtime's static assertions.
public enum TailCallBuffer {
    /// The callee's code address.
    public static let target = 0
    /// The integer argument registers, 8 bytes each (rdi, rsi, rdx, rcx, r8, r9 / x0-x7).
    public static let intRegs = 16
    /// The float argument registers, 8 bytes each (xmm0-xmm7 / d0-d7).
    public static let floatRegs = 80
    /// The stack arguments, 8-byte slots.
    public static let stack = 144
    /// How many stack slots the buffer holds.
    public static let stackSlots = 32
}
