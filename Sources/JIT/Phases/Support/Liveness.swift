/// Live-variable analysis over the blocks of a method (backward dataflow on locals).
///
/// Shared by LSRA (register candidates over the LIR), the prolog's zeroing of `.locals init`
/// locals, the async transformation (what a continuation saves) and dead-store removal (HIR
/// statements): each gives its own per-block use/def sets, the fixed point is computed here once.
struct Liveness {
    private var liveInByIndex: [LocalSet]
    private var liveOutByIndex: [LocalSet]
    /// The compiler whose layout (`layoutIndex(of:)`) the sets are indexed by.
    private let c: Compiler

    /// Locals live on entry to `b`.
    func liveIn(_ b: BasicBlock) -> LocalSet { c.layoutIndex(of: b).map { liveInByIndex[$0] } ?? LocalSet() }
    /// Locals live on exit from `b`.
    func liveOut(_ b: BasicBlock) -> LocalSet { c.layoutIndex(of: b).map { liveOutByIndex[$0] } ?? LocalSet() }

    /// Computes live-in/live-out over the LIR for locals that `tracked` accepts.
    init(_ c: Compiler, tracked: (Int) -> Bool) {
        self.init(c) { b in
            var u = LocalSet(), d = LocalSet()
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
    init(_ c: Compiler, useDef: (BasicBlock) -> (use: LocalSet, def: LocalSet)) {
        self.c = c
        let blocks = c.blocks
        let successors = c.successorIndices()
        let useDefs = blocks.map(useDef)
        liveInByIndex = [LocalSet](repeating: LocalSet(), count: blocks.count)
        liveOutByIndex = liveInByIndex
        var changed = true
        while changed {
            changed = false
            for i in blocks.indices.reversed() {
                var out = LocalSet()
                for s in successors[i] { out.formUnion(liveInByIndex[s]) }
                var inn = out.subtracting(useDefs[i].def)
                inn.formUnion(useDefs[i].use)
                if out != liveOutByIndex[i] || inn != liveInByIndex[i] {
                    liveOutByIndex[i] = out
                    liveInByIndex[i] = inn
                    changed = true
                }
            }
        }
    }
}
