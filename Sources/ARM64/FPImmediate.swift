/// The 8-bit floating-point immediate of `fmov s|d, #imm` (VFPExpandImm in the Arm ARM).
///
/// imm8 = `abcdefgh` stands for ±(16 + efgh)/16 × 2^e with e in -3...4: a is the sign, b and cd
/// the exponent (stored as NOT(b), b repeated, cd), efgh the top four fraction bits. The same
/// real numbers exist in float32 and float64, so one table serves both precisions.
public enum FPImmediate {
    /// The float64 value of `imm8`.
    public static func expand(_ imm8: UInt8) -> Double {
        let sign = UInt64(imm8 >> 7), b = UInt64((imm8 >> 6) & 1), cd = UInt64((imm8 >> 4) & 3), frac = UInt64(imm8 & 15)
        let exponent = ((b ^ 1) << 10) | (b == 1 ? 0xFF << 2 : 0) | cd
        return Double(bitPattern: sign << 63 | exponent << 52 | frac << 48)
    }

    /// The imm8 that stands for `value`, or nil when `fmov` cannot encode it (0.0 among them).
    public static func encode(_ value: Double) -> UInt8? {
        (0...255).lazy.map(UInt8.init).first { expand($0).bitPattern == value.bitPattern }
    }
}
