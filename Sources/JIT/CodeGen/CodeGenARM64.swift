import Diagnostics

/// arm64 code generation (placeholder until the ARM64 encoder lands).
enum CodeGenARM64 {
    static func generate(_ c: Compiler) throws {
        throw c.error(.unsupported, "arm64 codegen is not implemented yet")
    }
}
