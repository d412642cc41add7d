import Diagnostics

/// ilasm's preprocessor, run over the token stream before parsing.
///
/// The real runtime's IL tests name their core library through a macro
/// (`#define CORE_ASSEMBLY "System.Runtime"`, then `[CORE_ASSEMBLY]System.Object`) and
/// guard parts with `#ifdef`, so jitbook accepts the same directives: `#define NAME`,
/// `#define NAME "replacement"`, `#undef`, `#ifdef`, `#ifndef`, `#else` and `#endif`.
/// A macro is replaced wherever it is a whole name token; its replacement text is lexed
/// as IL, and the tokens keep the location of the use. `#include` is refused with a
/// located error: a module is the IL of one file or one chapter.
enum ILPreprocessor {
    /// Replacement tokens by macro name (empty for a flag defined without text).
    private typealias Macros = [String: [Token]]

    /// One open `#ifdef`/`#ifndef`: where it is, whether its tokens are kept, whether `#else` was seen.
    private struct Conditional {
        var location: SourceLocation
        var parentActive: Bool
        var condition: Bool
        var inElse = false
        var active: Bool { parentActive && (inElse ? !condition : condition) }
    }

    static func expand(_ tokens: [Token], diagnostics: inout [Diagnostic]) -> [Token] {
        guard tokens.contains(where: { $0.kind == .directive && $0.text.hasPrefix("#") }) else { return tokens }
        var macros: Macros = [:]
        var stack: [Conditional] = []
        var out: [Token] = []
        var i = 0
        var active: Bool { stack.last?.active ?? true }

        /// The name operand of a directive, which must be on the directive's line.
        func name(after directive: Token) -> Token? {
            let t = tokens[i + 1]
            guard t.kind == .identifier, t.location.line == directive.location.line,
                  t.location.file == directive.location.file else {
                diagnostics.append(Diagnostic(.syntax, at: directive.location, "\(directive.text) needs a name on the same line"))
                return nil
            }
            return t
        }

        while i < tokens.count {
            let t = tokens[i]
            guard t.kind == .directive, t.text.hasPrefix("#") else {
                if active || t.kind == .eof { out.append(contentsOf: substitute(t, macros, depth: 0, diagnostics: &diagnostics)) }
                i += 1
                continue
            }
            switch t.text {
            case "#define":
                guard let n = name(after: t) else { i += 1; continue }
                i += 2
                var replacement: [Token] = []
                let value = tokens[i]
                if value.kind == .string, value.location.line == n.location.line, value.location.file == n.location.file {
                    let lexed = ILLexer.tokenize(value.text, file: value.location.file, firstLine: value.location.line)
                    for d in lexed.diagnostics { diagnostics.append(Diagnostic(d.kind, at: value.location, "in the replacement of \(n.text): \(d.message)")) }
                    replacement = lexed.tokens.filter { $0.kind != .eof }
                    i += 1
                }
                if active { macros[n.text] = replacement }
            case "#undef":
                guard let n = name(after: t) else { i += 1; continue }
                if active { macros[n.text] = nil }
                i += 2
            case "#ifdef", "#ifndef":
                guard let n = name(after: t) else { i += 1; continue }
                let defined = macros[n.text] != nil
                stack.append(Conditional(location: t.location, parentActive: active,
                                         condition: t.text == "#ifdef" ? defined : !defined))
                i += 2
            case "#else":
                if stack.isEmpty || stack[stack.count - 1].inElse {
                    diagnostics.append(Diagnostic(.syntax, at: t.location, "#else without an open #ifdef or #ifndef"))
                } else {
                    stack[stack.count - 1].inElse = true
                }
                i += 1
            case "#endif":
                if stack.popLast() == nil {
                    diagnostics.append(Diagnostic(.syntax, at: t.location, "#endif without an open #ifdef or #ifndef"))
                }
                i += 1
            case "#include":
                diagnostics.append(Diagnostic(.unsupported, at: t.location,
                                              "#include is not supported: a module is the IL of one file or one chapter"))
                i += 1
                if tokens[i].kind == .string { i += 1 }
            default:
                diagnostics.append(Diagnostic(.syntax, at: t.location, "unknown preprocessor directive '\(t.text)'"))
                i += 1
            }
        }
        for open in stack {
            diagnostics.append(Diagnostic(.syntax, at: open.location, "this conditional has no #endif"))
        }
        return out
    }

    /// `t`, or the expansion of the macro it names (macros may use macros, to a sane depth).
    private static func substitute(_ t: Token, _ macros: Macros, depth: Int, diagnostics: inout [Diagnostic]) -> [Token] {
        guard t.kind == .identifier, let replacement = macros[t.text] else { return [t] }
        guard depth < 32 else {
            diagnostics.append(Diagnostic(.syntax, at: t.location, "macro \(t.text) expands into itself"))
            return []
        }
        return replacement.flatMap { r -> [Token] in
            var r = r
            r.location = t.location
            return substitute(r, macros, depth: depth + 1, diagnostics: &diagnostics)
        }
    }
}
