import Diagnostics

/// Code generation: LIR with registers -> machine instructions for the target.
///
/// The target-specific work lives in `CodeGenX64` and `CodeGenARM64`; both fill
/// `c.machine` with the prolog, one `.block` item per basic block, the body
/// instructions and the epilogs.
enum CodeGen {
    static func run(_ c: Compiler) throws {
        c.machine = MachineCode()
        // Runtime async: the ResumeInfo records come first in the read-only data (state k at 24 * k).
        for b in c.async.suspensionBlocks {
            c.machine.data.append(DataItem(entries: [], base: c.machine.label(of: b), resumeResultBytes: resultBytes(c)))
        }
        switch c.arch {
        case .x64: try CodeGenX64.generate(c)
        case .arm64: try CodeGenARM64.generate(c)
        }
    }

    /// How many bytes of the return registers an async method's result occupies (ResumeInfo's third word).
    static func resultBytes(_ c: Compiler) -> Int {
        let t = c.returnType
        if t.varType == .void { return 0 }
        if t.varType == .struct, let h = t.classHandle { return c.runtime.classInfo(h).size > 8 ? 16 : 8 }
        return 8
    }
}
