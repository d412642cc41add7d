import Diagnostics

/// Explicit tail calls (the `tail.` prefix, ECMA-335 III.2.4), decided in morph as RyuJIT's
/// fgMorphPotentialTailCall does, under MinOpts too.
///
/// A *fast tail call* releases the caller's frame before it enters the callee: codegen stores the
/// stack arguments into the caller's own incoming argument area, places the register arguments,
/// runs the epilog (callee-saved registers, frame pointer, stack pointer) and jumps to the callee,
/// which returns straight to the caller's caller. Deep tail recursion then runs in constant stack.
/// It is possible when:
///
/// - the call's value goes straight to `ret` (RETURN(CALL), or a void CALL then RETURN);
/// - the callee's stack arguments fit in the caller's incoming stack-argument area (always true
///   when every argument travels in registers);
/// - nothing the callee gets points into the caller's frame (a local's address, a struct copy
///   passed by reference on arm64), and the caller has no `localloc`;
/// - the call is not inside a protected region or handler (found by the importer), the caller is
///   not synchronized, the callee returns no struct (the model returns it through a temp of the
///   caller's frame) and is not a runtime helper (a delegate's Invoke stub is one that may be
///   jumped to: it jumps on to the delegate's method itself).
///
/// When only the stack space is missing, the call goes through the runtime's tail-call helpers
/// instead, as RyuJIT's portable helpers do (the arguments in a thread-local buffer, a dispatcher
/// loop making the call: TailCallHelper.swift), if the buffer can carry its arguments and result.
/// Any other explicit tail call keeps the call and the `ret`, and the morph dump says why, so
/// nothing is silent. Implicit tail calls (no prefix) always stay ordinary calls.
enum TailCalls {
    /// True when the tree holds a `tail.` call: most statements have none and are passed over.
    private static func hasExplicitTailCall(_ n: Node) -> Bool {
        if n.oper == .call, n.callTarget?.isExplicitTailCall ?? false { return true }
        for op in n.operands where hasExplicitTailCall(op) { return true }
        return false
    }

    static func run(_ c: Compiler) throws {
        guard c.hasExplicitTailCalls else { return }
        var notes: [String] = []
        for b in c.blocks {
            for s in b.statements where hasExplicitTailCall(s.root) {
                var calls: [Node] = []
                s.root.forEachPostOrder { n in
                    if n.oper == .call, n.callTarget?.isExplicitTailCall ?? false { calls.append(n) }
                }
                for call in calls {
                    let name = "[\(HIRDump.id(call))] \(call.callTarget?.displayName ?? "?")"
                    if let reason = try blocker(call, in: b, statement: s, c) {
                        if case .stackArguments(let needed, let available) = reason {
                            if let other = TailCallHelper.blocker(call, c, stackSlots: needed) {
                                notes.append("Rejecting tail call in morph for call \(name): \(reason.text); "
                                             + "compiled as call + ret (the tail call helper cannot take it: \(other))")
                            } else {
                                try TailCallHelper.expand(call, in: b, statement: s, c)
                                notes.append("Tail call via helper \(name): the callee's stack arguments (\(8 * needed) bytes) "
                                             + "do not fit in the caller's incoming argument area (\(8 * available) bytes); "
                                             + "the arguments go to the runtime's tail call buffer, its dispatcher makes the call")
                            }
                        } else {
                            notes.append("Rejecting tail call in morph for call \(name): \(reason.text); compiled as call + ret")
                        }
                    } else {
                        call.flags.insert(.fastTailCall)
                        // The callee already returns its small type normalized: the cast goes.
                        if let ret = b.statements.last?.root, let v = ret.operands.first, v.oper == .cast {
                            ret.operands[0] = call
                        }
                        notes.append("Fast tail call \(name): the frame is released, then a jump to the callee")
                    }
                }
            }
        }
        if !notes.isEmpty { c.phaseNotes[.morph, default: []] += notes }
    }

    /// Why `call` cannot be a fast tail call (nil: it can).
    static func blocker(_ call: Node, in b: BasicBlock, statement s: Statement, _ c: Compiler) throws -> Blocker? {
        try reason(call, in: b, statement: s, c).map { .other($0) } ?? stackBlocker(call, c)
    }

    /// Why an explicit tail call cannot be fast.
    enum Blocker {
        /// The callee's stack arguments (8-byte slots) do not fit in the caller's incoming area:
        /// the tail call may go via the runtime's helpers (TailCallHelper.swift).
        case stackArguments(needed: Int, available: Int)
        /// Any other reason: the call stays call + ret.
        case other(String)

        /// The reason as the morph dump prints it.
        var text: String {
            switch self {
            case .stackArguments(let needed, let available):
                "the callee's stack arguments (\(8 * needed) bytes) do not fit in the caller's incoming argument area (\(8 * available) bytes)"
            case .other(let s): s
            }
        }
    }

    /// The stack-space blocker of `call` (nil: its stack arguments fit).
    private static func stackBlocker(_ call: Node, _ c: Compiler) throws -> Blocker? {
        let needed = try Lower.argumentLocations(call, c).reduce(0) { n, l in
            if case .stack(let slot) = l { return max(n, slot + 1) }
            return n
        }
        let available = incomingStackSlots(c)
        return needed > available ? .stackArguments(needed: needed, available: available) : nil
    }

    /// Why `call` cannot be a fast tail call for a reason other than stack space (nil: none).
    private static func reason(_ call: Node, in b: BasicBlock, statement s: Statement, _ c: Compiler) throws -> String? {
        guard let target = call.callTarget else { return "no call target" }
        if let reason = target.tailCallBlocker { return reason }
        if c.method.implFlags.contains(.synchronized) { return "the caller is synchronized" }
        if c.ilBody.contains(where: { $0.opcode == .localloc }) { return "the caller uses localloc" }
        if target.helperID != nil && !isDelegateInvoke(target, c) { return "the callee is a runtime helper" }
        if call.type == .struct || call.retBufOperand != nil || c.retBufLocal != nil {
            return "the callee returns a struct"
        }
        guard returnsStraight(call, in: b, statement: s, c) else { return "the call's value does not go straight to 'ret'" }
        if let h = target.methodHandle, c.runtime.methodInfo(h).attribs.contains(.asyncVariant) {
            return "the callee takes an async continuation"
        }
        var args = call.operands
        if target.dispatch == .indirect { args.removeLast() }
        let takesAddresses = c.blocks.contains { b in b.statements.contains { $0.root.contains { $0.oper == .lclAddr } } }
        for arg in args where pointsIntoFrame(arg, c, methodTakesAddresses: takesAddresses) {
            return "an argument may point into the caller's frame"
        }
        return nil
    }

    /// True when `call` is the value of the block's final RETURN, or a void call right before it.
    /// A call of a method returning a small type (`bool`, `int16`...) may be under the CAST that
    /// normalizes it to the caller's same return type: the callee's own return did that already.
    private static func returnsStraight(_ call: Node, in b: BasicBlock, statement s: Statement, _ c: Compiler) -> Bool {
        guard b.kind == .ret, let last = b.statements.last, last.root.oper == .ret else { return false }
        if last === s {
            guard last.root.operands.count == 1 else { return false }
            let v = last.root.operands[0]
            if v === call { return true }
            guard v.oper == .cast, v.castType.isSmall, v.operands.first === call, let t = call.callTarget else { return false }
            // The callee's declared result: its method's, or for `calli` the call-site signature's.
            let declared = t.methodHandle.map { c.runtime.methodInfo($0).returnType.varType }
                ?? (try? c.runtime.resolveType(t.method.returnType, in: c.methodHandle, at: c.location))?.varType
            return declared == v.castType && c.returnType.varType == v.castType
        }
        guard call.type == .void, last.root.operands.isEmpty, b.statements.count >= 2 else { return false }
        return b.statements[b.statements.count - 2] === s && s.root === call
    }

    /// True when the value of `arg` may be an address in the caller's frame: a local's address (not
    /// merely loaded through), or a byref temp of a method that takes local addresses.
    private static func pointsIntoFrame(_ arg: Node, _ c: Compiler, methodTakesAddresses: Bool) -> Bool {
        if arg.oper == .lclAddr { return true }
        if arg.oper == .ind { return false }
        if arg.oper == .lclVar, arg.type == .byref, methodTakesAddresses, !c.locals[arg.lclNum].isParam { return true }
        return arg.operands.contains { pointsIntoFrame($0, c, methodTakesAddresses: methodTakesAddresses) }
    }

    /// True for a delegate's Invoke: its helper is the runtime's stub that jumps on to the delegate's
    /// method with the call as it was (delegates.c), so a jump to it is a tail call of that method.
    private static func isDelegateInvoke(_ t: CallTarget, _ c: Compiler) -> Bool {
        guard let h = t.methodHandle, let def = c.runtime.definition(of: h) else { return false }
        return def.implFlags.contains(.runtime) && def.name == "Invoke"
    }

    /// 8-byte slots of stack-passed parameters the caller's caller reserved for this method.
    static func incomingStackSlots(_ c: Compiler) -> Int {
        c.locals.reduce(0) { n, v in
            guard let k = v.incomingStackSlot else { return n }
            return max(n, k + (v.type == .struct ? (v.structSize + 7) / 8 : 1))
        }
    }
}
