import Diagnostics
import JIT

/// What an info string asks for, before the block body is attached.
///
/// The grammar (DESIGN §2):
/// `il [module=NAME]`, `asm ARCH METHOD [key=value ...]`,
/// `ir PHASE METHOD [key=value ...]`, `run [ARCH] [key=value ...]`, `aot ARCH [key=value ...]`.
/// Any other first word (csharp, text, sh, none) makes the block prose.
public enum BlockSpec: Sendable, Hashable {
    /// An ordinary code block; `language` is the info string's first word ("" if none).
    case prose(language: String)
    /// IL source for module `module`.
    case il(module: String)
    /// An expected block.
    case example(ExampleSpec)
}

/// The parsed info string of an `asm`, `ir` or `run` block.
public struct ExampleSpec: Sendable, Hashable {
    public var kind: Example.Kind
    public var method: MethodSelector?
    public var module: String
    public var config: JitConfig
    public var configText: String?
    public var profile: ClassProfile?
    public var arch: Arch
}

/// Parses info strings, reporting errors at the exact column of the offending word.
public enum InfoStringParser {
    /// One whitespace-separated word of an info string and its 1-based column in the source line.
    struct Token {
        var text: String
        var column: Int
    }

    /// The module `il` and example blocks use when they say no `module=`.
    public static let defaultModule = "main"

    /// Parses `info` (the raw text after the fence), which starts at 1-based `column` of `line` in `file`.
    public static func parse(_ info: String, file: String, line: Int, column: Int) throws -> BlockSpec {
        let tokens = tokenize(info, startColumn: column)
        guard let first = tokens.first else { return .prose(language: "") }
        func loc(_ t: Token) -> SourceLocation { SourceLocation(file: file, line: line, column: t.column) }
        let infoLoc = SourceLocation(file: file, line: line, column: column)
        var rest = tokens.dropFirst()

        switch first.text {
        case "il":
            let keys = try parseKeys(rest, allowed: ["module"], block: "il", loc: loc)
            return .il(module: try moduleName(keys, loc: loc))

        case "asm", "ir":
            let isAsm = first.text == "asm"
            let usage = isAsm ? "asm ARCH METHOD [key=value ...]" : "ir PHASE METHOD [key=value ...]"
            guard let second = rest.first, !second.text.contains("=") else {
                let what = isAsm ? "an architecture" : "a phase"
                throw Diagnostic(.chapter, at: rest.first.map(loc) ?? infoLoc,
                                 "\(first.text) block needs \(what): \(usage)")
            }
            rest = rest.dropFirst()
            let kind: Example.Kind
            if isAsm {
                kind = .asm(try arch(second, loc: loc))
            } else {
                guard let phase = Phase.named(second.text) else {
                    let known = Phase.allCases.map(\.rawValue).joined(separator: ", ")
                    throw Diagnostic(.chapter, at: loc(second),
                                     "unknown phase '\(second.text)' (known phases: \(known))")
                }
                kind = .ir(phase)
            }
            guard let methodToken = rest.first, !(methodToken.text.contains("=") && !methodToken.text.contains("::")) else {
                throw Diagnostic(.chapter, at: rest.first.map(loc) ?? infoLoc,
                                 "\(first.text) block needs a METHOD: \(usage)")
            }
            rest = rest.dropFirst()
            let method = try methodSelector(methodToken, loc: loc)
            let allowed = isAsm ? ["config", "module", "profile"] : ["arch", "config", "module", "profile"]
            let keys = try parseKeys(rest, allowed: allowed, block: first.text, loc: loc)
            var targetArch = Arch.x64
            if case .asm(let a) = kind { targetArch = a }
            if let a = keys["arch"] { targetArch = try arch(Token(text: a.value, column: a.token.column + 5), loc: loc) }
            return .example(try spec(kind: kind, method: method, arch: targetArch, keys: keys, loc: loc))

        case "run":
            var runArch: Arch?
            if let second = rest.first, !second.text.contains("=") {
                runArch = try arch(second, loc: loc)
                rest = rest.dropFirst()
            }
            let keys = try parseKeys(rest, allowed: ["config", "module", "profile"], block: "run", loc: loc)
            return .example(try spec(kind: .run(runArch), method: nil, arch: runArch ?? .x64, keys: keys, loc: loc))

        case "aot":
            guard let second = rest.first, !second.text.contains("=") else {
                throw Diagnostic(.chapter, at: rest.first.map(loc) ?? infoLoc,
                                 "aot block needs an architecture: aot ARCH [key=value ...]")
            }
            let aotArch = try arch(second, loc: loc)
            let keys = try parseKeys(rest.dropFirst(), allowed: ["config", "module"], block: "aot", loc: loc)
            return .example(try spec(kind: .aot(aotArch), method: nil, arch: aotArch, keys: keys, loc: loc))

        default:
            return .prose(language: first.text)
        }
    }

    /// A parsed `key=value` word.
    struct KeyValue {
        var value: String
        var token: Token
    }

    private static func spec(kind: Example.Kind, method: MethodSelector?, arch: Arch,
                             keys: [String: KeyValue], loc: (Token) -> SourceLocation) throws -> ExampleSpec {
        var config = JitConfig()
        if let c = keys["config"] {
            config = try JitConfig(parsing: c.value, at: loc(c.token))
        }
        var profile: ClassProfile?
        if let p = keys["profile"] {
            profile = try ClassProfile(parsing: p.value, at: loc(p.token))
            // The JIT gets the profile with its configuration, so every compile and run cache keys on it.
            config.classProfile = profile
        }
        return ExampleSpec(kind: kind, method: method, module: try moduleName(keys, loc: loc),
                           config: config, configText: keys["config"]?.value, profile: profile, arch: arch)
    }

    private static func moduleName(_ keys: [String: KeyValue], loc: (Token) -> SourceLocation) throws -> String {
        guard let m = keys["module"] else { return defaultModule }
        guard !m.value.isEmpty, m.value.allSatisfy({ $0.isLetter || $0.isNumber || "_.-".contains($0) }) else {
            throw Diagnostic(.chapter, at: loc(m.token),
                             "module name '\(m.value)' must be letters, digits, '_', '.' or '-'")
        }
        return m.value
    }

    private static func arch(_ t: Token, loc: (Token) -> SourceLocation) throws -> Arch {
        guard let a = Arch(rawValue: t.text) else {
            throw Diagnostic(.chapter, at: loc(t), "unknown architecture '\(t.text)' (expected x64 or arm64)")
        }
        return a
    }

    /// Parses a METHOD word and checks that its parts are identifiers.
    private static func methodSelector(_ t: Token, loc: (Token) -> SourceLocation) throws -> MethodSelector {
        let sel = try MethodSelector.parse(t.text, at: loc(t))
        let nameChars: (Character) -> Bool = { $0.isLetter || $0.isNumber || "_.$`<>'".contains($0) }
        let typeChars: (Character) -> Bool = { nameChars($0) || "/+".contains($0) }
        var problem: String?
        if !sel.typeName.allSatisfy(typeChars) {
            problem = "type name '\(sel.typeName)' contains characters that cannot appear in a type name"
        } else if !sel.methodName.allSatisfy(nameChars) {
            problem = "method name '\(sel.methodName)' contains characters that cannot appear in a method name"
        } else if let p = sel.parameters, p.contains(where: \.isEmpty) {
            problem = "parameter list has an empty parameter"
        } else if let v = sel.variant, v.isEmpty || !v.allSatisfy(nameChars) {
            problem = "variant '[\(v)]' must be a name such as [async] or [thunk]"
        }
        if let problem {
            throw Diagnostic(.chapter, at: loc(t), "malformed method name '\(t.text)': \(problem)")
        }
        return sel
    }

    /// Parses the trailing `key=value` words; unknown and repeated keys are errors.
    private static func parseKeys(_ tokens: ArraySlice<Token>, allowed: [String], block: String,
                                  loc: (Token) -> SourceLocation) throws -> [String: KeyValue] {
        var out: [String: KeyValue] = [:]
        for t in tokens {
            guard let eq = t.text.firstIndex(of: "=") else {
                throw Diagnostic(.chapter, at: loc(t),
                                 "unexpected '\(t.text)' in \(block) block info string: expected key=value")
            }
            let key = String(t.text[..<eq])
            let value = String(t.text[t.text.index(after: eq)...])
            guard allowed.contains(key) else {
                throw Diagnostic(.chapter, at: loc(t),
                                 "unknown key '\(key)' in \(block) block (known keys: \(allowed.joined(separator: ", ")))")
            }
            guard out[key] == nil else {
                throw Diagnostic(.chapter, at: loc(t), "key '\(key)' given twice")
            }
            out[key] = KeyValue(value: value, token: t)
        }
        return out
    }

    /// Splits on spaces and tabs, except inside `(...)` and `[...]` (method signatures may contain spaces).
    static func tokenize(_ info: String, startColumn: Int) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var currentColumn = startColumn
        var depth = 0
        var column = startColumn
        for ch in info {
            if (ch == " " || ch == "\t") && depth == 0 {
                if !current.isEmpty { tokens.append(Token(text: current, column: currentColumn)) }
                current = ""
            } else {
                if current.isEmpty { currentColumn = column }
                if ch == "(" || ch == "[" { depth += 1 }
                if (ch == ")" || ch == "]") && depth > 0 { depth -= 1 }
                current.append(ch)
            }
            column += 1
        }
        if !current.isEmpty { tokens.append(Token(text: current, column: currentColumn)) }
        return tokens
    }
}
