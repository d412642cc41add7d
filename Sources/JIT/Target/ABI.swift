import Diagnostics

/// The managed calling convention on both targets (System V AMD64 and AAPCS64 integer classes).
///
/// - `this` first, then the hidden return buffer (x64: the next argument register;
///   arm64: x8), then the IL parameters, each in the next integer register.
/// - A struct of at most 16 bytes travels in one or two registers (SysV INTEGER class,
///   AAPCS64 composite), and is returned in rax:rdx / x0:x1.
/// - A larger struct is returned through the hidden buffer; as an argument it is passed
///   by reference to a caller copy on arm64, and by value in stack slots on x64.
/// - Arguments take the registers in order while a whole argument fits. From the first one
///   that does not (or that must go on the stack: a struct over 16 bytes on x64), every
///   argument goes to the stack, in order, in 8-byte slots: the caller stores them at
///   `[rsp+8k]` / `[sp, #8k]` just before the call, the callee finds them above its return
///   address. (AAPCS64 closes the registers the same way; SysV would let a later scalar
///   still take a register. Both sides of every call here are JIT-compiled, so the model
///   keeps the one rule.)
/// - Floating-point arguments (float32, float64) are a second class with registers of their
///   own, xmm0-xmm7 / v0-v7, taken in order by the floating-point arguments alone (an integer
///   argument between two doubles does not use up an xmm register), and closed to the stack by
///   the same rule within the class. A floating-point result comes back in xmm0 / v0 (`d0`/`s0`).
enum ABI {
    /// How a struct of `size` bytes is passed.
    enum StructPassing: Equatable { case registers(Int), byReference, stack(slots: Int) }

    static func structPassing(size: Int, arch: Arch) -> StructPassing {
        if size <= 8 { return .registers(1) }
        if size <= 16 { return .registers(2) }
        return arch == .arm64 ? .byReference : .stack(slots: (size + 7) / 8)
    }

    /// One argument of a call as its operands: how many (a struct in two registers is two)
    /// and whether it must go on the stack whatever registers are left.
    public struct ArgGroup: Equatable, Sendable {
        public var count: Int
        public var stackOnly: Bool
        /// A float32/float64 argument: it takes the floating-point argument registers.
        public var floating: Bool
        public init(count: Int, stackOnly: Bool = false, floating: Bool = false) {
            self.count = count
            self.stackOnly = stackOnly
            self.floating = floating
        }
    }

    /// Where one operand of an argument travels.
    enum ArgLocation: Equatable { case register(RegNum), stack(slot: Int) }

    /// Places arguments, one location per operand, by the rule above: integer groups take
    /// `registers`, floating-point groups `floatRegisters`, each class in order and closed on its own.
    static func place(_ groups: [ArgGroup], registers: [RegNum], floatRegisters: [RegNum] = []) -> [[ArgLocation]] {
        var next = [0, 0]
        var closed = [false, false]
        var nextSlot = 0
        return groups.map { g in
            let k = g.floating ? 1 : 0
            let regs = g.floating ? floatRegisters : registers
            if !closed[k] && !g.stackOnly && next[k] + g.count <= regs.count {
                defer { next[k] += g.count }
                return (0..<g.count).map { .register(regs[next[k] + $0]) }
            }
            closed[k] = true
            defer { nextSlot += g.count }
            return (0..<g.count).map { .stack(slot: nextSlot + $0) }
        }
    }

    /// Places the arguments of `target`: `place` with both register classes.
    static func place(_ groups: [ArgGroup], _ target: TargetInfo) -> [[ArgLocation]] {
        place(groups, registers: target.argRegs, floatRegisters: target.floatArgRegs)
    }

    /// Registers a struct return of `size` bytes needs (nil: through a return buffer).
    static func returnRegisters(size: Int) -> Int? { size <= 8 ? 1 : size <= 16 ? 2 : nil }

    /// The second integer return register (rdx / x1).
    static func returnReg2(_ arch: Arch) -> RegNum { arch == .x64 ? 2 : 1 }

    /// The arm64 indirect-result register (x8).
    static let arm64RetBufReg: RegNum = 8

    /// True when a method returning `type` takes a hidden return buffer.
    static func needsRetBuf(_ type: JitTypeDesc, _ c: Compiler) -> Bool {
        guard type.varType == .struct, let h = type.classHandle else { return false }
        return returnRegisters(size: c.runtime.classInfo(h).size) == nil
    }

    /// Gives every parameter its incoming registers or stack slots; adds the return-buffer local when needed.
    static func assignParameters(_ c: Compiler) throws {
        let params = c.locals.filter(\.isParam)
        var retBuf: LocalVar?
        if needsRetBuf(c.returnType, c) {
            let num = c.newTemp(.byref, reason: "return buffer")
            retBuf = c.locals[num]
            c.retBufLocal = num
        }
        let cont = c.async.continuationArg.map { c.locals[$0] }
        if c.arch == .arm64, let rb = retBuf { rb.argRegs = [arm64RetBufReg] }
        // The parameters in argument order: `this`, the return buffer (x64), the continuation, the rest.
        var ordered: [(local: LocalVar, group: ArgGroup)] = []
        func hidden() {
            if c.arch == .x64, let rb = retBuf, !ordered.contains(where: { $0.local === rb }) { ordered.append((rb, ArgGroup(count: 1))) }
            if let k = cont, !ordered.contains(where: { $0.local === k }) { ordered.append((k, ArgGroup(count: 1))) }
        }
        for (i, v) in params.enumerated() {
            if i == (c.method.isStatic ? 0 : 1) { hidden() }
            if v.type == .struct {
                switch structPassing(size: v.structSize, arch: c.arch) {
                case .registers(let n):
                    ordered.append((v, ArgGroup(count: n)))
                case .byReference:
                    v.type = .byref
                    v.isImplicitByRef = true
                    v.isRegCandidate = c.enregistersLocals
                    v.addressExposed = false
                    ordered.append((v, ArgGroup(count: 1)))
                case .stack(let slots):
                    ordered.append((v, ArgGroup(count: slots, stackOnly: true)))
                }
            } else {
                ordered.append((v, ArgGroup(count: 1, floating: v.type.isFloating)))
            }
        }
        hidden()
        let places = place(ordered.map(\.group), c.target)
        for ((v, _), locations) in zip(ordered, places) {
            if case .stack(let slot) = locations[0] {
                // The retbuf and continuation come first, so they always get registers.
                guard v !== retBuf, v !== cont else {
                    throw c.error(.internalError, "a hidden parameter was placed on the stack")
                }
                v.incomingStackSlot = slot
                v.isRegCandidate = false
                // An async method is also entered to resume, by a dispatcher whose frame holds no such
                // argument: it gets a home in its own frame, copied in by the prolog, restored on resumption.
                v.copiedFromIncomingSlot = c.async.isAsync
                continue
            }
            v.argRegs = locations.compactMap { if case .register(let r) = $0 { r } else { nil } }
        }
    }

    /// The register an async method returns its continuation in (rcx / x2; null: completed).
    static func asyncContinuationReg(_ arch: Arch) -> RegNum { arch == .x64 ? 1 : 2 }
}
