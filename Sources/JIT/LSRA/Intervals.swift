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

    let owner: Owner
    var start: Int
    var end: Int
    /// Lowering's fixed register requirement (precolored interval).
    var fixedReg: RegNum?
    /// Preferred register (copy coalescing, argument and return registers).
    var hint: RegNum?
    /// Interval this one would like to share a register with (its value flows from there).
    var hintFrom: Interval?
    /// Register assigned, or nil if spilled.
    var reg: RegNum?
    var spilled = false

    init(_ owner: Owner, start: Int, end: Int) {
        self.owner = owner
        self.start = start
        self.end = end
    }

    func overlaps(_ s: Int, _ e: Int) -> Bool { start <= e && s <= end }

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
    var byNode: [Int: Interval] = [:]
    /// Interval per register-candidate local.
    var byLocal: [Int: Interval] = [:]
    /// Use position of each node (2k).
    var position: [Int: Int] = [:]

    /// Builds intervals from the LIR and liveness.
    init(_ c: Compiler) {
        let isCandidate: (Int) -> Bool = { c.locals[$0].isRegCandidate }
        let live = Liveness(c, tracked: isCandidate)
        var k = 0
        var users: [Int: Node] = [:]
        for b in c.blocks {
            for n in b.lir {
                k += 1
                position[n.id] = 2 * k
                for op in n.operands { users[op.id] = n }
            }
        }
        func extend(_ v: Int, _ s: Int, _ e: Int) {
            if let iv = byLocal[v] {
                iv.start = min(iv.start, s)
                iv.end = max(iv.end, e)
            } else {
                let iv = Interval(.local(v), start: s, end: e)
                byLocal[v] = iv
                intervals.append(iv)
            }
        }
        for (i, arg) in c.locals.enumerated() where arg.isRegCandidate {
            if case .arg(let a) = arg.kind, arg.refCount > 0 || true {
                extend(i, 0, 0)
                if a < c.target.argRegs.count { byLocal[i]!.hint = c.target.argRegs[a] }
            }
        }
        for b in c.blocks {
            guard let first = b.lir.first, let last = b.lir.last else { continue }
            let bStart = position[first.id]!, bEnd = position[last.id]! + 1
            for v in live.liveIn[b.id] ?? [] { extend(v, bStart, bStart) }
            for v in live.liveOut[b.id] ?? [] { extend(v, bEnd, bEnd) }
            for n in b.lir {
                let p = position[n.id]!
                if n.oper == .storeLclVar, isCandidate(n.lclNum) { extend(n.lclNum, p + 1, p + 1) }
                if n.oper == .lclVar, isCandidate(n.lclNum) {
                    let useAt = users[n.id].map { position[$0.id]! + (n.flags.contains(.delayFree) ? 1 : 0) } ?? p
                    extend(n.lclNum, useAt, useAt)
                }
            }
        }
        // Value intervals.
        for b in c.blocks {
            for n in b.lir {
                let p = position[n.id]!
                for r in n.killsAtUse { fixed.append(FixedRange(reg: r, start: p, end: p + 1, owner: n)) }
                for r in n.killsAtDef { fixed.append(FixedRange(reg: r, start: p + 1, end: p + 1, owner: n)) }
                guard n.producesValue, !n.isContained else { continue }
                if n.oper == .lclVar, isCandidate(n.lclNum) { continue }
                var end = p + 1
                if let user = users[n.id] {
                    end = position[user.id]! + (n.flags.contains(.delayFree) ? 1 : 0)
                }
                let iv = Interval(.node(n), start: p + 1, end: end)
                iv.fixedReg = n.fixedReg
                byNode[n.id] = iv
                intervals.append(iv)
            }
        }
        // Hints: values flowing into fixed registers, stores into locals, two-address results.
        for b in c.blocks {
            for n in b.lir {
                let mine = byNode[n.id]
                switch n.oper {
                case .putArgReg, .copy:
                    if let src = n.operands.first, let si = intervalOf(src) {
                        if let f = n.fixedReg { si.hint = si.hint ?? f }
                        else if let f = src.fixedReg { mine?.hint = f } else { mine?.hintFrom = si }
                    }
                case .ret:
                    if let src = n.operands.first, let si = intervalOf(src) { si.hint = si.hint ?? c.target.returnReg }
                case .storeLclVar:
                    if let src = n.operands.first, let si = intervalOf(src), let li = byLocal[n.lclNum] {
                        if li.hint == nil && li.hintFrom == nil { li.hintFrom = si }
                        if si.hint == nil && si.hintFrom == nil, li.start < si.start { si.hintFrom = li }
                    }
                default:
                    if let mine, mine.hint == nil, let op1 = n.operands.first, !op1.isContained,
                       let oi = intervalOf(op1), oi.end == position[n.id]! {
                        mine.hintFrom = oi
                    }
                }
            }
        }
        intervals.sort { ($0.start, $0.fixedReg == nil ? 1 : 0) < ($1.start, $1.fixedReg == nil ? 1 : 0) }
    }

    /// The interval holding the value of operand `n` (a value node, or a register-candidate local read).
    func intervalOf(_ n: Node) -> Interval? {
        if n.oper == .lclVar, let li = byLocal[n.lclNum] { return li }
        return byNode[n.id]
    }
}
