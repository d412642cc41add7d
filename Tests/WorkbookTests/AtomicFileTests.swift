import Foundation
import Testing
import Workbook

/// Bless's writes: all or nothing, permissions and symbolic links kept.
@Suite struct AtomicFileTests {
    static func scratch(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jitbook atomic \(name) \(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func replacesContentKeepsModeLeavesNoTemporaryFile() throws {
        let dir = try Self.scratch("mode")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("01-é.md")
        try Data("old\r\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        try AtomicFile.write(Data("new\r\n".utf8), to: file, displayPath: "chapters/01-é.md")
        #expect(try Data(contentsOf: file) == Data("new\r\n".utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["01-é.md"])
    }

    @Test func aSymbolicLinkKeepsPointingAtItsTarget() throws {
        let dir = try Self.scratch("link")
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("real.md"), link = dir.appendingPathComponent("link.md")
        try Data("old".utf8).write(to: real)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        try AtomicFile.write(Data("new".utf8), to: link, displayPath: "chapters/link.md")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(try String(contentsOf: real, encoding: .utf8) == "new")
    }

    @Test func aMissingDirectoryIsALocatedDiagnostic() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-jitbook-dir/01.md")
        #expect {
            try AtomicFile.write(Data("x".utf8), to: missing, displayPath: "chapters/01.md")
        } throws: { error in
            "\(error)".hasPrefix("chapters/01.md:1:1: error: cannot write chapter: No such file or directory")
        }
    }
}
