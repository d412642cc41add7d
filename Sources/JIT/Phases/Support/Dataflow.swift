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
        solveConditional(c, entry: entry, meet: meet, transfer: { (transfer($0, $1), nil) })
    }
}

extension ForwardDataflow {
    /// The general form, which `solve` uses with every edge taken.
    ///
    /// The transfer also names the successors its out-state reaches (nil: all of them):
    /// a block that ends in a branch known to go one way feeds only that successor.
    /// A block no edge reaches keeps a nil in-state.
    static func solveConditional<State: Equatable>(_ c: Compiler, entry: State,
                                                   meet: (State, State) -> State,
                                                   transfer: (BasicBlock, State) -> (State, [BasicBlock]?)) -> [State?] {
        let blocks = c.blocks
        var preds = [[Int]](repeating: [], count: blocks.count)
        for (i, succs) in c.successorIndices().enumerated() { for j in succs { preds[j].append(i) } }
        var inStates = [State?](repeating: nil, count: blocks.count)
        var outStates = [State?](repeating: nil, count: blocks.count)
        // Edges only ever get added (nil: every edge), so the iteration stays monotone and ends.
        var taken = [Set<Int>?](repeating: [], count: blocks.count)
        var changed = true
        while changed {
            changed = false
            for i in blocks.indices {
                var state: State? = i == 0 ? entry : nil
                for p in preds[i] {
                    guard let o = outStates[p], taken[p]?.contains(blocks[i].id) ?? true else { continue }
                    state = state.map { meet($0, o) } ?? o
                }
                guard let input = state else { continue }
                inStates[i] = input
                let (out, succ) = transfer(blocks[i], input)
                var edges = succ.map { Set($0.map(\.id)) }
                if let old = taken[i], let e = edges { edges = old.union(e) } else { edges = nil }
                if outStates[i] != out || taken[i] != edges {
                    outStates[i] = out
                    taken[i] = edges
                    changed = true
                }
            }
        }
        return inStates
    }
}
