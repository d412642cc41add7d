import Diagnostics

/// Phase placeholder: replaced by the real implementation.
enum CodeGen {
    static func run(_ c: Compiler) throws {
        throw c.error(.unsupported, "phase CodeGen is not implemented yet")
    }
}
