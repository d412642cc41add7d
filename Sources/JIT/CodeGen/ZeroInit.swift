/// Which IL locals the prolog must zero (`.locals init` semantics).
///
/// ECMA-335 requires `.locals init` locals to start at zero; a local that is
/// written before every read needs nothing, so only locals live on entry to the
/// first block are zeroed, as RyuJIT's must-init analysis does.
enum ZeroInit {
    static func locals(_ c: Compiler) -> [Int] {
        guard let first = c.blocks.first else { return [] }
        let tracked: (Int) -> Bool = { v in if case .local = c.locals[v].kind { true } else { false } }
        // live-in(first) = uses before a store in it, plus what is live out of it and not stored in it.
        // When the first block stores every IL local (the usual `ldc.i4.0; stloc` opening), the second
        // part is empty and the whole method's dataflow is not needed.
        var used = LocalSet(), stored = LocalSet()
        for n in first.lir {
            if n.oper == .lclVar, tracked(n.lclNum), !stored.contains(n.lclNum) { used.insert(n.lclNum) }
            if n.oper == .storeLclVar, tracked(n.lclNum) { stored.insert(n.lclNum) }
        }
        if c.locals.indices.allSatisfy({ !tracked($0) || stored.contains($0) }) { return used.sorted() }
        return Liveness(c, tracked: tracked).liveIn(first).sorted()
    }
}
