import ARM64
import Diagnostics

extension CodeGenARM64 {
    func condition(_ oper: Oper, unsigned: Bool) -> Cond {
        switch oper {
        case .eq: .eq
        case .ne: .ne
        case .lt: unsigned ? .lo : .lt
        case .le: unsigned ? .ls : .le
        case .gt: unsigned ? .hi : .gt
        case .ge: unsigned ? .hs : .ge
        default: .ne
        }
    }

    /// `cmp a, b` / `cmp a, #imm` / `cmn a, #-imm`; returns the condition that holds when the compare is true.
    func compare(_ cmp: Node) throws -> Cond {
        let a = cmp.operands[0], b = cmp.operands[1]
        let s = size(a.type)
        let ra = try reg(a)
        if b.isContained, b.oper == .cnsInt {
            if b.value < 0 { emit(.cmn, s, .reg(ra), .imm(-b.value)) } else { emit(.cmp, s, .reg(ra), .imm(b.value)) }
        } else {
            emit(.cmp, s, .reg(ra), .reg(try reg(b)))
        }
        return condition(cmp.oper, unsigned: cmp.isUnsigned)
    }

    mutating func gen(_ n: Node, in block: BasicBlock) throws {
        if n.isContained { return }
        // `volatile.`: acquire after a load, release before a store, as barriers (ldar/stlr would
        // need the address in one register and fault on unaligned addresses, which `unaligned.` allows).
        let volatile = n.flags.contains(.volatile) && (n.oper == .ind || n.oper == .storeInd || n.oper == .storeBlk)
        if volatile && n.oper != .ind { emit(.dmbIsh, .x) }
        defer { if volatile && n.oper == .ind { emit(.dmbIshld, .x) } }
        if try genFloating(n, in: block) { return }
        let s = size(n.type)
        switch n.oper {
        case .nop, .cnsDbl:
            break
        case .cnsInt:
            if n.flags.contains(.unusedValue) { return }
            loadConstant(try reg(n), n.value, s, comment: n.handleComment)
        case .lclVar:
            let v = c.locals[n.lclNum]
            if v.isRegCandidate { return }
            emit(loadMnemonic(v.type), v.type.size == 8 ? .x : .w, .reg(try reg(n)), .mem(home(n.lclNum)))
        case .storeLclVar:
            let v = c.locals[n.lclNum]
            let src = try reg(n.operands[0])
            if v.isRegCandidate, let r = v.reg {
                mov(R(r), src, size(v.type))
            } else {
                emit(storeMnemonic(v.type), v.type.size == 8 ? .x : .w, .reg(src), .mem(home(n.lclNum)))
            }
        case .add, .sub:
            let dst = try reg(n), a = try reg(n.operands[0])
            let b = n.operands[1]
            if b.isContained, b.oper == .cnsInt {
                let negate = b.value < 0
                let m: Mnemonic = (n.oper == .add) != negate ? .add : .sub
                emit(m, s, .reg(dst), .reg(a), .imm(negate ? -b.value : b.value))
            } else {
                emit(n.oper == .add ? .add : .sub, s, .reg(dst), .reg(a), .reg(try reg(b)))
            }
        case .and, .or, .xor, .mul:
            let m: Mnemonic = n.oper == .and ? .and : n.oper == .or ? .orr : n.oper == .xor ? .eor : .mul
            emit(m, s, .reg(try reg(n)), .reg(try reg(n.operands[0])), .reg(try reg(n.operands[1])))
        case .neg:
            emit(.neg, s, .reg(try reg(n)), .reg(try reg(n.operands[0])))
        case .not:
            emit(.mvn, s, .reg(try reg(n)), .reg(try reg(n.operands[0])))
        case .lsh, .rsh, .rsz:
            let m: Mnemonic = n.oper == .lsh ? .lsl : n.oper == .rsh ? .asr : .lsr
            let count = n.operands[1]
            if count.isContained {
                emit(m, s, .reg(try reg(n)), .reg(try reg(n.operands[0])), .imm(count.value & Int64(s.bits - 1)))
            } else {
                emit(m, s, .reg(try reg(n)), .reg(try reg(n.operands[0])), .reg(try reg(count)))
            }
        case .div, .udiv:
            try divisionChecks(n, s, in: block)
            emit(n.oper == .div ? .sdiv : .udiv, s, .reg(try reg(n)), .reg(try reg(n.operands[0])), .reg(try reg(n.operands[1])))
        case .mod, .umod:
            try divisionChecks(n, s, in: block)
            let a = try reg(n.operands[0]), b = try reg(n.operands[1])
            emit(n.oper == .mod ? .sdiv : .udiv, s, .reg(ip0), .reg(a), .reg(b))
            emit(.msub, s, .reg(try reg(n)), .reg(ip0), .reg(b), .reg(a))
        case .eq, .ne, .lt, .le, .gt, .ge:
            let cc = try compare(n)
            emit(.cset, .w, .reg(try reg(n)), .cond(cc))
        case .jtrue:
            guard let t = block.target else { throw c.error(.internalError, "\(block.name) has JTRUE but no target") }
            let label = out.label(of: t)
            let op = n.operands[0]
            if op.oper.isCompare && op.isContained {
                let b = op.operands[1]
                if b.isContained, b.oper == .cnsInt, b.value == 0, op.oper == .eq || op.oper == .ne {
                    emit(op.oper == .eq ? .cbz : .cbnz, size(op.operands[0].type), .reg(try reg(op.operands[0])), .label(label))
                } else {
                    let cc = try compare(op)
                    emit(.bcond, .x, .cond(cc), .label(label))
                }
            } else {
                emit(.cbnz, size(op.type), .reg(try reg(op)), .label(label))
            }
        case .cast:
            try cast(n)
        case .putArgReg, .copy:
            guard let dst = n.reg else { return }
            mov(R(dst), try reg(n.operands[0]), s)
        case .putArgStk:
            emit(.str, .x, .reg(try reg(n.operands[0])), .mem(stackArgument(n)))
        case .call:
            guard let t = n.callTarget else { throw c.error(.internalError, "CALL without target") }
            if n.flags.contains(.fastTailCall) {
                try fastTailCall(n, t, weight: block.weight)
                return
            }
            switch t.dispatch {
            case .cell:
                loadConstant(ip0, Int64(bitPattern: t.cellAddress), .x, comment: "code for \(t.displayName)")
                emit(.ldr, .x, .reg(ip0), .mem(.offset(ip0, 0)))
                emit(Instruction(.blr, .x, operands: [.reg(ip0)], comment: t.listingNote))
            case .vtable(let slot):
                let this = R(c.target.argRegs[0])
                emit(.ldr, .x, .reg(ip0), .mem(.offset(this, 0)))
                emit(.ldr, .x, .reg(ip0), .mem(.offset(ip0, Int64(MethodTableLayout.chunkOffset(slot: slot)))))
                emit(.ldr, .x, .reg(ip0), .mem(.offset(ip0, Int64(MethodTableLayout.slotOffsetInChunk(slot: slot)))))
                emit(Instruction(.blr, .x, operands: [.reg(ip0)], comment: t.displayName))
            case .indirect:
                guard let target = n.operands.last else { throw c.error(.internalError, "indirect CALL without target") }
                emit(Instruction(.blr, .x, operands: [.reg(try reg(target))], comment: t.displayName))
            }
        case .ret:
            var values = n.operands
            // Runtime async: the last operand is the continuation returned in x2 (zero: completed).
            let cont = c.async.isAsync ? values.popLast() : nil
            var moves: [(dst: Reg, src: Reg, s: OperandSize)] = []
            if values.count == 2 {
                moves = [(.x0, try reg(values[0]), .x), (.x1, try reg(values[1]), .x)]
            } else if let v = values.first {
                moves = [(.x0, try reg(v), size(v.type))]
            }
            if let cont, !cont.isContained { moves.append((.x2, try reg(cont), .x)) }
            parallelMove(moves)
            if let cont, cont.isContained { mov(.x2, .zr, .x) }
            epilog(weight: block.weight)
        case .ind:
            let t = n.memType
            let mem = reachable(try address(n), Int64(t.size))
            if t.isSmall {
                emit(loadMnemonic(t), .w, .reg(try reg(n)), .mem(mem))
            } else {
                emit(.ldr, t.actualType == .int ? .w : .x, .reg(try reg(n)), .mem(mem))
            }
        case .storeInd:
            let t = n.memType
            let mem = reachable(try address(n), Int64(t.size))
            emit(storeMnemonic(t), t.size == 8 ? .x : .w, .reg(try reg(n.operands[1])), .mem(mem))
        case .lclAddr:
            let (_, off) = FrameBuilder.home(c.locals[n.lclNum], c)
            emit(.add, .x, .reg(try reg(n)), .reg(.fp), .imm(Int64(off)))
        case .nullCheck:
            emit(.ldr, .w, .reg(.zr), .mem(.offset(try reg(n.operands[0]), 0)))
        case .boundsCheck:
            emit(.cmp, .w, .reg(try reg(n.operands[0])), .reg(try reg(n.operands[1])))
            emit(.bcond, .x, .cond(.hs), .label(throwLabel(.rngChkFail)))
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

    func cast(_ n: Node) throws {
        let dst = try reg(n)
        let srcNode = n.operands[0]
        let src = try reg(srcNode)
        switch n.castType {
        case .byte: emit(.sxtb, .w, .reg(dst), .reg(src))
        case .short: emit(.sxth, .w, .reg(dst), .reg(src))
        case .ubyte, .bool: emit(.uxtb, .w, .reg(dst), .reg(src))
        case .ushort: emit(.uxth, .w, .reg(dst), .reg(src))
        case .long, .ulong:
            if srcNode.type.isWide { mov(dst, src, .x) }
            else if n.isUnsigned { emit(.mov, .w, .reg(dst), .reg(src)) }
            else { emit(.sxtw, .x, .reg(dst), .reg(src)) }
        default:
            if srcNode.type.isWide || dst != src { emit(.mov, .w, .reg(dst), .reg(src)) }
        }
    }

    /// `switch`: bounds check to the default block, then a branch through a table of offsets.
    func switchTable(_ n: Node, in block: BasicBlock) throws {
        let idx = try reg(n.operands[0])
        let targets = block.switchTargets
        guard let dflt = block.falseTarget ?? c.next(after: block) else {
            throw c.error(.internalError, "switch without a default successor")
        }
        emit(.cmp, .w, .reg(idx), .imm(Int64(targets.count)))
        emit(.bcond, .x, .cond(.hs), .label(out.label(of: dflt)))
        let base = out.label(of: c.blocks[0])
        let offset = out.data.reduce(0) { $0 + $1.byteSize }
        out.data.append(DataItem(entries: targets.map { out.label(of: $0) }, base: base))
        let table = c.readOnlyDataAddress + UInt64(offset)
        loadConstant(ip0, Int64(bitPattern: table), .x, comment: "reloc @" + Emitter.dataLabel(offset))
        emit(.mov, .w, .reg(ip1), .reg(idx))
        emit(.ldr, .w, .reg(ip1), .mem(.indexed(ip0, ip1, lsl: 2)))
        emit(.adr, .x, .reg(ip0), .label(base))
        emit(.add, .x, .reg(ip0), .reg(ip0), .reg(ip1))
        emit(.br, .x, .reg(ip0))
    }

    /// The memory operand of a memory node's address (contained `ADD(base, cns)` and `LCL_ADDR` fold in).
    /// Its offset may be one no access encodes: `reachable` makes it one.
    func address(_ n: Node, operand: Int = 0) throws -> Memory {
        let addr = n.operands[operand]
        let extra = operand == 0 ? Int64(n.memOffset) : 0
        if addr.isContained, addr.oper == .lclAddr {
            let (_, off) = FrameBuilder.home(c.locals[addr.lclNum], c)
            return .offset(.fp, Int64(off) + extra)
        }
        if addr.isContained, addr.oper == .add {
            let b = addr.operands[0]
            let k = addr.operands[1].value + extra
            if b.isContained, b.oper == .lclAddr {
                let (_, off) = FrameBuilder.home(c.locals[b.lclNum], c)
                return .offset(.fp, Int64(off) + k)
            }
            return .offset(try reg(b), k)
        }
        return .offset(try reg(addr), extra)
    }

    /// `m` as a load or store of `bytes` bytes can encode it: an offset no such access encodes goes
    /// through ip0 first. A field of a struct can sit at one (8 bytes at fp+0x124: neither a
    /// multiple of 8 nor within the unscaled -256...255), and so can an address IL computed from a
    /// local's (`ldloca V; ldc.i4.1; add`: fp+0x7E9 for a 4-byte store, fuzz seed 205, input 309963).
    func reachable(_ m: Memory, _ bytes: Int64) -> Memory {
        guard case .offset(let o) = m.mode, bytes > 0 else { return m }
        let scaled = o >= 0 && o % bytes == 0 && o / bytes < 4096
        if scaled || (-256...255).contains(o) { return m }
        if o >= 0 && o < 4096 {
            emit(.add, .x, .reg(ip0), .reg(m.base), .imm(o))
        } else {
            loadConstant(ip0, o, .x)
            emit(.add, .x, .reg(ip0), .reg(m.base), .reg(ip0))
        }
        return .offset(ip0, 0)
    }

    /// The label of the method's shared throw block for `helper` (RyuJIT's one block per kind per method).
    mutating func throwLabel(_ helper: JitHelper) -> Int {
        throwBlocks.label(helper, out)
    }

    /// `sdiv`/`udiv` never trap: test the divisor for zero (`cbz` to the CORINFO_HELP_THROWDIVZERO
    /// block) and, for signed division, `divisor == -1 && dividend == MinValue` (to the
    /// CORINFO_HELP_OVERFLOW block). `cmp dividend, #1` sets V only for MinValue, which no
    /// arithmetic immediate can name.
    mutating func divisionChecks(_ n: Node, _ s: OperandSize, in block: BasicBlock) throws {
        let checks = DivChecks(n)
        let divisor = try reg(n.operands[1])
        if checks.alwaysZero {
            emit(.b, .x, .label(throwLabel(.throwDivZero)))
        } else if checks.zero {
            emit(.cbz, s, .reg(divisor), .label(throwLabel(.throwDivZero)))
        }
        guard checks.overflow else { return }
        var divide: Int?
        if checks.divisorMinusOne {
            let l = out.newLabel()
            divide = l
            emit(.cmn, s, .reg(divisor), .imm(1))
            emit(.bcond, .x, .cond(.ne), .label(l))
        }
        emit(.cmp, s, .reg(try reg(n.operands[0])), .imm(1))
        emit(.bcond, .x, .cond(.vs), .label(throwLabel(.overflow)))
        if let divide { out.items.append(.block(label: divide, weight: block.weight)) }
    }

    /// STORE_BLK: copies (or zeroes) `blockSize` bytes in 8-, 4-, 2- and 1-byte moves through x17.
    func blockCopy(_ n: Node) throws {
        let dst = try address(n, operand: 0)
        let src = n.operands[1]
        let zero = src.isContained && src.oper == .cnsInt && src.value == 0
        let srcMem: Memory = zero ? .offset(ip1, 0) : try address(n, operand: 1)
        func shifted(_ m: Memory, _ k: Int64) -> Memory {
            if case .offset(let o) = m.mode { return .offset(m.base, o + k) }
            return m
        }
        var k: Int64 = 0
        let size = Int64(n.blockSize)
        while k < size {
            let rest = size - k
            let (load, store, s, step): (Mnemonic, Mnemonic, OperandSize, Int64) =
                rest >= 8 ? (.ldr, .str, .x, 8) : rest >= 4 ? (.ldr, .str, .w, 4) : rest >= 2 ? (.ldrh, .strh, .w, 2) : (.ldrb, .strb, .w, 1)
            if zero {
                emit(store, s, .reg(.zr), .mem(reachable(shifted(dst, k), step)))
            } else {
                emit(load, s, .reg(ip1), .mem(reachable(shifted(srcMem, k), step)))
                emit(store, s, .reg(ip1), .mem(reachable(shifted(dst, k), step)))
            }
            k += step
        }
    }
}
