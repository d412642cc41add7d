import Testing
import Diagnostics
@testable import Workbook

@Suite struct BlessTests {
    func blessed(_ text: String, _ engine: FakeEngine) throws -> BlessResult {
        Blesser(engine: engine).bless(try Chapter(source: text, path: "chapters/05-b.md"))
    }

    @Test func rewritesOnlyTheBodyAndKeepsCRLF() throws {
        let text = "# Title  \r\n\r\nProse with trailing space \r\n\r\n```il\r\nIL\r\n```\r\n\r\n```asm x64 P::M\r\nold 1\r\nold 2\r\n```\r\nafter\r\n"
        let engine = FakeEngine(outputs: ["asm x64 P::M": "new 1\nnew 2\nnew 3\n"])
        let r = try blessed(text, engine)
        #expect(r.isStale)
        #expect(r.newSource == "# Title  \r\n\r\nProse with trailing space \r\n\r\n```il\r\nIL\r\n```\r\n\r\n```asm x64 P::M\r\nnew 1\r\nnew 2\r\nnew 3\r\n```\r\nafter\r\n")
        #expect(r.changes.count == 1)
        #expect(r.changes[0].diff == "--- expected\n+++ actual\n@@ -1,2 +1,3 @@\n-old 1\n-old 2\n+new 1\n+new 2\n+new 3\n")
    }

    @Test func keepsMissingFinalNewline() throws {
        let text = "```il\nIL\n```\n\n~~~~ asm arm64 P::M   \nold\n~~~~~"
        let r = try blessed(text, FakeEngine(outputs: ["asm arm64 P::M": "new\n"]))
        #expect(r.newSource == "```il\nIL\n```\n\n~~~~ asm arm64 P::M   \nnew\n~~~~~")
    }

    @Test func emptyBodiesGrowAndShrink() throws {
        let text = "```il\nIL\n```\n```asm x64 P::M\n```\n```asm x64 P::N\ngone\n```\n"
        let r = try blessed(text, FakeEngine(outputs: ["asm x64 P::M": "a\nb\n", "asm x64 P::N": ""]))
        #expect(r.newSource == "```il\nIL\n```\n```asm x64 P::M\na\nb\n```\n```asm x64 P::N\n```\n")
    }

    @Test func indentedFenceBodiesKeepTheirIndent() throws {
        let text = "```il\nIL\n```\n\n  ```asm x64 P::M\n  old\n  ```\n"
        let r = try blessed(text, FakeEngine(outputs: ["asm x64 P::M": "x\n\n y\n"]))
        #expect(r.newSource == "```il\nIL\n```\n\n  ```asm x64 P::M\n  x\n\n   y\n  ```\n")
        let again = try Chapter(source: r.newSource, path: "c.md")
        #expect(again.examples[0].expected == "x\n\n y\n")
    }

    @Test func blessingTwiceChangesNothing() throws {
        let text = "Intro\n\n```il\nIL\n```\n\n```asm x64 P::M\nold\n```\n\n```ir morph P::M\nstale\n```\n"
        let engine = FakeEngine(outputs: ["asm x64 P::M": "L1\nL2\n", "ir morph P::M": "D1\n"])
        let first = try blessed(text, engine)
        #expect(first.changes.count == 2)
        let second = try blessed(first.newSource, engine)
        #expect(!second.isStale)
        #expect(second.newSource == first.newSource)
    }

    @Test func matchingHolesAreNotStale() throws {
        let text = "```il\nIL\n```\n```asm x64 P::M\nG_M{{\\d+}}_IG01:\n```\n"
        let r = try blessed(text, FakeEngine(outputs: ["asm x64 P::M": "G_M123_IG01:\n"]))
        #expect(!r.isStale)
        #expect(r.newSource == text)
    }

    @Test func failuresAreReportedNotBlessed() throws {
        let text = "```il\nIL\n```\n```asm x64 P::M\nold\n```\n```asm x64 P::N\nold\n```\n"
        let err = Diagnostic(.invalidIL, at: SourceLocation(file: "chapters/05-b.md", line: 2, column: 1), "stack underflow")
        let r = try blessed(text, FakeEngine(outputs: ["asm x64 P::N": "new\n"], errors: ["asm x64 P::M": err]))
        #expect(r.failures.count == 1)
        #expect(r.failures[0].report == "chapters/05-b.md:4: asm x64 P::M: failed\nchapters/05-b.md:2:1: error: stack underflow\n")
        #expect(r.newSource == "```il\nIL\n```\n```asm x64 P::M\nold\n```\n```asm x64 P::N\nnew\n```\n")
    }

    @Test func actualThatWouldCloseTheFenceIsAFailure() throws {
        let text = "```il\nIL\n```\n```asm x64 P::M\nold\n```\n"
        let r = try blessed(text, FakeEngine(outputs: ["asm x64 P::M": "a\n````\n"]))
        #expect(!r.isStale)
        #expect(r.failures.count == 1)
        #expect(r.newSource == text)
    }

    @Test func checkModeWritesNothingAndReportsStale() throws {
        let dir = try TempDir()
        let text = "```il\nIL\n```\n```asm x64 P::M\nold\n```\n"
        try dir.write("chapters/01-a.md", text)
        let book = Book(root: dir.url)
        let engine = FakeEngine(outputs: ["asm x64 P::M": "new\n"])
        let check = try BookBless(book: book, engine: engine).run(chapters: [], check: true)
        #expect(check.anyStale)
        #expect(!check.anyFailed)
        #expect(try dir.read("chapters/01-a.md") == text)
        #expect(check.log.contains("stale chapters/01-a.md:4 asm x64 P::M"))

        let write = try BookBless(book: book, engine: engine).run(chapters: [], check: false)
        #expect(write.anyStale)
        #expect(try dir.read("chapters/01-a.md") == "```il\nIL\n```\n```asm x64 P::M\nnew\n```\n")
        #expect(write.log.contains("blessed chapters/01-a.md:4 asm x64 P::M"))

        let recheck = try BookBless(book: book, engine: engine).run(chapters: [], check: true)
        #expect(!recheck.anyStale)
    }
}
