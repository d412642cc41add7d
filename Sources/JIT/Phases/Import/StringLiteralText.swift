/// How listings and dumps show a string literal: `'Hello'`, after RyuJIT's handle comments.
///
/// The text is quoted with single quotes. Printable ASCII is kept as is, except
/// that `'` and `\` are escaped with a backslash; `\n`, `\r` and `\t` use their
/// C escapes; every other UTF-16 code unit (control characters, non-ASCII) is
/// written `\uXXXX`. Literals longer than 40 code units are cut and end in `...`,
/// so a listing line stays readable.
public enum StringLiteralText {
    /// The longest literal shown in full.
    public static let maxShown = 40

    /// `'text'` for a literal.
    public static func comment(_ s: String) -> String {
        let units = Array(s.utf16)
        var out = "'"
        for u in units.prefix(maxShown) {
            switch u {
            case 0x27: out += "\\'"
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(u)))
            default:
                let hex = String(u, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        out += "'"
        if units.count > maxShown { out += "..." }
        return out
    }
}
