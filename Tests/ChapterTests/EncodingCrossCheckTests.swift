import Foundation
import IL
import JIT
import Runtime
import Testing
import Workbook

/// Every method of every chapter module, compiled for both targets and compared with GNU objdump.
@Suite struct EncodingCrossCheckTests {
    struct MethodCase: Sendable, CustomTestStringConvertible {
        let chapter: String
        let module: String
        let method: String
        let arch: Arch
        var testDescription: String { "\(chapter) \(module) \(method) \(arch.rawValue)" }
    }

    /// Parsed chapter modules, keyed by "chapter/module".
    static let modules: [String: IL.Module] = {
        var out: [String: IL.Module] = [:]
        let book = Book(root: ChapterExamples.root)
        for url in (try? book.chapterFiles()) ?? [] {
            guard let chapter = try? book.load(url) else { continue }
            for m in chapter.modules {
                out["\(chapter.fileName)/\(m.name)"] = try? ILParser.parse(m.chunks, assemblyName: m.name)
            }
        }
        return out
    }()

    static let cases: [MethodCase] = modules.keys.sorted().flatMap { key -> [MethodCase] in
        let parts = key.split(separator: "/").map(String.init)
        // A generic method definition has no code of its own: only its instantiations, compiled
        // (or inlined) where they are called, so it is checked through its callers.
        return modules[key]!.allMethods.filter { !$0.body.isEmpty && $0.genericParameters.isEmpty }.flatMap { m in
            Arch.allCases.map { MethodCase(chapter: parts[0], module: parts[1], method: MethodNames.displayName(m), arch: $0) }
        }
    }

    @Test func everyChapterModuleParses() throws {
        let book = Book(root: ChapterExamples.root)
        let chapters = try book.chapterFiles().map { try book.load($0) }
        #expect(Self.modules.count == chapters.reduce(0) { $0 + $1.modules.count })
        #expect(!Self.cases.isEmpty)
    }

    @Test(arguments: cases)
    func listingAgreesWithObjdump(_ k: MethodCase) throws {
        let module = try #require(Self.modules["\(k.chapter)/\(k.module)"])
        let method = try #require(module.allMethods.first { MethodNames.displayName($0) == k.method })
        let compiler = ModuleCompiler(module: module)
        let compiled = try compiler.compile(method, arch: k.arch)
        let problems = try ObjdumpCrossCheck.mismatches(compiled, arch: k.arch,
                                                        address: compiler.runtime.codeAddress(of: method))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
