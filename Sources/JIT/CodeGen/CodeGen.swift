import Diagnostics

/// Code generation: LIR with registers -> machine instructions for the target.
///
/// The target-specific work lives in `CodeGenX64` and `CodeGenARM64`; both fill
/// `c.machine` with the prolog, one `.block` item per basic block, the body
/// instructions and the epilogs.
enum CodeGen {
    static func run(_ c: Compiler) throws {
        c.machine = MachineCode()
        switch c.arch {
        case .x64: try CodeGenX64.generate(c)
        case .arm64: try CodeGenARM64.generate(c)
        }
    }
}
