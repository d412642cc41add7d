import X64

/// x64 fast tail calls (TailCalls.swift): the arguments are in place, the frame is released, `jmp`.
///
/// The target is found before the epilog where finding it needs the frame or `this` (a vtable
/// slot's chunk in rax, an indirect target moved to rax: neither an argument register nor one the
/// epilog restores); after the epilog the return address on top of the stack is the caller's,
/// so the callee returns straight to it.
extension CodeGenX64 {
    /// Emits the epilog and the jump of the fast tail call `n`.
    func fastTailCall(_ n: Node, _ t: CallTarget, weight: Double) throws {
        switch t.dispatch {
        case .cell:
            epilog(weight: weight, returning: false)
            emit(Instruction(.jmp, .mem(.absolute(t.cellAddress)), symbol: t.displayName).commented(t.listingNote))
        case .vtable(let slot):
            let this = R(c.target.argRegs[0])
            emit(Instruction(.mov, .q(.rax), .ptr(.qword, this, 0)))
            emit(Instruction(.mov, .q(.rax), .ptr(.qword, .rax, Int64(MethodTableLayout.chunkOffset(slot: slot)))))
            epilog(weight: weight, returning: false)
            emit(Instruction(.jmp, .addr(.rax, Int64(MethodTableLayout.slotOffsetInChunk(slot: slot)))).commented(t.displayName))
        case .indirect:
            guard let target = n.operands.last else { throw c.error(.internalError, "indirect CALL without target") }
            mov(.rax, try reg(target), .qword)
            epilog(weight: weight, returning: false)
            emit(Instruction.jmp(.rax).commented(t.displayName))
        }
    }

    /// Where a PUTARG_STK stores: the outgoing area at rsp, or for a fast tail call the caller's
    /// own incoming argument slots above the return address.
    func stackArgument(_ n: Node, _ w: Width) -> Operand {
        guard n.flags.contains(.fastTailCall) else { return .ptr(w, .rsp, Int64(n.memOffset)) }
        let (base, off) = FrameBuilder.incomingHome(slot: n.memOffset / 8, c)
        return .ptr(w, R(base), Int64(off))
    }
}
