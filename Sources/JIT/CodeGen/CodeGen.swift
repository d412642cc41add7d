import Diagnostics

/// Code generation: LIR with registers -> machine instructions for the target.
///
/// The target-specific work lives in `CodeGenX64` and `CodeGenARM64`; both fill
/// `c.machine` with the prolog, one `.block` item per basic block, the body
/// instructions and the epilogs.
enum CodeGen {
    static func run(_ c: Compiler) throws {
        c.machine = MachineCode()
        // About one instruction per LIR node, plus the prolog and epilog.
        c.machine.reserveCapacity(instructions: c.blocks.reduce(16) { $0 + $1.lir.count }, arch: c.arch)
        // Runtime async: the ResumeInfo records come first in the read-only data (state k at 24 * k).
        for b in c.async.suspensionBlocks {
            c.machine.data.append(DataItem(entries: [], base: c.machine.label(of: b), resumeResultBytes: resultBytes(c)))
        }
        switch c.arch {
        case .x64: try CodeGenX64.generate(c)
        case .arm64: try CodeGenARM64.generate(c)
        }
    }

    /// Emits the blocks in layout order, then the shared throw blocks: what both targets' `run` share.
    ///
    /// Each block gets its label item and its nodes (`gen`); a block whose control does not
    /// fall into the next one in layout ends with `jump` to the label it goes to. The throw
    /// blocks come last, after every node has asked for its own, each one `callHelper`.
    static func emitBlocks(_ c: Compiler, gen: (Node, BasicBlock) throws -> Void, jump: (Int) -> Void,
                           throwBlocks: () -> ThrowBlocks, callHelper: (CallTarget) -> Void) rethrows {
        let out = c.machine
        let il = DebugInfoBuilder.ILIndex(c.method)
        out.ilIndex = il
        let ranges = DebugInfoBuilder.ranges(c, il)
        for (bi, block) in c.blocks.enumerated() {
            out.items.append(.block(label: out.label(of: block), weight: block.weight))
            out.currentIL = nil
            // Each node is borrowed from `lir`, which keeps it alive (codegen does not edit the LIR):
            // no retain and release per node.
            let lir = block.lir
            for k in lir.indices {
                try lir.withNode(k) { node in
                    out.currentIL = ranges[node.id]
                    try gen(node, block)
                }
            }
            // The closing jump belongs to the IL branch that ends the block, else to the last node.
            if let branch = DebugInfoBuilder.endingBranch(of: block, il) { out.currentIL = branch }
            let next = bi + 1 < c.blocks.count ? c.blocks[bi + 1] : nil
            switch block.kind {
            case .always:
                if let t = block.target, t !== next { jump(out.label(of: t)) }
            case .cond, .switch_:
                if let f = block.falseTarget, f !== next { jump(out.label(of: f)) }
            case .fallthrough_, .ret, .throw_:
                break
            }
        }
        out.currentIL = nil
        for (helper, l) in throwBlocks().blocks {
            out.items.append(.block(label: l, weight: 0))
            callHelper(c.runtime.helperTarget(helper))
        }
    }

    /// ResumeInfo's third word: how an async method delivers its result when resumed.
    ///
    /// Bits 0-31: how many bytes of the return registers the result occupies, or, for a
    /// struct returned through a hidden buffer, the struct's size. Bit 32
    /// (`ContinuationLayout.resumeResultInBuffer`): the result goes through a return buffer,
    /// which the runtime points at the result storage. Bit 33 (`resumeHasThis`): the method
    /// has `this`, so on x64 the buffer is its second argument, not its first. Bit 34
    /// (`resumeResultFloating`): a float32/float64 result, which comes back in xmm0 / d0.
    static func resultBytes(_ c: Compiler) -> Int {
        let t = c.returnType
        if t.varType == .void { return 0 }
        if t.varType == .struct, let h = t.classHandle {
            let size = c.runtime.classInfo(h).size
            if c.retBufLocal != nil {
                let this = c.method.isStatic ? 0 : ContinuationLayout.resumeHasThis
                return size | ContinuationLayout.resumeResultInBuffer | this
            }
            return size > 8 ? 16 : 8
        }
        return t.varType.isFloating ? 8 | ContinuationLayout.resumeResultFloating : 8
    }
}
