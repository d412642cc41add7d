import ARM64

/// arm64 `localloc` (LCLHEAP): sp moves down by the size rounded up to 16 (through x17, ip1: sp
/// takes no register subtraction in the plain form) and the block above the outgoing argument
/// area is zeroed with `stp xzr, xzr` 16 bytes at a time; a zero size yields null.
///
/// ```text
///        mov   dst, size ; cbz dst, done
///        add   dst, dst, #15 ; and dst, dst, #-16
///        mov   x17, sp ; sub x17, x17, dst ; mov sp, x17
///        add   x17, sp, #outgoing
/// loop:  stp   xzr, xzr, [x17], #16 ; sub dst, dst, #16 ; cbnz dst, loop
///        add   dst, sp, #outgoing
/// done:
/// ```
extension CodeGenARM64 {
    /// Emits LCLHEAP `n`: its operand's register holds the size, its own register gets the address.
    func localHeap(_ n: Node) throws {
        let dst = try reg(n)
        let done = out.newLabel(), loop = out.newLabel()
        mov(dst, try reg(n.operands[0]), .x)
        emit(.cbz, .x, .reg(dst), .label(done))
        emit(.add, .x, .reg(dst), .reg(dst), .imm(15))
        emit(.and, .x, .reg(dst), .reg(dst), .imm(-16))
        emit(.mov, .x, .reg(ip1), .reg(.sp))
        emit(.sub, .x, .reg(ip1), .reg(ip1), .reg(dst))
        emit(.mov, .x, .reg(.sp), .reg(ip1))
        emit(.add, .x, .reg(ip1), .reg(.sp), .imm(recordOffset))
        out.items.append(.label(loop))
        emit(.stp, .x, .reg(.zr), .reg(.zr), .mem(.post(ip1, 16)))
        emit(.sub, .x, .reg(dst), .reg(dst), .imm(16))
        emit(.cbnz, .x, .reg(dst), .label(loop))
        emit(.add, .x, .reg(dst), .reg(.sp), .imm(recordOffset))
        out.items.append(.label(done))
    }
}
