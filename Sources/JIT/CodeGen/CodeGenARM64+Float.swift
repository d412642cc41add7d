import ARM64
import Diagnostics

/// arm64 floating-point code generation: scalar instructions on the low 32/64 bits of v0-v31,
/// printed `s0`/`d0`.
///
/// Operations are three-operand (`fadd d0, d1, d2`); constants are `fmov d0, #1.0000` when
/// fmov's 8-bit immediate can express them, else come through ip0 (`mov x16, bits` /
/// `fmov d0, x16`), zero is `fmov d0, xzr`; conversions are `scvtf`/`ucvtf`
/// and `fcvtzs`/`fcvtzu`, which saturate and turn NaN into 0 (.NET 9's rule, see
/// `ImportFloatingPoint`); float <-> double is `fcvt`. `fcmp` sets NZCV, with C and V for an
/// unordered pair: each relation, ordered or unordered, is one condition code except ordered
/// `!=` and unordered `==`, which also test V.
extension CodeGenARM64 {
    /// The floating-point register operand of register number `r` at the precision of `t`.
    func V(_ r: RegNum, _ t: VarType) -> Operand { .fp(UInt8(r - TargetInfo.firstFloatReg), t == .float ? .s : .d) }

    /// The floating-point register holding a (non-contained) operand, at its precision.
    func vreg(_ n: Node) throws -> Operand {
        if n.oper == .lclVar, c.locals[n.lclNum].isRegCandidate, let r = c.locals[n.lclNum].reg { return V(r, n.type) }
        guard let r = n.reg, TargetInfo.isFloat(r) else {
            throw c.error(.internalError, "node [\(String(format: "%06d", n.id))] \(n.oper.rawValue) has no floating-point register")
        }
        return V(r, n.type)
    }

    /// The access size of a float32 (`w`: `ldr s0`) or float64 (`x`: `ldr d0`) load or store.
    func fpSize(_ t: VarType) -> OperandSize { t == .float ? .w : .x }

    /// `fmov dst, src` unless they are the same register.
    func fmov(_ dst: Operand, _ src: Operand) {
        if dst != src { emit(.fmov, .x, dst, src) }
    }

    /// Loads a float32/float64 constant: `fmov d0, #imm` when the value is one of fmov's immediates,
    /// `fmov d0, xzr` for +0.0, else its bits through ip0.
    func loadFloatConstant(_ dst: Operand, _ value: Double, _ t: VarType) {
        let s = fpSize(t)
        let v = t == .float ? Double(Float(value)) : value
        if FPImmediate.encode(v) != nil {
            emit(.fmov, .x, dst, .imm(Int64(bitPattern: v.bitPattern)))
            return
        }
        if value.bitPattern == 0 {
            emit(.fmov, s, dst, .reg(.zr))
            return
        }
        let bits = t == .float ? Int64(Float(value).bitPattern) : Int64(bitPattern: value.bitPattern)
        loadConstant(ip0, bits, s)
        emit(.fmov, s, dst, .reg(ip0))
    }

    /// How a floating-point compare reads NZCV after `fcmp`: one condition, or one of two.
    enum FloatCondition {
        case one(Cond)
        /// Ordered `!=`: not equal (`ne`) and ordered (`vc`).
        case notEqualOrdered
        /// Unordered `==`: equal (`eq`) or unordered (`vs`).
        case equalOrUnordered
    }

    /// Emits `fcmp` for a compare of floating-point operands; returns when it is true.
    func floatCompare(_ cmp: Node) throws -> FloatCondition {
        emit(.fcmp, .x, try vreg(cmp.operands[0]), try vreg(cmp.operands[1]))
        switch (cmp.oper, cmp.isUnsigned) {
        case (.eq, false): return .one(.eq)
        case (.eq, true): return .equalOrUnordered
        case (.ne, false): return .notEqualOrdered
        case (.ne, true): return .one(.ne)
        case (.gt, false): return .one(.gt)
        case (.ge, false): return .one(.ge)
        case (.lt, false): return .one(.mi)
        case (.le, false): return .one(.ls)
        case (.gt, true): return .one(.hi)
        case (.ge, true): return .one(.hs)
        case (.lt, true): return .one(.lt)
        default: return .one(.le)
        }
    }

    /// Generates `n` when it is a floating-point node; returns false for every other node.
    mutating func genFloating(_ n: Node, in block: BasicBlock) throws -> Bool {
        switch n.oper {
        case .cnsDbl:
            if !n.flags.contains(.unusedValue) { loadFloatConstant(try vreg(n), n.doubleValue, n.type) }
        case .lclVar where c.locals[n.lclNum].type.isFloating:
            let v = c.locals[n.lclNum]
            if v.isRegCandidate { return true }
            emit(.ldr, fpSize(v.type), try vreg(n), .mem(home(n.lclNum)))
        case .storeLclVar where c.locals[n.lclNum].type.isFloating:
            let v = c.locals[n.lclNum]
            let src = try vreg(n.operands[0])
            if v.isRegCandidate, let r = v.reg {
                fmov(V(r, v.type), src)
            } else {
                emit(.str, fpSize(v.type), src, .mem(home(n.lclNum)))
            }
        // (Compared one by one: an array literal of the opers here was made for every node.)
        case _ where n.type.isFloating && (n.oper == .add || n.oper == .sub || n.oper == .mul || n.oper == .div):
            let m: Mnemonic = switch n.oper {
            case .add: .fadd
            case .sub: .fsub
            case .mul: .fmul
            default: .fdiv
            }
            emit(m, .x, try vreg(n), try vreg(n.operands[0]), try vreg(n.operands[1]))
        case .neg where n.type.isFloating:
            emit(.fneg, .x, try vreg(n), try vreg(n.operands[0]))
        case _ where n.oper.isCompare && n.operands[0].type.isFloating:
            let dst = try reg(n)
            switch try floatCompare(n) {
            case .one(let cc):
                emit(.cset, .w, .reg(dst), .cond(cc))
            case .notEqualOrdered:
                emit(.cset, .w, .reg(dst), .cond(.ne))
                emit(.cset, .w, .reg(ip0), .cond(.vc))
                emit(.and, .w, .reg(dst), .reg(dst), .reg(ip0))
            case .equalOrUnordered:
                emit(.cset, .w, .reg(dst), .cond(.eq))
                emit(.cset, .w, .reg(ip0), .cond(.vs))
                emit(.orr, .w, .reg(dst), .reg(dst), .reg(ip0))
            }
        case .jtrue where n.operands[0].oper.isCompare && n.operands[0].isContained && n.operands[0].operands[0].type.isFloating:
            guard let t = block.target, let f = block.falseTarget ?? c.next(after: block) else {
                throw c.error(.internalError, "\(block.name) has JTRUE but no targets")
            }
            let label = out.label(of: t)
            switch try floatCompare(n.operands[0]) {
            case .one(let cc):
                emit(.bcond, .x, .cond(cc), .label(label))
            case .notEqualOrdered:
                emit(.bcond, .x, .cond(.vs), .label(out.label(of: f)))
                emit(.bcond, .x, .cond(.ne), .label(label))
            case .equalOrUnordered:
                emit(.bcond, .x, .cond(.eq), .label(label))
                emit(.bcond, .x, .cond(.vs), .label(label))
            }
        case .cast where n.type.isFloating || n.operands[0].type.isFloating:
            try floatCast(n)
        case _ where (n.oper == .putArgReg || n.oper == .copy) && n.type.isFloating:
            guard let dst = n.reg else { return true }
            fmov(V(dst, n.type), try vreg(n.operands[0]))
        case .putArgStk where n.memType.isFloating:
            emit(.str, fpSize(n.memType), try vreg(n.operands[0]), .mem(stackArgument(n)))
        case .ind where n.memType.isFloating:
            emit(.ldr, fpSize(n.memType), try vreg(n), .mem(reachable(try address(n), Int64(n.memType.size))))
        case .storeInd where n.memType.isFloating:
            emit(.str, fpSize(n.memType), try vreg(n.operands[1]), .mem(reachable(try address(n), Int64(n.memType.size))))
        case .ret where n.operands.first?.type.isFloating ?? false:
            fmov(V(c.target.floatReturnReg, n.operands[0].type), try vreg(n.operands[0]))
            if c.async.isAsync, let cont = n.operands.last {
                if cont.isContained { mov(.x2, .zr, .x) } else { mov(.x2, try reg(cont), .x) }
            }
            epilog(weight: block.weight)
        default:
            return false
        }
        return true
    }

    /// Conversions with a floating-point side.
    func floatCast(_ n: Node) throws {
        let src = n.operands[0]
        switch (src.type.isFloating, n.type.isFloating) {
        case (true, true):
            emit(.fcvt, .x, try vreg(n), try vreg(src))
        case (false, true):
            emit(n.isUnsigned ? .ucvtf : .scvtf, size(src.type), try vreg(n), .reg(try reg(src)))
        default:
            emit(n.isUnsigned ? .fcvtzu : .fcvtzs, size(n.type), .reg(try reg(n)), try vreg(src))
        }
    }
}
