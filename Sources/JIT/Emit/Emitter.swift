/// Placeholder: replaced by the real emitter.
enum Emitter {
    static func emit(_ c: Compiler) throws -> (listing: String, code: [UInt8]) {
        throw c.error(.unsupported, "emitter is not implemented yet")
    }
}
