import Diagnostics
import Foundation

/// The class profile of a compilation: which classes virtual call sites saw (the model's PGO data).
///
/// The real JIT reads instrumentation results from the runtime and asks which
/// class a call site most likely sees (`getLikelyClasses`). In the model a
/// chapter states the profile (`profile=` in an info string, DESIGN §2) and it
/// travels to the JIT with the configuration; the runtime model resolves the
/// class names. Entries are `(IL offset or every site, class name, percent)`.
public struct ClassProfileData: Sendable, Hashable, CustomStringConvertible {
    /// One observed class at one call site.
    public struct Entry: Sendable, Hashable {
        /// IL offset of the call site, nil for every virtual call site.
        public var ilOffset: Int?
        /// The class as written: `Ns.Class`, nested types as `Outer+Inner` or `Outer/Inner`.
        public var className: String
        /// How often the site saw the class, 0...100.
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
            let item = raw.trimmingCharacters(in: .whitespaces)
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

    /// The profile in the `profile=` syntax: entries separated by `;`, each `[IL_XXXX:]Class[=Percent]`.
    public var description: String {
        entries.map { e in
            var s = ""
            if let o = e.ilOffset { s += "IL_" + String(format: "%04x", o) + ":" }
            s += e.className
            if e.percent != 100 { s += "=\(e.percent)" }
            return s
        }.joined(separator: ";")
    }

    /// The likeliest class at the call site at `ilOffset`: the most frequent entry naming that
    /// offset, else the most frequent entry without one; the first written wins a tie.
    public func likelyClass(atIL ilOffset: Int) -> Entry? {
        let exact = entries.filter { $0.ilOffset == ilOffset }
        let pool = exact.isEmpty ? entries.filter { $0.ilOffset == nil } : exact
        return pool.reduce(nil) { best, e in (best.map { e.percent > $0.percent } ?? true) ? e : best }
    }
}

/// A class a virtual call site is likely to see, resolved by the runtime (getLikelyClasses' answer).
public struct LikelyClass: Sendable, Hashable {
    public var handle: ClassHandle
    /// How often the site saw the class, 0...100.
    public var likelihood: Int

    public init(handle: ClassHandle, likelihood: Int) {
        self.handle = handle
        self.likelihood = likelihood
    }
}
