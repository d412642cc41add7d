import Diagnostics

/// Phase placeholder: replaced by the real implementation.
enum CopyProp {
    static func run(_ c: Compiler) throws {
        throw c.error(.unsupported, "phase CopyProp is not implemented yet")
    }
}
