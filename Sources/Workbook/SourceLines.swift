/// One physical line of a source file: its text and the exact line ending that followed it.
///
/// Bless must give back every byte it did not mean to change, so a chapter is kept
/// as lines that remember their own ending (`\n`, `\r\n`, `\r`, or none for a last
/// line without a final newline). Joining `text + ending` for all lines gives the
/// original file back.
public struct SourceLine: Sendable, Hashable {
    /// The line without its ending.
    public var text: String
    /// `"\n"`, `"\r\n"`, `"\r"`, or `""` for a final line without newline.
    public var ending: String

    public init(text: String, ending: String) {
        self.text = text
        self.ending = ending
    }

    /// Splits text into lines the way CommonMark counts them (`\n`, `\r\n` and lone `\r` end a line).
    ///
    /// A trailing line ending does not start an extra empty line, so line N here is
    /// line N in cmark's source positions and in an editor.
    public static func split(_ source: String) -> [SourceLine] {
        var lines: [SourceLine] = []
        let bytes = Array(source.utf8)
        var start = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                var end = i + 1
                if b == UInt8(ascii: "\r"), end < bytes.count, bytes[end] == UInt8(ascii: "\n") { end += 1 }
                lines.append(SourceLine(text: String(decoding: bytes[start..<i], as: UTF8.self),
                                        ending: String(decoding: bytes[i..<end], as: UTF8.self)))
                start = end
                i = end
            } else {
                i += 1
            }
        }
        if start < bytes.count {
            lines.append(SourceLine(text: String(decoding: bytes[start...], as: UTF8.self), ending: ""))
        }
        return lines
    }

    /// The inverse of `split`: the exact original text.
    public static func join(_ lines: [SourceLine]) -> String {
        var out = ""
        for line in lines {
            out += line.text
            out += line.ending
        }
        return out
    }
}

/// Splits listing-style text (`\n` separated, usually newline-terminated) into lines.
///
/// `"a\nb\n"` and `"a\nb"` both give `["a", "b"]`; `""` gives `[]`. This is how
/// expected block bodies and actual JIT output are compared line by line.
///
/// A line ends at each `"\n"` Character, which is each LF byte not preceded by CR (CR LF is one
/// Character, `"\r\n"`, and stays inside its line, as it always has); found in the UTF-8 bytes,
/// since splitting by Characters was a third of the `chapter` fuzz target's time.
public func textLines(_ text: String) -> [String] {
    if text.isEmpty { return [] }
    var copy = text
    var parts = copy.withUTF8 { bytes -> [String] in
        var parts: [String] = []
        var start = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) {
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
            start = i + 1
        }
        parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
        return parts
    }
    if parts.last == "" { parts.removeLast() }
    return parts
}
