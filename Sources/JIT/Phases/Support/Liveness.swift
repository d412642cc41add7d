/// Live-variable analysis over the blocks of a method (backward dataflow on locals).
///
/// Shared by LSRA (register candidates over the LIR), the prolog's zeroing of `.locals init`
/// locals, the async transformation (what a continuation saves) and dead-store removal (HIR
/// statements): each gives its own per-block use/def sets, the fixed point is computed here once.
///
/// The sets are rows of one flat bit matrix (`width` words per block), so the fixed-point
/// iteration updates them in place without building a set per block and step.
struct Liveness {
    /// Words per block in the tables: enough for every local some block uses (nothing else is live).
    private let width: Int
    private var liveInWords: [UInt64]
    private var liveOutWords: [UInt64]
    /// The compiler whose layout (`layoutIndex(of:)`) the sets are indexed by.
    private let c: Compiler

    /// Locals live on entry to `b`.
    func liveIn(_ b: BasicBlock) -> LocalSet { c.layoutIndex(of: b).map { row(liveInWords, $0) } ?? LocalSet() }
    /// Locals live on exit from `b`.
    func liveOut(_ b: BasicBlock) -> LocalSet { c.layoutIndex(of: b).map { row(liveOutWords, $0) } ?? LocalSet() }
    /// Locals live on exit from the block at layout index `i`.
    func liveOut(index i: Int) -> LocalSet { row(liveOutWords, i) }
    /// `liveOut(index:)` written into `set`, reusing its storage (LSRA asks for every block's set in
    /// turn: one set for all of them instead of an array per block).
    func liveOut(index i: Int, into set: inout LocalSet) { set.assign(liveOutWords[i * width ..< (i + 1) * width]) }

    private func row(_ table: [UInt64], _ i: Int) -> LocalSet { LocalSet(words: table[i * width ..< (i + 1) * width]) }

    /// Computes live-in/live-out from each block's upward-exposed uses and its definitions.
    ///
    /// Iterates in reverse layout order from empty sets until nothing changes, so the result
    /// is the least fixed point whatever the use/def sets are.
    init(_ c: Compiler, useDef: (BasicBlock) -> (use: LocalSet, def: LocalSet)) {
        self.init(c, successors: c.successorTable, useDefs: c.blocks.map(useDef))
    }

    /// Computes live-in/live-out from the use/def sets of the blocks, by layout index;
    /// `successors` is the table of the current flow graph.
    init(_ c: Compiler, successors: SuccessorTable, useDefs: [(use: LocalSet, def: LocalSet)]) {
        let width = useDefs.reduce(0) { max($0, $1.use.words.count) }
        // The use and def rows, truncated or padded to `width` words.
        var use = [UInt64](repeating: 0, count: c.blocks.count * width)
        var def = use
        for (i, ud) in useDefs.enumerated() {
            for (w, bits) in ud.use.words.enumerated() { use[i * width + w] = bits }
            for (w, bits) in ud.def.words.prefix(width).enumerated() { def[i * width + w] = bits }
        }
        self.init(c, successors: successors, width: width, useRows: use, defRows: def)
    }

    /// Computes live-in/live-out from the use/def sets of the blocks given as rows of `width`
    /// words, row i for the block at layout index i (bit `v & 63` of word `v >> 6` for local v),
    /// as `useRows` and `defRows` are laid out. LSRA writes its sets straight into such rows:
    /// no set per block, and no array of (use, def) pairs to build and destroy.
    init(_ c: Compiler, successors: SuccessorTable, width: Int, useRows use: [UInt64], defRows def: [UInt64]) {
        self.c = c
        let blocks = c.blocks
        self.width = width
        var liveIn = [UInt64](repeating: 0, count: use.count)
        var liveOut = liveIn
        var changed = true
        while changed {
            changed = false
            for i in blocks.indices.reversed() {
                let row = i * width
                for w in 0..<width {
                    var out: UInt64 = 0
                    for s in successors[i] { out |= liveIn[s * width + w] }
                    let inn = (out & ~def[row + w]) | use[row + w]
                    if out != liveOut[row + w] || inn != liveIn[row + w] {
                        liveOut[row + w] = out
                        liveIn[row + w] = inn
                        changed = true
                    }
                }
            }
        }
        liveInWords = liveIn
        liveOutWords = liveOut
    }
}
