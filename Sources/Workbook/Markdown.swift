import Foundation
import CCmark

/// One top-level CommonMark block of a chapter, as libcmark parsed it.
///
/// The chapter model and the site renderer both walk a chapter's top-level
/// blocks; libcmark's node pointers only live as long as the parsed document,
/// so everything needed later (kind, lines, rendered HTML, heading text) is
/// copied out eagerly and the document is freed right away.
public struct MarkdownBlock: Sendable, Hashable {
    /// What kind of top-level block this is.
    public enum Kind: Sendable, Hashable {
        case heading(level: Int)
        case codeBlock
        case other
    }

    public var kind: Kind
    /// 1-based first and last source line (cmark's source positions).
    public var startLine: Int
    public var endLine: Int
    /// cmark's info string of a code block (unescaped, trimmed), empty otherwise.
    public var info: String
    /// The block rendered by `cmark_render_html` with safe defaults (raw HTML omitted).
    public var html: String
    /// Plain text of a heading (inline markup dropped), empty otherwise.
    public var plainText: String
}

/// A code block found inside a container (list item, block quote), where the workbook does not look for examples.
public struct NestedCodeBlock: Sendable, Hashable {
    public var startLine: Int
    public var info: String
}

/// The result of parsing a chapter with libcmark: its top-level blocks and any nested code blocks.
public struct MarkdownDocument: Sendable {
    public var blocks: [MarkdownBlock]
    public var nestedCodeBlocks: [NestedCodeBlock]

    /// Parses CommonMark text with libcmark (CMARK_OPT_DEFAULT: raw HTML is not passed through).
    public init(parsing text: String) {
        var blocks: [MarkdownBlock] = []
        var nested: [NestedCodeBlock] = []
        let utf8 = Array(text.utf8)
        let doc: OpaquePointer? = utf8.withUnsafeBufferPointer { buf in
            buf.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    cmark_parse_document($0, buf.count, CMARK_OPT_DEFAULT)
                }
            } ?? cmark_parse_document("", 0, CMARK_OPT_DEFAULT)
        }
        guard let doc else {
            self.blocks = []
            self.nestedCodeBlocks = []
            return
        }
        defer { cmark_node_free(doc) }

        var node = cmark_node_first_child(doc)
        while let n = node {
            let type = cmark_node_get_type(n)
            let kind: MarkdownBlock.Kind
            var info = ""
            var plain = ""
            if type == CMARK_NODE_HEADING {
                kind = .heading(level: Int(cmark_node_get_heading_level(n)))
                plain = MarkdownDocument.plainText(of: n)
            } else if type == CMARK_NODE_CODE_BLOCK {
                kind = .codeBlock
                info = cmark_node_get_fence_info(n).map { String(cString: $0) } ?? ""
            } else {
                kind = .other
                MarkdownDocument.collectNestedCode(n, into: &nested)
            }
            blocks.append(MarkdownBlock(kind: kind,
                                        startLine: Int(cmark_node_get_start_line(n)),
                                        endLine: Int(cmark_node_get_end_line(n)),
                                        info: info,
                                        html: MarkdownDocument.renderHTML(n),
                                        plainText: plain))
            node = cmark_node_next(n)
        }
        self.blocks = blocks
        self.nestedCodeBlocks = nested
    }

    /// Renders one node to HTML and frees the C string cmark allocated.
    private static func renderHTML(_ node: OpaquePointer) -> String {
        guard let cstr = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(cstr) }
        return String(cString: cstr)
    }

    /// Concatenated text and code literals under a node; breaks become spaces.
    private static func plainText(of root: OpaquePointer) -> String {
        var out = ""
        guard let iter = cmark_iter_new(root) else { return "" }
        defer { cmark_iter_free(iter) }
        while case let ev = cmark_iter_next(iter), ev != CMARK_EVENT_DONE {
            guard ev == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter) else { continue }
            let t = cmark_node_get_type(n)
            if t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE {
                if let lit = cmark_node_get_literal(n) { out += String(cString: lit) }
            } else if t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK {
                out += " "
            }
        }
        return out
    }

    /// Records code blocks nested in containers below `root`.
    private static func collectNestedCode(_ root: OpaquePointer, into out: inout [NestedCodeBlock]) {
        guard let iter = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iter) }
        while case let ev = cmark_iter_next(iter), ev != CMARK_EVENT_DONE {
            guard ev == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter),
                  cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK else { continue }
            let info = cmark_node_get_fence_info(n).map { String(cString: $0) } ?? ""
            out.append(NestedCodeBlock(startLine: Int(cmark_node_get_start_line(n)), info: info))
        }
    }
}

/// The libcmark this build is linked against.
public enum MarkdownLibrary {
    /// libcmark's own version string (`0.30.2`), for `jitbook doctor`.
    public static var version: String { String(cString: cmark_version_string()) }
}
