/// x64 lowering: immediates as operands, two-address constraints, `idiv` and shift-count registers.
enum LowerX64 {
    static let rax = 0, rcx = 1, rdx = 2

    static func lower(_ block: BasicBlock, _ c: Compiler) {
        var i = 0
        while i < block.lir.count {
            let n = block.lir[i]
            if isFloatingOperation(n) {
                // SSE arithmetic is two-address like `sub`: the second operand of a non-commutative
                // operation must not share the result's register. Operands stay in registers.
                if n.oper == .sub || n.oper == .div { delayFree(n, operand: 1) }
                i += 1
                continue
            }
            switch n.oper {
            case .add, .sub, .and, .or, .xor, .eq, .ne, .lt, .le, .ge, .gt:
                containImmediate(n, operand: 1)
                containStackLocal(n, c)
                if n.oper == .sub { delayFree(n, operand: 1) }
                if n.oper.isCompare { containLoad(n, at: i, in: block) }
            case .mul:
                containImmediate(n, operand: 1)
                containStackLocal(n, c)
            case .lsh, .rsh, .rsz:
                if n.operands[1].oper == .cnsInt {
                    n.operands[1].flags.insert(.contained)
                } else {
                    let copy = c.node(.copy, n.operands[1].type, [n.operands[1]])
                    copy.fixedReg = rcx
                    copy.flags.insert(.delayFree)
                    n.operands[1] = copy
                    block.lir.insert(copy, at: i)
                    i += 1
                }
            case .div, .mod, .udiv, .umod:
                // idiv/div: dividend in rax, cdq/xor writes rdx before the divisor is read.
                let dividend = c.node(.copy, n.operands[0].type, [n.operands[0]])
                dividend.fixedReg = rax
                n.operands[0] = dividend
                block.lir.insert(dividend, at: i)
                i += 1
                let isRem = n.oper == .mod || n.oper == .umod
                n.fixedReg = isRem ? rdx : rax
                n.killsAtUse = [rdx]
                n.killsAtDef = [isRem ? rax : rdx]
                if !n.flags.contains(.unusedValue) {
                    let copy = c.node(.copy, n.type, [])
                    Lower.replaceUses(of: n, with: copy, in: block)
                    copy.operands = [n]
                    block.lir.insert(copy, at: i + 1)
                    i += 1
                }
            case .switch_:
                // The jump-table sequence reuses the index register: give it a register of its own.
                let copy = c.node(.copy, n.operands[0].type, [n.operands[0]])
                n.operands[0] = copy
                block.lir.insert(copy, at: i)
                i += 1
            default:
                break
            }
            i += 1
        }
    }

    /// Arithmetic on float32/float64 values and compares of them (SSE forms take no immediates).
    static func isFloatingOperation(_ n: Node) -> Bool {
        if n.oper.isCompare { return n.operands.first?.type.isFloating ?? false }
        switch n.oper {
        case .add, .sub, .mul, .div, .neg: return n.type.isFloating
        default: return false
        }
    }

    /// Contains a constant second operand that fits an imm32.
    private static func containImmediate(_ n: Node, operand: Int) {
        guard n.operands.count > operand else { return }
        let op = n.operands[operand]
        if Lower.isInt32Constant(op) { op.flags.insert(.contained) }
    }

    /// Reads a stack local as a memory operand (`add eax, dword ptr [rbp-0x08]`) instead of loading it first.
    private static func containStackLocal(_ n: Node, _ c: Compiler) {
        guard n.operands.count == 2 else { return }
        let op = n.operands[1]
        if op.oper == .lclVar, !op.isContained, !c.locals[op.lclNum].isRegCandidate, !c.locals[op.lclNum].type.isSmall {
            op.flags.insert(.contained)
        }
    }

    /// Compares a loaded value in memory (`cmp qword ptr [rdi], rax`, the guarded devirtualization
    /// test of a method table) when the load is the compare's first operand and only its second
    /// operand sits between them, so no store or call can come between the load and the compare.
    private static func containLoad(_ n: Node, at i: Int, in block: BasicBlock) {
        guard n.operands.count == 2, i >= 2, block.lir[i - 2] === n.operands[0], block.lir[i - 1] === n.operands[1] else { return }
        let load = n.operands[0], other = n.operands[1]
        guard load.oper == .ind, !load.memType.isSmall, load.memType.size == 8 || load.memType.size == 4,
              other.oper == .cnsInt || other.oper == .lclVar, !other.isContained || other.oper == .cnsInt else { return }
        load.flags.insert(.contained)
    }

    /// Marks an operand whose register must stay distinct from the result (two-address `sub`).
    private static func delayFree(_ n: Node, operand: Int) {
        let op = n.operands[operand]
        if !op.isContained { op.flags.insert(.delayFree) }
    }
}
