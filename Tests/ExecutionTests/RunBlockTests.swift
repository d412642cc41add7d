import Diagnostics
import Execution
import JIT
import Testing
import Workbook

/// `run` blocks in chapters: verified on every arch asked for, blessed when the arches agree.
@Suite struct RunBlockTests {
    static func chapter(main: String, runs: [String]) -> String {
        var text = """
        # T

        ```il
        .class public Program {
          .method public static int32 Main() {
            .entrypoint
        \(main)
          }
        }
        ```

        """
        for r in runs { text += "\n" + r + "\n" }
        return text
    }

    static let printing = "    ldc.i4.s 42\n    call void [mscorlib]System.Console::WriteLine(int32)\n    ldc.i4.3\n    ret"

    @Test func runBlocksPassOnBothArchesAndOnOne() throws {
        let text = Self.chapter(main: Self.printing, runs: ["```run\n42\nexit 3\n```", "```run arm64\n42\nexit 3\n```",
                                                            "```run x64\n{{\\d+}}\nexit 3\n```"])
        let ch = try Chapter(source: text, path: "chapters/09-t.md")
        let results = Verifier(engine: JITEngine()).verify(ch)
        #expect(results.map(\.passed) == [true, true, true])
        #expect(results.map(\.example.label) == ["run", "run arm64", "run x64"])
    }

    @Test func staleRunBlockShowsTheDiffAndBlessWritesTheTranscript() throws {
        let text = Self.chapter(main: Self.printing, runs: ["```run\n41\nexit 0\n```"])
        let ch = try Chapter(source: text, path: "chapters/09-t.md")
        let engine = JITEngine()
        let r = Verifier(engine: engine).verify(ch)[0]
        #expect(r.report.hasPrefix("chapters/09-t.md:15: run: output differs\n"))
        #expect(r.report.contains("-41\n") && r.report.contains("+42\n") && r.report.contains("+exit 3\n"))
        let blessed = Blesser(engine: engine).bless(ch)
        #expect(blessed.failures.isEmpty)
        #expect(blessed.newSource == Self.chapter(main: Self.printing, runs: ["```run\n42\nexit 3\n```"]))
        #expect(engine.runCount == 2)   // one run per arch, shared by verify and bless
    }

    @Test func faultsFailPerArchAndAreNotBlessed() throws {
        let main = "    ldc.i8 0x123456780\n    conv.i\n    ldind.i4\n    ret"
        let text = Self.chapter(main: main, runs: ["```run x64\n```"])
        let ch = try Chapter(source: text, path: "chapters/09-t.md")
        let blessed = Blesser(engine: JITEngine()).bless(ch)
        #expect(blessed.changes.isEmpty)
        #expect(blessed.newSource == text)
        let report = try #require(blessed.failures.first?.report)
        #expect(report.hasPrefix("chapters/09-t.md:15: run x64: failed\nchapters/09-t.md:15:4: error: run x64: fatal signal SIGSEGV at 0x7FF00100"))
        #expect(report.contains("(Program:Main():int+0x"))
    }

    @Test func compileErrorsOfRunBlocksPointAtTheIL() throws {
        let text = Self.chapter(main: "    ldc.i4.8\n    arglist\n    pop\n    ret", runs: ["```run\n```"])
        let ch = try Chapter(source: text, path: "chapters/09-t.md")
        let r = Verifier(engine: JITEngine()).verify(ch)[0]
        #expect(r.report == "chapters/09-t.md:15: run: failed\nchapters/09-t.md:8:5: error: opcode 'arglist' is not supported by the model JIT yet\n")
    }
}
