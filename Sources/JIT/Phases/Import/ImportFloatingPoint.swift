import Diagnostics
import IL

/// Floating-point importation: `ldc.r4`/`ldc.r8`, `conv.r4`/`conv.r8`/`conv.r.un`, conversions
/// from float32/float64 to integers, `rem`, `ckfinite` and the checked conversions of a
/// floating-point value.
///
/// On the evaluation stack IL has one floating-point type, F; the model keeps the precision
/// of the value (`float` or `double`) as RyuJIT does, and widens a float32 to float64 where
/// an operation mixes the two (`balanceFloating`).
///
/// Conversions to integers follow .NET 9's rule (dotnet/runtime#97529, "saturating
/// floating-point to integer conversions" on every platform): NaN converts to 0, a value
/// beyond the target's range to its MinValue or MaxValue, anything else truncates toward
/// zero. A small target (`conv.i1`, `conv.u2` ...) converts to int32 first and then narrows.
/// arm64's `fcvtzs`/`fcvtzu` are exactly that rule; on x64, where `cvttsd2si` gives
/// 0x80000000... for NaN and out-of-range values, the model calls the runtime's saturating
/// helpers (CORINFO_HELP_DBL2INT, DBL2UINT, DBL2LNG, DBL2ULNG), as RyuJIT's morph turns such
/// casts into helper calls where the target has no instruction for them.
extension BlockImporter {
    /// Imports `ins` if it is a floating-point opcode; returns false for any other opcode.
    func importFloatingOpcode(_ ins: Instruction) throws -> Bool {
        switch ins.opcode {
        case .ldc_r4, .ldc_r8:
            guard case .float(let v) = ins.operand else {
                throw Diagnostic(.invalidIL, at: ins.location, "'\(ins.opcode.rawValue)' needs a floating-point operand")
            }
            push(floatConstant(v, ins.opcode == .ldc_r4 ? .float : .double))
        case .conv_r4, .conv_r8, .conv_r_un:
            let v = try pop()
            let to: VarType = ins.opcode == .conv_r4 ? .float : .double
            push(try toFloating(v, to, unsignedSource: ins.opcode == .conv_r_un, ins))
        case .ckfinite:
            let v = try pop()
            guard v.type.isFloating else {
                throw Diagnostic(.invalidIL, at: ins.location, "'ckfinite' needs a floating-point value, got \(v.type)")
            }
            let sig: TypeSig = v.type == .float ? .float32 : .float64
            try callCheckedArithmetic("CheckFinite", [sig], returns: sig, [v], ins)
        default:
            return false
        }
        return true
    }

    /// A CNS_DBL of `type` (the value rounded to float32 for `.float`).
    func floatConstant(_ v: Double, _ type: VarType) -> Node {
        let n = node(.cnsDbl, type)
        n.doubleValue = type == .float ? Double(Float(v)) : v
        return n
    }

    /// `conv.r4`, `conv.r8`, `conv.r.un`: an integer or floating-point value to float32/float64.
    func toFloating(_ v: Node, _ to: VarType, unsignedSource: Bool, _ ins: Instruction) throws -> Node {
        if v.type == to { return v }
        if v.type.isFloating { return floatCast(v, to) }
        guard v.type == .int || v.type == .long else {
            throw Diagnostic(.invalidIL, at: ins.location, "'\(ins.opcode.rawValue)' needs a number, got \(v.type)")
        }
        if unsignedSource && v.type == .long && c.arch == .x64 {
            // x64 has no unsigned 64-bit conversion before AVX-512: the runtime's helper.
            let d = helperCall(.ulng2Dbl, .double, [v])
            return to == .double ? d : floatCast(d, to)
        }
        var source = v
        if unsignedSource && v.type == .int && c.arch == .x64 {
            // A uint32 fits the signed 64-bit conversion once zero-extended.
            source = node(.cast, .long, [v], flags: .unsigned)
            source.castType = .long
        }
        let cast = node(.cast, to, [source], flags: unsignedSource && source.type == v.type ? .unsigned : [])
        cast.castType = to
        return cast
    }

    /// float32 <-> float64.
    func floatCast(_ v: Node, _ to: VarType) -> Node {
        if v.type == to { return v }
        let cast = node(.cast, to, [v])
        cast.castType = to
        return cast
    }

    /// Widens the float32 operand of a mixed float32/float64 pair.
    func balanceFloating(_ a: Node, _ b: Node) -> (Node, Node) {
        if a.type == b.type { return (a, b) }
        return (floatCast(a, .double), floatCast(b, .double))
    }

    /// `conv.i4`, `conv.u8` ... of a floating-point value, saturating (.NET 9; see the type comment).
    func floatToInteger(_ v: Node, _ op: Opcode) throws -> Node {
        let small: VarType? = switch op {
        case .conv_i1: .byte
        case .conv_u1: .ubyte
        case .conv_i2: .short
        case .conv_u2: .ushort
        default: nil
        }
        let unsigned = op == .conv_u4 || op == .conv_u8 || op == .conv_u
        let to: VarType = (op == .conv_i8 || op == .conv_u8 || op == .conv_i || op == .conv_u) ? .long : .int
        var result: Node
        if c.arch == .x64 {
            let helper: JitHelper = switch (to, unsigned) {
            case (.long, true): .dbl2ULng
            case (.long, false): .dbl2Lng
            case (_, true): .dbl2UInt
            default: .dbl2Int
            }
            result = helperCall(helper, to, [floatCast(v, .double)])
        } else {
            result = node(.cast, to, [v], flags: unsigned ? .unsigned : [])
            result.castType = to
        }
        if let small {
            let narrow = node(.cast, .int, [result])
            narrow.castType = small
            result = narrow
        }
        return result
    }

    /// `rem` of two floating-point values: fmod, through CORINFO_HELP_DBLREM / FLTREM as in RyuJIT.
    func floatRemainder(_ a: Node, _ b: Node) -> Node {
        a.type == .float ? helperCall(.fltRem, .float, [a, b]) : helperCall(.dblRem, .double, [a, b])
    }

    /// A checked conversion (`conv.ovf.i4` ...) of a floating-point value: CheckedArithmetic's
    /// `InRangeDouble(value, low, high)` throws OverflowException unless low < value < high (NaN
    /// fails), then the value converts as the unchecked conversion does. The bounds are the
    /// nearest doubles outside the target's range, so the test is exact.
    func importCheckedFloatConversion(_ v: Node, _ op: Opcode, narrow: Opcode, _ ins: Instruction) throws {
        let name = op.rawValue
        let target = name.replacingOccurrences(of: "conv.ovf.", with: "").replacingOccurrences(of: ".un", with: "")
        let bounds: (Double, Double) = switch target {
        case "i1": (-129, 128)
        case "u1": (-1, 256)
        case "i2": (-32769, 32768)
        case "u2": (-1, 65536)
        case "i4": (-2147483649, 2147483648)
        case "u4": (-1, 4294967296)
        case "u8", "u": (-1, 18446744073709551616)
        default: (-9223372036854777856, 9223372036854775808)   // i8, i: [-2^63, 2^63)
        }
        try callCheckedArithmetic("InRangeDouble", [.float64, .float64, .float64], returns: .float64,
                                  [floatCast(v, .double), floatConstant(bounds.0, .double), floatConstant(bounds.1, .double)], ins)
        let checked = try pop()
        let unchecked: Opcode = switch target {
        case "u8", "u": .conv_u8
        case "i8", "i": .conv_i8
        case "u4": .conv_u4
        default: narrow == .conv_i8 ? .conv_i8 : narrow
        }
        push(try floatToInteger(checked, unchecked))
    }
}
