import Diagnostics

/// Phase placeholder: replaced by the real implementation.
enum ConstProp {
    static func run(_ c: Compiler) throws {
        throw c.error(.unsupported, "phase ConstProp is not implemented yet")
    }
}
