/// Flow-graph edits shared by dead-code elimination and branch optimization.
enum FlowGraph {
    /// Removes blocks not reachable from the first block; returns true if any was removed.
    @discardableResult
    static func removeUnreachable(_ c: Compiler) -> Bool {
        guard !c.blocks.isEmpty else { return false }
        let successors = c.successorTable
        var reached = [Bool](repeating: false, count: c.blocks.count)
        reached[0] = true
        var work = [0]
        while let i = work.popLast() {
            for s in successors[i] where !reached[s] {
                reached[s] = true
                work.append(s)
            }
        }
        guard reached.contains(false) else { return false }
        c.blocks = c.blocks.indices.filter { reached[$0] }.map { c.blocks[$0] }
        return true
    }

    /// JTRUE(CNS_INT) / SWITCH(CNS_INT) ending a block become a jump to the successor they take
    /// (constant propagation leaves them when it proves a condition); true if one was folded.
    @discardableResult
    static func foldConstantJumps(_ c: Compiler) -> Bool {
        var folded = false
        for b in c.blocks {
            guard let taken = removeConstantBranch(b) else { continue }
            let target = taken ?? c.next(after: b)
            b.kind = target == nil ? .fallthrough_ : .always
            b.target = target
            folded = true
        }
        return folded
    }

    /// Removes a JTRUE(CNS_INT) / SWITCH(CNS_INT) ending `b` and returns the successor it takes.
    ///
    /// Dead-code elimination, branch optimization and inlinee folding all fold such branches,
    /// each shaping the resulting jump its own way, so this only decides the edge: it also
    /// clears the block's false and switch targets and leaves `kind`/`target` to the caller.
    /// Returns nil (and leaves `b` untouched) when `b` ends in no such branch; the inner nil
    /// means control leaves by the fall-through edge (no `falseTarget`).
    static func removeConstantBranch(_ b: BasicBlock) -> BasicBlock?? {
        guard let last = b.statements.last, let operand = last.root.operands.first, operand.oper == .cnsInt else {
            return nil
        }
        let taken: BasicBlock?
        switch (b.kind, last.root.oper) {
        case (.cond, .jtrue):
            taken = operand.value != 0 ? b.target : b.falseTarget
        case (.switch_, .switch_):
            let v = operand.value
            taken = v >= 0 && v < Int64(b.switchTargets.count) ? b.switchTargets[Int(v)] : b.falseTarget
        default:
            return nil
        }
        b.statements.removeLast()
        b.switchTargets = []
        b.falseTarget = nil
        return .some(taken)
    }

    /// Makes every jump to `old` jump to `new` instead, the landing pads of awaits' records included.
    static func retarget(_ c: Compiler, from old: BasicBlock, to new: BasicBlock) {
        for b in c.blocks {
            if b.target === old { b.target = new }
            if b.falseTarget === old { b.falseTarget = new }
            for i in b.switchTargets.indices where b.switchTargets[i] === old { b.switchTargets[i] = new }
        }
        for site in sitesWithRecords(c) {
            for i in site.records.indices where site.records[i].pad === old { site.records[i].pad = new }
        }
    }

    /// The awaits that link handler records again when they resume (`AsyncSite.records`).
    ///
    /// Each record names its region's landing pad, where the resumption jumps when the record's
    /// region catches an exception. The async transformation adds that edge later, so the flow
    /// graph does not show it yet: an edit that removes or merges blocks must keep the pads and
    /// move them when it retargets jumps.
    static func sitesWithRecords(_ c: Compiler) -> [AsyncSite] {
        guard c.usesHandlerRecords else { return [] }
        return c.blocks.flatMap { b in
            b.statements.compactMap { s in s.root.asyncSite.flatMap { $0.records.isEmpty ? nil : $0 } }
        }
    }

    /// The blocks awaits' resumptions will jump to (see `sitesWithRecords`).
    static func landingPads(_ c: Compiler) -> Set<ObjectIdentifier> {
        Set(sitesWithRecords(c).flatMap { $0.records.map { ObjectIdentifier($0.pad) } })
    }

    /// Number of edges into each block (by layout index), counting duplicates once per source block.
    static func predecessorCounts(_ successors: SuccessorTable) -> [Int] {
        var counts = [Int](repeating: 0, count: successors.count)
        for t in successors.targets { counts[t] += 1 }
        return counts
    }

    /// Number of edges into each block (by block id), counting duplicates once per source block.
    static func predecessorCounts(_ c: Compiler) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for b in c.blocks { for s in c.successors(of: b) { counts[s.id, default: 0] += 1 } }
        return counts
    }
}

/// Local reference counts (RyuJIT lvaComputeRefCounts), for dumps and dead-code elimination.
///
/// The counts are summed in an array by local number and stored into the locals once at the end:
/// a class property updated per reference costs an access check each time.
enum RefCounts {
    static func compute(_ c: Compiler) {
        var counts = [Int](repeating: 0, count: c.locals.count)
        for b in c.blocks {
            for s in b.statements { countTree(s.root, &counts) }
            for n in b.lir { count(n, &counts) }
        }
        store(counts, c)
    }

    /// Counts the references of the nodes of one HIR tree.
    private static func countTree(_ n: Node, _ counts: inout [Int]) {
        for i in n.operands.indices { n.withOperand(i) { countTree($0, &counts) } }
        count(n, &counts)
    }

    /// Counts `n` in `counts` (by local number) if it reads or writes a local.
    static func count(_ n: Node, _ counts: inout [Int]) {
        if (n.oper == .lclVar || n.oper == .storeLclVar), n.lclNum >= 0, n.lclNum < counts.count {
            counts[n.lclNum] += 1
        }
    }

    /// Makes `counts` (by local number, one per local of `c`) the locals' reference counts.
    static func store(_ counts: [Int], _ c: Compiler) {
        for (v, local) in c.locals.enumerated() { local.refCount = counts[v] }
    }
}

/// Block weights: 1, times 8 per level of loop nesting (RyuJIT's BB_LOOP_WEIGHT_SCALE).
///
/// Loops are found from back edges in layout order: a jump from S to T with T at
/// or before S makes every block from T to S one level deeper. Under MinOpts
/// every weight is 1, as in RyuJIT.
enum BlockWeights {
    /// Sets every block's weight.
    static func compute(_ c: Compiler) {
        var depth = [Int](repeating: 0, count: c.blocks.count)
        if c.optimizing {
            let successors = c.successorTable
            for (s, b) in c.blocks.enumerated() where !b.runsRarely {
                for t in successors[s] where t <= s {
                    for i in t...s { depth[i] += 1 }
                }
            }
        }
        for (i, b) in c.blocks.enumerated() {
            var w = b.runsRarely ? 0.0 : 1.0
            for _ in 0..<depth[i] { w *= 8 }
            b.weight = w
        }
    }
}
