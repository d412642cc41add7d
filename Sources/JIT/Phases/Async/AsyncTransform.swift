import Diagnostics
import IL

/// Phase "async": the runtime async state machine, on LIR before lowering (after async.cpp).
///
/// ```text
///  BB entry   JTRUE(NE(contArg, 0)) -> dispatch          (only when some await can resume here)
///  ...        t = CALL async variant; contTemp = CALL_RESULT2(t)
///             JTRUE(NE(contTemp, 0)) -> suspension k      hot path: the call and this test
///  BB after k ...                                         <- also the resumption of k
///  ...
///  cold:      suspension k: new = ALLOC_CONTINUATION(contTemp, Continuation, size)
///                           store ResumeInfo, Flags, State k, live locals, contexts; RETURN (0, new)
///             dispatch:     1 state: jump; 2: compare State; more: SWITCH(State)
///             resumption k: reload the locals, resumed = 1, link the records of the .try regions
///                           around k again, rethrow a stored exception, load the result, jump to after k
/// ```
/// A tail await's suspension returns the callee's continuation unchanged and has no
/// resumption. Every RETURN of the method gets a last operand, the continuation it returns
/// (rcx / x2): zero on a normal return.
enum AsyncTransform {
    /// One await after the split: the block that ends in the test, the block after it.
    struct Split {
        var site: AsyncSite
        var test: BasicBlock
        var after: BasicBlock
        var weight: Double
    }

    static func run(_ c: Compiler) throws {
        guard c.async.isAsync else { return }
        for b in c.blocks {
            for n in b.lir where n.oper == .ret {
                let zero = c.node(.cnsInt, .ref)
                insert(zero, before: n, in: b)
                n.operands.append(zero)
            }
        }
        let splits = split(c)
        guard !splits.isEmpty else { return }
        let info = try c.runtime.asyncInfo(at: c.location)
        let live = liveAcross(c, splits)
        var resumptions: [BasicBlock] = []
        var chains: [[BasicBlock]] = []
        var suspensions: [BasicBlock] = []
        var layouts: [ContinuationLayout] = []
        for (i, s) in splits.enumerated() {
            let suspension = c.newBlock(kind: .ret, ilStart: s.test.ilEnd, ilEnd: s.test.ilEnd)
            suspension.weight = 0
            suspensions.append(suspension)
            s.test.target = suspension
            if s.site.kind == .tailAwait {
                AsyncCode.tailSuspension(c, s.site, into: suspension, info)
                continue
            }
            var layout = try AsyncCode.layout(c, s.site, state: layouts.count, live: live[i])
            layout.calleeName = s.site.calleeName
            layout.frames = s.site.frames.map(\.methodName)
            AsyncCode.suspension(c, s.site, layout, into: suspension, info)
            let resumption = c.newBlock(kind: .always, ilStart: s.after.ilStart, ilEnd: s.after.ilStart)
            resumption.weight = 0
            resumption.target = s.after
            let more = AsyncCode.resumption(c, s.site, layout, into: resumption, after: s.after)
            resumptions.append(resumption)
            chains.append([resumption] + more)
            layouts.append(layout)
        }
        c.async.layouts = layouts
        c.async.suspensionBlocks = zip(splits, suspensions).filter { $0.0.site.kind != .tailAwait }.map(\.1)
        c.blocks += suspensions
        if !resumptions.isEmpty {
            let dispatch = AsyncCode.dispatch(c, resumptions)
            let entry = c.newBlock(kind: .cond, ilStart: 0, ilEnd: 0)
            entry.weight = c.blocks.first?.weight ?? 1
            entry.target = dispatch
            if let arg = c.async.continuationArg {
                let test = c.node(.ne, .int, [c.localRead(arg), c.node(.cnsInt, .ref)])
                entry.lir = [test.operands[0], test.operands[1], test, c.node(.jtrue, .void, [test])]
            }
            c.blocks.insert(entry, at: 0)
            c.blocks += [dispatch] + chains.flatMap { $0 }
        }
        c.renumberBlocks()
        RefCounts.compute(c)
    }

    /// Splits each block after every await's continuation store; the block ending in the store
    /// tests the continuation (or, for `AsyncSuspend`, always jumps to the suspension).
    private static func split(_ c: Compiler) -> [Split] {
        var result: [Split] = []
        var i = 0
        while i < c.blocks.count {
            let b = c.blocks[i]
            guard let at = b.lir.firstIndex(where: { $0.asyncSite != nil }), let site = b.lir[at].asyncSite else {
                i += 1
                continue
            }
            let after = c.newBlock(kind: b.kind, ilStart: b.ilStart, ilEnd: b.ilEnd)
            after.target = b.target
            after.falseTarget = b.falseTarget
            after.switchTargets = b.switchTargets
            after.weight = b.weight
            after.lir = Array(b.lir[(at + 1)...])
            b.lir = Array(b.lir[...at])
            b.lir[at].asyncSite = nil
            b.falseTarget = nil
            b.switchTargets = []
            if site.kind == .suspend {
                b.kind = .always
            } else {
                b.kind = .cond
                let read = c.localRead(site.continuationLocal)
                let zero = c.node(.cnsInt, .ref)
                let test = c.node(.ne, .int, [read, zero])
                b.lir += [read, zero, test, c.node(.jtrue, .void, [test])]
            }
            c.blocks.insert(after, at: i + 1)
            result.append(Split(site: site, test: b, after: after, weight: b.weight))
            i += 1
        }
        return result
    }

    /// Per split, the locals whose values the code after the await reads (they must survive a suspension).
    private static func liveAcross(_ c: Compiler, _ splits: [Split]) -> [[Int]] {
        let liveness = AsyncLiveness(c)
        // The return buffer is an argument again on resumption (the dispatcher passes the result
        // storage of the next continuation), so it is never saved.
        // Nor are handler records: the resumption links them again in the new frame. Nor the context
        // locals of inlined frames: every resumption inside a frame sets its `resumed`.
        let frameContexts = c.async.inlinedFrames.flatMap { [$0.execContextLocal, $0.syncContextLocal, $0.resumedLocal] }
        let excluded = Set(c.async.contextLocals + frameContexts + [c.async.continuationArg, c.retBufLocal].compactMap { $0 }
                           + c.handlerRecordLocals.values.map(\.record))
        return splits.map { s in
            // A throw after the resumption resumes at the pad of a re-linked record: what the
            // pads read must come back from the continuation too (exception flow is not in the graph).
            var set = Set(s.site.records.reduce(liveness.liveIn(s.after)) { $0.union(liveness.liveIn($1.pad)) })
                .subtracting(excluded).subtracting(s.site.records.map(\.exceptionLocal))
            // A frame's caller-side values matter only at the awaits inside it (they are read after
            // a resumption there); elsewhere they are unwritten or already used.
            for f in c.async.inlinedFrames where !s.site.frames.contains(where: { $0 === f }) {
                set.subtract([f.callerExecContextLocal, f.callerContextLocal, f.callerFlagsLocal])
            }
            set.remove(s.site.continuationLocal)
            if let r = s.site.resultLocal { set.remove(r) }
            return set.sorted()
        }
    }

    static func insert(_ n: Node, before: Node, in block: BasicBlock) {
        if let i = block.lir.firstIndex(where: { $0 === before }) { block.lir.insert(n, at: i) }
    }
}
