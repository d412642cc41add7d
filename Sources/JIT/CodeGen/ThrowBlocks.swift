/// The shared throw blocks of one method: one cold block per throw helper, placed after the method's code.
///
/// RyuJIT keeps one "add code" block per kind of exception per method
/// (`fgAddCodeRef`): every bounds check of a method jumps to the same
/// CORINFO_HELP_RNGCHKFAIL call, every divide-by-zero check to the same
/// CORINFO_HELP_THROWDIVZERO call. The blocks are emitted in order of first use,
/// so listings are deterministic.
struct ThrowBlocks {
    /// The helper and label of each block, in order of first use.
    private(set) var blocks: [(helper: JitHelper, label: Int)] = []

    /// The label of `helper`'s block, created on first use.
    mutating func label(_ helper: JitHelper, _ out: MachineCode) -> Int {
        if let b = blocks.first(where: { $0.helper == helper }) { return b.label }
        let l = out.newLabel()
        blocks.append((helper, l))
        return l
    }
}
