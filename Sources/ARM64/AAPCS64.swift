/// Register roles under AAPCS64 (the Linux arm64 calling convention) as the model JIT uses them.
///
/// - x0-x7: arguments; x0 (and x1) return values. The runtime-async continuation is
///   returned in x2 (DESIGN.md §6), which is also an argument register.
/// - x8: indirect result location register; caller-saved scratch otherwise.
/// - x9-x15: caller-saved temporaries.
/// - x16, x17 (ip0, ip1): intra-procedure-call scratch, clobbered by veneers and stubs;
///   the JIT reserves them for its own sequences and never allocates them.
/// - x18: the platform register; reserved, never touched.
/// - x19-x28: callee-saved.
/// - x29 (fp) frame pointer and x30 (lr) link register: saved by the prolog
///   (`stp fp, lr, [sp, #-N]!`), restored by the epilog (`ldp fp, lr, [sp], #N`).
/// - sp: 16-byte aligned at every call.
public enum AAPCS64 {
    /// Integer argument registers in order.
    public static let argumentRegisters: [Reg] = [.x0, .x1, .x2, .x3, .x4, .x5, .x6, .x7]
    /// The integer return register.
    public static let returnRegister: Reg = .x0
    /// The second integer return register (128-bit results, pairs).
    public static let secondReturnRegister: Reg = .x1
    /// Registers a callee must preserve (excluding fp/lr, which the frame saves).
    public static let calleeSaved: [Reg] = [.x19, .x20, .x21, .x22, .x23, .x24, .x25, .x26, .x27, .x28]
    /// Registers a call may clobber that the allocator may use.
    public static let callerSavedAllocatable: [Reg] = [.x0, .x1, .x2, .x3, .x4, .x5, .x6, .x7,
                                                       .x8, .x9, .x10, .x11, .x12, .x13, .x14, .x15]
    /// Intra-procedure-call scratch registers ip0/ip1 (x16, x17): reserved for stubs and veneers.
    public static let ipScratch: [Reg] = [.x16, .x17]
    /// The platform register x18: reserved.
    public static let platformRegister: Reg = .x18
    /// Frame pointer and link register.
    public static let framePointer: Reg = .fp
    public static let linkRegister: Reg = .lr
    /// Registers never handed out by the register allocator.
    public static let reserved: [Reg] = [.x16, .x17, .x18, .fp, .lr, .sp, .zr]
    /// All registers the allocator may use, caller-saved first, then callee-saved.
    public static let allocatable: [Reg] = callerSavedAllocatable + calleeSaved
}

extension Reg {
    /// Whether the register passes an integer argument (x0-x7).
    public var isArgument: Bool { AAPCS64.argumentRegisters.contains(self) }
    /// Whether a callee must preserve the register (x19-x28, fp, lr).
    public var isCalleeSaved: Bool { AAPCS64.calleeSaved.contains(self) || self == .fp || self == .lr }
    /// Whether the register allocator may never use it (ip0/ip1, x18, fp, lr, sp, zr).
    public var isReserved: Bool { AAPCS64.reserved.contains(self) }
    /// Role name for comments: `ip0`, `ip1`, `platform`, `fp`, `lr`, or nil.
    public var roleName: String? {
        switch self {
        case .x16: return "ip0"
        case .x17: return "ip1"
        case .x18: return "platform"
        case .fp: return "fp"
        case .lr: return "lr"
        default: return nil
        }
    }
}
