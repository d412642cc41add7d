import Diagnostics
import X64

/// x64 floating-point code generation: scalar SSE2 on the low lane of xmm registers.
///
/// float64 values use the `sd` forms, float32 values the `ss` forms. Register copies are
/// `movaps` (the whole register, no dependence on the destination's old value, as RyuJIT
/// emits them). Constants come through r11 (`mov r11, bits` / `movq xmm, r11`); zero is
/// `xorps`. Negation flips the sign bit with `xorps` against a mask built in xmm15, the
/// floating-point scratch register. Compares are `ucomisd`/`ucomiss`, which set ZF, PF and CF
/// (all three for an unordered pair): operands are ordered so that the ordered relations read
/// `above`/`above or equal` and the unordered ones `below`/`below or equal`; `==` (ordered) and
/// `!=` (unordered) also test the parity flag.
extension CodeGenX64 {
    /// The xmm register of register number `r` (`TargetInfo.firstFloatReg` + n).
    func X(_ r: RegNum) -> XMM { XMM(rawValue: UInt8(r - TargetInfo.firstFloatReg))! }

    /// The xmm register holding a (non-contained) floating-point operand.
    func xreg(_ n: Node) throws -> XMM {
        if n.oper == .lclVar, c.locals[n.lclNum].isRegCandidate, let r = c.locals[n.lclNum].reg { return X(r) }
        guard let r = n.reg, TargetInfo.isFloat(r) else {
            throw c.error(.internalError, "node [\(String(format: "%06d", n.id))] \(n.oper.rawValue) has no xmm register")
        }
        return X(r)
    }

    var xmmScratch: XMM { X(c.target.floatScratch) }

    /// `movaps dst, src` unless they are the same register.
    func movaps(_ dst: XMM, _ src: XMM) {
        if dst != src { emit(Instruction(.movaps, .xmm(dst), .xmm(src))) }
    }

    /// The scalar load/store move of a type: `movsd` (qword) or `movss` (dword).
    func scalarMove(_ t: VarType) -> (Mnemonic, Width) { t == .float ? (.movss, .dword) : (.movsd, .qword) }

    /// Loads the bit pattern of a float32/float64 constant.
    func loadFloatConstant(_ dst: XMM, _ value: Double, _ t: VarType) {
        if value.bitPattern == 0 {
            emit(Instruction(.xorps, .xmm(dst), .xmm(dst)))
        } else if t == .float {
            emit(Instruction(.mov, .d(scratch), .imm(Int64(Float(value).bitPattern))))
            emit(Instruction(.movd, .xmm(dst), .d(scratch)))
        } else {
            loadConstant(scratch, Int64(bitPattern: value.bitPattern), .qword)
            emit(Instruction(.movq, .xmm(dst), .q(scratch)))
        }
    }

    /// How a floating-point compare reads the flags after `ucomis`.
    enum ParityRule { case none, ordered, orUnordered }

    /// Emits `ucomisd`/`ucomiss` for a compare of floating-point operands; returns the condition and
    /// the parity rule that together mean the compare is true.
    func floatCompare(_ cmp: Node) throws -> (Condition, ParityRule) {
        let a = try xreg(cmp.operands[0]), b = try xreg(cmp.operands[1])
        let unordered = cmp.isUnsigned
        let (swap, cc, parity): (Bool, Condition, ParityRule) = switch (cmp.oper, unordered) {
        case (.gt, false): (false, .a, .none)
        case (.ge, false): (false, .ae, .none)
        case (.lt, false): (true, .a, .none)
        case (.le, false): (true, .ae, .none)
        case (.gt, true): (true, .b, .none)
        case (.ge, true): (true, .be, .none)
        case (.lt, true): (false, .b, .none)
        case (.le, true): (false, .be, .none)
        case (.eq, false): (false, .e, .ordered)
        case (.eq, true): (false, .e, .none)
        case (.ne, false): (false, .ne, .none)
        default: (false, .ne, .orUnordered)
        }
        let m: Mnemonic = cmp.operands[0].type == .float ? .ucomiss : .ucomisd
        emit(Instruction(m, .xmm(swap ? b : a), .xmm(swap ? a : b)))
        return (cc, parity)
    }

    /// Generates `n` when it is a floating-point node; returns false for every other node.
    mutating func genFloating(_ n: Node, in block: BasicBlock) throws -> Bool {
        switch n.oper {
        case .cnsDbl:
            if !n.flags.contains(.unusedValue) { loadFloatConstant(try xreg(n), n.doubleValue, n.type) }
        case .lclVar where c.locals[n.lclNum].type.isFloating:
            let v = c.locals[n.lclNum]
            if v.isRegCandidate { return true }
            let (m, w) = scalarMove(v.type)
            emit(Instruction(m, .xmm(try xreg(n)), home(n.lclNum, w)))
        case .storeLclVar where c.locals[n.lclNum].type.isFloating:
            let v = c.locals[n.lclNum]
            let src = try xreg(n.operands[0])
            if v.isRegCandidate, let r = v.reg {
                movaps(X(r), src)
            } else {
                let (m, w) = scalarMove(v.type)
                emit(Instruction(m, home(n.lclNum, w), .xmm(src)))
            }
        // (Compared one by one: an array literal of the opers here was made for every node.)
        case _ where n.type.isFloating && (n.oper == .add || n.oper == .sub || n.oper == .mul || n.oper == .div):
            let dst = try xreg(n), a = try xreg(n.operands[0]), b = try xreg(n.operands[1])
            let single = n.type == .float
            let m: Mnemonic = switch n.oper {
            case .add: single ? .addss : .addsd
            case .sub: single ? .subss : .subsd
            case .mul: single ? .mulss : .mulsd
            default: single ? .divss : .divsd
            }
            if dst == b && dst != a && n.oper.isCommutative {
                emit(Instruction(m, .xmm(dst), .xmm(a)))
            } else {
                movaps(dst, a)
                emit(Instruction(m, .xmm(dst), .xmm(b)))
            }
        case .neg where n.type.isFloating:
            let dst = try xreg(n)
            movaps(dst, try xreg(n.operands[0]))
            if n.type == .float {
                emit(Instruction(.mov, .d(scratch), .imm(0x8000_0000)))
                emit(Instruction(.movd, .xmm(xmmScratch), .d(scratch)))
            } else {
                loadConstant(scratch, Int64.min, .qword)
                emit(Instruction(.movq, .xmm(xmmScratch), .q(scratch)))
            }
            emit(Instruction(.xorps, .xmm(dst), .xmm(xmmScratch)))
        case _ where n.oper.isCompare && n.operands[0].type.isFloating:
            let (cc, parity) = try floatCompare(n)
            let dst = try reg(n)
            emit(.set(cc, dst))
            switch parity {
            case .none: break
            case .ordered:
                emit(.set(.np, scratch))
                emit(Instruction(.and, .b(dst), .b(scratch)))
            case .orUnordered:
                emit(.set(.p, scratch))
                emit(Instruction(.or, .b(dst), .b(scratch)))
            }
            emit(Instruction(.movzx, .d(dst), .b(dst)))
        case .jtrue where n.operands[0].oper.isCompare && n.operands[0].isContained && n.operands[0].operands[0].type.isFloating:
            let (cc, parity) = try floatCompare(n.operands[0])
            guard let t = block.target, let f = block.falseTarget ?? c.next(after: block) else {
                throw c.error(.internalError, "\(block.name) has JTRUE but no targets")
            }
            switch parity {
            case .none: break
            case .ordered: emit(.j(.p, label: out.label(of: f)))
            case .orUnordered: emit(.j(.p, label: out.label(of: t)))
            }
            emit(.j(cc, label: out.label(of: t)))
        case .cast where n.type.isFloating || n.operands[0].type.isFloating:
            try floatCast(n)
        case _ where (n.oper == .putArgReg || n.oper == .copy) && n.type.isFloating:
            guard let dst = n.reg else { return true }
            movaps(X(dst), try xreg(n.operands[0]))
        case .putArgStk where n.memType.isFloating:
            let (m, w) = scalarMove(n.memType)
            emit(Instruction(m, stackArgument(n, w), .xmm(try xreg(n.operands[0]))))
        case .ind where n.memType.isFloating:
            let (base, disp) = try address(n)
            let (m, w) = scalarMove(n.memType)
            emit(Instruction(m, .xmm(try xreg(n)), .ptr(w, base, disp)))
        case .storeInd where n.memType.isFloating:
            let (base, disp) = try address(n)
            let (m, w) = scalarMove(n.memType)
            emit(Instruction(m, .ptr(w, base, disp), .xmm(try xreg(n.operands[1]))))
        case .ret where n.operands.first?.type.isFloating ?? false:
            movaps(X(c.target.floatReturnReg), try xreg(n.operands[0]))
            if c.async.isAsync, let cont = n.operands.last {
                if cont.isContained { emit(Instruction(.xor, .d(.rcx), .d(.rcx))) } else { mov(.rcx, try reg(cont), .qword) }
            }
            epilog(weight: block.weight)
        default:
            return false
        }
        return true
    }

    /// Conversions with a floating-point side: integer to float/double (`cvtsi2sd`, after an
    /// `xorps` that breaks the dependence on the register's old value), float <-> double.
    /// Floating-point to integer conversions are helper calls on x64 (the importer's choice).
    func floatCast(_ n: Node) throws {
        let src = n.operands[0]
        if src.type.isFloating && n.type.isFloating {
            emit(Instruction(n.type == .double ? .cvtss2sd : .cvtsd2ss, .xmm(try xreg(n)), .xmm(try xreg(src))))
            return
        }
        guard n.type.isFloating, src.type == .int || src.type == .long, !n.isUnsigned else {
            throw c.error(.internalError, "x64 has no conversion of [\(String(format: "%06d", n.id))] from \(src.type) to \(n.type)")
        }
        let dst = try xreg(n)
        emit(Instruction(.xorps, .xmm(dst), .xmm(dst)))
        emit(Instruction(n.type == .double ? .cvtsi2sd : .cvtsi2ss, .xmm(dst), .reg(try reg(src), width(src.type))))
    }
}
