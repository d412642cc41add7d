/// What the target-independent phases (LSRA, frame layout, dumps) need to know about a target's registers.
///
/// Register numbers are the hardware numbers (x64: rax=0 ... r15=15; arm64: x0=0 ... x30=30).
/// The allocation order puts caller-saved registers first, as RyuJIT does, so that
/// short-lived values avoid prolog/epilog saves; values live across calls are
/// given callee-saved registers.
public struct TargetInfo: Sendable {
    public let arch: Arch
    /// Registers LSRA may assign, in preference order.
    public let allocatable: [RegNum]
    /// Registers a call preserves (saved in the prolog when used).
    public let calleeSaved: Set<RegNum>
    /// Integer argument registers, in order.
    public let argRegs: [RegNum]
    /// Integer return register.
    public let returnReg: RegNum
    /// Frame pointer (rbp / fp).
    public let framePointer: RegNum
    /// Registers reserved for codegen's own temporaries (never allocated).
    public let scratch: [RegNum]
    /// 64-bit register names, indexed by number.
    public let names64: [String]
    /// Floating-point registers LSRA may assign, in preference order (numbered from `firstFloatReg`).
    public let floatAllocatable: [RegNum]
    /// Floating-point argument registers, in order (xmm0-xmm7 / v0-v7).
    public let floatArgRegs: [RegNum]
    /// Floating-point return register (xmm0 / v0).
    public let floatReturnReg: RegNum
    /// The floating-point register codegen keeps for its own temporaries (xmm15 / v31).
    public let floatScratch: RegNum

    /// Register numbers from here on name the floating-point registers: xmm`n` / v`n` is `firstFloatReg + n`.
    public static let firstFloatReg: RegNum = 32

    /// True when `reg` is a floating-point register.
    public static func isFloat(_ reg: RegNum) -> Bool { reg >= firstFloatReg }

    /// Registers a call clobbers: the allocatable registers that are not callee-saved, of both classes.
    public var callerSaved: [RegNum] {
        (allocatable + floatAllocatable).filter { !calleeSaved.contains($0) } + scratch + [floatScratch]
    }

    /// The registers LSRA may give a value of `type`: the floating-point class for float/double.
    public func allocatable(for type: VarType) -> [RegNum] { type.isFloating ? floatAllocatable : allocatable }

    /// The argument registers of a class.
    public func argRegs(floating: Bool) -> [RegNum] { floating ? floatArgRegs : argRegs }

    /// The register a value of `type` is returned in.
    public func returnReg(for type: VarType) -> RegNum { type.isFloating ? floatReturnReg : returnReg }

    /// The register's name for dumps (`rax`, `x19`, `xmm0`, `d8`).
    public func name(_ reg: RegNum) -> String {
        if Self.isFloat(reg) { return (arch == .x64 ? "xmm" : "d") + "\(reg - Self.firstFloatReg)" }
        return reg >= 0 && reg < names64.count ? names64[reg] : "r?\(reg)"
    }

    /// The description of `arch`.
    public static func `for`(_ arch: Arch) -> TargetInfo {
        switch arch {
        case .x64: x64
        case .arm64: arm64
        }
    }

    /// System V AMD64: args rdi, rsi, rdx, rcx, r8, r9; callee-saved rbx, rbp, r12-r15; r11 is codegen scratch.
    /// Floating point: args xmm0-xmm7, result xmm0, every xmm register caller-saved; xmm15 is codegen scratch.
    public static let x64 = TargetInfo(
        arch: .x64,
        allocatable: [0, 1, 2, 6, 7, 8, 9, 10, 3, 15, 14, 13, 12],
        calleeSaved: [3, 12, 13, 14, 15],
        argRegs: [7, 6, 2, 1, 8, 9],
        returnReg: 0,
        framePointer: 5,
        scratch: [11],
        names64: ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                  "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"],
        floatAllocatable: (0...14).map { firstFloatReg + $0 },
        floatArgRegs: (0...7).map { firstFloatReg + $0 },
        floatReturnReg: firstFloatReg,
        floatScratch: firstFloatReg + 15)

    /// AAPCS64: args x0-x7; callee-saved x19-x28; x16/x17 (ip0/ip1) are codegen scratch; x18 is reserved.
    /// Floating point: args v0-v7, result v0; the callee preserves the low 64 bits of v8-v15 (d8-d15),
    /// which come last in the allocation order (a prolog save each); v31 is codegen scratch.
    public static let arm64 = TargetInfo(
        arch: .arm64,
        allocatable: Array(0...15) + Array(19...28),
        calleeSaved: Set(19...28).union((8...15).map { firstFloatReg + $0 }),
        argRegs: Array(0...7),
        returnReg: 0,
        framePointer: 29,
        scratch: [16, 17],
        names64: (0...28).map { "x\($0)" } + ["fp", "lr", "sp"],
        floatAllocatable: (Array(0...7) + Array(16...30) + Array(8...15)).map { firstFloatReg + $0 },
        floatArgRegs: (0...7).map { firstFloatReg + $0 },
        floatReturnReg: firstFloatReg,
        floatScratch: firstFloatReg + 31)
}

/// The stack frame of a compiled method, decided after register allocation.
public struct FrameLayout: Sendable {
    /// Callee-saved registers the method uses (saved in the prolog), in save order.
    public var calleeSavedUsed: [RegNum] = []
    /// True when the method calls other methods.
    public var hasCalls = false
    /// Bytes of stack locals and spill slots.
    public var localsSize = 0
    /// Bytes at the bottom of the frame for stack-passed arguments of calls (16-byte multiple).
    public var outgoingArgSize = 0
    /// True when the method moves the stack pointer itself (`localloc`, LCLHEAP): its epilogs
    /// restore the stack pointer from the frame pointer.
    public var hasLocalloc = false
    /// True when the prolog establishes a frame pointer.
    public var usesFramePointer = false
    /// Total frame size in bytes (everything the prolog allocates, return address excluded).
    public var totalSize = 0
    public init() {}
}
