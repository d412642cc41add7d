/// The explicit checks an integer division needs before the hardware divide instruction (arm64).
///
/// x64 needs none: `idiv`/`div` fault on both a zero divisor and MinValue / -1, and the
/// runtime decodes the faulting instruction to pick the exception, as CoreCLR does.
/// .NET throws DivideByZeroException for `x / 0` and `x % 0`, and OverflowException
/// for `MinValue / -1` and `MinValue % -1`. A constant divisor decides them at
/// compile time: a non-zero constant needs no zero check, a constant other than -1
/// no overflow check, and a constant -1 needs only the dividend test.
struct DivChecks {
    /// The divisor may be zero: test it.
    var zero: Bool
    /// The divisor is the constant zero: the division always throws.
    var alwaysZero: Bool
    /// The divisor may be -1 (signed only): test it before testing the dividend.
    var divisorMinusOne: Bool
    /// The divisor is the constant -1: only the dividend needs a test.
    var dividendOnly: Bool

    init(_ n: Node) {
        let signed = n.oper == .div || n.oper == .mod
        let d = n.operands[1]
        if d.oper == .cnsInt {
            let v = n.type.actualType == .long ? d.value : Int64(Int32(truncatingIfNeeded: d.value))
            zero = v == 0
            alwaysZero = v == 0
            divisorMinusOne = false
            dividendOnly = signed && v == -1
        } else {
            zero = true
            alwaysZero = false
            divisorMinusOne = signed
            dividendOnly = false
        }
    }

    /// Whether any overflow test is needed.
    var overflow: Bool { divisorMinusOne || dividendOnly }
}
