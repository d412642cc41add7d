/// A lifetime to allocate: a local's whole life, or one LIR value from its definition to its use.
///
/// Positions number the LIR linearly: node k (1-based over all blocks in layout
/// order) reads its operands at 2k and writes its result at 2k+1; position 0
/// is method entry, where parameters arrive. Ranges are closed: two intervals
/// conflict when their [start, end] ranges overlap.
///
/// A value type: an `IntervalSet` stores a method's intervals in one array and everything else
/// (hints, register occupants, spills) names an interval by its index there, so passing one
/// around costs no reference counting. The owner is kept as a node id, not the node itself.
struct Interval {
    enum Owner {
        case local(Int)
        /// The value node, by id.
        case node(Int)
    }

    /// The id of the value node whose lifetime this is (-1 for a local's).
    let nodeID: Int
    /// The local whose lifetime this is (-1 for a value's).
    let local: Int
    /// The id of the CALL whose second result this value is (`callResult2`; -1 otherwise): the
    /// call's clobbers do not conflict with it, like the node's own.
    var pairedCallID = -1
    /// Whose lifetime this is.
    var owner: Owner { nodeID >= 0 ? .node(nodeID) : .local(local) }
    /// Lowering's fixed register requirement (precolored interval).
    var fixedReg: RegNum?
    /// Preferred register (copy coalescing, argument and return registers).
    var hint: RegNum?
    /// Index of the interval this one would like to share a register with (its value flows from
    /// there), or -1.
    var hintFrom = -1
    /// Register assigned, or nil if spilled.
    var reg: RegNum?
    /// The register class: true for float32/float64 values, which get xmm / v registers.
    let floating: Bool

    /// Where the first range starts and the last one ends (the allocator's overlap tests look at
    /// them first). `end < start` while the interval has no range.
    private(set) var start: Int
    private(set) var end: Int
    /// Every range, once there are two or more (a local with holes); empty while the interval is
    /// at most the one range `start...end`, as a value's always is, so values need no array.
    private var several: [ClosedRange<Int>] = []

    /// Disjoint closed ranges in increasing order; a local's lifetime has holes where it is dead.
    var ranges: [ClosedRange<Int>] {
        if !several.isEmpty { return several }
        return start <= end ? [start...end] : []
    }

    private var rangeCount: Int { several.isEmpty ? (start <= end ? 1 : 0) : several.count }
    private func range(_ i: Int) -> ClosedRange<Int> { several.isEmpty ? start...end : several[i] }

    init(_ owner: Owner, start: Int, end: Int, floating: Bool = false, fixedReg: RegNum? = nil, pairedCallID: Int = -1) {
        (nodeID, local) = Self.split(owner)
        self.start = start
        self.end = end
        self.floating = floating
        self.fixedReg = fixedReg
        self.pairedCallID = pairedCallID
    }

    /// An interval with no ranges yet (a local whose ranges are added by the liveness walk).
    init(_ owner: Owner, floating: Bool = false) {
        self.init(owner, start: 0, end: -1, floating: floating)
    }

    /// `owner` as the stored `nodeID` and `local`.
    private static func split(_ owner: Owner) -> (Int, Int) {
        switch owner {
        case .local(let v): (-1, v)
        case .node(let id): (id, -1)
        }
    }

    /// Ends a value's one range at `e`, its use (found after the definition made the interval).
    mutating func end(at e: Int) { end = e }

    /// Adds `[s, e]`, merging with touching or overlapping ranges.
    mutating func add(_ s: Int, _ e: Int) {
        if several.isEmpty {
            if start > end {
                (start, end) = (s, e)
                return
            }
            if end + 1 >= s && start <= e + 1 {
                (start, end) = (min(start, s), max(end, e))
                return
            }
            // Room for a few holes before the array grows.
            several.reserveCapacity(4)
            several.append(start...end)
        }
        // The ranges are sorted and never touch, so the ones `[s, e]` meets are consecutive:
        // replace them by their union in place.
        var lo = s, hi = e
        var first = 0
        while first < several.count && several[first].upperBound + 1 < lo { first += 1 }
        var last = first
        while last < several.count && several[last].lowerBound <= hi + 1 {
            lo = min(lo, several[last].lowerBound)
            hi = max(hi, several[last].upperBound)
            last += 1
        }
        // (Shifting by hand: `insert` and `removeSubrange` go through the general `replaceSubrange`.)
        if first < last {
            several[first] = lo...hi
            // Close the gap the other merged ranges leave.
            let merged = last - first - 1
            if merged > 0 {
                for i in last ..< several.count { several[i - merged] = several[i] }
                for _ in 0 ..< merged { several.removeLast() }
            }
        } else {
            // Open a slot at `first`.
            several.append(lo...hi)
            var i = several.count - 1
            while i > first {
                several.swapAt(i, i - 1)
                i -= 1
            }
        }
        start = several[0].lowerBound
        end = several[several.count - 1].upperBound
    }

    /// Starts the range containing `p` at `p`: a definition, the local is dead just before it.
    mutating func shortenFirst(to p: Int) {
        if several.isEmpty {
            if start <= p && p <= end { start = p }
            return
        }
        guard let i = several.firstIndex(where: { $0.contains(p) || $0.lowerBound >= p }) else { return }
        if several[i].contains(p) { several[i] = p...several[i].upperBound }
        start = several[0].lowerBound
    }

    func overlaps(_ s: Int, _ e: Int) -> Bool {
        guard start <= end, s <= end && start <= e else { return false }
        return several.count <= 1 || several.contains { $0.lowerBound <= e && s <= $0.upperBound }
    }

    func overlaps(_ other: Interval) -> Bool {
        guard start <= end, other.start <= other.end, other.start <= end && start <= other.end else { return false }
        if several.count <= 1 && other.several.count <= 1 { return true }
        var i = 0, j = 0
        let m = rangeCount, n = other.rangeCount
        while i < m && j < n {
            let a = range(i), b = other.range(j)
            if a.lowerBound <= b.upperBound && b.lowerBound <= a.upperBound { return true }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        return false
    }

    /// Short intervals (reloads, copies) are never chosen for spilling.
    var isTiny: Bool { end - start <= 2 }
}

/// A physical register made unavailable over a range: a call's clobber, `cdq`'s write of rdx.
struct FixedRange {
    let reg: RegNum
    let start: Int
    let end: Int
    /// The id of the node whose own result may live in `reg` despite the clobber.
    let owner: Int
}

/// What the interval walk keeps per node id: the node's interval and where its user reads it.
/// One array of these instead of two maps: every array the walk allocates costs a malloc and a
/// metadata lookup per method, a visible share of LSRA's time.
private struct NodeSlot {
    /// The index of the value's interval (-1: none).
    var interval = -1
    /// The use position of the node's user (-1: not used, or not reached yet).
    var usedAt = -1
}

/// A read or write of a register-candidate local, as the lifetime walk needs it.
private struct LocalRef {
    /// The LCL_VAR / STORE_LCL_VAR node's id.
    let node: Int
    let position: Int
    let local: Int
    let isStore: Bool
    /// The read's value must stay live one position past its use (`NodeFlags.delayFree`).
    let delayFree: Bool
}

/// A node that gives a hint, kept by the node walk until the local intervals exist: a value
/// moved into a register (PUTARG_REG, COPY), returned, stored into a local, or the first operand
/// of a two-address result.
private struct HintSite {
    enum Kind { case move, ret, store, twoAddress }
    let kind: Kind
    /// The node's own interval (-1: none).
    let mine: Int
    let position: Int
    /// The node's fixed register requirement.
    let fixedReg: RegNum?
    /// The operand the hint is about: its id, its local if it is a LCL_VAR (else -1), and what
    /// the hints read of it.
    let source: Int
    let sourceLocal: Int
    let sourceFixedReg: RegNum?
    let sourceType: VarType
    let sourceIsCallResult2: Bool
    /// The local a STORE_LCL_VAR writes.
    let local: Int
}

/// How the interval walk treats a local.
private enum Tracking {
    /// Neither allocated nor tracked by the liveness.
    case none
    /// Tracked by the liveness only (an IL local the prolog may have to zero).
    case tracked
    /// A register candidate: tracked, and given an interval.
    case candidate
}

/// The intervals of one method, with the positions they were computed from.
struct IntervalSet {
    /// Every interval: the values' in node order, then the locals'. Other intervals, the register
    /// file and the allocator name them by their index here.
    var intervals: [Interval] = []
    /// The allocation order (indices into `intervals`): fixed registers, then locals, then values,
    /// each by start. Intervals that never got a range are left out.
    private(set) var order: [Int] = []
    var fixed: [FixedRange] = []
    /// Interval index and use position per node id (`interval(ofNode:)`).
    private var nodes: [NodeSlot]
    /// Interval index per register-candidate local, by local number (-1: not a candidate, or never live).
    var byLocal: [Int]
    /// The `.locals init` locals the prolog must zero (`ZeroInit`), from the same liveness.
    var zeroInitLocals: [Int] = []

    /// Builds intervals from the LIR and liveness; `successors` is the table of `c`'s flow graph.
    ///
    /// One walk over the nodes makes the value intervals and the clobbers, and collects what the
    /// rest needs: the liveness's use/def sets, the candidates' references for the local
    /// lifetimes, and the nodes that give hints, which are applied once the locals have intervals.
    /// The walk reads each node's operands through `withOperand` (no retain and release per operand).
    init(_ c: Compiler, successors: SuccessorTable) {
        nodes = [NodeSlot](repeating: NodeSlot(), count: c.ids.node)
        byLocal = [Int](repeating: -1, count: c.locals.count)
        // Per local: a register candidate (which is also tracked), or tracked by the liveness only:
        // the IL locals, for the prolog's zeroing (each local's liveness is its own: tracking more
        // changes nothing for the candidates).
        let tracking = c.locals.indices.map { v -> Tracking in
            c.locals[v].isRegCandidate ? .candidate : ZeroInit.isTracked(v, c) ? .tracked : .none
        }
        let isCandidate: (Int) -> Bool = { $0 >= 0 && $0 < tracking.count && tracking[$0] == .candidate }
        var k = 0
        // The use position of each value's user (`NodeSlot.usedAt`) also ends the value's interval.
        // The operands of a contained node (an address folded into a load) are used by its user:
        // when the walk reaches the user it moves their use there, through any depth of containment.
        func markUse(_ op: Node, at p: Int) {
            nodes[op.id].usedAt = p
            let iv = nodes[op.id].interval
            if iv >= 0 { intervals[iv].end(at: p + (op.flags.contains(.delayFree) ? 1 : 0)) }
            if op.isContained { for i in op.operands.indices { op.withOperand(i) { markUse($0, at: p) } } }
        }
        // Each block's upward-exposed uses and definitions of the tracked locals, written straight
        // into the liveness's flat rows (`width` words per block, one bit per local).
        let width = (tracking.count + 63) >> 6
        var useRows = [UInt64](repeating: 0, count: c.blocks.count * width)
        var defRows = useRows
        // Every node may make an interval and give a hint; a few arrays sized for that grow no more.
        let nodeCount = c.blocks.reduce(0) { $0 + $1.lir.count }
        intervals.reserveCapacity(nodeCount + c.locals.count)
        var refs: [LocalRef] = []
        refs.reserveCapacity(nodeCount)
        var hints: [HintSite] = []
        hints.reserveCapacity(nodeCount)
        /// Makes room for `count` more clobbers: a call clobbers a dozen registers or more, which
        /// appended one by one would regrow the array several times at the first call.
        func reserveFixed(_ count: Int) {
            if fixed.capacity < fixed.count + count { fixed.reserveCapacity(2 * (fixed.count + count)) }
        }
        /// The position of each CALL (a CALL_RESULT2, which follows its paired call, is born there).
        var callPositions: [(id: Int, position: Int)] = []
        for (bi, b) in c.blocks.enumerated() {
            let row = bi * width
            for n in b.lir {
                k += 1
                let p = 2 * k
                for i in n.operands.indices { n.withOperand(i) { markUse($0, at: p) } }
                // (Most nodes kill nothing: test before touching the arrays. Each list is read
                // once: its getter goes through the node's extras.)
                let killsAtUse = n.killsAtUse, killsAtDef = n.killsAtDef
                if !killsAtUse.isEmpty {
                    reserveFixed(killsAtUse.count)
                    for r in killsAtUse { fixed.append(FixedRange(reg: r, start: p, end: p + 1, owner: n.id)) }
                }
                if !killsAtDef.isEmpty {
                    reserveFixed(killsAtDef.count)
                    for r in killsAtDef { fixed.append(FixedRange(reg: r, start: p + 1, end: p + 1, owner: n.id)) }
                }
                if n.oper == .call { callPositions.append((n.id, p)) }
                // The value's interval, which ends where the walk finds its use (`markUse`).
                var mine = -1
                if n.producesValue, !n.isContained,
                   n.oper != .ret, n.oper != .jtrue, n.oper != .switch_, n.oper != .storeLclVar,
                   !(n.oper == .lclVar && isCandidate(n.lclNum)) {
                    var start = p + 1
                    // Only a CALL_RESULT2 has a paired call: it is born at the call, which defines both results.
                    let call = n.oper == .callResult2 ? n.pairedCall : nil
                    if let call, let cp = callPositions.first(where: { $0.id == call.id })?.position { start = cp + 1 }
                    mine = intervals.count
                    nodes[n.id].interval = mine
                    intervals.append(Interval(.node(n.id), start: start, end: p + 1, floating: n.type.isFloating,
                                              fixedReg: n.fixedReg, pairedCallID: call?.id ?? -1))
                }
                if !n.operands.isEmpty {
                    let kind: HintSite.Kind?
                    switch n.oper {
                    case .putArgReg, .copy: kind = .move
                    case .ret: kind = .ret
                    case .storeLclVar: kind = .store
                    default: kind = mine >= 0 && !n.withOperand(0, { $0.isContained }) ? .twoAddress : nil
                    }
                    if let kind {
                        hints.append(n.withOperand(0) { src in
                            HintSite(kind: kind, mine: mine, position: p, fixedReg: n.fixedReg, source: src.id,
                                     sourceLocal: src.oper == .lclVar ? src.lclNum : -1, sourceFixedReg: src.fixedReg,
                                     sourceType: src.type, sourceIsCallResult2: src.oper == .callResult2, local: n.lclNum)
                        })
                    }
                }
                guard n.oper == .lclVar || n.oper == .storeLclVar, n.lclNum >= 0, n.lclNum < tracking.count,
                      tracking[n.lclNum] != .none else { continue }
                let v = n.lclNum, isStore = n.oper == .storeLclVar
                let word = row + (v >> 6), bit: UInt64 = 1 << UInt64(v & 63)
                if isStore { defRows[word] |= bit } else if defRows[word] & bit == 0 { useRows[word] |= bit }
                if tracking[v] == .candidate {
                    refs.append(LocalRef(node: n.id, position: p, local: v, isStore: isStore,
                                         delayFree: n.flags.contains(.delayFree)))
                }
            }
        }
        let valueCount = intervals.count
        let live = Liveness(c, successors: successors, width: width, useRows: useRows, defRows: defRows)
        zeroInitLocals = ZeroInit.locals(live: live, c)
        func interval(_ v: Int) -> Int {
            if byLocal[v] >= 0 { return byLocal[v] }
            byLocal[v] = intervals.count
            intervals.append(Interval(.local(v), floating: c.locals[v].type.isFloating))
            return intervals.count - 1
        }
        // Parameters arrive at position 0, in their argument registers.
        for (i, arg) in c.locals.enumerated() where arg.isRegCandidate && arg.isParam {
            let iv = interval(i)
            intervals[iv].add(0, 0)
            intervals[iv].hint = arg.argRegs.first
        }
        // Local lifetimes with holes: walk the blocks, last first, each backwards from its live-out
        // set (Wimmer & Franz), so that a definition shortens the range its own block started.
        // The walk reads the candidates' references only, not the nodes: a block's nodes are
        // `kFirst ... kLast` (by k), and its references the ones whose positions lie in between.
        var liveNow = LocalSet()
        var kLast = k, j = refs.count
        for bi in c.blocks.indices.reversed() {
            let kFirst = kLast - c.blocks[bi].lir.count + 1
            defer { kLast = kFirst - 1 }
            guard kFirst <= kLast else { continue }
            let bStart = 2 * kFirst, bEnd = 2 * kLast + 1
            live.liveOut(index: bi, into: &liveNow)
            for v in liveNow where isCandidate(v) { intervals[interval(v)].add(bStart, bEnd) }
            while j > 0 && refs[j - 1].position >= bStart {
                j -= 1
                let r = refs[j]
                let iv = interval(r.local)
                if r.isStore {
                    let p = r.position
                    if liveNow.contains(r.local) { intervals[iv].shortenFirst(to: p + 1) } else { intervals[iv].add(p + 1, p + 1) }
                    liveNow.remove(r.local)
                } else {
                    let usedAt = nodes[r.node].usedAt
                    let useAt = usedAt >= 0 ? usedAt + (r.delayFree ? 1 : 0) : r.position
                    // Every read extends the lifetime to its consumer: an earlier read may be consumed
                    // later than a later one (`AND(v, NEG(v))`, an argument moved into its register
                    // after other arguments were computed).
                    intervals[iv].add(bStart, useAt)
                    liveNow.insert(r.local)
                }
            }
            if bi == 0 {
                // Parameters and `.locals init` values flow in from the prolog at position 0.
                for v in liveNow where isCandidate(v) { intervals[interval(v)].add(0, bStart) }
            }
        }
        // Hints, in node order: values flowing into fixed registers, stores into locals, two-address
        // results. A node's hints only involve its own interval and its operand's.
        for h in hints { apply(h, c) }
        // Allocation order: fixed registers, then locals (long lifetimes, the ones worth a good register),
        // then values, which fill the gaps and prefer the register of the local they are stored to.
        // Sorting starts from the locals, then the values, each in the order they were made,
        // without the intervals that never got a range.
        order.reserveCapacity(intervals.count)
        for i in valueCount ..< intervals.count where intervals[i].start <= intervals[i].end { order.append(i) }
        for i in 0 ..< valueCount where intervals[i].start <= intervals[i].end { order.append(i) }
        // Each rank holds intervals of one kind (only values have fixed registers), so "each in
        // the order they were made" is index order: the order sorts by (rank, start, index). The
        // three are packed into one integer, sorted, and unpacked: the index in the low bits, the
        // start above it, the rank on top (positions are at most 2 * nodes + 1 and indices below
        // nodes + locals, far below 2^29, so the three fit in 63 bits).
        let indexBits = Int.bitWidth - intervals.count.leadingZeroBitCount
        let indexMask = (1 << indexBits) - 1
        for (j, i) in order.enumerated() {
            let rank = intervals[i].fixedReg != nil ? 0 : i >= valueCount ? 1 : 2
            order[j] = rank << 61 | intervals[i].start << indexBits | i
        }
        order.sort()
        for j in order.indices { order[j] &= indexMask }
    }

    /// The index of the interval holding the value of node `id`, if it has one.
    func interval(ofNode id: Int) -> Int? {
        let iv = id < nodes.count ? nodes[id].interval : -1
        return iv >= 0 ? iv : nil
    }

    /// Applies the hints of one node.
    private mutating func apply(_ h: HintSite, _ c: Compiler) {
        let si: Int
        if h.sourceLocal >= 0, h.sourceLocal < byLocal.count, byLocal[h.sourceLocal] >= 0 {
            si = byLocal[h.sourceLocal]
        } else if let i = interval(ofNode: h.source) {
            si = i
        } else {
            return
        }
        switch h.kind {
        case .move:
            if let f = h.fixedReg { intervals[si].hint = intervals[si].hint ?? f }
            else if h.mine >= 0 {
                if let f = h.sourceFixedReg { intervals[h.mine].hint = f } else { intervals[h.mine].hintFrom = si }
            }
        case .ret:
            intervals[si].hint = intervals[si].hint ?? c.target.returnReg(for: h.sourceType)
        case .store:
            guard h.local >= 0, h.local < byLocal.count, byLocal[h.local] >= 0 else { return }
            let li = byLocal[h.local]
            if intervals[si].hint == nil && intervals[si].hintFrom < 0 { intervals[si].hintFrom = li }
            // A local stored straight from a fixed register (an async call's continuation in
            // rcx / x2) prefers it, so the await's test reads that register: `test rcx, rcx`.
            if h.sourceIsCallResult2, intervals[li].hint == nil, let f = h.sourceFixedReg { intervals[li].hint = f }
        case .twoAddress:
            if intervals[h.mine].hint == nil, intervals[si].end == h.position { intervals[h.mine].hintFrom = si }
        }
    }
}
