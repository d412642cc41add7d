/// Tree walks and side-effect queries shared by the HIR phases.
///
/// The walks index `operands` instead of iterating the array, and visit each operand through
/// `withOperand`: iterating retains and releases the array at every node of the tree, and passing
/// `operands[i]` on retains and releases each node, while these walks run over every tree of the
/// method several times per phase. So a walk's body must not change the operand list of a node
/// whose operands are still being walked (none does: they read, or rewrite fields other than `operands`).
///
/// RyuJIT answers "may I move or drop this tree?" with GTF_SIDE_EFFECT flags kept
/// up to date on every node; the model computes the answer by walking the tree,
/// which is cheap for method-sized inputs and can never go stale.
extension Node {
    /// Calls `body` with operand `i`, borrowed from `operands` instead of retained for the call.
    ///
    /// The recursive walks of the mid-end hand each operand on this way: a retain and a release per
    /// node visited is a large share of their time otherwise. The operand is kept alive by this
    /// node's `operands` alone, so `body` must not remove operand `i` from this node (it may change
    /// the operand's own fields and operands); a caller that replaces operand `i` does it after
    /// `withOperand` returns.
    @inline(__always)
    func withOperand<R>(_ i: Int, _ body: (Node) -> R) -> R {
        Unmanaged.passUnretained(operands[i])._withUnsafeGuaranteedRef(body)
    }

    /// Calls `body` on every node of the tree, operands before their user (execution order).
    func forEachPostOrder(_ body: (Node) -> Void) {
        for i in operands.indices { withOperand(i) { $0.forEachPostOrder(body) } }
        body(self)
    }

    /// True when some node of the tree satisfies `predicate`.
    func contains(where predicate: (Node) -> Bool) -> Bool {
        if predicate(self) { return true }
        for i in operands.indices where withOperand(i, { $0.contains(where: predicate) }) { return true }
        return false
    }

    /// True when the tree contains a call.
    var containsCall: Bool { contains { $0.oper == .call } }

    /// True when evaluating the tree does more than compute a value: a call, a store,
    /// control flow, or an operation that may throw (so it must be neither dropped nor reordered).
    var hasSideEffects: Bool {
        contains { n in
            switch n.oper {
            case .call, .storeLclVar, .jtrue, .switch_, .ret, .storeInd, .storeBlk, .nullCheck, .boundsCheck: true
            default: n.flags.contains(.mayThrow)
            }
        }
    }

    /// True when the tree reads local `num`.
    func reads(local num: Int) -> Bool { contains { $0.oper == .lclVar && $0.lclNum == num } }

    /// True when the node defines a value some later node may consume: it produces a value and is
    /// not a statement-like node (RETURN has the method's return type but defines nothing).
    public var isValue: Bool {
        switch oper {
        case .storeLclVar, .ret, .jtrue, .switch_, .storeInd, .storeBlk, .nullCheck, .boundsCheck: false
        default: producesValue
        }
    }

    /// True for a CNS_INT with the given value.
    func isConstant(_ v: Int64) -> Bool { oper == .cnsInt && value == v }
}
