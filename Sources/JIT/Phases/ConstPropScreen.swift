/// A quick test, run before constant propagation's dataflow, that shows for most methods that no
/// read of a local can become a constant: the phase then has nothing to do and stops.
///
/// Constant propagation changes a method only where a read of a local (or of a tracked struct
/// field) has a constant value in the state the solver computes for it. The screen proves that
/// every read is "not a constant" in every such state from three facts:
/// 1. the method has no tracked struct locals;
/// 2. no local that is read anywhere has a store of a value that may be a constant or unknown,
///    the stored values being classified bottom-up as `evaluate` computes them, with every read
///    taken as "not a constant": a constant leaf may be a constant, an operation with an operand
///    that is not a constant is not one, a COMMA is its last operand;
/// 3. every read of a local whose entry value is not "not a constant" (an IL local that
///    `.locals init` zeroes, a temp, unknown until stored) is "definitely assigned": every path
///    from the entry to it stores the local first (a forward must-analysis over all edges, which
///    covers the edges the conditional solver takes).
/// By induction over the solver's steps every read is then "not a constant": a local read is
/// not stored a possible constant (2), and its entry value cannot reach the read (3); so the
/// values the classification assumed are the ones `evaluate` computes, and no read is replaced.
/// In the generated corpus this holds for every method without a loop counter started at a constant.
extension ConstProp {
    /// True when the screen shows that the phase would replace no read by a constant.
    /// `exposed` are the address-exposed locals (their reads are never constants).
    static func substitutesNothing(_ c: Compiler, exposed: LocalSet, tracked: LocalSet) -> Bool {
        guard tracked.isEmpty, !c.blocks.isEmpty else { return false }
        var s = Screen(c, exposed: exposed)
        for (b, block) in c.blocks.enumerated() {
            s.row = b * s.width
            for stmt in block.statements {
                _ = screen(stmt.root, &s)
                // Fact 2 fails: the rest of the walk would not change the answer.
                if s.readStoredOpen { return false }
            }
        }
        return s.readsAreAssigned(c)
    }

    /// What the screen's walk collects, in flat bit rows (bit `v & 63` of word `v >> 6` for local v).
    private struct Screen {
        /// Words per row.
        let width: Int
        let localCount: Int
        let exposed: LocalSet
        /// Locals whose entry value is a constant or unknown: IL locals under `.locals init`, temps.
        var openAtEntry: [UInt64]
        /// Locals read somewhere, and locals stored a value that may be a constant or unknown.
        var read: [UInt64]
        var storedOpen: [UInt64]
        /// Set once a local is in both `read` and `storedOpen` (fact 2 does not hold).
        var readStoredOpen = false
        /// By block: the locals it stores (so far, while it is walked), and the `openAtEntry` locals
        /// it reads before storing them.
        var stores: [UInt64]
        var upwardReads: [UInt64]
        /// The first word of the row of the block being walked.
        var row = 0

        init(_ c: Compiler, exposed: LocalSet) {
            localCount = c.locals.count
            width = (localCount + 63) >> 6
            self.exposed = exposed
            openAtEntry = [UInt64](repeating: 0, count: width)
            for (v, local) in c.locals.enumerated() {
                switch local.kind {
                case .arg: continue
                case .local: if !c.method.initLocals { continue }
                case .temp: break
                }
                openAtEntry[v >> 6] |= 1 << UInt64(v & 63)
            }
            read = [UInt64](repeating: 0, count: width)
            storedOpen = read
            stores = [UInt64](repeating: 0, count: width * c.blocks.count)
            upwardReads = stores
        }

        /// Whether local `v` is one whose reads and stores `evaluate` tracks (not exposed, in range).
        func tracks(_ v: Int) -> Bool { v >= 0 && v < localCount && !exposed.contains(v) }

        /// Fact 3: every read of an `openAtEntry` local before its block stores it is definitely
        /// assigned on entry to the block.
        func readsAreAssigned(_ c: Compiler) -> Bool {
            guard upwardReads.contains(where: { $0 != 0 }) else { return true }
            let predecessors = c.predecessorEdges
            let blockCount = c.blocks.count
            // Locals assigned on every path to the end of each block: the greatest fixed point, from
            // "all" (a block no edge reaches keeps it, and the solver never walks such a block).
            var assignedOut = [UInt64](repeating: ~0, count: width * blockCount)
            var assignedIn = assignedOut
            var changed = true
            while changed {
                changed = false
                for b in 0..<blockCount {
                    for w in 0..<width {
                        // Nothing is assigned on entry to the method.
                        var inn: UInt64 = b == 0 ? 0 : ~0
                        if b != 0 {
                            for k in predecessors.edges(into: b) { inn &= assignedOut[predecessors.source[k] * width + w] }
                        }
                        let out = inn | stores[b * width + w]
                        assignedIn[b * width + w] = inn
                        if out != assignedOut[b * width + w] {
                            assignedOut[b * width + w] = out
                            changed = true
                        }
                    }
                }
            }
            for i in upwardReads.indices where upwardReads[i] & ~assignedIn[i] != 0 { return false }
            return true
        }
    }

    /// Walks `n`'s tree in execution order, as `evaluate` does, recording its reads and stores in
    /// `s`; returns whether its value may be a constant or unknown when no read is a constant.
    private static func screen(_ n: Node, _ s: inout Screen) -> Bool {
        var first = false, last = false, all = true
        for i in n.operands.indices {
            let open = n.withOperand(i) { screen($0, &s) }
            if i == 0 { first = open }
            last = open
            all = all && open
        }
        switch n.oper {
        case .cnsInt:
            return true
        case .lclVar:
            let v = n.lclNum
            if s.tracks(v) {
                let w = v >> 6, bit: UInt64 = 1 << UInt64(v & 63)
                s.read[w] |= bit
                if s.storedOpen[w] & bit != 0 { s.readStoredOpen = true }
                if s.openAtEntry[w] & bit != 0, s.stores[s.row + w] & bit == 0 { s.upwardReads[s.row + w] |= bit }
            }
            return false
        case .storeLclVar:
            let v = n.lclNum
            if s.tracks(v) {
                let w = v >> 6, bit: UInt64 = 1 << UInt64(v & 63)
                if first {
                    s.storedOpen[w] |= bit
                    if s.read[w] & bit != 0 { s.readStoredOpen = true }
                }
                s.stores[s.row + w] |= bit
            }
            return false
        case .ind, .storeInd, .storeBlk, .lclAddr, .nullCheck, .boundsCheck, .callResult2, .call:
            return false
        case .comma:
            return last
        default:
            return all
        }
    }
}
