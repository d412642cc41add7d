/// Liveness of locals over the LIR, per block (backward dataflow).
///
/// LSRA needs to know where each local is live across block boundaries to
/// extend its interval over loops and joins; inside a block the references
/// themselves bound the interval. The async transformation asks the same
/// question about every local (see `AsyncLiveness`), so the solver takes the
/// per-block use/def sets from its caller.
struct Liveness {
    /// Locals live on entry to each block, keyed by block id.
    var liveIn: [Int: Set<Int>] = [:]
    /// Locals live on exit from each block, keyed by block id.
    var liveOut: [Int: Set<Int>] = [:]

    /// Computes live-in/live-out for locals that `tracked` accepts.
    init(_ c: Compiler, tracked: (Int) -> Bool) {
        self.init(c) { b in
            var u = Set<Int>(), d = Set<Int>()
            for n in b.lir {
                if n.oper == .lclVar, tracked(n.lclNum), !d.contains(n.lclNum) { u.insert(n.lclNum) }
                if n.oper == .storeLclVar, tracked(n.lclNum) { d.insert(n.lclNum) }
            }
            return (u, d)
        }
    }

    /// Computes live-in/live-out from each block's upward-exposed uses and its definitions.
    ///
    /// Iterates in reverse layout order from empty sets until nothing changes, so the result
    /// is the least fixed point whatever the use/def sets are.
    init(_ c: Compiler, useDef: (BasicBlock) -> (use: Set<Int>, def: Set<Int>)) {
        var use: [Int: Set<Int>] = [:]
        var def: [Int: Set<Int>] = [:]
        for b in c.blocks {
            (use[b.id], def[b.id]) = useDef(b)
        }
        var changed = true
        while changed {
            changed = false
            for b in c.blocks.reversed() {
                var out = Set<Int>()
                for s in c.successors(of: b) { out.formUnion(liveIn[s.id] ?? []) }
                let inn = (use[b.id] ?? []).union(out.subtracting(def[b.id] ?? []))
                if out != liveOut[b.id] || inn != liveIn[b.id] {
                    liveOut[b.id] = out
                    liveIn[b.id] = inn
                    changed = true
                }
            }
        }
    }
}
