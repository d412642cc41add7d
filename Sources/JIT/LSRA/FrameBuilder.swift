/// What the frame layout needs from the LIR, gathered node by node by the walk that writes the
/// registers into it (`LinearScan.record`), so that the layout does not walk the nodes again.
struct FrameFacts {
    /// Register numbers are below 64 (the float registers start at 32): a bit mask holds the used ones.
    var used: UInt64 = 0
    var hasCalls = false
    var hasLocalloc = false
    /// The largest outgoing stack argument offset plus 8 (before rounding).
    var outgoingArgSize = 0
    /// The locals some node reads, writes or takes the address of.
    var referenced = LocalSet()

    /// Takes node `n` (with its register assigned) into account.
    mutating func note(_ n: Node) {
        if let r = n.reg { used |= 1 << UInt64(r) }
        if n.oper == .call { hasCalls = true }
        if n.oper == .lclHeap { hasLocalloc = true }
        // A fast tail call's stack arguments go to the incoming area, not the outgoing one.
        if n.oper == .putArgStk && !n.flags.contains(.fastTailCall) { outgoingArgSize = max(outgoingArgSize, n.memOffset + 8) }
        if n.oper == .lclVar || n.oper == .storeLclVar || n.oper == .lclAddr, n.lclNum >= 0 { referenced.insert(n.lclNum) }
    }
}

/// Frame layout after register allocation: which callee-saved registers to save and where stack locals live.
///
/// Stack locals get naturally aligned slots in local-number order, addressed
/// from the frame pointer; the target's codegen turns `FrameLayout` into a
/// prolog and epilogs.
enum FrameBuilder {
    /// Lays out the frame from the `facts` gathered over the final LIR.
    static func layout(_ c: Compiler, _ facts: FrameFacts) {
        var f = FrameLayout()
        f.hasCalls = facts.hasCalls
        f.hasLocalloc = facts.hasLocalloc
        f.outgoingArgSize = facts.outgoingArgSize
        let referenced = facts.referenced
        var used = facts.used
        func use(_ r: RegNum) { used |= 1 << UInt64(r) }
        for v in c.locals where v.reg != nil { use(v.reg!) }
        let calleeSaved = c.target.calleeSaved
        f.calleeSavedUsed = (0..<64).filter { used & (1 << UInt64($0)) != 0 && calleeSaved.contains($0) }

        var offset = 0
        for v in c.locals {
            v.stackOffset = nil
            // A stack-passed parameter lives in the caller's outgoing area (`home`).
            guard v.incomingStackSlot == nil || v.copiedFromIncomingSlot else { continue }
            guard !v.isRegCandidate || (v.reg == nil && v.isParam) else { continue }
            guard referenced.contains(v.num) || v.isParam else { continue }
            if v.type == .struct {
                let size = max(8, (v.structSize + 7) / 8 * 8)
                offset = (offset + 7) / 8 * 8 + size
                v.stackOffset = -offset
                continue
            }
            let size = max(4, v.type.actualType.size)
            offset = (offset + size - 1) / size * size + size
            v.stackOffset = -offset
        }
        f.localsSize = (offset + 7) / 8 * 8
        f.outgoingArgSize = (f.outgoingArgSize + 15) / 16 * 16
        let stackParams = c.locals.contains { $0.incomingStackSlot != nil }
        switch c.arch {
        case .x64:
            f.usesFramePointer = f.hasCalls || f.localsSize > 0 || stackParams || f.hasLocalloc
        case .arm64:
            f.usesFramePointer = true
        }
        c.frame = f
    }
}

extension FrameBuilder {
    /// Size of the callee-saved save area (arm64 keeps it 16-byte aligned).
    static func calleeSavedAreaSize(_ c: Compiler) -> Int {
        let n = c.frame.calleeSavedUsed.count * 8
        return c.arch == .arm64 ? (n + 15) / 16 * 16 : n
    }

    /// The arm64 frame: outgoing argument area, frame record, callee-saved area, locals; 16-byte aligned.
    static func arm64FrameSize(_ c: Compiler) -> Int {
        (c.frame.outgoingArgSize + 16 + calleeSavedAreaSize(c) + c.frame.localsSize + 15) / 16 * 16
    }

    /// Where a stack local lives: base register (rbp / fp) and byte offset from it.
    ///
    /// x64: `push rbp` then the callee-saved pushes, locals below them: `[rbp - saves + slot]`.
    /// arm64: `stp fp, lr` at the bottom of the frame, callee-saved above, locals above those.
    ///
    /// A stack-passed parameter's home is its incoming slot: above the saved rbp and the
    /// return address on x64, above the whole frame (less the outgoing area below the frame
    /// record) on arm64.
    static func home(_ v: LocalVar, _ c: Compiler) -> (base: RegNum, offset: Int) {
        if let k = v.incomingStackSlot, !v.copiedFromIncomingSlot { return incomingHome(slot: k, c) }
        let slot = v.stackOffset ?? 0
        switch c.arch {
        case .x64:
            return (c.target.framePointer, -calleeSavedAreaSize(c) + slot)
        case .arm64:
            return (c.target.framePointer, 16 + calleeSavedAreaSize(c) + c.frame.localsSize + slot)
        }
    }

    /// The caller's slot `k` of the stack-passed parameters.
    static func incomingHome(slot k: Int, _ c: Compiler) -> (base: RegNum, offset: Int) {
        switch c.arch {
        case .x64: return (c.target.framePointer, 16 + 8 * k)
        case .arm64: return (c.target.framePointer, arm64FrameSize(c) - c.frame.outgoingArgSize + 8 * k)
        }
    }

    /// Bytes the prolog copies for a stack-passed parameter with a home of its own.
    static func incomingCopySize(_ v: LocalVar) -> Int {
        v.type == .struct ? (v.structSize + 7) / 8 * 8 : max(4, v.type.size)
    }

    /// `[rbp-0x04]` / `[fp+0x1C]` for the locals table.
    static func homeText(_ v: LocalVar, _ c: Compiler) -> String {
        let (base, off) = home(v, c)
        let sign = off < 0 ? "-" : "+"
        return "[\(c.target.name(base))\(sign)\(ListingFormat.hex(abs(off), width: 2))]"
    }
}
