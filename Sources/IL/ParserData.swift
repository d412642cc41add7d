import Diagnostics

/// `.data` declarations (ECMA-335 II.16.3): the initial bytes of RVA fields.
///
/// Grammar (the part ilasm and monodis use for C# array initializers):
///
/// ```text
/// .data [tls | cil] [LABEL =] ITEM | { ITEM, ... }
/// ITEM := bytearray ( hex bytes )
///       | int8 | int16 | int32 | int64 | float32 | float64 ( [value] ) [ [count] ]
/// ```
///
/// Hex bytes lex as integers (`01`), hex words (`0B`) or identifiers (`FE`); the
/// spelling, not the lexed value, is read as base 16.
extension ParserState {
    func parseData() throws {
        let open = advance()
        if acceptWord("tls") {
            throw unsupported(location(of: open), "thread-local '.data' is not supported")
        }
        _ = acceptWord("cil")
        var label: String?
        if isNameToken, peek().isPunct("=") {
            label = advance().text
            skip()
        }
        var bytes: [UInt8] = []
        if acceptPunct("{") {
            repeat { bytes += try parseDataItem() } while acceptPunct(",")
            try expectPunct("}")
        } else {
            bytes = try parseDataItem()
        }
        if let label, module.data.contains(where: { $0.label == label }) {
            error(.invalidIL, at: location(of: open), "duplicate '.data' label '\(label)'")
            return
        }
        module.data.append(DataDeclaration(label: label, bytes: bytes, location: location(of: open)))
    }

    /// Widths of the typed data items, in bytes.
    private static let dataItemWidths: [String: Int] = [
        "int8": 1, "int16": 2, "int32": 4, "int64": 8, "float32": 4, "float64": 8,
    ]

    private func parseDataItem() throws -> [UInt8] {
        if acceptWord("bytearray") { return try parseHexBytes() }
        guard current.kind == .identifier, let width = Self.dataItemWidths[current.text] else {
            throw fail("'bytearray' or a typed data item (int32(...))")
        }
        let kind = advance().text
        var value: UInt64 = 0
        if acceptPunct("(") {
            if !current.isPunct(")") {
                let t = current
                switch t.kind {
                case .integer where kind.hasPrefix("float"):
                    value = floatBits(Double(t.intValue), width: width)
                case .integer:
                    value = UInt64(bitPattern: t.intValue)
                case .float where kind.hasPrefix("float"):
                    value = floatBits(t.floatValue, width: width)
                default:
                    throw fail("a value for '\(kind)'")
                }
                skip()
            }
            try expectPunct(")")
        }
        var count = 1
        if acceptPunct("[") {
            let n = try expectInteger("a repeat count")
            guard n >= 0, n <= 1 << 24 else {
                error(.syntax, at: location(of: previous()), "repeat count \(n) is out of range")
                throw Abandon()
            }
            count = Int(n)
            try expectPunct("]")
        }
        let one = (0..<width).map { UInt8(truncatingIfNeeded: value >> UInt64(8 * $0)) }
        return Array((0..<count).map { _ in one }.joined())
    }

    private func floatBits(_ v: Double, width: Int) -> UInt64 {
        width == 4 ? UInt64(Float(v).bitPattern) : v.bitPattern
    }

    /// `( 01 00 FE ... )`: two hex digits per byte.
    func parseHexBytes() throws -> [UInt8] {
        try expectPunct("(")
        var bytes: [UInt8] = []
        while !atEnd && !current.isPunct(")") {
            let t = current
            guard [.integer, .hexWord, .identifier].contains(t.kind), t.text.count <= 2,
                  let b = UInt8(t.text, radix: 16) else {
                throw fail("a hex byte")
            }
            bytes.append(b)
            skip()
        }
        try expectPunct(")")
        return bytes
    }
}
