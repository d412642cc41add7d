import Diagnostics

/// Code generation: LIR with registers -> machine instructions for the target.
///
/// The target-specific work lives in `CodeGenX64` and `CodeGenARM64`; both fill
/// `c.machine` with the prolog, one `.block` item per basic block, the body
/// instructions and the epilogs.
enum CodeGen {
    static func run(_ c: Compiler) throws {
        c.machine = MachineCode()
        throw c.error(.unsupported, "codegen for \(c.arch.rawValue) is not implemented yet")
    }
}
