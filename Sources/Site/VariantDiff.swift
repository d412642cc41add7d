import Workbook

/// Two `asm` listings of one method that differ in `config=`/`profile=` or in architecture,
/// shown after the second as a diff view (side by side, or unified).
///
/// A block pairs with the nearest earlier `asm` block of the same method and module: first one
/// on the same architecture with other knobs (a config pair: chapter 8's Before/After), else
/// one with the same knobs on the other architecture (an arch pair, closed by default since
/// the two instruction sets share few lines).
struct VariantPair {
    enum Kind { case config, arch }
    var kind: Kind
    var before: Example
    var after: Example

    /// The pair each `asm` block closes, keyed by the later block's index.
    static func pairs(in chapter: Chapter) -> [Int: VariantPair] {
        var out: [Int: VariantPair] = [:]
        let asm = chapter.examples.filter { if case .asm = $0.kind { true } else { false } }
        for (i, b) in asm.enumerated() {
            let earlier = asm[..<i].reversed().filter { $0.method == b.method && $0.module == b.module }
            if let a = earlier.first(where: { $0.arch == b.arch && !sameKnobs($0, b) }) {
                out[b.blockIndex] = VariantPair(kind: .config, before: a, after: b)
            } else if let a = earlier.first(where: { $0.arch != b.arch && sameKnobs($0, b) }) {
                out[b.blockIndex] = VariantPair(kind: .arch, before: a, after: b)
            }
        }
        return out
    }

    static func sameKnobs(_ a: Example, _ b: Example) -> Bool {
        a.config == b.config && a.configText == b.configText && a.profile == b.profile
    }

    /// `x64 config=JitInlineAsyncThunks=0` (what tells the two apart).
    static func caption(_ e: Example) -> String {
        var s: String
        if case .asm(let a) = e.kind { s = a.rawValue } else { s = e.arch.rawValue }
        if let c = e.configText { s += " config=\(c)" }
        if e.configText == nil && e.profile == nil { s += " (default knobs)" }
        return s
    }

    /// One row of the side-by-side table.
    struct Row {
        var left: Int?
        var right: Int?
    }

    /// The rows: kept lines side by side, a run of deletions beside the run of insertions it became.
    static func rows(_ script: [DiffEdit]) -> [Row] {
        var rows: [Row] = []
        var dels: [Int] = [], ins: [Int] = []
        func flush() {
            for k in 0..<max(dels.count, ins.count) {
                rows.append(Row(left: k < dels.count ? dels[k] : nil, right: k < ins.count ? ins[k] : nil))
            }
            dels = []
            ins = []
        }
        for e in script {
            switch e {
            case .keep(let a, let b):
                flush()
                rows.append(Row(left: a, right: b))
            case .delete(let a): dels.append(a)
            case .insert(let b): ins.append(b)
            }
        }
        flush()
        return rows
    }

    func html(chapter: Chapter) -> String {
        let a = textLines(before.expected), b = textLines(after.expected)
        let ha = Highlighter.htmlLines(before.expected, as: .asm), hb = Highlighter.htmlLines(after.expected, as: .asm)
        let script = MyersDiff.edits(n: a.count, m: b.count) { a[$0] == b[$1] }
        var added = 0, removed = 0
        var unified: [String] = []
        for e in script {
            switch e {
            case .keep(let i, _): unified.append("<span class=\"diff-keep\"> \(ha[i])</span>")
            case .delete(let i): removed += 1; unified.append("<span class=\"diff-del\">-\(ha[i])</span>")
            case .insert(let j): added += 1; unified.append("<span class=\"diff-add\">+\(hb[j])</span>")
            }
        }
        var table = ""
        for r in Self.rows(script) {
            let changed = r.left == nil || r.right == nil || a[r.left!] != b[r.right!]
            func cell(_ i: Int?, _ lines: [String], _ cls: String) -> String {
                guard let i else { return "<td class=\"empty\"></td>" }
                return "<td class=\"\(changed ? cls : "same")\">\(lines[i])</td>"
            }
            table += "<tr>\(cell(r.left, ha, "diff-del"))\(cell(r.right, hb, "diff-add"))</tr>\n"
        }
        let id = "dv\(after.line)"
        let left = "\(HTML.escape(Self.caption(before))) · line \(before.line)"
        let right = "\(HTML.escape(Self.caption(after))) · line \(after.line)"
        let what = kind == .config ? "knobs" : "architectures"
        return """
        <details class="variants \(kind == .config ? "config" : "arch")"\(kind == .config ? " open" : "")>
        <summary>Compare \(what): <a href="#L\(before.line)">\(left)</a> → <a href="#L\(after.line)">\(right)</a> <span class="stat">−\(removed) +\(added) lines</span></summary>
        <div class="dv">
        <div class="dv-toggle" role="radiogroup" aria-label="diff layout"><input type="radio" name="\(id)" id="\(id)-s" value="side" checked><label for="\(id)-s">side by side</label><input type="radio" name="\(id)" id="\(id)-u" value="unified"><label for="\(id)-u">unified</label></div>
        <div class="dv-sbs"><table class="listing lang-asm"><thead><tr><th scope="col">\(left)</th><th scope="col">\(right)</th></tr></thead><tbody>
        \(table)</tbody></table></div>
        <pre class="dv-unified listing lang-asm"><code>\(unified.joined(separator: "\n"))</code></pre>
        </div>
        </details>

        """
    }
}
