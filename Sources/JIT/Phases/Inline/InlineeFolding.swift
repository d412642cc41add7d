/// Folds an inlinee's body once its arguments are known, before it is spliced in.
///
/// RyuJIT's importer folds a conditional branch whose condition is a constant
/// while it imports, which matters most for inlinees: a constant argument often
/// decides a test in the callee. The model does the same on the imported inlinee:
/// trees are folded, branches on constants become jumps, blocks no longer reached
/// are dropped, and a block is merged into its layout predecessor when that is
/// its only way in. An inlinee that shrinks to one returning block is then spliced
/// like a straight-line callee: no return temp, no extra blocks.
enum InlineeFolding {
    static func run(_ ic: Compiler) {
        guard ic.optimizing else { return }
        for b in ic.blocks {
            for s in b.statements { s.root = Morph.fold(s.root, ic) }
            foldConstantJump(b)
        }
        FlowGraph.removeUnreachable(ic)
        while mergeOne(ic) {}
    }

    /// JTRUE(CNS_INT) / SWITCH(CNS_INT) at the end of `b` become a jump to the taken successor.
    private static func foldConstantJump(_ b: BasicBlock) {
        guard let taken = FlowGraph.removeConstantBranch(b) else { return }
        if let t = taken {
            b.kind = .always
            b.target = t
        } else {
            b.kind = .fallthrough_
            b.target = nil
        }
    }

    /// Merges one block into its layout predecessor when control only reaches it from there.
    private static func mergeOne(_ ic: Compiler) -> Bool {
        let preds = FlowGraph.predecessorCounts(ic)
        for i in ic.blocks.indices.dropFirst() {
            let b = ic.blocks[i], p = ic.blocks[i - 1]
            let intoNext = p.kind == .fallthrough_ || (p.kind == .always && p.target === b)
            guard intoNext, preds[b.id] == 1, b !== ic.blocks.first else { continue }
            p.statements += b.statements
            p.kind = b.kind
            p.target = b.target
            p.falseTarget = b.falseTarget
            p.switchTargets = b.switchTargets
            ic.blocks.remove(at: i)
            return true
        }
        return false
    }
}
