/// Liveness of every local over the LIR, for deciding what a continuation must save.
///
/// Unlike LSRA's liveness (register candidates only) this tracks all locals, address-exposed
/// ones included: a LCL_ADDR is a use (the address may be read through), except as the
/// destination of a STORE_BLK covering the whole local, which is a definition (a struct copy).
/// Locals whose address escapes into a call are thus live where the call may read them,
/// which is conservative and enough for the model's struct temps and awaiters.
/// The dataflow itself is `Liveness`'s; only the per-block use/def sets differ.
struct AsyncLiveness {
    private let liveness: Liveness

    init(_ c: Compiler) {
        liveness = Liveness(c, useDef: { Self.useDef($0, c) })
    }

    /// Locals live on entry to `b`.
    func liveIn(_ b: BasicBlock) -> LocalSet { liveness.liveIn(b) }

    /// The upward-exposed uses and the definitions of one block, by the rules above.
    private static func useDef(_ b: BasicBlock, _ c: Compiler) -> (use: LocalSet, def: LocalSet) {
        var u = LocalSet(), d = LocalSet()
        var fullDefs = Set<ObjectIdentifier>()
        for n in b.lir where n.oper == .storeBlk {
            if let dst = n.operands.first, dst.oper == .lclAddr, n.blockSize >= c.locals[dst.lclNum].structSize {
                fullDefs.insert(ObjectIdentifier(dst))
            }
        }
        for n in b.lir {
            switch n.oper {
            case .lclVar:
                if !d.contains(n.lclNum) { u.insert(n.lclNum) }
            case .lclAddr where !fullDefs.contains(ObjectIdentifier(n)):
                if !d.contains(n.lclNum) { u.insert(n.lclNum) }
            case .storeLclVar:
                d.insert(n.lclNum)
            case .storeBlk:
                if let dst = n.operands.first, fullDefs.contains(ObjectIdentifier(dst)) { d.insert(dst.lclNum) }
            default:
                break
            }
        }
        return (u, d)
    }
}
