import Testing
import Foundation
import Diagnostics
import IL
import JIT
@testable import Workbook

@Suite struct BookTests {
    static let chapterA = "# A\n\n```il\nIL\n```\n\n```asm x64 P::M\nok\n```\n\n```asm arm64 P::M\nold\n```\n"
    static let chapterB = "# B\n\n```il\nIL\n```\n\n```ir morph P::M\nBB01\n```\n"

    func book() throws -> TempDir {
        let dir = try TempDir()
        try dir.write("chapters/02-b.md", Self.chapterB)
        try dir.write("chapters/01-a.md", Self.chapterA)
        try dir.write("chapters/notes.txt", "not a chapter")
        return dir
    }

    @Test func chaptersInNameOrderWithDisplayPaths() throws {
        let dir = try book()
        let b = Book(root: dir.url)
        let files = try b.chapterFiles()
        #expect(files.map(\.lastPathComponent) == ["01-a.md", "02-b.md"])
        #expect(files.map(b.displayPath) == ["chapters/01-a.md", "chapters/02-b.md"])
        #expect(try b.resolve(["02-b.md"]).map(b.displayPath) == ["chapters/02-b.md"])
        #expect(try b.resolve(["01-a"]).map(b.displayPath) == ["chapters/01-a.md"])
        #expect(try b.resolve([dir.url.appendingPathComponent("chapters/01-a.md").path]).map(b.displayPath) == ["chapters/01-a.md"])
        #expect(throws: Diagnostic.self) { try b.resolve(["99-missing.md"]) }
    }

    @Test func testRunLogAndCounts() throws {
        let dir = try book()
        let engine = FakeEngine(outputs: ["asm x64 P::M": "ok\n", "asm arm64 P::M": "new\n", "ir morph P::M": "BB01\n"])
        let report = try BookTest(book: Book(root: dir.url), engine: engine).run(chapters: [])
        #expect(report.passed == 2)
        #expect(report.failed == 1)
        #expect(report.log == """
        ok   chapters/01-a.md:7 asm x64 P::M
        FAIL chapters/01-a.md:11 asm arm64 P::M
        chapters/01-a.md:11: asm arm64 P::M: listing differs
        --- expected
        +++ actual
        @@ -1,1 +1,1 @@
        -old
        +new
        ok   chapters/02-b.md:7 ir morph P::M
        2 passed, 1 failed

        """)
    }

    @Test func anEnvironmentErrorIsPrintedOnceThenReferenced() throws {
        let dir = try book()
        let d = Diagnostic(.environment, at: SourceLocation(file: "/usr/include/stdio.h", line: 27, column: 10),
                           "cannot build the arm64 runtime")
        let engine = FakeEngine(outputs: ["asm x64 P::M": "ok\n", "ir morph P::M": "BB01\n"],
                                errors: ["asm arm64 P::M": d, "ir morph P::M": d])
        let report = try BookTest(book: Book(root: dir.url), engine: engine).run(chapters: [])
        #expect(report.failed == 2)
        #expect(report.log.components(separatedBy: d.description).count == 2)  // printed once
        #expect(report.log.contains("chapters/02-b.md:7: ir morph P::M: failed\n"
                                    + "  (the same environment error as above: /usr/include/stdio.h:27:10)\n"))
    }

    @Test func brokenChapterCountsAsAFailure() throws {
        let dir = try TempDir()
        try dir.write("chapters/01-x.md", "```asm x64\n```\n")
        let report = try BookTest(book: Book(root: dir.url), engine: FakeEngine()).run(chapters: [])
        #expect(report.failed == 1)
        #expect(report.errors.map(\.description) == ["chapters/01-x.md:1:4: error: asm block needs a METHOD: asm ARCH METHOD [key=value ...]"])
        #expect(report.log.hasSuffix("0 passed, 1 failed\n"))
    }

    @Test func jitEngineParsesEachModuleOnceAndCompilesEachKeyOnce() throws {
        let text = "```il\nIL\n```\n```asm x64 P::M\n```\n```ir morph P::M\n```\n```ir import P::M\n```\n```asm arm64 P::M\n```\n"
        let ch = try Chapter(source: text, path: "c.md")
        let engine = JITEngine()
        let results = Verifier(engine: engine).verify(ch)
        #expect(results.count == 4)
        #expect(results.allSatisfy { !$0.passed })  // the IL is not valid, and must be reported
        #expect(engine.parseCount == 1)
        #expect(engine.compileCount <= 2)  // x64 once (listing + both dumps), arm64 once
    }

    @Test func standaloneJitArguments() throws {
        #expect(try StandaloneJit.phases(["morph", "import", "morph"]) == [.importation, .morph])
        #expect(try StandaloneJit.phases(["all"]) == Phase.allCases)
        #expect(throws: Diagnostic.self) { try StandaloneJit.phases(["nope"]) }
        let c = try StandaloneJit.config(["JitMinOpts=1", "JitDoCopyProp=0"])
        #expect(c["JitMinOpts"] == 1)
        #expect(c["JitDoCopyProp"] == 0)
        #expect(throws: Diagnostic.self) { try StandaloneJit.config(["JitNope=1"]) }
    }

    @Test func standaloneJitSelectsMethodsWithBodies() throws {
        let loc = SourceLocation(file: "t.il", line: 1, column: 1)
        let ret = try #require(Opcode.named("ret"))
        let body = [Instruction(offset: 0, opcode: ret, location: loc)]
        let module = IL.Module(assemblyName: "t")
        let type = TypeDef(namespace: "NS", name: "Program", location: loc)
        type.methods = [
            MethodDef(name: "Add", returnType: .int32, parameters: [Parameter(type: .int32)], body: body, location: loc),
            MethodDef(name: "Add", returnType: .int64, parameters: [Parameter(type: .int64)], body: body, location: loc),
            MethodDef(name: "Abstract", returnType: .void, location: loc),
            MethodDef(name: "Main", returnType: .void, body: body, location: loc),
        ]
        module.types = [type]
        #expect(StandaloneJit.selectors(for: module).map(\.description)
                == ["NS.Program::Add(int32)", "NS.Program::Add(int64)", "NS.Program::Main"])
    }

    @Test func byteOrderMarkDoesNotHideTheFirstFence() throws {
        let ch = try Chapter(source: "\u{FEFF}```il\nIL\n```\n", path: "c.md")
        #expect(ch.modules.count == 1)
    }
}
