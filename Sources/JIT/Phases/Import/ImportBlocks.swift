import Diagnostics
import IL

/// The unmanaged block opcodes: `cpblk`, `initblk` (ECMA-335 III.3.30, III.3.36) and `localloc`
/// (III.3.47), as helper calls (RyuJIT expands small constant-sized blocks inline and calls
/// CORINFO_HELP_MEMCPY / MEMSET for the others; the model always calls).
///
/// `localloc` is an LCLHEAP node, as in RyuJIT: codegen moves the stack pointer down by the size
/// rounded up to 16, zeroes the block (always: ECMA asks it under `.locals init`, and zeroing
/// otherwise is allowed) and yields its address above the outgoing argument area; the epilog
/// restores the stack pointer from the frame pointer, so the block is released when the method
/// returns. `localloc 0` yields null.
///
/// Inside a protected region or handler the block still comes from the runtime's arena
/// (JitHelper.locAlloc, zeroed, never freed): a throw resumes at the region's pad with the stack
/// pointer its handler record saved at the `.try`'s entry, above such a block, which later calls
/// would then overwrite while the method may still use it.
extension BlockImporter {
    /// Imports one block instruction; false when `ins` is not one of them.
    func importBlockOpcode(_ ins: Instruction) throws -> Bool {
        switch ins.opcode {
        case .cpblk:
            let ops = try pop(3)
            let call = helperCall(.memCpy, .void, [pointer(ops[0]), pointer(ops[1]), unsignedSize(ops[2])])
            appendWithSideEffects(call)
        case .initblk:
            let ops = try pop(3)
            let value = ops[1].type == .int ? ops[1] : coerce(ops[1], to: .int)
            appendWithSideEffects(helperCall(.memSet, .void, [pointer(ops[0]), value, unsignedSize(ops[2])]))
        case .localloc:
            guard stack.count == 1 else {
                throw Diagnostic(.invalidIL, at: ins.location,
                                 "'localloc' needs only its size on the stack, the stack has \(stack.count) values")
            }
            if c.method.isAsync {
                throw Diagnostic(.invalidIL, at: ins.location, "'localloc' is not allowed in an async method")
            }
            let size = unsignedSize(try pop())
            if protectedRegion(of: ins) != nil {
                push(readTemp(spillToTemp(helperCall(.locAlloc, .long, [size]), reason: "localloc")))
                break
            }
            // It moves the stack pointer: neither removed nor reordered (mayThrow: stack overflow).
            push(readTemp(spillToTemp(node(.lclHeap, .long, [size], flags: .mayThrow), reason: "localloc")))
        default:
            return false
        }
        return true
    }

    /// An address operand (byref, native int or an object's interior) as a 64-bit value.
    private func pointer(_ v: Node) -> Node {
        v.type == .int ? unsignedSize(v) : v
    }

    /// A size operand (`unsigned int32` or native unsigned int) zero-extended to 64 bits.
    private func unsignedSize(_ v: Node) -> Node {
        guard v.type == .int else { return v }
        let cast = node(.cast, .long, [v], flags: .unsigned)
        cast.castType = .long
        return cast
    }
}
