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
        let s = size(n.type)
        switch n.oper {
        case .nop:
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
            emit(n.oper == .div ? .sdiv : .udiv, s, .reg(try reg(n)), .reg(try reg(n.operands[0])), .reg(try reg(n.operands[1])))
        case .mod, .umod:
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
        case .call:
            guard let t = n.callTarget else { throw c.error(.internalError, "CALL without target") }
            loadConstant(ip0, Int64(bitPattern: t.cellAddress), .x, comment: "code for \(t.displayName)")
            emit(.ldr, .x, .reg(ip0), .mem(.offset(ip0, 0)))
            emit(.blr, .x, .reg(ip0))
        case .ret:
            if let v = n.operands.first { mov(.x0, try reg(v), size(v.type)) }
            epilog(weight: block.weight)
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
            if srcNode.type.actualType == .long { mov(dst, src, .x) }
            else if n.isUnsigned { emit(.mov, .w, .reg(dst), .reg(src)) }
            else { emit(.sxtw, .x, .reg(dst), .reg(src)) }
        default:
            if srcNode.type.actualType == .long || dst != src { emit(.mov, .w, .reg(dst), .reg(src)) }
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
        let offset = out.data.reduce(0) { $0 + 4 * $1.entries.count }
        out.data.append(DataItem(entries: targets.map { out.label(of: $0) }, base: base))
        let table = c.runtime.readOnlyDataAddress(of: c.method) + UInt64(offset)
        loadConstant(ip0, Int64(bitPattern: table), .x, comment: String(format: "reloc @RWD%02d", offset))
        emit(.mov, .w, .reg(ip1), .reg(idx))
        emit(.ldr, .w, .reg(ip1), .mem(.indexed(ip0, ip1, lsl: 2)))
        emit(.adr, .x, .reg(ip0), .label(base))
        emit(.add, .x, .reg(ip0), .reg(ip0), .reg(ip1))
        emit(.br, .x, .reg(ip0))
    }
}
