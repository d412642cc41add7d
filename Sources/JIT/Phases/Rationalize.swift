import Diagnostics

/// Rationalization: HIR trees -> LIR, the block's nodes in execution order (RyuJIT rationalize.cpp).
///
/// Each statement's tree is laid out in post-order (operands first, in operand
/// order) into `block.lir`; COMMA disappears (its first operand is evaluated for
/// its effect, its second is the value); a statement root whose value nobody uses
/// is flagged `.unusedValue`. Afterwards `statements` is empty. The invariant the
/// back end relies on: every operand appears earlier in the same block, each value
/// node has exactly one user, and only locals carry values across blocks.
///
/// Block weights and reference counts are (re)computed here because this phase
/// always runs, also under MinOpts; the references are counted as the nodes are laid out.
enum Rationalize {
    static func run(_ c: Compiler) throws {
        // The blocks' LIR is exactly the nodes laid out here: counting them as they are appended
        // gives `RefCounts.compute`'s counts without another walk.
        var counts = [Int](repeating: 0, count: c.locals.count)
        for b in c.blocks {
            var lir: [Node] = []
            // Room for a few nodes per statement, so that the list does not grow from empty one doubling at a time.
            lir.reserveCapacity(b.statements.count * 4)
            for s in b.statements {
                let value = linearize(s.root, into: &lir, counting: &counts) ?? s.root
                if value.isValue { value.flags.insert(.unusedValue) }
            }
            b.lir = lir
            b.statements = []
        }
        // Branch optimization, the phase before, ends by weighing the blocks it leaves.
        if !c.blockWeightsAreCurrent { BlockWeights.compute(c) }
        c.blockWeightsAreCurrent = false
        RefCounts.store(counts, c)
    }

    /// Appends the nodes of `n`'s tree in execution order; returns the node that holds `n`'s value
    /// when that is not `n` itself (a COMMA's value), nil when it is `n` (so that the common case
    /// hands back no reference to retain). Each node appended is counted in `counts` (`RefCounts.count`).
    private static func linearize(_ n: Node, into lir: inout [Node], counting counts: inout [Int]) -> Node? {
        if n.oper == .comma, n.operands.count == 2 {
            let effect = n.operands[0]
            if effect.hasSideEffects {
                let v = linearize(effect, into: &lir, counting: &counts) ?? effect
                if v.isValue { v.flags.insert(.unusedValue) }
            }
            let value = n.operands[1]
            return linearize(value, into: &lir, counting: &counts) ?? value
        }
        for i in n.operands.indices {
            // Linearizing changes the operand's own subtree only; replacing it here comes after.
            if let value = n.withOperand(i, { linearize($0, into: &lir, counting: &counts) }) { n.operands[i] = value }
        }
        lir.append(n)
        RefCounts.count(n, &counts)
        return nil
    }
}
