extension Array where Element == Node {
    /// Calls `body` with node `k`, borrowed from the array instead of retained for the call (as
    /// `Node.withOperand` does for operands): the backend's walks over a block's LIR visit every
    /// node, and a retain and a release per node is a visible share of their time otherwise. The
    /// array keeps the node alive, so `body` must not remove it from the array it is read from.
    @inline(__always)
    func withNode<R>(_ k: Int, _ body: (Node) throws -> R) rethrows -> R {
        try Unmanaged.passUnretained(self[k])._withUnsafeGuaranteedRef(body)
    }
}
