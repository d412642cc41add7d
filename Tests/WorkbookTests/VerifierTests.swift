import Testing
import Foundation
import Diagnostics
import JIT
@testable import Workbook

@Suite struct VerifierTests {
    static let text = "```il\nIL\n```\n\n```asm x64 Program::Add\nmov eax, edi\nret\n```\n"

    @Test func passingExample() throws {
        let ch = try Chapter(source: Self.text, path: "chapters/02-x.md")
        let r = Verifier(engine: FakeEngine(outputs: ["asm x64 Program::Add": "mov eax, edi\nret\n"])).verify(ch)
        #expect(r.count == 1)
        #expect(r[0].passed)
        #expect(r[0].statusLine == "ok   chapters/02-x.md:5 asm x64 Program::Add")
        #expect(r[0].report == "")
    }

    @Test func staleExampleReportsAUnifiedDiff() throws {
        let ch = try Chapter(source: Self.text, path: "chapters/02-x.md")
        let r = Verifier(engine: FakeEngine(outputs: ["asm x64 Program::Add": "lea eax, [rdi+rsi]\nret\n"])).verify(ch)[0]
        #expect(r.isStale)
        #expect(r.statusLine == "FAIL chapters/02-x.md:5 asm x64 Program::Add")
        #expect(r.report == """
        chapters/02-x.md:5: asm x64 Program::Add: listing differs
        --- expected
        +++ actual
        @@ -1,2 +1,2 @@
        -mov eax, edi
        +lea eax, [rdi+rsi]
         ret

        """)
    }

    @Test func compileErrorsAreFailuresWithTheDiagnostic() throws {
        let ch = try Chapter(source: Self.text, path: "chapters/02-x.md")
        let d = Diagnostic(.undefined, at: SourceLocation(file: "chapters/02-x.md", line: 2, column: 3), "undefined label 'L9'")
        let r = Verifier(engine: FakeEngine(errors: ["asm x64 Program::Add": d])).verify(ch)[0]
        #expect(!r.passed)
        #expect(r.report == "chapters/02-x.md:5: asm x64 Program::Add: failed\nchapters/02-x.md:2:3: error: undefined label 'L9'\n")
    }

    @Test func jitEngineRunsThroughTheILWithAndWithoutProfile() throws {
        let text = "```il\nIL\n```\n```run\n42\n```\n```asm x64 P::M profile=P+D\n```\n"
        let ch = try Chapter(source: text, path: "chapters/04-r.md")
        let r = Verifier(engine: JITEngine()).verify(ch)
        // The run block reaches the IL parser (and fails there, located in the il block).
        #expect(r[0].report.hasPrefix("chapters/04-r.md:4: run: failed\nchapters/04-r.md:2:"))
        // So does the asm block with a class profile: the profile travels with the configuration.
        #expect(r[1].report.hasPrefix("chapters/04-r.md:7: asm x64 P::M: failed\nchapters/04-r.md:2:"))
    }

    @Test func irDumpMismatchSaysDump() throws {
        let ch = try Chapter(source: "```il\nIL\n```\n```ir morph P::M\nBB01\n```\n", path: "c.md")
        let r = Verifier(engine: FakeEngine(outputs: ["ir morph P::M": "BB02\n"])).verify(ch)[0]
        #expect(r.report.hasPrefix("c.md:4: ir morph P::M: dump differs\n"))
    }
}
