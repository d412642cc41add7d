import Diagnostics

/// The managed calling convention on both targets (System V AMD64 and AAPCS64 integer classes).
///
/// - `this` first, then the hidden return buffer (x64: the next argument register;
///   arm64: x8), then the IL parameters, each in the next integer register.
/// - A struct of at most 16 bytes travels in one or two registers (SysV INTEGER class,
///   AAPCS64 composite), and is returned in rax:rdx / x0:x1.
/// - A larger struct is returned through the hidden buffer; as an argument it is passed
///   by reference to a caller copy on both targets. That is AAPCS64's rule; on x64 it is
///   the Windows x64 rule, not System V's (which copies the struct onto the stack): the
///   model has no stack-passed arguments, so x64 borrows the by-reference form, which
///   keeps every argument in a register. Stack-passed arguments (more than 6 / 8
///   registers) are unsupported.
enum ABI {
    /// How a struct of `size` bytes is passed.
    enum StructPassing: Equatable { case registers(Int), byReference }

    static func structPassing(size: Int, arch: Arch) -> StructPassing {
        if size <= 8 { return .registers(1) }
        if size <= 16 { return .registers(2) }
        return .byReference
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

    /// Gives every parameter its incoming registers; adds the return-buffer local when needed.
    static func assignParameters(_ c: Compiler) throws {
        var next = 0
        func take() throws -> RegNum {
            guard next < c.target.argRegs.count else {
                throw c.error(.unsupported, "methods with more than \(c.target.argRegs.count) register arguments (stack arguments) are not supported yet")
            }
            defer { next += 1 }
            return c.target.argRegs[next]
        }
        let params = c.locals.filter(\.isParam)
        var retBuf: LocalVar?
        if needsRetBuf(c.returnType, c) {
            let num = c.newTemp(.byref, reason: "return buffer")
            retBuf = c.locals[num]
            c.retBufLocal = num
        }
        let cont = c.async.continuationArg.map { c.locals[$0] }
        for (i, v) in params.enumerated() {
            if i == (c.method.isStatic ? 0 : 1), let rb = retBuf { rb.argRegs = [c.arch == .arm64 ? arm64RetBufReg : try take()] }
            // Runtime async: the continuation follows `this` and the return buffer (the model has no generic context).
            if i == (c.method.isStatic ? 0 : 1), let k = cont, k.argRegs.isEmpty { k.argRegs = [try take()] }
            if v.type == .struct {
                switch structPassing(size: v.structSize, arch: c.arch) {
                case .registers(let n):
                    v.argRegs = try (0..<n).map { _ in try take() }
                case .byReference:
                    v.type = .byref
                    v.isImplicitByRef = true
                    v.isRegCandidate = c.optimizing
                    v.addressExposed = false
                    v.argRegs = [try take()]
                }
            } else {
                v.argRegs = [try take()]
            }
        }
        if let rb = retBuf, rb.argRegs.isEmpty { rb.argRegs = [c.arch == .arm64 ? arm64RetBufReg : try take()] }
        if let k = cont, k.argRegs.isEmpty { k.argRegs = [try take()] }
    }

    /// The register an async method returns its continuation in (rcx / x2; null: completed).
    static func asyncContinuationReg(_ arch: Arch) -> RegNum { arch == .x64 ? 1 : 2 }
}
