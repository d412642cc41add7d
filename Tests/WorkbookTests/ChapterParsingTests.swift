import Testing
import Diagnostics
import JIT
@testable import Workbook

@Suite struct ChapterParsingTests {
    static let sample = """
    # Adding numbers

    Some prose.

    ```il
    .method static int32 Add(int32 a, int32 b) { ret }
    ```

    ```csharp
    int Add(int a, int b) => a + b;
    ```

    ```asm x64 Program::Add
    G_M1_IG01:
    ```

    ~~~ir morph Program::Add arch=arm64
    BB01
    ~~~

    """

    @Test func blocksKnowTheirLines() throws {
        let ch = try Chapter(source: Self.sample, path: "chapters/01-add.md")
        #expect(ch.blocks.map(\.fenceLine) == [5, 9, 13, 17])
        #expect(ch.blocks.map(\.closeLine) == [7, 11, 15, 19])
        #expect(ch.blocks.map(\.info) == ["il", "csharp", "asm x64 Program::Add", "ir morph Program::Add arch=arm64"])
        #expect(ch.blocks[2].body == "G_M1_IG01:\n")
        #expect(ch.blocks[3].fence == "~~~")
        #expect(ch.blocks[1].spec == .prose(language: "csharp"))
        #expect(ch.title == "Adding numbers")
        #expect(ch.stem == "01-add")
    }

    @Test func examplesAndModules() throws {
        let ch = try Chapter(source: Self.sample, path: "chapters/01-add.md")
        #expect(ch.examples.count == 2)
        #expect(ch.examples[0].label == "asm x64 Program::Add")
        #expect(ch.examples[0].origin == "chapters/01-add.md:13")
        #expect(ch.examples[0].location.description == "chapters/01-add.md:13:4")
        #expect(ch.examples[1].kind == .ir(.morph))
        #expect(ch.examples[1].arch == .arm64)
        #expect(ch.modules.map(\.name) == ["main"])
        #expect(ch.modules[0].chunks.count == 1)
        #expect(ch.modules[0].chunks[0].firstLine == 6)
        #expect(ch.modules[0].chunks[0].file == "chapters/01-add.md")
    }

    @Test func ilBlocksAccumulatePerModuleInOrder() throws {
        let text = "```il\nA\n```\n\n```il module=other\nB\n```\n\n```il\nC\nD\n```\n"
        let ch = try Chapter(source: text, path: "c.md")
        #expect(ch.modules.map(\.name) == ["main", "other"])
        #expect(ch.modules[0].chunks.map(\.text) == ["A\n", "C\nD\n"])
        #expect(ch.modules[0].chunks.map(\.firstLine) == [2, 10])
        #expect(ch.modules[1].chunks.map(\.firstLine) == [6])
    }

    @Test func crlfFilesKeepLineNumbersAndBodies() throws {
        let text = "# T\r\n\r\n```il\r\nA\r\nB\r\n```\r\n\r\n```asm arm64 P::M\r\nx\r\n```\r\n"
        let ch = try Chapter(source: text, path: "c.md")
        #expect(ch.blocks.map(\.fenceLine) == [3, 8])
        #expect(ch.blocks[0].body == "A\nB\n")
        #expect(ch.examples[0].expected == "x\n")
        #expect(ch.lines[0].ending == "\r\n")
        #expect(SourceLine.join(ch.lines) == text)
    }

    @Test func longerAndIndentedFences() throws {
        let text = "````il\n```\nnot a close\n````\n\n  ~~~~ asm x64 P::M\n  a\n   b\nc\n  ~~~~~\n"
        let ch = try Chapter(source: text, path: "c.md")
        #expect(ch.blocks[0].body == "```\nnot a close\n")
        #expect(ch.blocks[1].indent == 2)
        #expect(ch.blocks[1].infoColumn == 8)
        #expect(ch.blocks[1].body == "a\n b\nc\n")
        #expect(ch.blocks[1].closeLine == 10)
    }

    @Test func blockAtEndOfFileWithoutNewline() throws {
        let ch = try Chapter(source: "```il\nA\n```\n\n```asm x64 P::M\nx\n```", path: "c.md")
        #expect(ch.blocks[1].closeLine == 7)
        #expect(ch.examples[0].expected == "x\n")
        #expect(ch.lines.last?.ending == "")
    }

    @Test func emptyBody() throws {
        let ch = try Chapter(source: "```il\nA\n```\n```asm x64 P::M\n```\n", path: "c.md")
        #expect(ch.examples[0].expected == "")
        #expect(ch.blocks[1].bodyLines.isEmpty)
    }

    @Test func unterminatedFenceIsAnError() {
        #expect(chapterErrors("# T\n\n```il\nA\n", path: "chapters/02-x.md")
                == "chapters/02-x.md:3:1: error: unterminated code fence: no closing ``` before the end of the file")
        #expect(chapterErrors("text\n\n  ~~~~asm x64 P::M\nA\n~~~\n", path: "c.md")
                == "c.md:3:3: error: unterminated code fence: no closing ~~~~ before the end of the file")
    }

    @Test func indentedCodeAndUnknownInfoStringsAreProse() throws {
        let ch = try Chapter(source: "para\n\n    indented code\n\n```text\nasm x64 X\n```\n\n```\nnone\n```\n", path: "c.md")
        #expect(ch.blocks.map(\.spec) == [.prose(language: "text"), .prose(language: "")])
        #expect(ch.examples.isEmpty)
    }

    @Test func nestedSpecialBlocksAreRejected() {
        #expect(chapterErrors("- item\n\n  ```asm x64 P::M\n  x\n  ```\n", path: "c.md")
                == "c.md:3:1: error: 'asm' blocks must be at the top level, not inside a list or quote")
    }

    @Test func examplesNeedTheirModule() {
        #expect(chapterErrors("```asm x64 P::M\n```\n", path: "c.md")
                == "c.md:1:4: error: no `il` blocks for module 'main' in this chapter")
        #expect(chapterErrors("```il\n```\n```asm x64 P::M module=lib\n```\n", path: "c.md")
                == "c.md:3:4: error: no `il` blocks for module 'lib' in this chapter")
    }
}
