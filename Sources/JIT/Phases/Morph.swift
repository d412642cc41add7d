import Diagnostics

/// Phase placeholder: replaced by the real implementation.
enum Morph {
    static func run(_ c: Compiler) throws {
        throw c.error(.unsupported, "phase Morph is not implemented yet")
    }
}
