import Diagnostics
import IL

/// Imports the blocks of one method: the evaluation stack, statement appending and spilling.
///
/// Blocks are imported in a worklist order starting at the entry (as RyuJIT's
/// impImport does), so that a block's entry stack is known before it is imported:
/// a block entered with values on the stack reads them from the spill temps its
/// predecessors stored them into (RyuJIT's bbStkTempsIn/bbStkTempsOut).
final class BlockImporter {
    let c: Compiler
    let layout: BlockLayout
    /// Spill temps each block starts with, by block index; nil while the entry state is unknown.
    var entryTemps: [[Int]?]
    /// The evaluation stack of the block being imported.
    var stack: [Node] = []
    /// The block being imported.
    var block: BasicBlock
    /// The layout index of `block` (its index in `Compiler.blocks`).
    var blockIndex = 0
    /// `Compiler.layoutIndexTable`, read once: the blocks do not change while they are imported.
    private let layoutIndexes: [Int]
    /// IL offset where the statement being built started (the stack was last empty there).
    var statementStart: Int?
    /// The instructions imported (`Compiler.ilBody`, read once).
    let body: [Instruction]
    /// The index in `body` of the instruction being imported.
    var currentIndex = 0
    /// The IL offset of the instruction being imported, stored apart: every node it makes is stamped
    /// with it, and reading it through `current` copied the whole instruction each time.
    var currentOffset: Int
    /// The instruction being imported (read in place: storing a copy per instruction retained all its fields).
    var current: Instruction { body[currentIndex] }
    /// Instructions after the current one that an idiom consumed (the await pattern), still to skip.
    var skip = 0
    /// Runtime async: the await being imported (set by the pattern match for the call it rewrites).
    var pendingAwait: (kind: AsyncSite.Kind, mode: AsyncSite.ContinuationMode)?
    /// Runtime async: the last call of an async variant from a non-async method (for AsyncCallContinuation).
    var lastAsyncCall: Node?
    /// Seed 001: the next `ret` of an async version returns a tail-awaited call's result as it is.
    var returnsAwaitedResult = false

    init(_ c: Compiler, _ layout: BlockLayout) {
        self.c = c
        self.layout = layout
        self.entryTemps = Array(repeating: nil, count: layout.ranges.count)
        self.block = c.blocks[0]
        self.layoutIndexes = c.layoutIndexTable
        self.body = c.ilBody
        self.currentOffset = body.first?.offset ?? 0
    }

    /// Imports every block: reachable ones in worklist order (lowest block first among those whose
    /// entry stack is known), then any unreachable ones with an empty stack.
    func importAll() throws {
        var done = [Bool](repeating: false, count: c.blocks.count)
        entryTemps[0] = []
        var worklist = [0]
        while true {
            if worklist.isEmpty {
                guard let next = done.firstIndex(of: false) else { break }
                if entryTemps[next] == nil { entryTemps[next] = [] }
                worklist.append(next)
            }
            // The lowest pending block first: ids then follow layout order in the common cases.
            let pick = worklist.indices.min { worklist[$0] < worklist[$1] } ?? 0
            let b = worklist.remove(at: pick)
            if done[b] { continue }
            done[b] = true
            try importBlock(b)
            forEachSuccessorIndex(ofBlockAt: b) { i in
                if !done[i], !worklist.contains(i) { worklist.append(i) }
            }
        }
    }

    /// Calls `visit` with the layout index of each successor of block `b` that is in the layout, in
    /// the order of `Compiler.successors(of:)` and without its duplicates, but without building
    /// that array: the importer asks at every block end, and the one- or two-element arrays were a
    /// visible share of importing. (A `switch`, with its many targets, still asks `successors`.)
    private func forEachSuccessorIndex(ofBlockAt b: Int, _ visit: (Int) throws -> Void) rethrows {
        let blocks = c.blocks
        let block = blocks[b]
        let next = b + 1 < blocks.count ? blocks[b + 1] : nil
        switch block.kind {
        case .fallthrough_:
            if next != nil { try visit(b + 1) }
        case .always:
            if let t = block.target, let i = c.layoutIndex(of: t, in: layoutIndexes) { try visit(i) }
        case .cond:
            let t = block.target
            if let t, let i = c.layoutIndex(of: t, in: layoutIndexes) { try visit(i) }
            if let f = block.falseTarget ?? next, f !== t, let i = c.layoutIndex(of: f, in: layoutIndexes) { try visit(i) }
        case .switch_:
            for s in c.successors(of: block) { if let i = c.layoutIndex(of: s, in: layoutIndexes) { try visit(i) } }
        case .ret, .throw_:
            break
        }
    }

    private func importBlock(_ b: Int) throws {
        block = c.blocks[b]
        blockIndex = b
        stack = (entryTemps[b] ?? []).map { c.localRead($0) }
        statementStart = nil
        for i in layout.ranges[b] {
            if skip > 0 {
                skip -= 1
                continue
            }
            currentIndex = i
            currentOffset = body[i].offset
            if stack.isEmpty || statementStart == nil { statementStart = currentOffset }
            try importInstruction()
        }
        if block.kind == .fallthrough_ { try spillStackAtBlockEnd() }
    }

    // MARK: the stack

    func push(_ n: Node) { stack.append(n) }

    /// Pops `count` values (returned in push order), or throws a stack-underflow diagnostic.
    func pop(_ count: Int) throws -> [Node] {
        guard stack.count >= count else { throw underflow(needing: count) }
        let values = Array(stack.suffix(count))
        stack.removeLast(count)
        return values
    }

    /// Pops one value without building an array (most instructions pop one at a time).
    func pop() throws -> Node {
        guard let value = stack.popLast() else { throw underflow(needing: 1) }
        return value
    }

    /// Pops two values (in push order) without building an array (the binary operators and compares).
    func pop2() throws -> (Node, Node) {
        guard stack.count >= 2 else { throw underflow(needing: 2) }
        let b = stack.removeLast()
        return (stack.removeLast(), b)
    }

    /// The stack-underflow diagnostic for the current instruction needing `count` values.
    private func underflow(needing count: Int) -> Diagnostic {
        let what = count == 1 ? "1 value" : "\(count) values"
        return Diagnostic(.invalidIL, at: current.location,
                          "IL stack underflow: '\(current.opcode.rawValue)' needs \(what), the stack has \(stack.count)")
    }

    // MARK: nodes and statements

    /// Makes a node stamped with the current instruction's IL offset.
    func node(_ oper: Oper, _ type: VarType, _ operands: [Node] = [], flags: NodeFlags = []) -> Node {
        let n = c.node(oper, type, operands, flags: flags)
        n.ilOffset = currentOffset
        return n
    }

    /// Appends a statement to the current block.
    func append(_ root: Node) {
        let s = c.statement(root, ilOffset: statementStart ?? currentOffset)
        s.ilLastOffset = currentOffset
        block.statements.append(s)
    }

    /// Appends a statement with side effects, first spilling pending stack entries that have
    /// side effects of their own so they keep their IL order (RyuJIT impSpillSideEffects).
    func appendWithSideEffects(_ root: Node) {
        spill(where: { $0.hasSideEffects }, reason: "spill side effect")
        append(root)
    }

    /// Replaces every stack entry matching `predicate` by a read of a new temp it is stored into.
    func spill(where predicate: (Node) -> Bool, reason: String) {
        for i in stack.indices where predicate(stack[i]) {
            let temp = c.newTemp(stack[i].type, reason: reason)
            append(c.localStore(temp, stack[i]))
            stack[i] = readTemp(temp)
        }
    }

    func readTemp(_ num: Int) -> Node {
        let n = c.localRead(num)
        n.ilOffset = currentOffset
        return n
    }

    /// Stores `value` into local `num`: spills stack entries that read the local first
    /// (RyuJIT impSpillLclRefs), normalizes the value to the local's type, appends the store.
    func store(_ value: Node, to num: Int) {
        spill(where: { $0.reads(local: num) }, reason: "spill local ref")
        let v = coerce(value, to: c.locals[num].type)
        let st = c.localStore(num, v)
        st.ilOffset = currentOffset
        appendWithSideEffects(st)
    }

    // MARK: block ends

    /// Stores what is left on the stack into the spill temps of the block's successors,
    /// allocating one temp per stack slot for all of them when none has temps yet.
    func spillStackAtBlockEnd() throws {
        if stack.isEmpty {
            try endBlockWithEmptyStack()
            return
        }
        var temps: [Int]? = nil
        forEachSuccessorIndex(ofBlockAt: blockIndex) { s in
            if temps == nil, let t = entryTemps[s] { temps = t }
        }
        let chosen = temps ?? stack.map { c.newTemp($0.type, reason: "spill stack") }
        guard chosen.count == stack.count else { throw joinDepthMismatch(chosen.count) }
        for (i, n) in stack.enumerated() where c.locals[chosen[i]].type != n.type {
            throw Diagnostic(.invalidIL, at: current.location,
                             "IL stack slot \(i) has type \(n.type) here but \(c.locals[chosen[i]].type) where control joins")
        }
        try forEachSuccessorIndex(ofBlockAt: blockIndex) { s in
            if let t = entryTemps[s], t != chosen { throw unsupportedJoin() }
            entryTemps[s] = chosen
        }
        for (i, n) in stack.enumerated() where !(n.oper == .lclVar && n.lclNum == chosen[i]) {
            let st = c.localStore(chosen[i], n)
            st.ilOffset = currentOffset
            append(st)
        }
        stack = []
    }

    /// `spillStackAtBlockEnd` for an empty stack (most block ends): the successors start empty, in one
    /// pass over them instead of two. The diagnostics are the general path's: the first successor
    /// whose entry is known decides the depth, and a later one entered with other temps is an
    /// unsupported join. (`forEachSuccessorIndex` visits each successor once.)
    private func endBlockWithEmptyStack() throws {
        var known = false
        try forEachSuccessorIndex(ofBlockAt: blockIndex) { s in
            if let t = entryTemps[s] {
                if !t.isEmpty { throw known ? unsupportedJoin() : joinDepthMismatch(t.count) }
                known = true
            }
            entryTemps[s] = []
        }
    }

    /// The stack here has another depth than the `joined` values a successor is entered with.
    private func joinDepthMismatch(_ joined: Int) -> Diagnostic {
        Diagnostic(.invalidIL, at: current.location,
                   "the IL stack has \(stack.count) value\(stack.count == 1 ? "" : "s") at the end of this block, but \(joined) where control joins")
    }

    /// Successors entered with different spill temps (the model importer keeps one set per block).
    private func unsupportedJoin() -> Diagnostic {
        Diagnostic(.unsupported, at: current.location, "values on the IL stack across this join are not supported yet")
    }

    // MARK: type adjustments

    /// Converts a stack value to the storage type `type` (widening, truncating, or narrowing to a small type).
    func coerce(_ value: Node, to type: VarType) -> Node {
        // F on the stack stores into a float32 or float64 location with a conversion (ECMA-335 III.1.1.1).
        if type.isFloating && value.type.isFloating { return floatCast(value, type) }
        if type.isSmall {
            let cast = node(.cast, .int, [value])
            cast.castType = type
            return cast
        }
        if type.actualType == .long && value.type == .int { return widen(value) }
        if type.actualType == .int && value.type == .long {
            let cast = node(.cast, .int, [value])
            cast.castType = .int
            return cast
        }
        return value
    }

    /// Sign-extends an int32 to long (int32 op native int, ECMA-335 III.1.5).
    func widen(_ value: Node) -> Node {
        guard value.type == .int else { return value }
        let cast = node(.cast, .long, [value])
        cast.castType = .long
        return cast
    }

    /// Widens the int operand of a mixed int/long pair.
    func balance(_ a: Node, _ b: Node) -> (Node, Node) {
        if a.type == b.type { return (a, b) }
        return (widen(a), widen(b))
    }
}
