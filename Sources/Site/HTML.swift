/// HTML escaping: every piece of text the site writes goes through here.
///
/// Chapter text, listings, diffs and error messages can contain `<`, `&` and
/// quotes (`call [Program:Foo():int:this]`, generics `List<T>`); escaping them
/// all the same way keeps the site safe and correct.
public enum HTML {
    /// Escapes `& < > " '` for use in text and in double- or single-quoted attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
