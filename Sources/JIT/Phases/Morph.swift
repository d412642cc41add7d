import Diagnostics

/// Morph: tree-level constant folding and algebraic simplification (RyuJIT fgMorph / gtFoldExpr).
///
/// Runs only when optimizing (MinOpts keeps the trees as imported). The folder
/// is exposed as `fold` so that constant propagation can re-fold the trees it
/// rewrites. Folding mutates nodes in place ("bashing" them to constants), so a
/// folded node keeps its id and dumps stay easy to follow.
enum Morph {
    static func run(_ c: Compiler) throws {
        // Explicit tail calls are decided under MinOpts too (RyuJIT honours `tail.` in every mode).
        try TailCalls.run(c)
        guard c.optimizing else { return }
        for b in c.blocks {
            for s in b.statements { s.root = fold(s.root, c) }
        }
    }

    /// Folds the tree rooted at `n` bottom-up; returns the node that replaces `n`.
    static func fold(_ n: Node, _ c: Compiler) -> Node { replacement(folding: n, c) ?? n }

    /// Folds the tree rooted at `n` bottom-up; returns the node that replaces `n`, nil when `n`
    /// stays (so that the common case hands back no reference to retain).
    private static func replacement(folding n: Node, _ c: Compiler) -> Node? {
        for i in n.operands.indices {
            // Folding changes the operand's own subtree only; replacing it here comes after.
            if let folded = n.withOperand(i, { replacement(folding: $0, c) }) { n.operands[i] = folded }
        }
        return foldNode(n, c)
    }

    /// Folds one node whose operands are already folded; returns the node that replaces it, nil
    /// when it stays (unchanged, or bashed to a constant in place).
    private static func foldNode(_ n: Node, _ c: Compiler) -> Node? {
        if n.oper == .cnsInt { return nil }
        if let v = evaluate(n) {
            bashToConstant(n, v)
            return nil
        }
        canonicalize(n)
        let simpler = simplifyIdentity(n) ?? simplifyCast(n) ?? dropNormalizedCast(n, c) ?? simplifyRelop(n)
        // A simplification that bashes `n` to a constant in place returns `n` itself.
        return simpler === n ? nil : simpler
    }

    /// CAST small <- LCL_VAR of a small local that is not a parameter is the local itself: such
    /// locals are normalized when stored (every store casts), so their value already fits.
    /// Parameters are normalized when read instead, so their casts stay.
    private static func dropNormalizedCast(_ n: Node, _ c: Compiler) -> Node? {
        guard n.oper == .cast, n.castType.isSmall, let x = n.operands.first, x.oper == .lclVar,
              x.lclNum >= 0, x.lclNum < c.locals.count else { return nil }
        let local = c.locals[x.lclNum]
        guard !local.isParam, local.type == n.castType, !local.addressExposed else { return nil }
        return x
    }

    /// The constant value of `n` when all its operands are constants and the operation may be folded.
    /// A handle constant (a frozen string's address) only folds into a compare: two handles are equal
    /// exactly when they denote the same object. It never folds into arithmetic or casts.
    static func evaluate(_ n: Node) -> Int64? {
        guard n.producesValue, n.type == .int || n.type == .long else { return nil }
        let compare = n.oper.isCompare
        var a: Int64 = 0, b: Int64 = 0
        for i in n.operands.indices {
            let constant = n.withOperand(i) { op in
                op.oper == .cnsInt && (compare || op.handleComment == nil) ? op.value : nil
            }
            guard let constant else { return nil }
            if i == 0 { a = constant } else if i == 1 { b = constant }
        }
        return evaluate(n, constantOperands: n.operands.count, a, b)
    }

    /// The constant value of `n` given that its `count` operands are the constants `a`, `b`, ...
    /// (only the first two matter: nothing with more operands folds); nil when it does not fold.
    /// Shared with constant propagation, which evaluates trees without rewriting them.
    static func evaluate(_ n: Node, constantOperands count: Int, _ a: Int64, _ b: Int64) -> Int64? {
        guard n.producesValue, n.type == .int || n.type == .long else { return nil }
        switch n.oper {
        case .cnsInt:
            return n.value
        case .neg, .not:
            guard count == 1 else { return nil }
            return FoldMath.unary(n.oper, n.type, a)
        case .cast:
            guard count == 1 else { return nil }
            let v = FoldMath.cast(a, to: n.castType, from: n.operands[0].type, unsigned: n.isUnsigned)
            return n.type == .int ? Int64(Int32(truncatingIfNeeded: v)) : v
        case _ where n.oper.isCompare:
            guard count == 2 else { return nil }
            return FoldMath.compare(n.oper, unsigned: n.isUnsigned, operandType: n.operands[0].type, a, b)
        default:
            guard count == 2 else { return nil }
            return FoldMath.binary(n.oper, n.type, a, b)
        }
    }

    /// Turns `n` into a CNS_INT of its own type.
    static func bashToConstant(_ n: Node, _ v: Int64) {
        n.oper = .cnsInt
        n.operands = []
        n.flags = []
        n.castType = .void
        n.callTarget = nil
        n.handleComment = nil
        n.value = n.type == .int ? Int64(Int32(truncatingIfNeeded: v)) : v
    }

    /// Moves a constant operand of a commutative operator (or a relop, swapping it) to op2.
    private static func canonicalize(_ n: Node) {
        guard n.operands.count == 2, n.operands[0].oper == .cnsInt, n.operands[1].oper != .cnsInt else { return }
        if n.oper.isCompare, let swapped = n.oper.swappedCompare {
            n.oper = swapped
        } else if !n.oper.isCommutative {
            return
        }
        n.operands.swapAt(0, 1)
    }

    /// x+0, x-0, x*1, x/1, x|0, x^0, x&-1, x<<0 -> x; x*0, x&0 -> 0 when x has no side effects.
    private static func simplifyIdentity(_ n: Node) -> Node? {
        guard n.operands.count == 2, n.operands[1].oper == .cnsInt, n.type == .int || n.type == .long else { return nil }
        let x = n.operands[0], k = n.operands[1].value
        switch n.oper {
        case .add, .sub, .or, .xor, .lsh, .rsh, .rsz:
            if k == 0 && x.type == n.type { return x }
        case .mul:
            if k == 1 && x.type == n.type { return x }
            if k == 0 && !x.hasSideEffects { bashToConstant(n, 0); return n }
        case .div, .udiv:
            if k == 1 && x.type == n.type { return x }
        case .and:
            if k == -1 && x.type == n.type { return x }
            if k == 0 && !x.hasSideEffects { bashToConstant(n, 0); return n }
        default:
            break
        }
        return nil
    }

    /// CAST int <- long of CAST long <- int x is x: truncation undoes either extension.
    private static func simplifyCast(_ n: Node) -> Node? {
        guard n.oper == .cast, n.type == .int, n.castType == .int, let inner = n.operands.first,
              inner.oper == .cast, inner.type == .long, inner.castType == .long,
              let x = inner.operands.first, x.type == .int else { return nil }
        return x
    }

    /// NE(relop, 0) / EQ(relop, 1) -> relop; EQ(relop, 0) / NE(relop, 1) -> reversed relop.
    private static func simplifyRelop(_ n: Node) -> Node? {
        guard n.oper == .eq || n.oper == .ne, n.operands.count == 2 else { return nil }
        let inner = n.operands[0], k = n.operands[1]
        guard inner.oper.isCompare, k.oper == .cnsInt, k.value == 0 || k.value == 1 else { return nil }
        let keep = (n.oper == .ne) == (k.value == 0)
        if !keep, let reversed = inner.oper.reversedCompare {
            inner.oper = reversed
            // !(a < b) of floating-point values is `a >= b or unordered`: the reversal flips NaN's answer too.
            if inner.operands.first?.type.isFloating ?? false { inner.flags.formSymmetricDifference(.unsigned) }
        }
        return inner
    }
}
