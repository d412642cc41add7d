import Diagnostics

/// Phase placeholder: replaced by the real implementation.
enum OptBranches {
    static func run(_ c: Compiler) throws {
        throw c.error(.unsupported, "phase OptBranches is not implemented yet")
    }
}
