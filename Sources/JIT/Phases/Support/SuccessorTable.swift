/// Every block's successors as layout indices, in `Compiler.successors(of:)`'s order, stored flat.
///
/// The dataflow passes (liveness, constant and copy propagation, block weights) index their
/// per-block states by layout position and walk each block's edges on every iteration: one
/// array for all edges, rather than an array per block, keeps building the table to two
/// allocations. Blocks not in the layout are left out.
struct SuccessorTable {
    /// Block i's successors are `targets[start[i] ..< start[i + 1]]`.
    private var start: [Int]
    /// The successor indices of all blocks, block after block.
    private(set) var targets: [Int]

    /// The table of `c.blocks` as they are now (`Compiler.successorTable` keeps it while they stay so).
    init(_ c: Compiler) {
        let blocks = c.blocks
        let index = c.layoutIndexTable
        start = [Int](repeating: 0, count: blocks.count + 1)
        targets = []
        targets.reserveCapacity(blocks.count * 2)
        for (i, b) in blocks.enumerated() {
            let first = targets.count
            start[i] = first
            // The next block in layout order, where control falls through to.
            let next = i + 1 < blocks.count ? i + 1 : -1
            switch b.kind {
            case .fallthrough_:
                add(next, first)
            case .always:
                add(b.target, first, c, index)
            case .cond:
                add(b.target, first, c, index)
                if let f = b.falseTarget { add(f, first, c, index) } else { add(next, first) }
            case .switch_:
                for t in b.switchTargets { add(t, first, c, index) }
                if let f = b.falseTarget { add(f, first, c, index) } else { add(next, first) }
            case .ret, .throw_:
                break
            }
        }
        start[blocks.count] = targets.count
    }

    /// Appends `b`'s layout index unless it is not in the layout or already a successor of this block.
    private mutating func add(_ b: BasicBlock?, _ first: Int, _ c: Compiler, _ index: [Int]) {
        guard let b, let i = c.layoutIndex(of: b, in: index) else { return }
        add(i, first)
    }

    /// Appends layout index `i` (-1: none) unless it is already a successor of this block.
    private mutating func add(_ i: Int, _ first: Int) {
        guard i >= 0 else { return }
        for k in first..<targets.count where targets[k] == i { return }
        targets.append(i)
    }

    /// Number of blocks.
    var count: Int { start.count - 1 }

    /// The positions in `targets` of block `i`'s edges (an edge number identifies one edge).
    func edges(of i: Int) -> Range<Int> { start[i]..<start[i + 1] }

    /// The layout indices of block `i`'s successors.
    subscript(i: Int) -> ArraySlice<Int> { targets[start[i]..<start[i + 1]] }
}

/// The tables of one flow graph that `Compiler` keeps for the passes walking it in turn: the
/// successor table and, once asked for, the predecessor edges.
struct FlowTables {
    let successors: SuccessorTable
    var predecessors: PredecessorEdges?
    /// The `Compiler.jumpStamp` of the blocks the tables were built from.
    let stamp: Int
}

extension Compiler {
    /// The sum of the blocks' `jumpEdits`. Each count only grows, so while `blocks` stays the
    /// same array the sum stays the same exactly when no block's jump was set.
    private var jumpStamp: Int { blocks.reduce(0) { $0 &+ $1.jumpEdits } }

    /// The cached tables if they still describe the flow graph, else new ones.
    ///
    /// Constant propagation, copy propagation, dead-code elimination, branch optimization, block
    /// weights and LSRA's liveness each used to build the table of a graph that mostly had not
    /// changed since the previous one: now it is built once and shared. Any change to the graph
    /// makes it stale: a new `blocks` array drops it, and a block whose jump was set changes the stamp.
    private func currentFlowTables() -> FlowTables {
        let stamp = jumpStamp
        if let tables = flowTables, tables.stamp == stamp { return tables }
        let tables = FlowTables(successors: SuccessorTable(self), predecessors: nil, stamp: stamp)
        flowTables = tables
        return tables
    }

    /// The successor table of the flow graph as it is now (built on demand, shared until the graph changes).
    var successorTable: SuccessorTable { currentFlowTables().successors }

    /// The edges of `successorTable` grouped by target block (built on demand, shared like it).
    var predecessorEdges: PredecessorEdges {
        var tables = currentFlowTables()
        if let predecessors = tables.predecessors { return predecessors }
        let predecessors = PredecessorEdges(tables.successors)
        tables.predecessors = predecessors
        flowTables = tables
        return predecessors
    }
}
