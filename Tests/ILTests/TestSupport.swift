import Foundation
import Diagnostics
@testable import IL

/// Helpers shared by the IL tests: resource loading and monodis listing parsing.
enum Fixtures {
    /// Text of `Resources/NAME` shipped with the test bundle.
    static func text(_ name: String) throws -> String {
        guard let dir = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw FixtureError.missing("Resources")
        }
        return try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    enum FixtureError: Error { case missing(String) }

    /// The monodis-produced files, one per C# program.
    static let monodisPrograms = ["Loops.il", "Branches.il", "Switches.il", "Calls.il", "LongMath.il", "Exceptions.il"]

    /// One method of a monodis listing: its `Type::Name` and the `(offset, mnemonic)` of each `IL_xxxx:` line.
    struct ListedMethod: Equatable {
        var key: String
        var lines: [Line]
        var codeSize: Int
    }

    struct Line: Equatable, CustomStringConvertible {
        var offset: Int
        var mnemonic: String
        var description: String { "IL_\(String(offset, radix: 16)): \(mnemonic)" }
    }

    /// Reads monodis's own view of each method: `// end of method T::M`, `// Code size N`, `IL_xxxx:  op`.
    static func monodisMethods(_ text: String) -> [ListedMethod] {
        var result: [ListedMethod] = []
        var lines: [Line] = []
        var codeSize = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("// Code size ") {
                codeSize = Int(line.dropFirst("// Code size ".count).prefix { $0.isNumber }) ?? -1
            } else if line.hasPrefix("IL_"), let colon = line.firstIndex(of: ":") {
                let hex = line[line.index(line.startIndex, offsetBy: 3)..<colon]
                let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                let mnemonic = String(rest.prefix { !$0.isWhitespace })
                if let off = Int(hex, radix: 16) { lines.append(Line(offset: off, mnemonic: mnemonic)) }
            } else if let r = line.range(of: "} // end of method ") {
                result.append(ListedMethod(key: String(line[r.upperBound...]), lines: lines, codeSize: codeSize))
                lines = []
                codeSize = 0
            }
        }
        return result
    }

    /// Our parse of a method as monodis would list it: prefixes on their own lines.
    static func listing(of method: MethodDef) -> [Line] {
        var out: [Line] = []
        for inst in method.body {
            var off = inst.offset
            for p in inst.prefixes {
                out.append(Line(offset: off, mnemonic: p.rawValue))
                off += p.encodedSize
            }
            out.append(Line(offset: off, mnemonic: inst.opcode.rawValue))
        }
        return out
    }

    /// `Type::Name` as monodis writes it after `// end of method`.
    static func key(_ m: MethodDef) -> String {
        "\(m.declaringType?.name ?? "")::\(m.name)"
    }
}

/// Parses `text` expecting failure; returns the printed diagnostics.
func parseErrors(_ text: String, file: String = "t.il") -> [String] {
    do {
        _ = try ILParser.parse(text, file: file)
        return []
    } catch let list as DiagnosticList {
        return list.diagnostics.map(\.description)
    } catch {
        return ["unexpected error \(error)"]
    }
}

/// Parses `text` then verifies every method; returns the printed diagnostics of both steps.
func verifyErrors(_ text: String, file: String = "t.il") -> [String] {
    do {
        let m = try ILParser.parse(text, file: file)
        try ILVerifier.verify(m)
        return []
    } catch let list as DiagnosticList {
        return list.diagnostics.map(\.description)
    } catch {
        return ["unexpected error \(error)"]
    }
}

/// Wraps method text in a class so tests can focus on bodies.
func inClass(_ methods: String) -> String {
    ".class public auto ansi P extends [mscorlib]System.Object\n{\n\(methods)\n}\n"
}
