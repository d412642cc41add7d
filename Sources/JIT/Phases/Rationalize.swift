import Diagnostics

/// Phase placeholder: replaced by the real implementation.
enum Rationalize {
    static func run(_ c: Compiler) throws {
        throw c.error(.unsupported, "phase Rationalize is not implemented yet")
    }
}
