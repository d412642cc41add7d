import Diagnostics

/// Copy propagation (knob JitDoCopyProp): after `V = W`, uses of V read W instead.
///
/// A forward "available copies" problem: a copy (V, W) is available at a point
/// when every path there stores W into V and neither V nor W is stored again.
/// Copies are recorded with their source already resolved (after `V = W; X = V`
/// the copy is (X, W)), so one rewrite step is always enough. Dead-code
/// elimination then removes the stores that no longer have readers.
enum CopyProp {
    /// Available copies: the source local of each destination local, by local number (-1: no copy).
    /// The solver's nil state stands for "every copy" (not yet reached).
    typealias Copies = [Int]

    static func run(_ c: Compiler) throws {
        // A method where no store copies one local into another has no copy to propagate (about
        // half of them): the solver's walks would record none, and the rewrite walk change nothing.
        guard hasCopy(c) else { return }
        let entry = Copies(repeating: -1, count: c.locals.count)
        // Every local some state has recorded as a copy's source: a store to any other local ends
        // no copy out of it, and needs no search of the state for one.
        var sources = LocalSet()
        // Whether the solver walked the blocks (it does not for a method of one block).
        var solved = false
        // Whether a read in the block has a copy to use, by layout index, as the solver's last walk
        // over the block found: that walk starts from the in-state the solver returns, and the
        // rewrite walk is the same walk up to its first rewrite, so a block where it found none is
        // left as it is. (True for a block the solver did not walk.)
        let layout = c.layoutIndexTable
        var readsCopies = [Bool](repeating: true, count: c.blocks.count)
        let inStates = ForwardDataflow.solve(c, entry: entry, meet: intersect, transfer: { block, state in
            solved = true
            var found = false
            for stmt in block.statements { transfer(stmt.root, &state, &sources, c, rewrite: false, found: &found) }
            readsCopies[layout[block.id]] = found
        })
        // The walks recorded no copy: no state has one, and the rewrite walk would find none to use.
        if solved && sources.isEmpty { return }
        var found = false
        for (i, block) in c.blocks.enumerated() {
            guard readsCopies[i], var state = inStates[i] else { continue }
            for stmt in block.statements { transfer(stmt.root, &state, &sources, c, rewrite: true, found: &found) }
        }
    }

    /// Keeps in `a` only the copies `b` has too.
    private static func intersect(_ a: inout Copies, _ b: Copies) {
        for v in a.indices where a[v] >= 0 && a[v] != b[v] { a[v] = -1 }
    }

    /// Walks a tree in execution order: resolves reads through available copies (rewriting them
    /// when `rewrite` is set) and updates the copies at stores; `sources` collects the copies' sources,
    /// and `found` is set when a read has a copy available.
    private static func transfer(_ n: Node, _ copies: inout Copies, _ sources: inout LocalSet, _ c: Compiler,
                                 rewrite: Bool, found: inout Bool) {
        for i in n.operands.indices {
            n.withOperand(i) { transfer($0, &copies, &sources, c, rewrite: rewrite, found: &found) }
        }
        switch n.oper {
        case .lclVar:
            if let source = copy(of: n.lclNum, copies) {
                found = true
                guard rewrite else { break }
                n.lclNum = source
                n.type = c.locals[source].type.actualType
            }
        case .storeLclVar:
            let dst = n.lclNum
            // The store ends the copies into `dst` and out of it.
            if copy(of: dst, copies) != nil { copies[dst] = -1 }
            if dst >= 0, sources.contains(dst) {
                for v in copies.indices where copies[v] == dst { copies[v] = -1 }
            }
            if let value = n.operands.first, value.oper == .lclVar {
                let src = copy(of: value.lclNum, copies) ?? value.lclNum
                if isCopy(into: dst, from: src, c) {
                    copies[dst] = src
                    sources.insert(src)
                }
            }
        default:
            break
        }
    }

    /// Whether a store of local `src` into local `dst` is a copy the pass records.
    private static func isCopy(into dst: Int, from src: Int, _ c: Compiler) -> Bool {
        src != dst && src < c.locals.count && dst < c.locals.count
            && !c.locals[src].addressExposed && !c.locals[dst].addressExposed && c.locals[dst].type != .struct
            && c.locals[src].type.actualType == c.locals[dst].type.actualType
            && (!c.locals[dst].type.isSmall || c.locals[dst].type == c.locals[src].type)
    }

    /// Whether some tree of the method stores a local into another as a copy (`isCopy`). With
    /// none, no walk of `transfer` records a copy: the first it records needs one, its source not
    /// yet resolved through another copy.
    private static func hasCopy(_ c: Compiler) -> Bool {
        for b in c.blocks {
            for s in b.statements {
                let found = s.root.contains { n in
                    guard n.oper == .storeLclVar, let value = n.operands.first, value.oper == .lclVar else { return false }
                    return isCopy(into: n.lclNum, from: value.lclNum, c)
                }
                if found { return true }
            }
        }
        return false
    }

    /// The source of the copy available into local `v`, if any.
    private static func copy(of v: Int, _ copies: Copies) -> Int? {
        v >= 0 && v < copies.count && copies[v] >= 0 ? copies[v] : nil
    }
}
