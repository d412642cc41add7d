import Diagnostics

/// Dead-code elimination (knob JitDoDeadCode): unreachable blocks, dead stores, unused pure values.
///
/// Branches constant propagation proved go one way are folded first, so that the code
/// they skip is unreachable and goes. Then backward liveness over locals; a store to a
/// local that is not live after it is removed, keeping its value as a statement when the
/// value has side effects (a call still has to happen). A struct local nothing reads any
/// more (its fields were propagated as constants) loses its stores too. Repeats until
/// nothing changes, since removing one store can make the stores feeding it dead.
/// Recomputes reference counts.
enum DeadCode {
    static func run(_ c: Compiler) throws {
        FlowGraph.foldConstantJumps(c)
        var table: SuccessorTable?
        _ = FlowGraph.removeUnreachable(c, successors: &table)
        // The rounds change statements, not the flow graph: one successor table serves them all.
        let successors = table ?? SuccessorTable(c)
        var rounds = Rounds(blockCount: c.blocks.count)
        while removeDeadStores(c, successors, &rounds) || removeWriteOnlyStructStores(c, &rounds) {}
        RefCounts.compute(c)
    }

    /// What a round of store removal leaves the next one, by block index: a block no round changed
    /// keeps its use/def summary, and needs no new walk while its live-out set stays the same
    /// (the walk is a function of the two). The blocks do not change during the rounds.
    private struct Rounds {
        /// Each block's upward-exposed uses and definitions (nil: not computed since it changed).
        var useDefs: [(use: LocalSet, def: LocalSet)?]
        /// The live-out set each block was last walked with and nothing went (nil: walk it).
        var walkedWith: [LocalSet?]

        init(blockCount: Int) {
            useDefs = Array(repeating: nil, count: blockCount)
            walkedWith = Array(repeating: nil, count: blockCount)
        }

        /// Block `i`'s statements changed: its summary and walk are out of date.
        mutating func changed(_ i: Int) {
            useDefs[i] = nil
            walkedWith[i] = nil
        }
    }

    /// Removes the stores to struct locals that are written but never read: zeroing and copies
    /// into them (STORE_BLK) and field stores (STOREIND through their address); true if any went.
    private static func removeWriteOnlyStructStores(_ c: Compiler, _ rounds: inout Rounds) -> Bool {
        func candidate(_ v: LocalVar) -> Bool { v.type == .struct && !v.isParam && v.num != c.retBufLocal }
        // Most methods have no struct local whose stores could go: skip the walks over their trees.
        guard c.locals.contains(where: candidate) else { return false }
        var writeAddresses = Set<ObjectIdentifier>()
        func destination(_ n: Node) -> Int? {
            guard n.oper == .storeBlk || n.oper == .storeInd, let a = n.operands.first,
                  let (v, _) = StructAccess.local(a) else { return nil }
            return v
        }
        for b in c.blocks {
            for s in b.statements {
                s.root.forEachPostOrder { n in
                    guard destination(n) != nil, let a = n.operands.first else { return }
                    writeAddresses.insert(ObjectIdentifier(a))
                    if a.oper == .add, let base = a.operands.first { writeAddresses.insert(ObjectIdentifier(base)) }
                }
            }
        }
        var read = Set<Int>()
        for b in c.blocks {
            for s in b.statements {
                s.root.forEachPostOrder { n in
                    if n.oper == .lclVar { read.insert(n.lclNum) }
                    if n.oper == .lclAddr, !writeAddresses.contains(ObjectIdentifier(n)) { read.insert(n.lclNum) }
                }
            }
        }
        func writeOnly(_ v: Int) -> Bool {
            v >= 0 && v < c.locals.count && candidate(c.locals[v]) && !read.contains(v)
        }
        var changed = false
        for (i, b) in c.blocks.enumerated() {
            var kept: [Statement] = []
            for stmt in b.statements {
                guard let v = destination(stmt.root), writeOnly(v) else {
                    kept.append(stmt)
                    continue
                }
                changed = true
                rounds.changed(i)
                // The stored value may still have to be computed (a call).
                if stmt.root.oper == .storeInd, let value = stmt.root.operands.last, value.hasSideEffects {
                    stmt.root = value
                    kept.append(stmt)
                }
            }
            b.statements = kept
        }
        return changed
    }

    /// One round of liveness and dead-store removal; true if something was removed.
    private static func removeDeadStores(_ c: Compiler, _ successors: SuccessorTable, _ rounds: inout Rounds) -> Bool {
        for (i, b) in c.blocks.enumerated() where rounds.useDefs[i] == nil { rounds.useDefs[i] = useDef(b) }
        let liveness = Liveness(c, successors: successors, useDefs: rounds.useDefs.map { $0! })
        var changed = false
        for (i, block) in c.blocks.enumerated() {
            let liveOut = liveness.liveOut(index: i)
            if let walked = rounds.walkedWith[i], walked == liveOut { continue }
            rounds.walkedWith[i] = liveOut
            var live = liveOut
            // The positions of the statements that go, last first (the array is rebuilt only when some do).
            var removed: [Int] = []
            for j in block.statements.indices.reversed() {
                let stmt = block.statements[j]
                let root = stmt.root
                if root.oper == .storeLclVar, !live.contains(root.lclNum), !c.locals[root.lclNum].addressExposed,
                   root.asyncSite == nil {
                    changed = true
                    rounds.changed(i)
                    guard let value = root.operands.first, value.hasSideEffects else {
                        removed.append(j)
                        continue
                    }
                    stmt.root = value
                } else if root.isValue, !root.hasSideEffects {
                    changed = true
                    rounds.changed(i)
                    removed.append(j)
                    continue
                }
                update(&live, with: stmt.root)
            }
            for j in removed { block.statements.remove(at: j) }
        }
        return changed
    }

    /// A block's upward-exposed uses and definitions over its HIR statements: a read of a local or
    /// of its address is a use, a store a definition.
    private static func useDef(_ b: BasicBlock) -> (use: LocalSet, def: LocalSet) {
        var use = LocalSet(), def = LocalSet()
        for s in b.statements {
            s.root.forEachPostOrder { n in
                if n.oper == .lclVar || n.oper == .lclAddr, !def.contains(n.lclNum) { use.insert(n.lclNum) }
                if n.oper == .storeLclVar { def.insert(n.lclNum) }
            }
        }
        return (use, def)
    }

    /// Steps `live` backward over one statement tree.
    private static func update(_ live: inout LocalSet, with root: Node) {
        root.forEachReversePostOrder { n in
            if n.oper == .storeLclVar { live.remove(n.lclNum) }
            if n.oper == .lclVar || n.oper == .lclAddr { live.insert(n.lclNum) }
        }
    }
}
