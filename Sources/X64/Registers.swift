/// The width of an operand in bits: byte, word, dword or qword.
///
/// x64 instructions come in several operand sizes that share one opcode map; the
/// width selects the prefix (66h for 16-bit, REX.W for 64-bit) or the 8-bit opcode
/// row, and it names the register (`al`, `ax`, `eax`, `rax`) and the memory size
/// (`byte ptr` .. `qword ptr`) in the listing.
public enum Width: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case byte = 8
    case word = 16
    case dword = 32
    case qword = 64

    /// Size in bytes.
    public var bytes: Int { rawValue / 8 }

    /// The JitDisasm size keyword, `dword` for `dword ptr [..]`.
    public var description: String {
        switch self {
        case .byte: return "byte"
        case .word: return "word"
        case .dword: return "dword"
        case .qword: return "qword"
        }
    }

    /// Narrower widths order first.
    public static func < (a: Width, b: Width) -> Bool { a.rawValue < b.rawValue }
}

/// One of the sixteen general-purpose registers, numbered as the hardware does.
///
/// The raw value is the 4-bit register number: the low three bits go into
/// ModRM/SIB/opcode fields, the fourth into a REX bit. Sized names come from
/// `name(_:)` because the same physical register is `eax`, `ax` or `al` depending
/// on the operand width.
public enum Reg: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case rax = 0, rcx, rdx, rbx, rsp, rbp, rsi, rdi
    case r8, r9, r10, r11, r12, r13, r14, r15

    /// The 4-bit hardware register number.
    public var number: UInt8 { rawValue }
    /// The low three bits, as placed in ModRM.reg, ModRM.rm, SIB or opcode+r.
    var low3: UInt8 { rawValue & 7 }
    /// True for r8..r15, which need a REX extension bit.
    public var isExtended: Bool { rawValue >= 8 }

    /// The register's name at a width: `rax`/`eax`/`ax`/`al`, `r8`/`r8d`/`r8w`/`r8b`,
    /// `rsi`/`esi`/`si`/`sil`.
    public func name(_ width: Width) -> String {
        if isExtended {
            let base = "r\(rawValue)"
            switch width {
            case .qword: return base
            case .dword: return base + "d"
            case .word: return base + "w"
            case .byte: return base + "b"
            }
        }
        let stem = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"][Int(rawValue)]
        switch width {
        case .qword: return "r" + stem
        case .dword: return "e" + stem
        case .word: return stem
        case .byte:
            // al, cl, dl, bl, then spl, bpl, sil, dil (the REX-only low bytes).
            return rawValue < 4 ? String(stem.prefix(1)) + "l" : stem + "l"
        }
    }

    /// The 64-bit name, e.g. `rax`.
    public var description: String { name(.qword) }

    /// True when the System V AMD64 ABI makes the callee preserve this register:
    /// rbx, rbp, r12-r15 (rsp is the stack pointer and handled by the frame).
    public var isCalleeSaved: Bool {
        switch self {
        case .rbx, .rbp, .r12, .r13, .r14, .r15: return true
        default: return false
        }
    }

    /// Integer argument registers in System V order: rdi, rsi, rdx, rcx, r8, r9.
    public static let argumentRegisters: [Reg] = [.rdi, .rsi, .rdx, .rcx, .r8, .r9]
    /// The integer return register (rax); the second return value goes in rdx.
    public static let returnRegister: Reg = .rax
    /// The callee-saved registers of System V, in push order as RyuJIT saves them.
    public static let calleeSaved: [Reg] = [.rbp, .r15, .r14, .r13, .r12, .rbx]
    /// Caller-saved (volatile) registers: everything not callee-saved, minus rsp.
    public static let callerSaved: [Reg] = Reg.allCases.filter { !$0.isCalleeSaved && $0 != .rsp }

    /// Looks a register up by any of its sized names (`eax`, `r8b`, `sil`), with its width.
    public static func named(_ text: String) -> (Reg, Width)? {
        for width in Width.allCases {
            for reg in Reg.allCases where reg.name(width) == text { return (reg, width) }
        }
        return nil
    }
}

/// One of the sixteen SSE registers, numbered as the hardware does (the fourth bit goes into REX).
///
/// The model JIT keeps float32 and float64 values in their low 32/64 bits (scalar SSE2);
/// System V passes the first eight floating-point arguments in xmm0-xmm7, returns in xmm0,
/// and preserves none of them across calls.
public enum XMM: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case xmm0 = 0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7
    case xmm8, xmm9, xmm10, xmm11, xmm12, xmm13, xmm14, xmm15

    /// The low three bits, as placed in ModRM.reg or ModRM.rm.
    var low3: UInt8 { rawValue & 7 }
    /// True for xmm8..xmm15, which need a REX extension bit.
    public var isExtended: Bool { rawValue >= 8 }
    /// The listing name, `xmm3`.
    public var description: String { "xmm\(rawValue)" }
}
