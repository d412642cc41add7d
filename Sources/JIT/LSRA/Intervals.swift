/// A lifetime to allocate: a local's whole life, or one LIR value from its definition to its use.
///
/// Positions number the LIR linearly: node k (1-based over all blocks in layout
/// order) reads its operands at 2k and writes its result at 2k+1; position 0
/// is method entry, where parameters arrive. Ranges are closed: two intervals
/// conflict when their [start, end] ranges overlap.
final class Interval {
    enum Owner {
        case local(Int)
        case node(Node)
    }

    /// The value node whose lifetime this is (nil for a local's).
    let node: Node?
    /// The local whose lifetime this is (-1 for a value's).
    private let local: Int
    /// Whose lifetime this is (kept as `node` and `local`: one reference to release, not two).
    var owner: Owner { node.map { .node($0) } ?? .local(local) }
    /// Lowering's fixed register requirement (precolored interval).
    var fixedReg: RegNum?
    /// Preferred register (copy coalescing, argument and return registers).
    var hint: RegNum?
    /// Interval this one would like to share a register with (its value flows from there).
    var hintFrom: Interval?
    /// Register assigned, or nil if spilled.
    var reg: RegNum?
    var spilled = false
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

    init(_ owner: Owner, start: Int, end: Int, floating: Bool = false) {
        (node, local) = Self.split(owner)
        self.start = start
        self.end = end
        self.floating = floating
    }

    /// An interval with no ranges yet (a local whose ranges are added by the liveness walk).
    init(_ owner: Owner, floating: Bool = false) {
        (node, local) = Self.split(owner)
        self.start = 0
        self.end = -1
        self.floating = floating
    }

    /// `owner` as the stored `node` and `local`.
    private static func split(_ owner: Owner) -> (Node?, Int) {
        switch owner {
        case .local(let v): (nil, v)
        case .node(let n): (n, -1)
        }
    }

    /// Adds `[s, e]`, merging with touching or overlapping ranges.
    func add(_ s: Int, _ e: Int) {
        if several.isEmpty {
            if start > end {
                (start, end) = (s, e)
                return
            }
            if end + 1 >= s && start <= e + 1 {
                (start, end) = (min(start, s), max(end, e))
                return
            }
            several = [start...end]
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
        several.replaceSubrange(first..<last, with: CollectionOfOne(lo...hi))
        start = several[0].lowerBound
        end = several[several.count - 1].upperBound
    }

    /// Starts the range containing `p` at `p`: a definition, the local is dead just before it.
    func shortenFirst(to p: Int) {
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
    /// The node whose own result may live in `reg` despite the clobber.
    let owner: Node?
}

/// The intervals of one method, with the positions they were computed from.
struct IntervalSet {
    var intervals: [Interval] = []
    var fixed: [FixedRange] = []
    /// Interval per value node id.
    var byNode: NodeMap<Interval>
    /// Interval per register-candidate local, by local number (nil: not a candidate, or never live).
    var byLocal: [Interval?]
    /// Use position of each node (2k).
    var position: NodeMap<Int>
    /// The `.locals init` locals the prolog must zero (`ZeroInit`), from the same liveness.
    var zeroInitLocals: [Int] = []

    /// Builds intervals from the LIR and liveness.
    init(_ c: Compiler) {
        byNode = NodeMap(c)
        position = NodeMap(c)
        byLocal = [Interval?](repeating: nil, count: c.locals.count)
        let candidates = c.locals.map { $0.isRegCandidate }
        let isCandidate: (Int) -> Bool = { $0 >= 0 && $0 < candidates.count && candidates[$0] }
        // The liveness also tracks the IL locals, for the prolog's zeroing (each local's liveness
        // is its own: tracking more changes nothing for the candidates).
        let tracked = candidates.indices.map { candidates[$0] || ZeroInit.isTracked($0, c) }
        var k = 0
        // The use position of each value's user; and each block's upward-exposed uses and
        // definitions of tracked locals, for the liveness, in the same walk.
        var usedAt = NodeMap<Int>(c)
        var useDefs: [(use: LocalSet, def: LocalSet)] = []
        useDefs.reserveCapacity(c.blocks.count)
        for b in c.blocks {
            var use = LocalSet(), def = LocalSet()
            for n in b.lir {
                k += 1
                position[n.id] = 2 * k
                for op in n.operands { usedAt[op.id] = 2 * k }
                if n.oper == .lclVar, n.lclNum >= 0, n.lclNum < tracked.count, tracked[n.lclNum], !def.contains(n.lclNum) {
                    use.insert(n.lclNum)
                }
                if n.oper == .storeLclVar, n.lclNum >= 0, n.lclNum < tracked.count, tracked[n.lclNum] { def.insert(n.lclNum) }
            }
            useDefs.append((use, def))
        }
        let live = Liveness(c, successors: SuccessorTable(c), useDefs: useDefs)
        zeroInitLocals = ZeroInit.locals(live: live, c)
        // The operands of a contained node (an address folded into a load) are used by its user.
        for b in c.blocks {
            for n in b.lir.reversed() where n.isContained {
                guard let user = usedAt[n.id] else { continue }
                for op in n.operands { usedAt[op.id] = user }
            }
        }
        func interval(_ v: Int) -> Interval {
            if let iv = byLocal[v] { return iv }
            let iv = Interval(.local(v), floating: c.locals[v].type.isFloating)
            byLocal[v] = iv
            intervals.append(iv)
            return iv
        }
        // Parameters arrive at position 0, in their argument registers.
        for (i, arg) in c.locals.enumerated() where arg.isRegCandidate && arg.isParam {
            let iv = interval(i)
            iv.add(0, 0)
            iv.hint = arg.argRegs.first
        }
        // Local lifetimes with holes: walk the blocks, last first, each backwards from its live-out
        // set (Wimmer & Franz), so that a definition shortens the range its own block started.
        for (bi, b) in c.blocks.enumerated().reversed() {
            guard let first = b.lir.first, let last = b.lir.last else { continue }
            let bStart = position[first.id]!, bEnd = position[last.id]! + 1
            var liveNow = live.liveOut(index: bi)
            for v in liveNow where isCandidate(v) { interval(v).add(bStart, bEnd) }
            for n in b.lir.reversed() {
                let p = position[n.id]!
                if n.oper == .storeLclVar, isCandidate(n.lclNum) {
                    let iv = interval(n.lclNum)
                    if liveNow.contains(n.lclNum) { iv.shortenFirst(to: p + 1) } else { iv.add(p + 1, p + 1) }
                    liveNow.remove(n.lclNum)
                }
                if n.oper == .lclVar, isCandidate(n.lclNum) {
                    let useAt = usedAt[n.id].map { $0 + (n.flags.contains(.delayFree) ? 1 : 0) } ?? p
                    // Every read extends the lifetime to its consumer: an earlier read may be consumed
                    // later than a later one (`AND(v, NEG(v))`, an argument moved into its register
                    // after other arguments were computed).
                    interval(n.lclNum).add(bStart, useAt)
                    liveNow.insert(n.lclNum)
                }
            }
            if b === c.blocks.first {
                // Parameters and `.locals init` values flow in from the prolog at position 0.
                for v in liveNow where isCandidate(v) { interval(v).add(0, bStart) }
            }
        }
        // Value intervals, and hints: values flowing into fixed registers, stores into locals,
        // two-address results. One walk does both: a node's hints only involve its own interval and
        // its operands', which come before it in its block.
        for b in c.blocks {
            for n in b.lir {
                let p = position[n.id]!
                for r in n.killsAtUse { fixed.append(FixedRange(reg: r, start: p, end: p + 1, owner: n)) }
                for r in n.killsAtDef { fixed.append(FixedRange(reg: r, start: p + 1, end: p + 1, owner: n)) }
                var mine: Interval?
                if n.producesValue, !n.isContained,
                   n.oper != .ret, n.oper != .jtrue, n.oper != .switch_, n.oper != .storeLclVar,
                   !(n.oper == .lclVar && isCandidate(n.lclNum)) {
                    var end = p + 1
                    if let user = usedAt[n.id] {
                        end = user + (n.flags.contains(.delayFree) ? 1 : 0)
                    }
                    var start = p + 1
                    if n.oper == .callResult2, let call = n.pairedCall, let cp = position[call.id] { start = cp + 1 }
                    let iv = Interval(.node(n), start: start, end: end, floating: n.type.isFloating)
                    iv.fixedReg = n.fixedReg
                    byNode[n.id] = iv
                    intervals.append(iv)
                    mine = iv
                }
                switch n.oper {
                case .putArgReg, .copy:
                    if let src = n.operands.first, let si = intervalOf(src) {
                        if let f = n.fixedReg { si.hint = si.hint ?? f }
                        else if let f = src.fixedReg { mine?.hint = f } else { mine?.hintFrom = si }
                    }
                case .ret:
                    if let src = n.operands.first, let si = intervalOf(src) { si.hint = si.hint ?? c.target.returnReg(for: src.type) }
                case .storeLclVar:
                    if let src = n.operands.first, let si = intervalOf(src), n.lclNum < byLocal.count, let li = byLocal[n.lclNum] {
                        if si.hint == nil && si.hintFrom == nil { si.hintFrom = li }
                        // A local stored straight from a fixed register (an async call's continuation in
                        // rcx / x2) prefers it, so the await's test reads that register: `test rcx, rcx`.
                        if src.oper == .callResult2, li.hint == nil, let f = src.fixedReg { li.hint = f }
                    }
                default:
                    if let mine, mine.hint == nil, let op1 = n.operands.first, !op1.isContained,
                       let oi = intervalOf(op1), oi.end == p {
                        mine.hintFrom = oi
                    }
                }
            }
        }
        intervals.removeAll { $0.end < $0.start }
        // Allocation order: fixed registers, then locals (long lifetimes, the ones worth a good register),
        // then values, which fill the gaps and prefer the register of the local they are stored to.
        func rank(_ iv: Interval) -> Int {
            if iv.fixedReg != nil { return 0 }
            return iv.node == nil ? 1 : 2
        }
        intervals.sort { (rank($0), $0.start) < (rank($1), $1.start) }
    }

    /// The interval holding the value of operand `n` (a value node, or a register-candidate local read).
    func intervalOf(_ n: Node) -> Interval? {
        if n.oper == .lclVar, n.lclNum >= 0, n.lclNum < byLocal.count, let li = byLocal[n.lclNum] { return li }
        return byNode[n.id]
    }
}
