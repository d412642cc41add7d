import Diagnostics
import JIT

/// A class profile for guarded devirtualization, as a chapter writes it in `profile=`.
///
/// The real JIT learns from PGO which classes a virtual call site saw; a chapter
/// states that profile instead, so the listing it shows does not depend on a
/// training run. Syntax: entries separated by `;`, each
/// `[IL_XXXX:]Class[=Percent]`, e.g. `profile=IL_0007:Program+Derived=100`.
/// An entry without an IL offset applies to every virtual call site of the method;
/// without a percentage it means 100.
public struct ClassProfile: Sendable, Hashable, CustomStringConvertible {
    /// One observed class at one call site.
    public struct Entry: Sendable, Hashable {
        /// IL offset of the call site, nil for "every call site".
        public var ilOffset: Int?
        /// The class as written (`Ns.Class`, nested as `Outer+Inner` or `Outer/Inner`).
        public var className: String
        /// How often the site saw this class, 0...100.
        public var percent: Int

        public init(ilOffset: Int?, className: String, percent: Int) {
            self.ilOffset = ilOffset
            self.className = className
            self.percent = percent
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// Parses the text after `profile=`; errors are located at `location`.
    public init(parsing text: String, at location: SourceLocation) throws {
        var entries: [Entry] = []
        for raw in text.split(separator: ";", omittingEmptySubsequences: false) {
            let item = raw.trimmingSpaces()
            guard !item.isEmpty else {
                throw Diagnostic(.chapter, at: location, "profile entry is empty (write profile=[IL_XXXX:]Class[=Percent];...)")
            }
            var rest = Substring(item)
            var offset: Int?
            if rest.hasPrefix("IL_"), let colon = rest.firstIndex(of: ":") {
                let hex = rest[rest.index(rest.startIndex, offsetBy: 3)..<colon]
                guard let v = Int(hex, radix: 16), !hex.isEmpty else {
                    throw Diagnostic(.chapter, at: location, "profile entry '\(item)' has a malformed IL offset '\(rest[..<colon])'")
                }
                offset = v
                rest = rest[rest.index(after: colon)...]
            }
            var percent = 100
            if let eq = rest.lastIndex(of: "=") {
                let p = rest[rest.index(after: eq)...]
                guard let v = Int(p), (0...100).contains(v) else {
                    throw Diagnostic(.chapter, at: location, "profile entry '\(item)' needs a percentage 0...100 after '=', got '\(p)'")
                }
                percent = v
                rest = rest[..<eq]
            }
            let name = String(rest)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "_.+/`<>$".contains($0) }) else {
                throw Diagnostic(.chapter, at: location, "profile entry '\(item)' has a malformed class name '\(name)'")
            }
            entries.append(Entry(ilOffset: offset, className: name, percent: percent))
        }
        self.entries = entries
    }

    /// The profile as the JIT receives it (with the configuration).
    public var jitData: ClassProfileData {
        ClassProfileData(entries: entries.map { ClassProfileData.Entry(ilOffset: $0.ilOffset, className: $0.className, percent: $0.percent) })
    }

    public var description: String {
        entries.map { e in
            var s = ""
            if let o = e.ilOffset { s += "IL_" + String(o, radix: 16, uppercase: false).leftPadded(to: 4) + ":" }
            s += e.className
            if e.percent != 100 { s += "=\(e.percent)" }
            return s
        }.joined(separator: ";")
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

extension String {
    /// Left-pads with zeros to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
