import X64

/// x64 `localloc` (LCLHEAP): the stack pointer moves down by the size rounded up to 16 and the
/// block above the outgoing argument area is zeroed 16 bytes at a time through r11, the codegen
/// scratch; a zero size yields null.
///
/// ```text
///        mov   dst, size ; test dst, dst ; je done
///        add   dst, 15 ; and dst, -16 ; sub rsp, dst
///        lea   r11, [rsp+outgoing]
/// loop:  mov   qword ptr [r11], 0 ; mov qword ptr [r11+8], 0
///        add   r11, 16 ; sub dst, 16 ; jne loop
///        lea   dst, [rsp+outgoing]
/// done:
/// ```
extension CodeGenX64 {
    /// Emits LCLHEAP `n`: its operand's register holds the size, its own register gets the address.
    func localHeap(_ n: Node) throws {
        let dst = try reg(n)
        let done = out.newLabel(), loop = out.newLabel()
        let outgoing = Int64(c.frame.outgoingArgSize)
        mov(dst, try reg(n.operands[0]), .qword)
        emit(Instruction(.test, .q(dst), .q(dst)))
        emit(.j(.e, label: done))
        emit(Instruction(.add, .q(dst), .imm(15)))
        emit(Instruction(.and, .q(dst), .imm(-16)))
        emit(Instruction(.sub, .q(.rsp), .q(dst)))
        blockAddress(scratch, outgoing)
        out.items.append(.label(loop))
        emit(Instruction(.mov, .ptr(.qword, scratch, 0), .imm(0)))
        emit(Instruction(.mov, .ptr(.qword, scratch, 8), .imm(0)))
        emit(Instruction(.add, .q(scratch), .imm(16)))
        emit(Instruction(.sub, .q(dst), .imm(16)))
        emit(.j(.ne, label: loop))
        blockAddress(dst, outgoing)
        out.items.append(.label(done))
    }

    /// `lea r, [rsp+outgoing]`, or `mov r, rsp` without an outgoing argument area.
    private func blockAddress(_ r: Reg, _ outgoing: Int64) {
        if outgoing == 0 { emit(Instruction(.mov, .q(r), .q(.rsp))) }
        else { emit(Instruction(.lea, .q(r), .addr(.rsp, outgoing))) }
    }
}
