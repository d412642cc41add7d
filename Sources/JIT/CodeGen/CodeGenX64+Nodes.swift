import Diagnostics
import X64

extension CodeGenX64 {
    /// Condition code for a compare operator.
    func condition(_ oper: Oper, unsigned: Bool) -> Condition {
        switch oper {
        case .eq: .e
        case .ne: .ne
        case .lt: unsigned ? .b : .l
        case .le: unsigned ? .be : .le
        case .gt: unsigned ? .a : .g
        case .ge: unsigned ? .ae : .ge
        default: .ne
        }
    }

    /// The second operand of a binary instruction: a contained immediate or a register.
    func source(_ n: Node, _ w: Width) throws -> Operand {
        if n.isContained, n.oper == .cnsInt { return .imm(n.value) }
        if n.isContained, n.oper == .lclVar { return home(n.lclNum, w) }
        return .reg(try reg(n), w)
    }

    /// `cmp a, b` (or `test a, a` against a contained zero for signed/equality compares); returns the condition.
    func compare(_ cmp: Node) throws -> Condition {
        let a = cmp.operands[0], b = cmp.operands[1]
        let w = width(a.type)
        let unsigned = cmp.isUnsigned
        if a.isContained, a.oper == .ind {
            // A contained load: compare memory directly (`cmp qword ptr [rdi], rax`).
            let (base, disp) = try address(a)
            let mw = width(a.memType)
            emit(Instruction(.cmp, .ptr(mw, base, disp), try source(b, mw)))
        } else if b.isContained, b.oper == .cnsInt, b.value == 0, !unsigned {
            let r = try reg(a)
            emit(Instruction(.test, .reg(r, w), .reg(r, w)))
        } else {
            emit(Instruction(.cmp, .reg(try reg(a), w), try source(b, w)))
        }
        return condition(cmp.oper, unsigned: unsigned)
    }

    mutating func gen(_ n: Node, in block: BasicBlock) throws {
        if n.isContained { return }
        if try genFloating(n, in: block) { return }
        let w = width(n.type)
        switch n.oper {
        case .nop, .cnsDbl:
            break
        case .cnsInt:
            if n.flags.contains(.unusedValue) { return }
            loadConstant(try reg(n), n.value, w, comment: n.handleComment)
        case .lclVar:
            let v = c.locals[n.lclNum]
            if v.isRegCandidate { return }
            let dst = try reg(n)
            let t = v.type
            if t.isSmall {
                emit(Instruction(t.isUnsigned ? .movzx : .movsx, .d(dst), home(n.lclNum, storeWidth(t))))
            } else {
                emit(Instruction(.mov, .reg(dst, width(t)), home(n.lclNum, width(t))))
            }
        case .storeLclVar:
            let v = c.locals[n.lclNum]
            let src = try reg(n.operands[0])
            if v.isRegCandidate, let r = v.reg {
                mov(R(r), src, width(v.type))
            } else {
                let sw = storeWidth(v.type)
                emit(Instruction(.mov, home(n.lclNum, sw), .reg(src, sw)))
            }
        case .add, .sub, .and, .or, .xor, .mul:
            try binary(n, w)
        case .neg, .not:
            let dst = try reg(n)
            mov(dst, try reg(n.operands[0]), w)
            emit(Instruction(n.oper == .neg ? .neg : .not, .reg(dst, w)))
        case .lsh, .rsh, .rsz:
            let dst = try reg(n)
            mov(dst, try reg(n.operands[0]), w)
            let m: Mnemonic = n.oper == .lsh ? .shl : n.oper == .rsh ? .sar : .shr
            let count = n.operands[1]
            if count.isContained {
                emit(Instruction(m, .reg(dst, w), .imm(count.value & (w == .qword ? 63 : 31))))
            } else {
                emit(Instruction(m, .reg(dst, w), .b(.rcx)))
            }
        case .div, .mod, .udiv, .umod:
            // No explicit checks on x64, as in CoreCLR: `idiv`/`div` raise #DE for a zero divisor and
            // for MinValue / -1 alike, and the runtime's fault handler decodes the faulting `idiv` to
            // tell DivideByZeroException from OverflowException (CoreCLR's IsDivByZeroAnIntegerOverflow).
            let divisor = try reg(n.operands[1])
            if n.oper == .div || n.oper == .mod {
                emit(Instruction(w == .qword ? .cqo : .cdq))
                emit(Instruction(.idiv, .reg(divisor, w)))
            } else {
                emit(Instruction(.xor, .d(.rdx), .d(.rdx)))
                emit(Instruction(.div, .reg(divisor, w)))
            }
        case .eq, .ne, .lt, .le, .gt, .ge:
            let cc = try compare(n)
            let dst = try reg(n)
            emit(.set(cc, dst))
            emit(Instruction(.movzx, .d(dst), .b(dst)))
        case .jtrue:
            let op = n.operands[0]
            let cc: Condition
            if op.oper.isCompare && op.isContained {
                cc = try compare(op)
            } else {
                let r = try reg(op)
                emit(Instruction(.test, .reg(r, width(op.type)), .reg(r, width(op.type))))
                cc = .ne
            }
            guard let t = block.target else { throw c.error(.internalError, "\(block.name) has JTRUE but no target") }
            emit(.j(cc, label: out.label(of: t)))
        case .cast:
            try cast(n)
        case .putArgReg, .copy:
            guard let dst = n.reg else { return }
            mov(R(dst), try reg(n.operands[0]), w)
        case .putArgStk:
            emit(Instruction(.mov, stackArgument(n, .qword), .q(try reg(n.operands[0]))))
        case .call:
            guard let t = n.callTarget else { throw c.error(.internalError, "CALL without target") }
            if n.flags.contains(.fastTailCall) {
                try fastTailCall(n, t, weight: block.weight)
                return
            }
            switch t.dispatch {
            case .cell:
                emit(Instruction.call(cell: t.cellAddress, symbol: t.displayName).commented(t.listingNote))
            case .vtable(let slot):
                // RyuJIT's virtual call: method table from `this`, the slot's chunk, call through the slot.
                let this = R(c.target.argRegs[0])
                emit(Instruction(.mov, .q(.rax), .ptr(.qword, this, 0)))
                emit(Instruction(.mov, .q(.rax), .ptr(.qword, .rax, Int64(MethodTableLayout.chunkOffset(slot: slot)))))
                emit(Instruction.call(.rax, Int64(MethodTableLayout.slotOffsetInChunk(slot: slot))).commented(t.displayName))
            case .indirect:
                guard let target = n.operands.last else { throw c.error(.internalError, "indirect CALL without target") }
                emit(Instruction.call(try reg(target)).commented(t.displayName))
            }
        case .ret:
            var values = n.operands
            // Runtime async: the last operand is the continuation returned in rcx (zero: completed).
            let cont = c.async.isAsync ? values.popLast() : nil
            var moves: [(dst: Reg, src: Reg, w: Width)] = []
            if values.count == 2 {
                moves = [(.rax, try reg(values[0]), .qword), (.rdx, try reg(values[1]), .qword)]
            } else if let v = values.first {
                moves = [(.rax, try reg(v), width(v.type))]
            }
            if let cont, !cont.isContained { moves.append((.rcx, try reg(cont), .qword)) }
            parallelMove(moves)
            if let cont, cont.isContained { emit(Instruction(.xor, .d(.rcx), .d(.rcx))) }
            epilog(weight: block.weight)
        case .ind:
            let (base, disp) = try address(n)
            let dst = try reg(n)
            let t = n.memType
            if t.isSmall {
                emit(Instruction(t.isUnsigned ? .movzx : .movsx, .d(dst), .ptr(storeWidth(t), base, disp)))
            } else {
                emit(Instruction(.mov, .reg(dst, width(t)), .ptr(width(t), base, disp)))
            }
        case .storeInd:
            let (base, disp) = try address(n)
            let sw = storeWidth(n.memType)
            emit(Instruction(.mov, .ptr(sw, base, disp), .reg(try reg(n.operands[1]), sw)))
        case .lclAddr:
            let (base, off) = FrameBuilder.home(c.locals[n.lclNum], c)
            emit(Instruction(.lea, .q(try reg(n)), .addr(R(base), Int64(off))))
        case .nullCheck:
            let r = try reg(n.operands[0])
            emit(Instruction(.cmp, .ptr(.dword, r, 0), .d(r)))
        case .boundsCheck:
            emit(Instruction(.cmp, .d(try reg(n.operands[0])), .d(try reg(n.operands[1]))))
            emit(.j(.ae, label: throwLabel(.rngChkFail)))
        case .storeBlk:
            try blockCopy(n)
        case .callResult2:
            break
        case .lclHeap:
            try localHeap(n)
        case .switch_:
            try switchTable(n, in: block)
        case .comma:
            throw c.error(.internalError, "COMMA in LIR")
        }
    }

    /// ADD/SUB/AND/OR/XOR/MUL with the lea and three-operand imul shapes where they save a move.
    mutating func binary(_ n: Node, _ w: Width) throws {
        let dst = try reg(n)
        let a = try reg(n.operands[0])
        let bNode = n.operands[1]
        let b = try source(bNode, w)
        let m: Mnemonic
        switch n.oper {
        case .add: m = .add
        case .sub: m = .sub
        case .and: m = .and
        case .or: m = .or
        case .xor: m = .xor
        default: m = .imul
        }
        if dst != a {
            switch (n.oper, b) {
            case (.add, .reg(let rb, _)) where rb != dst:
                emit(Instruction(.lea, .reg(dst, w), .addr(Memory(base: a, index: rb, scale: 1))))
                return
            case (.add, .imm(let k)):
                emit(Instruction(.lea, .reg(dst, w), .addr(a, k)))
                return
            case (.sub, .imm(let k)) where k != Int64(Int32.min):
                emit(Instruction(.lea, .reg(dst, w), .addr(a, -k)))
                return
            case (.mul, .imm(let k)):
                emit(Instruction(.imul, .reg(dst, w), .reg(a, w), .imm(k)))
                return
            case (_, .reg(let rb, _)) where rb == dst && n.oper.isCommutative:
                emit(Instruction(m, .reg(dst, w), .reg(a, w)))
                return
            default:
                mov(dst, a, w)
            }
        }
        if case .imm(let k) = b, n.oper == .mul {
            emit(Instruction(.imul, .reg(dst, w), .reg(dst, w), .imm(k)))
        } else {
            emit(Instruction(m, .reg(dst, w), b))
        }
    }

    /// Integer conversions: sign/zero extension and truncation.
    func cast(_ n: Node) throws {
        let dst = try reg(n)
        let srcNode = n.operands[0]
        let src = try reg(srcNode)
        let to = n.castType
        switch to {
        case .byte, .short:
            emit(Instruction(.movsx, .d(dst), .reg(src, to == .byte ? .byte : .word)))
        case .ubyte, .bool, .ushort:
            emit(Instruction(.movzx, .d(dst), .reg(src, to == .ushort ? .word : .byte)))
        case .long, .ulong:
            if srcNode.type.isWide {
                mov(dst, src, .qword)
            } else if n.isUnsigned {
                emit(Instruction(.mov, .d(dst), .d(src)))
            } else {
                emit(Instruction(.movsxd, .q(dst), .d(src)))
            }
        default:
            // To int/uint: truncation is a 32-bit move.
            if srcNode.type.isWide || dst != src { emit(Instruction(.mov, .d(dst), .d(src))) }
        }
    }

    /// `switch`: bounds check to the default block, then an indirect jump through a table of offsets.
    mutating func switchTable(_ n: Node, in block: BasicBlock) throws {
        let idx = try reg(n.operands[0])
        let targets = block.switchTargets
        guard let dflt = block.falseTarget ?? c.next(after: block) else {
            throw c.error(.internalError, "switch without a default successor")
        }
        emit(Instruction(.cmp, .d(idx), .imm(Int64(targets.count))))
        emit(.j(.ae, label: out.label(of: dflt)))
        let base = out.label(of: c.blocks[0])
        let offset = out.data.reduce(0) { $0 + $1.byteSize }
        out.data.append(DataItem(entries: targets.map { out.label(of: $0) }, base: base))
        let tableAddress = c.readOnlyDataAddress + UInt64(offset)
        emit(Instruction(.mov, .d(idx), .d(idx)))
        emit(Instruction(.lea, .q(scratch), .addr(.absolute(tableAddress)), symbol: "reloc @" + Emitter.dataLabel(offset)))
        emit(Instruction(.mov, .d(idx), .ptr(.dword, scratch, index: idx, scale: 4)))
        emit(.lea(scratch, label: base))
        emit(Instruction(.add, .q(idx), .q(scratch)))
        emit(.jmp(idx))
    }

    /// The base register and displacement of a memory node's address (contained `ADD(base, cns)` and
    /// `LCL_ADDR` fold into the operand).
    func address(_ n: Node, operand: Int = 0) throws -> (Reg, Int64) {
        let addr = n.operands[operand]
        let extra = operand == 0 ? Int64(n.memOffset) : 0
        if addr.isContained, addr.oper == .lclAddr {
            let (base, off) = FrameBuilder.home(c.locals[addr.lclNum], c)
            return (R(base), Int64(off) + extra)
        }
        if addr.isContained, addr.oper == .add {
            let b = addr.operands[0]
            let k = addr.operands[1].value + extra
            if b.isContained, b.oper == .lclAddr {
                let (base, off) = FrameBuilder.home(c.locals[b.lclNum], c)
                return (R(base), Int64(off) + k)
            }
            return (try reg(b), k)
        }
        return (try reg(addr), extra)
    }

    /// The label of the method's shared throw block for `helper` (RyuJIT's one block per kind per method).
    mutating func throwLabel(_ helper: JitHelper) -> Int {
        throwBlocks.label(helper, out)
    }

    /// STORE_BLK: copies (or zeroes) `blockSize` bytes in 8-, 4-, 2- and 1-byte moves through r11.
    func blockCopy(_ n: Node) throws {
        let (dst, dDisp) = try address(n, operand: 0)
        let src = n.operands[1]
        let zero = src.isContained && src.oper == .cnsInt && src.value == 0
        let (sBase, sDisp): (Reg, Int64) = zero ? (.r11, 0) : try address(n, operand: 1)
        var k: Int64 = 0
        let size = Int64(n.blockSize)
        while k < size {
            let rest = size - k
            let w: Width = rest >= 8 ? .qword : rest >= 4 ? .dword : rest >= 2 ? .word : .byte
            let step: Int64 = w == .qword ? 8 : w == .dword ? 4 : w == .word ? 2 : 1
            if zero {
                emit(Instruction(.mov, .ptr(w, dst, dDisp + k), .imm(0)))
            } else {
                switch w {
                case .qword: emit(Instruction(.mov, .q(scratch), .ptr(.qword, sBase, sDisp + k)))
                case .dword: emit(Instruction(.mov, .d(scratch), .ptr(.dword, sBase, sDisp + k)))
                default: emit(Instruction(.movzx, .d(scratch), .ptr(w, sBase, sDisp + k)))
                }
                emit(Instruction(.mov, .ptr(w, dst, dDisp + k), .reg(scratch, w)))
            }
            k += step
        }
    }
}
