/// A tiny forward dataflow driver over the blocks, shared by constant and copy propagation.
///
/// States are computed per block entry by iterating in layout order until no
/// block's out-state changes; a predecessor not yet visited contributes nothing
/// (the optimistic "unknown" of the lattice).
enum ForwardDataflow {
    /// Returns the in-state of every block (by block index) at the fixed point.
    ///
    /// - `entry`: the state at method entry; `meet`: combines two states at a join;
    ///   `transfer`: the out-state of a block from its in-state.
    static func solve<State: Equatable>(_ c: Compiler, entry: State,
                                        meet: (State, State) -> State,
                                        transfer: (BasicBlock, State) -> State) -> [State?] {
        let blocks = c.blocks
        var index: [Int: Int] = [:]
        for (i, b) in blocks.enumerated() { index[b.id] = i }
        var preds = [[Int]](repeating: [], count: blocks.count)
        for (i, b) in blocks.enumerated() {
            for s in c.successors(of: b) { if let j = index[s.id] { preds[j].append(i) } }
        }
        var inStates = [State?](repeating: nil, count: blocks.count)
        var outStates = [State?](repeating: nil, count: blocks.count)
        var changed = true
        while changed {
            changed = false
            for i in blocks.indices {
                var state: State? = i == 0 ? entry : nil
                for p in preds[i] {
                    guard let o = outStates[p] else { continue }
                    state = state.map { meet($0, o) } ?? o
                }
                guard let input = state else { continue }
                inStates[i] = input
                let out = transfer(blocks[i], input)
                if outStates[i] != out {
                    outStates[i] = out
                    changed = true
                }
            }
        }
        return inStates
    }
}
