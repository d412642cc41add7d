/// The instruction mnemonics the ARM64 encoder understands.
///
/// Aliases (`mov`, `cmp`, `neg`, `lsl`, `cset`, `sxtw`, ...) are first-class mnemonics:
/// the JIT asks for what it wants to print and the form table maps the alias onto its
/// underlying encoding (`cmp` is `subs` to the zero register, and so on).
public enum Mnemonic: String, Sendable, CaseIterable, Hashable {
    /// Hashes the case, not the string `RawRepresentable` would hash: set and dictionary lookups
    /// keyed by it are on the JIT's hot path.
    public func hash(into hasher: inout Hasher) { withUnsafeBytes(of: self) { hasher.combine(bytes: $0) } }

    /// The case's declaration index, in `0..<allCases.count` (a payload-free enum's tag is its case
    /// number): per-mnemonic tables are arrays indexed by it, which a lookup need not hash.
    /// (One tag byte up to 256 cases, two beyond; MnemonicOrdinalTests checks every case.)
    var ordinal: Int { withUnsafeBytes(of: self) { $0.count == 1 ? Int($0[0]) : Int($0.loadUnaligned(as: UInt16.self)) } }

    // Arithmetic.
    case add, adds, sub, subs, cmp, cmn, neg, negs
    case mul, mneg, madd, msub, smull, umull, sdiv, udiv
    // Logical.
    case and, orr, eor, ands, bic, orn, tst, mvn
    // Shifts and extensions.
    case lsl, lsr, asr, sxtb, sxth, sxtw, uxtb, uxth
    // Moves.
    case mov, movz, movn, movk
    // Conditional select.
    case csel, csinc, cset, cinc
    // Branches.
    case b, bl, bcond = "b.cond", br, blr, ret, cbz, cbnz
    // Loads and stores.
    case ldr, ldrb, ldrh, ldrsb, ldrsh, ldrsw, str, strb, strh
    case ldur, ldurb, ldurh, ldursb, ldursh, ldursw, stur, sturb, sturh
    case ldp, stp
    // Scalar floating point (SIMD&FP registers).
    case fmov, fadd, fsub, fmul, fdiv, fneg, fabs, fsqrt, fmin, fmax, fcmp, fcvt
    case scvtf, ucvtf, fcvtzs, fcvtzu, frintm, frintp, frintn, frintz
    // Miscellaneous.
    case adr, brk, nop
    /// Data memory barriers of the inner shareable domain: `dmb ish` (all accesses), `dmb ishld` (loads).
    case dmbIsh = "dmb ish", dmbIshld = "dmb ishld"
}
