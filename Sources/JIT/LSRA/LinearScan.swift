import Diagnostics

/// Linear-scan register allocation (RyuJIT's LSRA, simplified).
///
/// 1. Build intervals (`IntervalSet`): one per register-candidate local (its
///    lifetime, with holes where it is dead) and one per LIR value (definition to use).
/// 2. Give precolored intervals their fixed registers (call results, PUTARG_REG,
///    x64 division and shift counts).
/// 3. Walk the locals, then the values, each in start order, and give each the
///    first free register: its hint, the register of the interval it flows into or
///    from, then the allocation order of its register class (general registers, or the
///    floating-point registers for float32/float64 values). A register is free for an interval when no allocated
///    interval and no clobber (a call's caller-saved set, `cdq`'s rdx) overlaps
///    it, so values live across calls land in callee-saved registers by themselves.
/// 4. When nothing is free, spill the interval that lives longest: a local moves
///    to the stack, a value is stored to a stack temp after its definition and
///    reloaded before its use; then allocate again from scratch.
/// 5. Lay out the frame (`FrameBuilder`).
enum LinearScan {
    static func run(_ c: Compiler) throws {
        // Handler records: a throw resumes at a pad with only sp/fp and the callee-saved registers of
        // the record restored, so every local (inlinee temps included) lives in its stack home.
        if c.usesHandlerRecords { for v in c.locals { v.isRegCandidate = false } }
        // Spilling inserts nodes into blocks but never changes the flow graph.
        let successors = c.successorTable
        for _ in 0..<16 {
            var set = IntervalSet(c, successors: successors)
            let spills = try allocate(&set, c)
            if spills.isEmpty {
                let facts = record(set, c)
                c.zeroInitLocals = set.zeroInitLocals
                FrameBuilder.layout(c, facts)
                return
            }
            rewrite(spills, set, c)
        }
        throw c.error(.internalError, "register allocation did not converge")
    }

    /// Assigns registers; returns the intervals (indices in `set`) that must be spilled (empty on success).
    private static func allocate(_ set: inout IntervalSet, _ c: Compiler) throws -> [Int] {
        let intRegs = c.target.allocatable, floatRegs = c.target.floatAllocatable
        // Each class's registers as a bit mask (register numbers are below 64), for the hint tests.
        var intMask: UInt64 = 0, floatMask: UInt64 = 0
        for r in intRegs { intMask |= 1 << UInt64(r) }
        for r in floatRegs { floatMask |= 1 << UInt64(r) }
        func isIn(_ mask: UInt64, _ r: RegNum) -> Bool { r >= 0 && r < 64 && mask & (1 << UInt64(r)) != 0 }
        var regCount = 0
        for r in intRegs { regCount = max(regCount, r + 1) }
        for r in floatRegs { regCount = max(regCount, r + 1) }
        for f in set.fixed { regCount = max(regCount, f.reg + 1) }
        for i in set.order { if let r = set.intervals[i].fixedReg { regCount = max(regCount, r + 1) } }
        var registers = RegisterFile(count: regCount, clobbers: set.fixed, capacity: set.order.count)

        for i in set.order where set.intervals[i].fixedReg != nil {
            let r = set.intervals[i].fixedReg!
            if !registers.free(r, i, in: set.intervals) {
                throw c.error(.internalError, "two fixed-register lifetimes collide in \(c.target.name(r))")
            }
            set.intervals[i].reg = r
            registers.assign(i, ending: set.intervals[i].end, to: r)
        }
        var spills: [Int] = []
        for i in set.order where set.intervals[i].fixedReg == nil {
            let floating = set.intervals[i].floating
            let regs = floating ? floatRegs : intRegs, mask = floating ? floatMask : intMask
            // The hint, then the register of the interval it flows from, then the allocation order.
            var chosen: RegNum?
            let from = set.intervals[i].hintFrom
            if let h = set.intervals[i].hint, isIn(mask, h), registers.free(h, i, in: set.intervals) {
                chosen = h
            } else if from >= 0, let h = set.intervals[from].reg, isIn(mask, h), registers.free(h, i, in: set.intervals) {
                chosen = h
            } else {
                for r in regs where registers.free(r, i, in: set.intervals) {
                    chosen = r
                    break
                }
            }
            if let r = chosen {
                set.intervals[i].reg = r
                registers.assign(i, ending: set.intervals[i].end, to: r)
                continue
            }
            // Nothing free: evict the longest-living blockers of some register, or spill this interval.
            var best: (reg: RegNum, blockers: [Int], minEnd: Int)?
            for r in regs where !registers.clobbered(r, i, in: set.intervals) {
                let blockers = registers.blockers(of: i, in: r, set.intervals)
                if blockers.contains(where: { set.intervals[$0].fixedReg != nil || set.intervals[$0].isTiny }) { continue }
                let minEnd = blockers.map { set.intervals[$0].end }.min() ?? Int.max
                if best == nil || minEnd > best!.minEnd { best = (r, blockers, minEnd) }
            }
            if let b = best, b.minEnd > set.intervals[i].end || set.intervals[i].isTiny {
                for victim in b.blockers {
                    set.intervals[victim].reg = nil
                    spills.append(victim)
                    registers.evict(victim, from: b.reg)
                }
                set.intervals[i].reg = b.reg
                registers.assign(i, ending: set.intervals[i].end, to: b.reg)
            } else if set.intervals[i].isTiny {
                throw c.error(.internalError, "register pressure too high for a reload in \(c.displayName)")
            } else {
                spills.append(i)
            }
        }
        return spills
    }

    /// Moves spilled locals to the stack and routes spilled values through stack temps.
    private static func rewrite(_ spills: [Int], _ set: IntervalSet, _ c: Compiler) {
        for i in spills {
            switch set.intervals[i].owner {
            case .local(let v):
                c.locals[v].isRegCandidate = false
            case .node(let id):
                guard let block = c.blocks.first(where: { b in b.lir.contains { $0.id == id } }),
                      let at = block.lir.firstIndex(where: { $0.id == id }) else { continue }
                let n = block.lir[at]
                let temp = c.newTemp(n.type, reason: "spill")
                c.locals[temp].isRegCandidate = false
                let user = block.lir[(at + 1)...].first { $0.operands.contains { $0 === n } }
                let store = c.localStore(temp, n)
                block.lir.insert(store, at: at + 1)
                if let user {
                    let reload = c.localRead(temp)
                    reload.flags.formUnion(n.flags.intersection([.delayFree]))
                    for (i, op) in user.operands.enumerated() where op === n { user.operands[i] = reload }
                    Lower.insert(reload, before: user, in: block)
                }
            }
        }
    }

    /// Writes the allocation into the IR: node registers and local registers. The same walk
    /// gathers what the frame layout needs to know about the nodes.
    private static func record(_ set: IntervalSet, _ c: Compiler) -> FrameFacts {
        for v in c.locals { v.reg = nil }
        for (v, iv) in set.byLocal.enumerated() where iv >= 0 { c.locals[v].reg = set.intervals[iv].reg }
        // The register of each candidate local's reads and writes (nil for the other locals).
        let localRegs = c.locals.map { $0.isRegCandidate ? $0.reg : nil }
        var facts = FrameFacts()
        for b in c.blocks {
            let lir = b.lir
            for k in lir.indices {
                lir.withNode(k) { n in
                    if let iv = set.interval(ofNode: n.id) { n.reg = set.intervals[iv].reg }
                    else if n.oper == .lclVar || n.oper == .storeLclVar { n.reg = localRegs[n.lclNum] }
                    else { n.reg = nil }
                    facts.note(n)
                }
            }
        }
        return facts
    }
}
