import Diagnostics

/// Phase placeholder: replaced by the real implementation.
enum LinearScan {
    static func run(_ c: Compiler) throws {
        throw c.error(.unsupported, "phase LinearScan is not implemented yet")
    }
}
