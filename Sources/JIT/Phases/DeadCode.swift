import Diagnostics

/// Dead-code elimination (knob JitDoDeadCode): unreachable blocks, dead stores, unused pure values.
///
/// Branches constant propagation proved go one way are folded first, so that the code
/// they skip is unreachable and goes. Then backward liveness over locals; a store to a
/// local that is not live after it is removed, keeping its value as a statement when the
/// value has side effects (a call still has to happen). A struct local nothing reads any
/// more (its fields were propagated as constants) loses its stores too. Repeats until
/// nothing changes, since removing one store can make the stores feeding it dead.
/// Recomputes reference counts: counted by the first round's walk, less what the rounds remove.
enum DeadCode {
    static func run(_ c: Compiler) throws {
        FlowGraph.foldConstantJumps(c)
        FlowGraph.removeUnreachable(c)
        // The rounds change statements, not the flow graph: one successor table serves them all.
        let successors = c.successorTable
        var rounds = Rounds(c)
        while removeDeadStores(c, successors, &rounds) || removeWriteOnlyStructStores(c, &rounds) {}
        RefCounts.store(rounds.refCounts, c)
    }

    /// What a round of store removal leaves the next one, by block index: a block no round changed
    /// keeps its use/def summary, and needs no new walk while its live-out set stays the same
    /// (the walk is a function of the two). The blocks do not change during the rounds.
    ///
    /// The sets are rows of flat bit tables, `width` words per block (bit `v & 63` of word `v >> 6`
    /// for local v), as `Liveness` takes them: no set per block and round.
    private struct Rounds {
        /// Words per row: one bit for every local.
        let width: Int
        /// Each block's upward-exposed uses and definitions.
        var useRows: [UInt64]
        var defRows: [UInt64]
        /// Whether block i's use/def rows are up to date (false: not computed since it changed).
        var summarized: [Bool]
        /// The live-out set each block was last walked with and nothing went, valid where `walked` is set.
        var walkedRows: [UInt64]
        var walked: [Bool]
        /// The locals' reference counts (`RefCounts`) over the statements as they are now: the first
        /// summary of each block counts its references, and each removal takes its own away.
        var refCounts: [Int]
        /// Whether block i's references are in `refCounts` (they are counted by its first summary only).
        var counted: [Bool]
        /// Each statement's definitions and upward-exposed uses (its reads that no store in its tree
        /// precedes), written by its block's summary: the backward walk steps the live set over a
        /// statement with them instead of walking its tree again. Statement k of block i has the
        /// definitions row `2 * (statementStart[i] + k)` and the uses row after it. Blocks only lose
        /// statements during the rounds, so the rows laid out for their first statements suffice.
        var statementRows: [UInt64]
        let statementStart: [Int]

        init(_ c: Compiler) {
            let blockCount = c.blocks.count, localCount = c.locals.count
            width = (localCount + 63) >> 6
            useRows = [UInt64](repeating: 0, count: blockCount * width)
            defRows = useRows
            walkedRows = useRows
            summarized = [Bool](repeating: false, count: blockCount)
            walked = summarized
            counted = summarized
            refCounts = [Int](repeating: 0, count: localCount)
            var start = [Int](repeating: 0, count: blockCount + 1)
            for (i, b) in c.blocks.enumerated() { start[i + 1] = start[i] + b.statements.count }
            statementStart = start
            statementRows = [UInt64](repeating: 0, count: 2 * width * start[blockCount])
        }

        /// The first word of the definitions row of statement `k` of block `i` (its uses row follows).
        func statementRow(_ i: Int, _ k: Int) -> Int { 2 * width * (statementStart[i] + k) }

        /// Takes the references of `root`'s tree out of `refCounts`, except those of the subtree
        /// `kept` (the value a removed store leaves as the statement).
        mutating func uncount(_ root: Node, keeping kept: Node? = nil) {
            if root === kept { return }
            for i in root.operands.indices { root.withOperand(i) { uncount($0, keeping: kept) } }
            if (root.oper == .lclVar || root.oper == .storeLclVar), root.lclNum >= 0, root.lclNum < refCounts.count {
                refCounts[root.lclNum] -= 1
            }
        }

        /// Block `i`'s statements changed: its summary and walk are out of date.
        mutating func changed(_ i: Int) {
            summarized[i] = false
            walked[i] = false
        }

        /// Whether block `i` was last walked with the live-out set `live` (of `width` words).
        func wasWalked(_ i: Int, with live: LocalSet) -> Bool {
            guard walked[i] else { return false }
            let row = i * width
            for w in 0..<width where walkedRows[row + w] != live.words[w] { return false }
            return true
        }

        /// Records that block `i` was walked with `live` (of `width` words).
        mutating func walk(_ i: Int, with live: LocalSet) {
            walked[i] = true
            let row = i * width
            for w in 0..<width { walkedRows[row + w] = live.words[w] }
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
                    rounds.uncount(stmt.root, keeping: value)
                    stmt.root = value
                    kept.append(stmt)
                } else {
                    rounds.uncount(stmt.root)
                }
            }
            b.statements = kept
        }
        return changed
    }

    /// One round of liveness and dead-store removal; true if something was removed.
    private static func removeDeadStores(_ c: Compiler, _ successors: SuccessorTable, _ rounds: inout Rounds) -> Bool {
        for i in c.blocks.indices where !rounds.summarized[i] { summarize(c.blocks[i], i, &rounds) }
        let liveness = Liveness(c, successors: successors, width: rounds.width,
                                useRows: rounds.useRows, defRows: rounds.defRows)
        var changed = false
        // One set for every block's walk, refilled with the block's live-out set.
        var live = LocalSet()
        for (i, block) in c.blocks.enumerated() {
            liveness.liveOut(index: i, into: &live)
            if rounds.wasWalked(i, with: live) { continue }
            rounds.walk(i, with: live)
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
                        rounds.uncount(root)
                        removed.append(j)
                        continue
                    }
                    rounds.uncount(root, keeping: value)
                    stmt.root = value
                } else if root.isValue, !root.hasSideEffects {
                    changed = true
                    rounds.changed(i)
                    rounds.uncount(root)
                    removed.append(j)
                    continue
                }
                // A store that went for its value leaves the same step: its local was not live.
                let row = rounds.statementRow(i, j)
                live.stepBackward(defs: rounds.statementRows[row ..< row + rounds.width],
                                  uses: rounds.statementRows[row + rounds.width ..< row + 2 * rounds.width])
            }
            for j in removed { block.statements.remove(at: j) }
        }
        return changed
    }

    /// Writes block `i`'s upward-exposed uses and definitions over its HIR statements into its rows
    /// of `rounds`, and each statement's into its statement rows: a read of a local or of its
    /// address is a use, a store a definition. The first summary of a block also counts its
    /// references (LCL_VAR, STORE_LCL_VAR) in `refCounts`.
    private static func summarize(_ b: BasicBlock, _ i: Int, _ rounds: inout Rounds) {
        let row = i * rounds.width, width = rounds.width
        for w in 0..<width {
            rounds.useRows[row + w] = 0
            rounds.defRows[row + w] = 0
        }
        let counting = !rounds.counted[i]
        rounds.counted[i] = true
        for (k, s) in b.statements.enumerated() {
            let defs = rounds.statementRow(i, k), uses = defs + width
            for w in 0..<2 * width { rounds.statementRows[defs + w] = 0 }
            s.root.forEachPostOrder { n in
                let v = n.lclNum
                guard v >= 0, v < rounds.refCounts.count else { return }
                if counting, n.oper == .lclVar || n.oper == .storeLclVar { rounds.refCounts[v] += 1 }
                let w = v >> 6, bit: UInt64 = 1 << UInt64(v & 63)
                if n.oper == .lclVar || n.oper == .lclAddr {
                    if rounds.defRows[row + w] & bit == 0 { rounds.useRows[row + w] |= bit }
                    if rounds.statementRows[defs + w] & bit == 0 { rounds.statementRows[uses + w] |= bit }
                }
                if n.oper == .storeLclVar {
                    rounds.defRows[row + w] |= bit
                    rounds.statementRows[defs + w] |= bit
                }
            }
        }
        rounds.summarized[i] = true
    }
}
