/// An A64 general-purpose register, named as JitDisasm prints its 64-bit form.
///
/// The encoding number 31 means either `sp` or the zero register depending on the
/// instruction field, so both are separate cases here: the encoder checks that each
/// field accepts the one it is given instead of silently turning `sp` into `xzr`.
public enum Reg: UInt8, Sendable, CaseIterable, Hashable {
    case x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15
    case x16, x17, x18, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28
    /// x29, the frame pointer.
    case fp
    /// x30, the link register.
    case lr
    /// The stack pointer (encoding 31 in fields that accept it).
    case sp
    /// The zero register `xzr`/`wzr` (encoding 31 in the other fields).
    case zr

    /// The 5-bit register number used in instruction fields.
    public var number: UInt32 { self == .zr ? 31 : UInt32(rawValue) }

    /// The register with the given number 0...30, or nil.
    public static func x(_ n: Int) -> Reg? {
        guard n >= 0 && n <= 30 else { return nil }
        return Reg(rawValue: UInt8(n))
    }

    /// The name JitDisasm prints for this register at the given width.
    ///
    /// 64-bit names use the JitDisasm aliases `fp` and `lr`; 32-bit names are
    /// `w0`...`w30`, `wsp` and `wzr`.
    public func name(_ size: OperandSize) -> String {
        switch (self, size) {
        case (.sp, .x): return "sp"
        case (.sp, .w): return "wsp"
        case (.zr, .x): return "xzr"
        case (.zr, .w): return "wzr"
        case (.fp, .x): return "fp"
        case (.lr, .x): return "lr"
        case (_, .x): return "x\(rawValue)"
        case (_, .w): return "w\(rawValue)"
        }
    }

    /// The 64-bit name (`x0`, `fp`, `sp`, ...).
    public var name: String { name(.x) }
}

/// Operand width of a data-processing instruction: 32-bit `w` or 64-bit `x` registers.
///
/// Selects the `sf` variant of an encoding and the register names printed.
public enum OperandSize: Sendable, Hashable, CaseIterable {
    case w
    case x

    /// Width in bits (32 or 64).
    public var bits: Int { self == .w ? 32 : 64 }
}

/// A64 condition codes, with the spellings JitDisasm prints (`hs`/`lo`, not `cs`/`cc`).
public enum Cond: UInt32, Sendable, CaseIterable, Hashable {
    case eq = 0, ne, hs, lo, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al

    /// The opposite condition (flip of the low bit), used by `cset`/`cinc`.
    ///
    /// `al` has no meaningful inverse (its inverse is `nv`), so it returns nil.
    public var inverted: Cond? { self == .al ? nil : Cond(rawValue: rawValue ^ 1) }

    /// The lower-case name, e.g. `ne`.
    public var name: String { "\(self)" }
}

/// Shift applied to the last register of a shifted-register operand.
public enum ShiftKind: UInt32, Sendable, CaseIterable, Hashable {
    case lsl = 0, lsr, asr, ror

    /// Upper-case spelling, as JitDisasm prints it (`LSL`).
    public var name: String { "\(self)".uppercased() }
}

/// Extension applied to the register of an extended-register operand.
public enum ExtendKind: UInt32, Sendable, CaseIterable, Hashable {
    case uxtb = 0, uxth, uxtw, uxtx, sxtb, sxth, sxtw, sxtx

    /// Upper-case spelling (`SXTW`).
    public var name: String { "\(self)".uppercased() }

    /// The width of the register being extended: `x` only for `uxtx`/`sxtx`.
    public var sourceSize: OperandSize { (self == .uxtx || self == .sxtx) ? .x : .w }
}
