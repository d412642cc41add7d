import Diagnostics

/// Branch optimization (knob JitDoBranchFolding), after RyuJIT's fgUpdateFlowGraph.
///
/// Repeats until nothing changes: conditional branches and switches on constants
/// become unconditional (or fall through), jumps to the next block become fall
/// through, unreachable and empty blocks are removed, and a block that is only
/// entered by falling out of its layout predecessor is merged into it. Blocks are
/// renumbered and weighted at the end.
enum OptBranches {
    static func run(_ c: Compiler) throws {
        var changed = true
        while changed {
            changed = false
            for b in c.blocks {
                changed = foldConstantJump(b, c) || changed
                changed = removeJumpToNext(b, c) || changed
            }
            changed = FlowGraph.removeUnreachable(c) || changed
            changed = removeEmptyBlock(c) || changed
            changed = mergeBlock(c, c.successorTable) || changed
        }
        c.renumberBlocks()
        BlockWeights.compute(c)
        c.blockWeightsAreCurrent = true
    }

    /// JTRUE(CNS_INT) and SWITCH(CNS_INT) become an unconditional jump or a fall-through.
    private static func foldConstantJump(_ b: BasicBlock, _ c: Compiler) -> Bool {
        guard let taken = FlowGraph.removeConstantBranch(b) else { return false }
        setJump(b, to: taken, c)
        return true
    }

    /// Makes `b` jump unconditionally to `target`, or fall through when `target` is nil or the next block.
    private static func setJump(_ b: BasicBlock, to target: BasicBlock?, _ c: Compiler) {
        b.switchTargets = []
        b.falseTarget = nil
        if let t = target, t !== c.next(after: b) {
            b.kind = .always
            b.target = t
        } else {
            b.kind = .fallthrough_
            b.target = nil
        }
    }

    /// An unconditional jump to the next block, or a conditional one whose both edges lead there.
    private static func removeJumpToNext(_ b: BasicBlock, _ c: Compiler) -> Bool {
        let next = c.next(after: b)
        switch b.kind {
        case .always where b.target === next && next != nil:
            setJump(b, to: nil, c)
            return true
        case .cond where b.target === (b.falseTarget ?? next) && b.target != nil:
            if let last = b.statements.last, last.root.oper == .jtrue {
                let condition = last.root.operands[0]
                if condition.hasSideEffects { last.root = condition } else { b.statements.removeLast() }
            }
            setJump(b, to: b.target, c)
            return true
        default:
            return false
        }
    }

    /// Removes one empty block that only passes control on; true if one was removed.
    private static func removeEmptyBlock(_ c: Compiler) -> Bool {
        for (i, b) in c.blocks.enumerated() where b.statements.isEmpty {
            switch b.kind {
            case .fallthrough_:
                guard let next = c.next(after: b) else { continue }
                FlowGraph.retarget(c, from: b, to: next)
            case .always:
                guard let target = b.target, target !== b, i > 0 else { continue }
                let prev = c.blocks[i - 1]
                guard prev.kind == .always || prev.kind == .ret else { continue }
                FlowGraph.retarget(c, from: b, to: target)
            default:
                continue
            }
            c.blocks.remove(at: i)
            return true
        }
        return false
    }

    /// Merges one block into its layout predecessor when that is its only way in; true if merged.
    /// `successors` is the table of the current flow graph. A landing pad an await will jump to
    /// when it resumes has a way in the graph does not show yet, and stays.
    private static func mergeBlock(_ c: Compiler, _ successors: SuccessorTable) -> Bool {
        let preds = FlowGraph.predecessorCounts(successors)
        let pads = FlowGraph.landingPads(c)
        for i in c.blocks.indices.dropFirst() {
            let b = c.blocks[i], p = c.blocks[i - 1]
            guard p.kind == .fallthrough_, preds[i] == 1, !pads.contains(ObjectIdentifier(b)) else { continue }
            p.statements += b.statements
            p.kind = b.kind
            p.target = b.target
            p.falseTarget = b.falseTarget
            p.switchTargets = b.switchTargets
            p.ilEnd = max(p.ilEnd, b.ilEnd)
            c.blocks.remove(at: i)
            return true
        }
        return false
    }
}
