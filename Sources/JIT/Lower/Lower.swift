import Diagnostics

/// Phase placeholder: replaced by the real implementation.
enum Lower {
    static func run(_ c: Compiler) throws {
        throw c.error(.unsupported, "phase Lower is not implemented yet")
    }
}
