import ARM64

/// arm64 fast tail calls (TailCalls.swift): the arguments are in place, the frame is released, `br`.
///
/// The target goes to ip0 (x16) before the epilog: x16 is no argument register and the epilog
/// restores only x19-x28, fp and lr (it uses x17 alone, for far save slots). After the epilog lr
/// holds the caller's return address again, so the callee returns straight to the caller's caller.
extension CodeGenARM64 {
    /// Emits the epilog and the jump of the fast tail call `n`.
    func fastTailCall(_ n: Node, _ t: CallTarget, weight: Double) throws {
        var comment = t.displayName
        switch t.dispatch {
        case .cell:
            loadConstant(ip0, Int64(bitPattern: t.cellAddress), .x, comment: "code for \(t.displayName)")
            emit(.ldr, .x, .reg(ip0), .mem(.offset(ip0, 0)))
            if let note = t.listingNote { comment = note }
        case .vtable(let slot):
            let this = R(c.target.argRegs[0])
            emit(.ldr, .x, .reg(ip0), .mem(.offset(this, 0)))
            emit(.ldr, .x, .reg(ip0), .mem(.offset(ip0, Int64(MethodTableLayout.chunkOffset(slot: slot)))))
            emit(.ldr, .x, .reg(ip0), .mem(.offset(ip0, Int64(MethodTableLayout.slotOffsetInChunk(slot: slot)))))
        case .indirect:
            guard let target = n.operands.last else { throw c.error(.internalError, "indirect CALL without target") }
            mov(ip0, try reg(target), .x)
        }
        epilog(weight: weight, returning: false)
        emit(Instruction(.br, .x, operands: [.reg(ip0)], comment: t.dispatch == .cell && t.listingNote == nil ? nil : comment))
    }

    /// Where a PUTARG_STK stores: the outgoing area at sp, or for a fast tail call the caller's own
    /// incoming argument slots above its frame.
    func stackArgument(_ n: Node) -> Memory {
        guard n.flags.contains(.fastTailCall) else { return .offset(.sp, Int64(n.memOffset)) }
        let (_, off) = FrameBuilder.incomingHome(slot: n.memOffset / 8, c)
        return .offset(.fp, Int64(off))
    }
}
