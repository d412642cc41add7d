import Testing
import Foundation
@testable import Workbook

@Suite struct TanglerTests {
    static let text = """
    ```il
    .class Program {
    ```

    ```asm x64 Program::Add
    listing
    ```

    ```il
    }
    ```

    ```il module=lib
    .class Lib {}
    ```

    ```ir morph Program::Add(int32,int32)
    dump
    ```

    ```run arm64
    42
    ```

    """

    @Test func filesPerModuleAndExpectation() throws {
        let ch = try Chapter(source: Self.text, path: "chapters/03-t.md")
        let files = Tangler.files(for: ch)
        #expect(files.map(\.path) == [
            "03-t/main.il", "03-t/lib.il",
            "03-t/L5-asm-x64-Program__Add.txt",
            "03-t/L17-ir-morph-Program__Add_int32_int32_.txt",
            "03-t/L21-run-arm64.txt",
            "03-t/manifest.txt",
        ])
        #expect(files[0].contents == "// chapters/03-t.md:2\n.class Program {\n// chapters/03-t.md:10\n}\n")
        #expect(files[2].contents == "listing\n")
        #expect(files[5].contents == """
        main.il\tchapters/03-t.md:2,chapters/03-t.md:10\til module=main
        lib.il\tchapters/03-t.md:14\til module=lib
        L5-asm-x64-Program__Add.txt\tchapters/03-t.md:5\tasm x64 Program::Add
        L17-ir-morph-Program__Add_int32_int32_.txt\tchapters/03-t.md:17\tir morph Program::Add(int32,int32)
        L21-run-arm64.txt\tchapters/03-t.md:21\trun arm64

        """)
    }

    @Test func writesToDisk() throws {
        let dir = try TempDir()
        let ch = try Chapter(source: Self.text, path: "chapters/03-t.md")
        let written = try Tangler.write([ch], to: dir.url.appendingPathComponent("out"))
        #expect(written.count == 6)
        #expect(try dir.read("out/03-t/L21-run-arm64.txt") == "42\n")
    }
}

/// A temporary directory removed when the value goes away.
final class TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("jitbook-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ text: String) throws {
        let f = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: f.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: f)
    }

    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(path)), as: UTF8.self)
    }
}
