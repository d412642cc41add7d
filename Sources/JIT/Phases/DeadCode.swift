import Diagnostics

/// Phase placeholder: replaced by the real implementation.
enum DeadCode {
    static func run(_ c: Compiler) throws {
        throw c.error(.unsupported, "phase DeadCode is not implemented yet")
    }
}
