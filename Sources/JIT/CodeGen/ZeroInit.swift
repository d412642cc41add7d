/// Which IL locals the prolog must zero (`.locals init` semantics).
///
/// ECMA-335 requires `.locals init` locals to start at zero; a local that is
/// written before every read needs nothing, so only locals live on entry to the
/// first block are zeroed, as RyuJIT's must-init analysis does.
enum ZeroInit {
    static func locals(_ c: Compiler) -> [Int] {
        guard let first = c.blocks.first else { return [] }
        let live = Liveness(c, tracked: { v in if case .local = c.locals[v].kind { true } else { false } })
        return live.liveIn(first).sorted()
    }
}
