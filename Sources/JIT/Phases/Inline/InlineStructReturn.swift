/// Inlining a callee that returns a struct in registers (`ValueTask<int>`, 16 bytes: rax:rdx / x0:x1).
///
/// The importer turns a struct `ret` into `RETURN(IND long [L+0], IND long [L+8])`, the register
/// chunks of the local L holding the value; the call site stores the call's registers into a
/// struct local V (`STORE_LCL_VAR struct V (CALL)`). Inlined, the chunks would only be a detour:
/// each such RETURN becomes the struct copy `STORE_BLK(&V, &L)` and the call site's store goes
/// away, so that V's fields can be followed field by field later (constant propagation).
///
/// ```text
///  caller:  STORE_LCL_VAR struct V (CALL C::M)        inlinee:  ... L = new ValueTask(42) ...
///                                                                RETURN(IND long [&L], IND long [&L+8])
///  after:   ... L = new ValueTask(42) ...; STORE_BLK(&V, &L, 16)
/// ```
/// Other shapes (a returned struct that is not a local's chunks, a call site that does not
/// store into a struct local) keep the call: "returns a struct".
enum InlineStructReturn {
    /// Rewrites the inlinee's returns (already renumbered into the caller's locals); returns the
    /// caller local the value now goes to, nil when the callee does not return a struct.
    static func rewriteReturns(of ic: Compiler, at stmt: Statement, call: Node, into c: Compiler) throws -> Int? {
        guard ic.returnType.varType == .struct else { return nil }
        let store = stmt.root
        guard store.oper == .storeLclVar, store.operands.first === call, store.lclNum >= 0, store.lclNum < c.locals.count,
              c.locals[store.lclNum].type == .struct else {
            throw InlineFailure(reason: "returns a struct")
        }
        let destination = store.lclNum
        let size = c.locals[destination].structSize
        var rewrites: [(Statement, Int)] = []
        for b in ic.blocks {
            guard let last = b.statements.last, last.root.oper == .ret else { continue }
            guard let source = sourceLocal(of: last.root, size: size, c) else { throw InlineFailure(reason: "returns a struct") }
            rewrites.append((last, source))
        }
        for (ret, source) in rewrites {
            let dst = c.node(.lclAddr, .byref)
            dst.lclNum = destination
            let src = c.node(.lclAddr, .byref)
            src.lclNum = source
            let copy = c.node(.storeBlk, .void, [dst, src], flags: .mayThrow)
            copy.blockSize = size
            for n in [dst, src, copy] { n.ilOffset = ret.root.ilOffset }
            ret.root = copy
        }
        // The copy is the block's last statement now; the splice treats the blocks as void returns.
        for b in ic.blocks where b.kind == .ret {
            let r = c.node(.ret, .void, [])
            b.statements.append(c.statement(r, ilOffset: b.statements.last?.ilOffset))
        }
        return destination
    }

    /// The struct local whose register chunks `ret` returns: `IND [&L + 8k]` for k = 0, 1, ...
    private static func sourceLocal(of ret: Node, size: Int, _ c: Compiler) -> Int? {
        guard ret.operands.count == max(1, (size + 7) / 8) else { return nil }
        var local: Int?
        for (k, chunk) in ret.operands.enumerated() {
            var load = chunk
            if load.oper == .cast, let inner = load.operands.first { load = inner }
            guard load.oper == .ind, let addr = load.operands.first else { return nil }
            let (base, offset) = addr.oper == .add && addr.operands.count == 2 && addr.operands[1].oper == .cnsInt
                ? (addr.operands[0], Int(addr.operands[1].value)) : (addr, 0)
            guard base.oper == .lclAddr, offset == 8 * k, local == nil || local == base.lclNum else { return nil }
            local = base.lclNum
        }
        guard let l = local, l >= 0, l < c.locals.count, c.locals[l].type == .struct, c.locals[l].structSize == size else {
            return nil
        }
        return l
    }
}
