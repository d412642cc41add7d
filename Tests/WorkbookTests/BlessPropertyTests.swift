import Foundation
import Fuzz
import Testing
@testable import Workbook

/// Random chapters (prose, nested lists and quotes, CRLF, tabs, Unicode, fences of both kinds and
/// several lengths and indents, a last block without a final newline) and random new listings.
struct RandomChapter {
    var text = ""
    /// The label of every expected block, in order.
    var labels: [String] = []
    private var rng: FuzzRandom
    private var endings: [String]

    static let words = ["the", "JIT", "inlines", "é", "naïve", "𝕏", "日本語", "\u{200B}", "a\tb", "`code`", "*emph*",
                        "<b>", "&amp;", "{{x}}", "a~~~b", "``", "x\u{0301}", "[link](#a)", "\\", "--", "🙂"]
    static let bodyLines = ["mov      eax, 1", "", "  indented", "\tTab", "``", "~~", "```x", "{{\\d+}}", "trailing  ",
                            "é 𝕏 日本", "; Total bytes of code 7", "    four", "#", "- not a list", "> not a quote"]

    init(seed: UInt64) {
        rng = FuzzRandom(seed: seed)
        endings = [["\n"], ["\r\n"], ["\n", "\r\n"]][rng.below(3)]
        line("# Chapter \(rng.pick(Self.words))  ")
        line("")
        line("```il")
        line(".assembly A {}")
        line("```")
        for _ in 0..<(2 + rng.below(8)) {
            line(rng.pick(["", "   ", "\t"]))
            switch rng.below(6) {
            case 0: paragraph()
            case 1: list()
            case 2: quote()
            case 3: line("    indented code \(rng.pick(Self.words))")
            default: expected(last: false)
            }
        }
        line("")
        expected(last: rng.chance(50))
    }

    private mutating func line(_ s: String, last: Bool = false) {
        text += s + (last ? "" : rng.pick(endings))
    }

    private mutating func paragraph() {
        for _ in 0..<(1 + rng.below(3)) {
            line((0..<(1 + rng.below(6))).map { _ in rng.pick(Self.words) }.joined(separator: " ") + rng.pick(["", "  ", "\t"]))
        }
    }

    /// A list with a nested list, a nested quote and a nested (prose) code block; then a paragraph ends it.
    private mutating func list() {
        let marker = rng.pick(["- ", "* ", "1. "])
        let pad = String(repeating: " ", count: marker.count)
        line(marker + rng.pick(Self.words))
        line(pad + "- nested " + rng.pick(Self.words))
        if rng.chance(50) { line(pad + "> quoted " + rng.pick(Self.words)) }
        if rng.chance(50) {
            line(pad + "~~~ text")
            line(pad + "inside \(rng.pick(Self.words))")
            line(pad + "~~~")
        }
        line("")
        paragraph()
    }

    private mutating func quote() {
        line("> " + rng.pick(Self.words))
        line("> - item in a quote")
        line(">")
        line("> ```text")
        line("> nested fence")
        line("> ```")
        line("")
        paragraph()
    }

    /// An `asm`, `ir` or `run` block with a random fence, indent and body.
    private mutating func expected(last: Bool) {
        let fence = String(repeating: rng.pick(["`", "~"]), count: 3 + rng.below(3))
        let indent = String(repeating: " ", count: rng.below(4))
        let method = "P::M\(labels.count)"
        let info = rng.pick(["asm x64 \(method)", "asm arm64 \(method)", "ir morph \(method)"])
        labels.append(info)
        line(indent + fence + rng.pick(["", " "]) + info + rng.pick(["", "   "]))
        for _ in 0..<rng.below(5) { line(indent + rng.pick(Self.bodyLines)) }
        line(indent + fence + (rng.chance(30) ? String(fence.first!) : ""), last: last)
    }

    /// A random new listing for a block (what the engine "produces").
    static func listing(_ rng: inout FuzzRandom) -> String {
        (0..<rng.below(7)).map { _ in rng.pick(bodyLines.filter { !$0.contains("{{") }) + "\n" }.joined()
    }
}

/// Bless changes only the bodies of expected blocks, and a blessed chapter is clean on the next check.
@Suite struct BlessPropertyTests {
    /// The lines outside every expected block's body (fences, info strings, prose), with their endings.
    static func frame(_ chapter: Chapter) -> [SourceLine] {
        var bodyLines = Set<Int>()
        for ex in chapter.examples { bodyLines.formUnion(chapter.blocks[ex.blockIndex].bodyLines) }
        return chapter.lines.enumerated().filter { !bodyLines.contains($0.offset + 1) }.map(\.element)
    }

    @Test(arguments: 0..<8)
    func blessChangesOnlyBodies(_ batch: Int) throws {
        for seed in UInt64(batch * 40)..<UInt64(batch * 40 + 40) {
            let random = RandomChapter(seed: seed)
            let chapter = try Chapter(source: random.text, path: "chapters/r.md")
            #expect(chapter.examples.map(\.label) == random.labels, "seed \(seed): \(random.text.debugDescription)")
            var rng = FuzzRandom(seed: seed, index: 1)
            var outputs: [String: String] = [:]
            for label in random.labels { outputs[label] = RandomChapter.listing(&rng) }
            let engine = FakeEngine(outputs: outputs)
            let result = Blesser(engine: engine).bless(chapter)
            #expect(result.failures.isEmpty, "seed \(seed): \(result.failures.map(\.report))")
            let blessed = try Chapter(source: result.newSource, path: "chapters/r.md")
            #expect(Self.frame(blessed) == Self.frame(chapter), "seed \(seed): bless changed a line outside a body")
            #expect(blessed.blocks.map(\.info) == chapter.blocks.map(\.info))
            for ex in blessed.examples {
                #expect(ex.expected == outputs[ex.label], "seed \(seed): \(ex.label) reads back differently")
            }
            let again = Blesser(engine: engine).bless(blessed)
            #expect(!again.isStale && again.newSource == result.newSource, "seed \(seed): a second bless changed more")
        }
    }

    /// A listing whose line would read back as a `{{hole}}` cannot be blessed stably: it is a failure, not a write.
    @Test func listingsWithHoleSyntaxAreNotBlessed() throws {
        let text = "```il\nIL\n```\n```asm x64 P::M\nold\n```\n"
        let engine = FakeEngine(outputs: ["asm x64 P::M": "mov eax, {{.}}\n"])
        let result = Blesser(engine: engine).bless(try Chapter(source: text, path: "chapters/h.md"))
        #expect(!result.isStale)
        #expect(result.newSource == text)
        let message = try #require(result.failures.first?.report)
        #expect(message.contains("chapters/h.md:4:4: error: actual line 1 contains '{{', which would be read as a hole"))
    }

    /// Through the files: bless writes, then `bless --check` finds nothing stale; no temporary file is left behind.
    @Test func blessThenCheckIsClean() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jitbook bless ✓ \(getpid())")
        let chapters = root.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var outputs: [String: String] = [:]
        for seed in UInt64(1000)..<1010 {
            let random = RandomChapter(seed: seed)
            var rng = FuzzRandom(seed: seed, index: 1)
            for label in random.labels { outputs[label] = RandomChapter.listing(&rng) }
            try Data(random.text.utf8).write(to: chapters.appendingPathComponent("c\(seed).md"))
        }
        let engine = FakeEngine(outputs: outputs)
        let book = Book(root: root)
        let first = try BookBless(book: book, engine: engine).run(chapters: [], check: false)
        #expect(!first.anyFailed, "\(first.log)")
        let check = try BookBless(book: book, engine: engine).run(chapters: [], check: true)
        #expect(!check.anyStale && !check.anyFailed, "\(check.log)")
        let names = try FileManager.default.contentsOfDirectory(atPath: chapters.path).sorted()
        #expect(names == (1000..<1010).map { "c\($0).md" }.sorted())
    }
}
