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
/// The name printed instead of an absolute address (`[Program:Add(int,int):int]`,
/// `[reloc @RWD00]`) is the instruction's `symbol`, not part of the operand: operands are
/// plain values, copied without reference counting.
public struct Memory: Equatable, Hashable, Sendable {
    /// How the address is formed.
    public enum Address: Equatable, Hashable, Sendable {
        /// `[base + scale*index + disp]`; base may be absent only when index is present. The
        /// scale is a byte (1, 2, 4 or 8 encode), which keeps an operand within 24 bytes.
        case registers(base: Reg?, index: Reg?, scale: UInt8, disp: Int64)
        /// `[rip+disp32]` pointing at this absolute address (a call cell, a data item).
        case absolute(UInt64)
        /// `[rip+disp32]` pointing at the instruction's `target` label.
        case label
    }

    /// How the address is formed.
    public var address: Address
    /// The access size printed as `dword ptr`; nil for lea/call/jmp addresses.
    public var width: Width?

    /// A memory operand from an address form.
    public init(_ address: Address, width: Width? = nil) {
        self.address = address
        self.width = width
    }

    /// `[base+scale*index+disp]`. A scale beyond a byte is kept as 255 (no form encodes either).
    public init(base: Reg?, index: Reg? = nil, scale: Int = 1, disp: Int64 = 0, width: Width? = nil) {
        self.init(.registers(base: base, index: index, scale: UInt8(clamping: scale), disp: disp), width: width)
    }

    /// A rip-relative reference to an absolute address (printed as the instruction's symbol if it has one).
    public static func absolute(_ address: UInt64, width: Width? = nil) -> Memory {
        Memory(.absolute(address), width: width)
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

/// One operand of an instruction: a plain value (no strings or arrays inside), so copying one
/// is a copy of its bytes.
public enum Operand: Equatable, Hashable, Sendable {
    /// A register used at a width (`eax` is `.reg(.rax, .dword)`).
    case reg(Reg, Width)
    /// An immediate; whether it fits imm8/imm32/imm64 is decided by the form table.
    case imm(Int64)
    /// A memory operand.
    case mem(Memory)
    /// The code label in the instruction's `target` (branches).
    case label
    /// An absolute code address (direct `call`/`jmp` rel32), printed as the instruction's symbol if any.
    case address(UInt64)
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

/// The operands of an instruction, kept inline: an x64 instruction takes at most three, so
/// making or copying an instruction allocates nothing and retains nothing for its operands.
///
/// A collection of `Operand` (index, iterate, `map`, `zip`) built from an array literal:
/// `Instruction(.lea, operands: [.q(.rax), .mem(.label)])`.
public struct Operands: RandomAccessCollection, ExpressibleByArrayLiteral, Equatable, Hashable, Sendable {
    /// The slots; the unused ones hold `.imm(0)`, so that equal operand lists compare equal.
    private var first: Operand = .imm(0), second: Operand = .imm(0), third: Operand = .imm(0)
    /// How many slots are used (0...3).
    private var used: UInt8 = 0

    /// The most operands an instruction takes.
    public static let capacity = 3

    /// No operands.
    public init() {}

    /// The operands in order; at most `capacity` of them.
    public init(arrayLiteral elements: Operand...) {
        for op in elements { append(op) }
    }

    /// Adds an operand after the others.
    public mutating func append(_ op: Operand) {
        switch used {
        case 0: first = op
        case 1: second = op
        case 2: third = op
        default: preconditionFailure("an x64 instruction takes at most \(Self.capacity) operands")
        }
        used += 1
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(used) }

    public subscript(i: Int) -> Operand {
        precondition(i >= 0 && i < Int(used), "operand index out of range")
        switch i {
        case 0: return first
        case 1: return second
        default: return third
        }
    }
}
