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
        var directive: Token
        var parentActive: Bool
        var condition: Bool
        var inElse = false
        var active: Bool { parentActive && (inElse ? !condition : condition) }
    }

    /// The tokens with directives applied and macros replaced; `files` is the table the tokens'
    /// `fileIndex` points into.
    static func expand(_ tokens: [Token], files: [String], diagnostics: inout [Diagnostic]) -> [Token] {
        guard tokens.contains(where: { $0.kind == .directive && $0.text.hasPrefix("#") }) else { return tokens }
        var macros: Macros = [:]
        var stack: [Conditional] = []
        var out: [Token] = []
        var i = 0
        var active: Bool { stack.last?.active ?? true }

        /// The name operand of a directive, which must be on the directive's line.
        func name(after directive: Token) -> Token? {
            let t = tokens[i + 1]
            guard t.kind == .identifier, t.isOnSameLine(as: directive) else {
                diagnostics.append(Diagnostic(.syntax, at: directive.location(in: files), "\(directive.text) needs a name on the same line"))
                return nil
            }
            return t
        }

        while i < tokens.count {
            let t = tokens[i]
            guard t.kind == .directive, t.text.hasPrefix("#") else {
                if active || t.kind == .eof { out.append(contentsOf: substitute(t, macros, files: files, depth: 0, diagnostics: &diagnostics)) }
                i += 1
                continue
            }
            switch t.text {
            case "#define":
                guard let n = name(after: t) else { i += 1; continue }
                i += 2
                var replacement: [Token] = []
                let value = tokens[i]
                if value.kind == .string, value.isOnSameLine(as: n) {
                    let at = value.location(in: files)
                    let lexed = ILLexer.tokenize(value.text, file: at.file, firstLine: at.line)
                    for d in lexed.diagnostics { diagnostics.append(Diagnostic(d.kind, at: at, "in the replacement of \(n.text): \(d.message)")) }
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
                stack.append(Conditional(directive: t, parentActive: active,
                                         condition: t.text == "#ifdef" ? defined : !defined))
                i += 2
            case "#else":
                if stack.isEmpty || stack[stack.count - 1].inElse {
                    diagnostics.append(Diagnostic(.syntax, at: t.location(in: files), "#else without an open #ifdef or #ifndef"))
                } else {
                    stack[stack.count - 1].inElse = true
                }
                i += 1
            case "#endif":
                if stack.popLast() == nil {
                    diagnostics.append(Diagnostic(.syntax, at: t.location(in: files), "#endif without an open #ifdef or #ifndef"))
                }
                i += 1
            case "#include":
                diagnostics.append(Diagnostic(.unsupported, at: t.location(in: files),
                                              "#include is not supported: a module is the IL of one file or one chapter"))
                i += 1
                if tokens[i].kind == .string { i += 1 }
            default:
                diagnostics.append(Diagnostic(.syntax, at: t.location(in: files), "unknown preprocessor directive '\(t.text)'"))
                i += 1
            }
        }
        for open in stack {
            diagnostics.append(Diagnostic(.syntax, at: open.directive.location(in: files), "this conditional has no #endif"))
        }
        return out
    }

    /// `t`, or the expansion of the macro it names (macros may use macros, to a sane depth).
    private static func substitute(_ t: Token, _ macros: Macros, files: [String], depth: Int,
                                   diagnostics: inout [Diagnostic]) -> [Token] {
        guard t.kind == .identifier, let replacement = macros[t.text] else { return [t] }
        guard depth < 32 else {
            diagnostics.append(Diagnostic(.syntax, at: t.location(in: files), "macro \(t.text) expands into itself"))
            return []
        }
        return replacement.flatMap { r -> [Token] in
            var r = r
            (r.line, r.column, r.fileIndex) = (t.line, t.column, t.fileIndex)
            return substitute(r, macros, files: files, depth: depth + 1, diagnostics: &diagnostics)
        }
    }
}
