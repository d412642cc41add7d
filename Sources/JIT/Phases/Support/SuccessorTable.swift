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

    /// The table of `c.blocks` as they are now (build it again after the flow graph changes).
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
