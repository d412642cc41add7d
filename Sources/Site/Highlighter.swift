import Foundation

/// The languages the site highlights.
public enum CodeLanguage: String, Sendable {
    case il, asm, ir
}

/// Highlights code as escaped HTML with token spans.
public enum Highlighter {
    /// `text` as HTML for the inside of a `<code>` element.
    public static func html(_ text: String, as language: CodeLanguage) -> String {
        switch language {
        case .il: renderTokens(ILHighlighter.tokens(text))
        case .asm: renderTokens(AsmHighlighter.tokens(text))
        case .ir: renderTokens(IRHighlighter.tokens(text))
        }
    }

    /// A unified diff as HTML: added, removed, hunk and file-header lines get their own classes.
    public static func diffHTML(_ diff: String) -> String {
        textLinesOf(diff).map { line -> String in
            let cls: String? = line.hasPrefix("+++") || line.hasPrefix("---") ? "diff-file"
                : line.hasPrefix("@@") ? "diff-hunk"
                : line.hasPrefix("+") ? "diff-add"
                : line.hasPrefix("-") ? "diff-del" : nil
            return cls.map { "<span class=\"\($0)\">\(HTML.escape(line))</span>" } ?? HTML.escape(line)
        }.joined(separator: "\n")
    }

    static func textLinesOf(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}

extension Highlighter {
    /// `text` highlighted, as one HTML string per line (no newlines; spans closed at each line end),
    /// so that each line can carry attributes of its own (the IL mapping).
    public static func htmlLines(_ text: String, as language: CodeLanguage) -> [String] {
        HighlightMemo.shared.lines(text, language) { highlightLines(text, as: language) }
    }

    private static func highlightLines(_ text: String, as language: CodeLanguage) -> [String] {
        let tokens: [HighlightToken]
        switch language {
        case .il: tokens = ILHighlighter.tokens(text)
        case .asm: tokens = AsmHighlighter.tokens(text)
        case .ir: tokens = IRHighlighter.tokens(text)
        }
        var lines: [String] = [""]
        for t in tokens {
            let pieces = t.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i > 0 { lines.append("") }
                guard !piece.isEmpty else { continue }
                lines[lines.count - 1] += renderTokens([HighlightToken(t.kind, String(piece))])
            }
        }
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }
}

/// Highlighted lines by (text, language). Highlighting is a pure function of the two, and `jitbook
/// serve` re-renders every unchanged listing of a chapter on each save: without the memo, chapter
/// 12's forty-odd listings took most of a prose edit's re-render. Bounded: emptied past 4096 entries.
final class HighlightMemo: @unchecked Sendable {
    static let shared = HighlightMemo()
    private struct Key: Hashable {
        let text: String
        let language: CodeLanguage
    }
    private let lock = NSLock()
    private var memo: [Key: [String]] = [:]

    func lines(_ text: String, _ language: CodeLanguage, make: () -> [String]) -> [String] {
        let key = Key(text: text, language: language)
        lock.lock()
        if let hit = memo[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let made = make()
        lock.lock()
        if memo.count >= 4096 { memo.removeAll() }
        memo[key] = made
        lock.unlock()
        return made
    }
}
