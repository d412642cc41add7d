/// A tiny forward dataflow driver over the blocks, shared by constant and copy propagation.
///
/// States are computed per block entry by iterating in layout order until no
/// block's out-state changes; a predecessor not yet visited contributes nothing
/// (the optimistic "unknown" of the lattice).
///
/// The meet and the transfer update a state in place: a state that a join or a block leaves
/// unchanged keeps sharing its storage instead of being rebuilt.
enum ForwardDataflow {
    /// Returns the in-state of every block (by block index) at the fixed point.
    ///
    /// - `entry`: the state at method entry; `meet`: combines the second state into the first at a
    ///   join; `transfer`: turns a block's in-state into its out-state.
    static func solve<State: Equatable>(_ c: Compiler, entry: State,
                                        meet: (inout State, State) -> Void,
                                        transfer: (BasicBlock, inout State) -> Void) -> [State?] {
        solveConditional(c, entry: entry, meet: meet, transfer: { transfer($0, &$1); return nil })
    }
}

extension ForwardDataflow {
    /// The general form, which `solve` uses with every edge taken.
    ///
    /// The transfer also returns the only successor its out-state reaches (nil: all of them):
    /// a block that ends in a branch known to go one way feeds only that successor.
    /// A block no edge reaches keeps a nil in-state.
    static func solveConditional<State: Equatable>(_ c: Compiler, entry: State,
                                                   meet: (inout State, State) -> Void,
                                                   transfer: (BasicBlock, inout State) -> BasicBlock?) -> [State?] {
        let blocks = c.blocks
        // One block that no edge re-enters: its in-state is the entry state, nothing to iterate.
        if blocks.count == 1, [.ret, .throw_, .fallthrough_].contains(blocks[0].kind) { return [entry] }
        let successors = c.successorTable
        let predecessors = c.predecessorEdges
        var inStates = [State?](repeating: nil, count: blocks.count)
        var outStates = [State?](repeating: nil, count: blocks.count)
        // Which edges carry their source's out-state. Edges only ever get added, so the iteration
        // stays monotone and ends.
        var taken = [Bool](repeating: false, count: successors.targets.count)
        // A block's in-state is a function of its predecessors' out-states and taken edges, its
        // out-state a function of its in-state: a block none of whose incoming edges changed since
        // it was last visited would compute the same states again, so it is skipped.
        var stale = [Bool](repeating: true, count: blocks.count)
        var changed = true
        while changed {
            changed = false
            for i in blocks.indices where stale[i] {
                stale[i] = false
                var state: State? = i == 0 ? entry : nil
                for k in predecessors.edges(into: i) {
                    let edge = predecessors.edge[k]
                    guard taken[edge], let o = outStates[predecessors.source[k]] else { continue }
                    if state == nil { state = o } else { meet(&state!, o) }
                }
                guard var out = state else { continue }
                inStates[i] = out
                let only = transfer(blocks[i], &out)
                var grew = false
                for e in successors.edges(of: i) where !taken[e] {
                    if only == nil || blocks[successors.targets[e]] === only {
                        taken[e] = true
                        grew = true
                    }
                }
                if outStates[i] != out {
                    outStates[i] = out
                    grew = true
                }
                if grew {
                    changed = true
                    for s in successors[i] { stale[s] = true }
                }
            }
        }
        return inStates
    }
}

/// The edges of a `SuccessorTable` grouped by their target block: what flows into each block.
struct PredecessorEdges {
    /// Block i's incoming edges are entries `start[i] ..< start[i + 1]` of `edge` and `source`.
    private var start: [Int]
    /// The edge number (a position in the successor table's `targets`).
    private(set) var edge: [Int]
    /// The layout index of the block the edge leaves.
    private(set) var source: [Int]

    init(_ successors: SuccessorTable) {
        let n = successors.count
        var counts = [Int](repeating: 0, count: n + 1)
        for t in successors.targets { counts[t + 1] += 1 }
        for i in 0..<n { counts[i + 1] += counts[i] }
        start = counts
        edge = [Int](repeating: 0, count: successors.targets.count)
        source = edge
        var next = counts
        for i in 0..<n {
            for e in successors.edges(of: i) {
                let t = successors.targets[e]
                edge[next[t]] = e
                source[next[t]] = i
                next[t] += 1
            }
        }
    }

    /// The entries of the edges into block `i`, in order of their source blocks.
    func edges(into i: Int) -> Range<Int> { start[i]..<start[i + 1] }
}
