/// Liveness of every local over the LIR, for deciding what a continuation must save.
///
/// Unlike LSRA's liveness (register candidates only) this tracks all locals, address-exposed
/// ones included: a LCL_ADDR is a use (the address may be read through), except as the
/// destination of a STORE_BLK covering the whole local, which is a definition (a struct copy).
/// Locals whose address escapes into a call are thus live where the call may read them,
/// which is conservative and enough for the model's struct temps and awaiters.
struct AsyncLiveness {
    var liveIn: [Int: Set<Int>] = [:]

    init(_ c: Compiler) {
        var use: [Int: Set<Int>] = [:]
        var def: [Int: Set<Int>] = [:]
        for b in c.blocks {
            var u = Set<Int>(), d = Set<Int>()
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
            use[b.id] = u
            def[b.id] = d
        }
        var changed = true
        while changed {
            changed = false
            for b in c.blocks.reversed() {
                var out = Set<Int>()
                for s in c.successors(of: b) { out.formUnion(liveIn[s.id] ?? []) }
                let inn = use[b.id]!.union(out.subtracting(def[b.id]!))
                if inn != liveIn[b.id] {
                    liveIn[b.id] = inn
                    changed = true
                }
            }
        }
    }
}
