/// A memory operand: a base register plus one addressing mode.
///
/// The modes mirror what the JIT emits: frame slots (`[fp, #0x10]`), prolog/epilog
/// pushes and pops (`[sp, #-0x20]!`, `[sp], #0x20`) and array indexing
/// (`[x0, x1, LSL #3]`).
public struct Memory: Sendable, Hashable {
    /// How the address is formed from the base.
    public enum Mode: Sendable, Hashable {
        /// `[base, #offset]` (scaled unsigned or, when that does not fit, unscaled `ldur`/`stur`).
        case offset(Int64)
        /// `[base, #offset]!`: base is updated before the access.
        case preIndex(Int64)
        /// `[base], #offset`: base is updated after the access.
        case postIndex(Int64)
        /// `[base, index{, extend #amount}]`: `.uxtx` prints as `LSL`; amount is 0 or log2(access size).
        case register(Reg, ExtendKind, UInt8)
    }

    public var base: Reg
    public var mode: Mode

    public init(_ base: Reg, _ mode: Mode = .offset(0)) {
        self.base = base
        self.mode = mode
    }

    /// `[base, #offset]`.
    public static func offset(_ base: Reg, _ offset: Int64) -> Memory { Memory(base, .offset(offset)) }
    /// `[base, #offset]!`.
    public static func pre(_ base: Reg, _ offset: Int64) -> Memory { Memory(base, .preIndex(offset)) }
    /// `[base], #offset`.
    public static func post(_ base: Reg, _ offset: Int64) -> Memory { Memory(base, .postIndex(offset)) }
    /// `[base, index, LSL #shift]` (`shift` 0 prints `[base, index]`).
    public static func indexed(_ base: Reg, _ index: Reg, lsl shift: UInt8 = 0) -> Memory {
        Memory(base, .register(index, .uxtx, shift))
    }
}

/// One operand of an instruction, in listing order.
///
/// Registers carry no width: the instruction's `OperandSize` and its encoding form decide
/// whether `x` or `w` names are printed (e.g. `smull x0, w1, w2`).
public enum Operand: Sendable, Hashable {
    /// A general-purpose register.
    case reg(Reg)
    /// An immediate (`#42`).
    case imm(Int64)
    /// An immediate with an explicit left shift: `movk x0, #0x7FF0 LSL #32`, `add x0, x1, #1, LSL #12`.
    case shiftedImm(Int64, lsl: UInt8)
    /// A shifted register operand: `x2, LSL #3`.
    case shifted(Reg, ShiftKind, UInt8)
    /// An extended register operand: `w2, SXTW #2`.
    case extended(Reg, ExtendKind, UInt8)
    /// A memory operand.
    case mem(Memory)
    /// A condition code (`csel`, `cset`, `b.cond`).
    case cond(Cond)
    /// A branch target given as an abstract label id (the emitter resolves it to an address).
    case label(Int)
    /// A branch/call target given as an absolute address, printed as `symbol` when present.
    case address(UInt64, symbol: String?)
    /// A SIMD&FP register used as a scalar of a precision: `d3` is `.fp(3, .d)`, `s0` is `.fp(0, .s)`.
    case fp(UInt8, FPSize)
}

/// The precision of a scalar floating-point register operand: `s` (float32) or `d` (float64).
///
/// AAPCS64 passes the first eight floating-point arguments in v0-v7, returns in v0, and
/// makes the callee preserve the low 64 bits of v8-v15 (d8-d15).
public enum FPSize: String, Sendable, Hashable, CaseIterable {
    case s, d
}
