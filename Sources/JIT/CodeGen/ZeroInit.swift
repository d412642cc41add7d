/// Which IL locals the prolog must zero (`.locals init` semantics).
///
/// ECMA-335 requires `.locals init` locals to start at zero; a local that is
/// written before every read needs nothing, so only locals live on entry to the
/// first block are zeroed, as RyuJIT's must-init analysis does. Register allocation
/// computes liveness over the final LIR anyway: it tracks these locals too
/// (`isTracked`) and records the answer in `Compiler.zeroInitLocals` (`locals(live:_:)`).
enum ZeroInit {
    /// The locals the analysis is about: the method's IL locals.
    static func isTracked(_ v: Int, _ c: Compiler) -> Bool {
        if case .local = c.locals[v].kind { true } else { false }
    }

    /// The tracked locals live on entry to the first block, in local order, from a liveness
    /// that tracked (at least) every local `isTracked` accepts.
    static func locals(live: Liveness, _ c: Compiler) -> [Int] {
        guard let first = c.blocks.first else { return [] }
        return live.liveIn(first).filter { isTracked($0, c) }
    }
}
