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
                if active || t.kind == .eof { out.append(contentsOf: substitute(t, macros, files: files, diagnostics: &diagnostics)) }
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

    /// The most tokens one use of a macro may expand into. Macros that use other macros twice each
    /// (`#define A "B B"`, `#define B "C C"`...) grow exponentially without using themselves.
    static let expansionLimit = 1 << 16

    /// `t`, or the expansion of the macro it names (with the macros it uses expanded in turn).
    private static func substitute(_ t: Token, _ macros: Macros, files: [String],
                                   diagnostics: inout [Diagnostic]) -> [Token] {
        guard t.kind == .identifier, macros[t.text] != nil else { return [t] }
        var out: [Token] = []
        var expanding: [String] = []
        var tooLong = false
        expand(t, at: t, macros, files: files, expanding: &expanding, into: &out, tooLong: &tooLong, diagnostics: &diagnostics)
        return out
    }

    /// Appends the expansion of `t` to `out`, located at `use`. A macro met again inside its own
    /// expansion (`expanding`: the macros being expanded, outermost first) is an error, reported
    /// where it is met and not expanded. (A depth limit of 32 was the check before: a macro that
    /// used itself twice then expanded 2^32 times, a hang found by fuzz seed 206, input 192743.)
    private static func expand(_ t: Token, at use: Token, _ macros: Macros, files: [String], expanding: inout [String],
                               into out: inout [Token], tooLong: inout Bool, diagnostics: inout [Diagnostic]) {
        guard t.kind == .identifier, let replacement = macros[t.text] else {
            guard !tooLong else { return }
            if out.count >= expansionLimit {
                tooLong = true
                diagnostics.append(Diagnostic(.syntax, at: use.location(in: files),
                                              "macro \(use.text) expands into more than \(expansionLimit) tokens"))
                return
            }
            var r = t
            (r.line, r.column, r.fileIndex) = (use.line, use.column, use.fileIndex)
            out.append(r)
            return
        }
        guard !expanding.contains(t.text) else {
            diagnostics.append(Diagnostic(.syntax, at: use.location(in: files), "macro \(t.text) expands into itself"))
            return
        }
        expanding.append(t.text)
        for r in replacement where !tooLong {
            expand(r, at: use, macros, files: files, expanding: &expanding, into: &out, tooLong: &tooLong, diagnostics: &diagnostics)
        }
        expanding.removeLast()
    }
}
