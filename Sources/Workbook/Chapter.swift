import Foundation
import Diagnostics
import IL

/// A fenced code block of a chapter, located to the exact source line.
///
/// Bless rewrites only the lines strictly between `fenceLine` and `closeLine`;
/// everything else (fences, info string, prose) is never touched.
public struct CodeBlock: Sendable, Hashable {
    /// Position in the chapter's `blocks`.
    public var index: Int
    /// 1-based line of the opening fence (where the info string is).
    public var fenceLine: Int
    /// 1-based line of the closing fence.
    public var closeLine: Int
    /// Spaces before the opening fence (0...3); stripped from body lines, as CommonMark does.
    public var indent: Int
    /// The fence characters as written (e.g. "```" or "~~~~").
    public var fence: String
    /// The raw info string (trimmed).
    public var info: String
    /// 1-based column of the info string on the fence line.
    public var infoColumn: Int
    /// The body: lines without the fence indent, each ending in `\n` ("" for an empty block).
    public var body: String
    /// What the block means to the workbook.
    public var spec: BlockSpec

    /// Body lines as 1-based line numbers.
    public var bodyLines: Range<Int> { (fenceLine + 1)..<closeLine }
}

/// The IL of one module of a chapter: its `il` blocks in document order.
public struct ChapterModule: Sendable {
    public var name: String
    public var chunks: [SourceChunk]
}

/// One chapter: its source, lines, fenced blocks, IL modules and examples.
///
/// Built on libcmark (which decides what is a code block) plus the raw lines
/// (which keep exact bytes, fence columns and line endings).
public struct Chapter: Sendable {
    /// Path as printed in diagnostics, e.g. `chapters/02-calls.md`.
    public var path: String
    /// The original text.
    public var source: String
    public var lines: [SourceLine]
    public var blocks: [CodeBlock]
    public var modules: [ChapterModule]
    public var examples: [Example]
    /// libcmark's view of the top-level blocks (the site renders prose from these).
    public var markdown: [MarkdownBlock]

    /// `02-calls.md`.
    public var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }
    /// `02-calls`.
    public var stem: String { fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName }
    /// The text of the first `#` heading, if any.
    public var title: String? {
        markdown.first { $0.kind == .heading(level: 1) }?.plainText
    }

    /// The IL module of that name, if the chapter has `il` blocks for it.
    public func module(named name: String) -> ChapterModule? { modules.first { $0.name == name } }

    /// Reads and parses a chapter file; `path` is the name used in diagnostics.
    public static func load(contentsOf url: URL, path: String) throws -> Chapter {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Diagnostic(.environment, at: SourceLocation(file: path, line: 1, column: 1),
                             "cannot read chapter: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(.chapter, at: SourceLocation(file: path, line: 1, column: 1), "chapter is not valid UTF-8")
        }
        return try Chapter(source: text, path: path)
    }

    /// Parses chapter text; throws a `DiagnosticList` with every malformed block.
    public init(source: String, path: String) throws {
        self.path = path
        self.source = source
        self.lines = SourceLine.split(source)
        let doc = MarkdownDocument(parsing: source)
        self.markdown = doc.blocks

        var errors: [Diagnostic] = []
        var blocks: [CodeBlock] = []
        for mb in doc.blocks where mb.kind == .codeBlock {
            do {
                if let block = try Chapter.fencedBlock(mb, lines: lines, index: blocks.count, path: path) {
                    blocks.append(block)
                }
            } catch let d as Diagnostic {
                errors.append(d)
            }
        }
        for nested in doc.nestedCodeBlocks {
            let word = InfoStringParser.tokenize(nested.info, startColumn: 1).first?.text ?? ""
            if ["il", "asm", "ir", "run", "aot"].contains(word) {
                errors.append(Diagnostic(.chapter, at: SourceLocation(file: path, line: nested.startLine, column: 1),
                                         "'\(word)' blocks must be at the top level, not inside a list or quote"))
            }
        }
        self.blocks = blocks

        var modules: [ChapterModule] = []
        var examples: [Example] = []
        for block in blocks {
            let location = SourceLocation(file: path, line: block.fenceLine, column: block.infoColumn)
            switch block.spec {
            case .prose:
                break
            case .il(let name):
                let chunk = SourceChunk(text: block.body, file: path, firstLine: block.fenceLine + 1)
                if let i = modules.firstIndex(where: { $0.name == name }) {
                    modules[i].chunks.append(chunk)
                } else {
                    modules.append(ChapterModule(name: name, chunks: [chunk]))
                }
            case .example(let s):
                examples.append(Example(kind: s.kind, method: s.method, module: s.module, config: s.config,
                                        configText: s.configText, profile: s.profile, arch: s.arch, file: path,
                                        line: block.fenceLine, blockIndex: block.index, expected: block.body,
                                        location: location))
            }
        }
        for ex in examples where !modules.contains(where: { $0.name == ex.module }) {
            errors.append(Diagnostic(.chapter, at: ex.location,
                                     "no `il` blocks for module '\(ex.module)' in this chapter"))
        }
        self.modules = modules
        self.examples = examples
        if !errors.isEmpty {
            throw DiagnosticList(errors.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) })
        }
    }

    /// Locates a top-level code block in the raw lines; nil for indented (unfenced) code.
    static func fencedBlock(_ mb: MarkdownBlock, lines: [SourceLine], index: Int, path: String) throws -> CodeBlock? {
        guard mb.startLine >= 1, mb.startLine <= lines.count else { return nil }
        var open = lines[mb.startLine - 1].text
        if mb.startLine == 1 && open.hasPrefix("\u{FEFF}") { open.removeFirst() }  // cmark skips a byte-order mark
        guard let fence = Fence(opening: open) else { return nil }
        let infoText = String(open.dropFirst(fence.indent + fence.length))
        let leading = infoText.prefix { $0 == " " || $0 == "\t" }.count
        let info = infoText.trimmingSpaces()
        let infoColumn = fence.indent + fence.length + leading + 1

        let last = min(max(mb.endLine, mb.startLine), lines.count)
        guard last > mb.startLine, fence.isClosing(lines[last - 1].text) else {
            throw Diagnostic(.chapter, at: SourceLocation(file: path, line: mb.startLine, column: fence.indent + 1),
                             "unterminated code fence: no closing \(fence.text) before the end of the file")
        }
        var body = ""
        for n in (mb.startLine + 1)..<last {
            body += fence.stripIndent(lines[n - 1].text) + "\n"
        }
        let spec = try InfoStringParser.parse(info, file: path, line: mb.startLine, column: infoColumn)
        return CodeBlock(index: index, fenceLine: mb.startLine, closeLine: last, indent: fence.indent,
                         fence: fence.text, info: info, infoColumn: infoColumn, body: body, spec: spec)
    }
}

/// A CommonMark code fence: up to 3 spaces, then 3 or more backticks or tildes.
struct Fence {
    var indent: Int
    var character: Character
    var length: Int

    var text: String { String(repeating: character, count: length) }

    /// Recognizes an opening fence line.
    init?(opening line: String) {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let c = rest.first, c == "`" || c == "~" else { return nil }
        let run = rest.prefix { $0 == c }.count
        guard run >= 3 else { return nil }
        if c == "`" && rest.dropFirst(run).contains("`") { return nil }
        self.indent = indent
        self.character = c
        self.length = run
    }

    /// True when `line` closes this fence: up to 3 spaces, at least as many fence characters, then only spaces.
    func isClosing(_ line: String) -> Bool {
        let ind = line.prefix { $0 == " " }.count
        guard ind <= 3 else { return false }
        let rest = line.dropFirst(ind)
        let run = rest.prefix { $0 == character }.count
        guard run >= length else { return false }
        return rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// Removes up to `indent` leading spaces from a body line, as CommonMark does.
    func stripIndent(_ line: String) -> String {
        if indent == 0 { return line }
        let n = min(indent, line.prefix { $0 == " " }.count)
        return String(line.dropFirst(n))
    }
}
