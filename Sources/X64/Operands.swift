/// An x64 condition code, numbered as in the `cc` field of Jcc/SETcc/CMOVcc.
///
/// The raw value is added to the base opcode (70h, 0F 80h, 0F 90h, 0F 40h), so the
/// whole family of sixteen instructions is one row of the form table each.
public enum Condition: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case o = 0, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g

    /// The suffix JitDisasm prints: `je`, `jne`, `jl`, `jge`, `jb`, `jae`, ...
    public var description: String {
        switch self {
        case .o: return "o"
        case .no: return "no"
        case .b: return "b"
        case .ae: return "ae"
        case .e: return "e"
        case .ne: return "ne"
        case .be: return "be"
        case .a: return "a"
        case .s: return "s"
        case .ns: return "ns"
        case .p: return "p"
        case .np: return "np"
        case .l: return "l"
        case .ge: return "ge"
        case .le: return "le"
        case .g: return "g"
        }
    }

    /// The opposite condition (flip the low bit), used to reverse branches.
    public var inverted: Condition { Condition(rawValue: rawValue ^ 1) ?? self }
}

/// A memory operand: `[base+scale*index+disp]`, a rip-relative absolute address, or a
/// rip-relative code label.
///
/// `width` is the size of the access printed as `dword ptr`; it is `nil` for the
/// address-only uses (`lea`, `call [..]`, `jmp [..]`) where JitDisasm prints no size.
/// `symbol` replaces the numeric address in the listing (`[Program:Add(int,int):int]`,
/// `[reloc @RWD00]`).
public struct Memory: Equatable, Hashable, Sendable {
    /// How the address is formed.
    public enum Address: Equatable, Hashable, Sendable {
        /// `[base + scale*index + disp]`; base may be absent only when index is present.
        case registers(base: Reg?, index: Reg?, scale: Int, disp: Int64)
        /// `[rip+disp32]` pointing at this absolute address (a call cell, a data item).
        case absolute(UInt64)
        /// `[rip+disp32]` pointing at the instruction's `target` label.
        case label
    }

    /// How the address is formed.
    public var address: Address
    /// The access size printed as `dword ptr`; nil for lea/call/jmp addresses.
    public var width: Width?
    /// Printed instead of the numeric address (handles, call cells, data labels).
    public var symbol: String?

    /// A memory operand from an address form.
    public init(_ address: Address, width: Width? = nil, symbol: String? = nil) {
        self.address = address
        self.width = width
        self.symbol = symbol
    }

    /// `[base+scale*index+disp]`.
    public init(base: Reg?, index: Reg? = nil, scale: Int = 1, disp: Int64 = 0, width: Width? = nil) {
        self.init(.registers(base: base, index: index, scale: scale, disp: disp), width: width)
    }

    /// A rip-relative reference to an absolute address, printed as the symbol if given.
    public static func absolute(_ address: UInt64, symbol: String? = nil, width: Width? = nil) -> Memory {
        Memory(.absolute(address), width: width, symbol: symbol)
    }

    /// A rip-relative reference to the instruction's code label.
    public static var label: Memory { Memory(.label) }

    /// The same address with an access width (for `dword ptr`).
    public func sized(_ width: Width?) -> Memory {
        var copy = self
        copy.width = width
        return copy
    }
}

/// One operand of an instruction.
public enum Operand: Equatable, Hashable, Sendable {
    /// A register used at a width (`eax` is `.reg(.rax, .dword)`).
    case reg(Reg, Width)
    /// An immediate; whether it fits imm8/imm32/imm64 is decided by the form table.
    case imm(Int64)
    /// A memory operand.
    case mem(Memory)
    /// The code label in the instruction's `target` (branches).
    case label
    /// An absolute code address (direct `call`/`jmp` rel32), printed as the symbol if any.
    case address(UInt64, symbol: String?)
    /// An SSE register (`xmm0`...`xmm15`): scalar float32/float64 values.
    case xmm(XMM)

    /// An 8-bit register operand (`al`, `sil`, `r8b`).
    public static func b(_ r: Reg) -> Operand { .reg(r, .byte) }
    /// A 16-bit register operand (`ax`, `r8w`).
    public static func w(_ r: Reg) -> Operand { .reg(r, .word) }
    /// A 32-bit register operand (`eax`, `r8d`).
    public static func d(_ r: Reg) -> Operand { .reg(r, .dword) }
    /// A 64-bit register operand (`rax`, `r8`).
    public static func q(_ r: Reg) -> Operand { .reg(r, .qword) }

    /// A sized memory access `width ptr [base+disp]`.
    public static func ptr(_ width: Width, _ base: Reg, _ disp: Int64 = 0) -> Operand {
        .mem(Memory(base: base, disp: disp, width: width))
    }
    /// A sized memory access `width ptr [base+scale*index+disp]`.
    public static func ptr(_ width: Width, _ base: Reg?, index: Reg, scale: Int, _ disp: Int64 = 0) -> Operand {
        .mem(Memory(base: base, index: index, scale: scale, disp: disp, width: width))
    }
    /// A sized access to any address form.
    public static func ptr(_ width: Width, _ m: Memory) -> Operand { .mem(m.sized(width)) }
    /// An unsized address (for `lea`, `call [..]`, `jmp [..]`).
    public static func addr(_ m: Memory) -> Operand { .mem(m.sized(nil)) }
    /// An unsized `[base+disp]` address.
    public static func addr(_ base: Reg, _ disp: Int64 = 0) -> Operand { .mem(Memory(base: base, disp: disp)) }
}
