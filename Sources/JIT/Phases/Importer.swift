import Diagnostics

/// Phase placeholder: replaced by the real implementation.
enum Importer {
    static func run(_ c: Compiler) throws {
        throw c.error(.unsupported, "phase Importer is not implemented yet")
    }
}
