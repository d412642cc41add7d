/// The arithmetic of constant folding, as pure functions on CNS_INT values.
///
/// Values are kept as `Int64`; an `int` value is stored sign-extended (as
/// `Compiler.constant` makes it). Each function computes exactly what the
/// target's instruction would, so folding never changes a program's result:
/// int32 arithmetic wraps, shift counts are masked to 31/63 like x64 and arm64
/// do, and division is left alone when it would throw.
enum FoldMath {
    /// Folds a unary operator; nil when `oper` is not one.
    static func unary(_ oper: Oper, _ type: VarType, _ v: Int64) -> Int64? {
        switch (oper, type) {
        case (.neg, .int): Int64(0 &- Int32(truncatingIfNeeded: v))
        case (.neg, .long): 0 &- v
        case (.not, .int): Int64(~Int32(truncatingIfNeeded: v))
        case (.not, .long): ~v
        default: nil
        }
    }

    /// Folds a binary arithmetic operator of result type `type`; nil when it must not be folded
    /// (division by zero, MIN / -1) or `oper` is not one.
    static func binary(_ oper: Oper, _ type: VarType, _ a: Int64, _ b: Int64) -> Int64? {
        if type == .int {
            let x = Int32(truncatingIfNeeded: a), y = Int32(truncatingIfNeeded: b)
            let ux = UInt32(bitPattern: x), uy = UInt32(bitPattern: y)
            let r: Int32
            switch oper {
            case .add: r = x &+ y
            case .sub: r = x &- y
            case .mul: r = x &* y
            case .and: r = x & y
            case .or: r = x | y
            case .xor: r = x ^ y
            case .div, .mod:
                guard y != 0, !(x == Int32.min && y == -1) else { return nil }
                r = oper == .div ? x / y : x % y
            case .udiv, .umod:
                guard uy != 0 else { return nil }
                r = Int32(bitPattern: oper == .udiv ? ux / uy : ux % uy)
            case .lsh: r = x &<< Int32(truncatingIfNeeded: b & 31)
            case .rsh: r = x &>> Int32(truncatingIfNeeded: b & 31)
            case .rsz: r = Int32(bitPattern: ux &>> UInt32(truncatingIfNeeded: b & 31))
            default: return nil
            }
            return Int64(r)
        }
        guard type == .long else { return nil }
        let ux = UInt64(bitPattern: a), uy = UInt64(bitPattern: b)
        switch oper {
        case .add: return a &+ b
        case .sub: return a &- b
        case .mul: return a &* b
        case .and: return a & b
        case .or: return a | b
        case .xor: return a ^ b
        case .div, .mod:
            guard b != 0, !(a == Int64.min && b == -1) else { return nil }
            return oper == .div ? a / b : a % b
        case .udiv, .umod:
            guard uy != 0 else { return nil }
            return Int64(bitPattern: oper == .udiv ? ux / uy : ux % uy)
        case .lsh: return a &<< (b & 63)
        case .rsh: return a &>> (b & 63)
        case .rsz: return Int64(bitPattern: ux &>> UInt64(b & 63))
        default: return nil
        }
    }

    /// Folds a relational operator on operands of type `operandType`: 1 when it holds, else 0.
    static func compare(_ oper: Oper, unsigned: Bool, operandType: VarType, _ a: Int64, _ b: Int64) -> Int64? {
        let order: Int   // -1, 0, 1
        if operandType == .int {
            let x = Int32(truncatingIfNeeded: a), y = Int32(truncatingIfNeeded: b)
            order = unsigned ? cmp(UInt32(bitPattern: x), UInt32(bitPattern: y)) : cmp(x, y)
        } else {
            order = unsigned ? cmp(UInt64(bitPattern: a), UInt64(bitPattern: b)) : cmp(a, b)
        }
        let holds: Bool
        switch oper {
        case .eq: holds = order == 0
        case .ne: holds = order != 0
        case .lt: holds = order < 0
        case .le: holds = order <= 0
        case .gt: holds = order > 0
        case .ge: holds = order >= 0
        default: return nil
        }
        return holds ? 1 : 0
    }

    /// Folds a CAST of `v` (of type `from`) to `castType`; `unsigned` zero-extends an int to long.
    static func cast(_ v: Int64, to castType: VarType, from: VarType, unsigned: Bool) -> Int64 {
        switch castType {
        case .byte: Int64(Int8(truncatingIfNeeded: v))
        case .bool, .ubyte: Int64(UInt8(truncatingIfNeeded: v))
        case .short: Int64(Int16(truncatingIfNeeded: v))
        case .ushort: Int64(UInt16(truncatingIfNeeded: v))
        case .int, .uint: Int64(Int32(truncatingIfNeeded: v))
        case .long, .ulong:
            from == .int ? (unsigned ? Int64(UInt32(truncatingIfNeeded: v)) : Int64(Int32(truncatingIfNeeded: v))) : v
        default: v
        }
    }

    private static func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
}
