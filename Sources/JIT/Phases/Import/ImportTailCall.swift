import IL

/// The `tail.` prefix (ECMA-335 III.2.4) at import: the CALL of a prefixed `call`, `callvirt` or
/// `calli` is marked as an explicit tail call; morph decides later whether it can be a fast tail
/// call (TailCalls.swift). What only the IL knows is found here: a call inside a protected
/// region or a handler can never leave its frame early (ECMA forbids the prefix there; ilasm
/// accepts it), so the importer records that reason with the mark.
///
/// An inlinee's `tail.` is ignored: its `ret` returns to the inliner, not out of the method.
/// An async method's `tail.` never gets here (ImportAsync rejects it).
extension BlockImporter {
    /// Marks `target` as an explicit tail call when `ins` carries the `tail.` prefix.
    func markExplicitTailCall(_ target: inout CallTarget, _ ins: Instruction) {
        guard ins.prefixes.contains(.tail), !c.isInlinee, !c.async.isAsync else { return }
        target.isExplicitTailCall = true
        c.hasExplicitTailCalls = true
        target.tailCallBlocker = protectedRegion(of: ins)
    }

    /// The arguments of a `tail.` call that are the caller's own implicit-byref struct parameters
    /// (arm64, structs over 16 bytes), by index, with the address to pass as it is: the copy the
    /// caller's caller made for this method serves the callee too, since nothing of the caller runs
    /// after the call. Without this the struct would be copied into the caller's frame, and a
    /// pointer into a frame being released forbids a fast tail call. A parameter that the other
    /// arguments read too is copied as usual (the callee must not see one struct through two names).
    func implicitByRefPassThrough(_ args: [Node], _ ins: Instruction) -> [Int: Node] {
        guard ins.prefixes.contains(.tail), !c.isInlinee, !c.async.isAsync else { return [:] }
        var result: [Int: Node] = [:]
        for (i, arg) in args.enumerated() {
            guard arg.type == .struct, arg.oper == .ind, let a = arg.operands.first, a.oper == .lclVar,
                  c.locals[a.lclNum].isImplicitByRef else { continue }
            var reads = 0
            for other in args { other.forEachPostOrder { if $0.oper == .lclVar && $0.lclNum == a.lclNum { reads += 1 } } }
            if reads == 1 { result[i] = a }
        }
        return result
    }

    /// The protected region or handler `ins` is in, as a reason (nil: none). Also what keeps a
    /// `localloc` there in the arena (ImportBlocks.swift).
    func protectedRegion(of ins: Instruction) -> String? {
        guard let index = c.method.body.firstIndex(where: { $0.offset == ins.offset }) else { return nil }
        for clause in c.method.exceptionClauses {
            if (clause.tryStart..<clause.tryEnd).contains(index) { return "the call is inside a try region" }
            if (clause.handlerStart..<clause.handlerEnd).contains(index) || (clause.filterRange?.contains(index) ?? false) {
                return "the call is inside a handler"
            }
        }
        return nil
    }
}
