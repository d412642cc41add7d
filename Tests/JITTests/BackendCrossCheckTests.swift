import ARM64
import Foundation
import IL
import Runtime
import Testing
import X64
@testable import JIT

/// Compiles every corpus method for both targets and checks the listing against GNU objdump's
/// disassembly of the same bytes, instruction by instruction.
@Suite struct BackendCrossCheckTests {
    static let module = try! ILParser.parse(BackendCorpus.il, file: "corpus.il")

    struct Case: CustomTestStringConvertible, Sendable {
        let method: String
        let arch: Arch
        var testDescription: String { "\(method) \(arch.rawValue)" }
    }

    static let cases: [Case] = module.allMethods.flatMap { m in Arch.allCases.map { Case(method: m.name, arch: $0) } }

    /// The instruction lines of a listing, without indentation.
    static func instructionLines(_ listing: String) -> [String] {
        listing.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("       "), !text.hasPrefix(";"), !text.hasPrefix("dd\t") else { return nil }
            return line.trimmingCharacters(in: .whitespaces)
        }
    }

    @Test(arguments: cases)
    func listingMatchesObjdump(_ k: Case) throws {
        let mc = ModuleCompiler(module: Self.module)
        let method = try #require(Self.module.allMethods.first { $0.name == k.method })
        let compiled = try mc.compile(method, arch: k.arch)
        let base = mc.runtime.codeAddress(of: method)
        let ours = Self.instructionLines(compiled.listing)
        let theirs: [(offset: Int, text: String)]
        switch k.arch {
        case .x64: theirs = try X64.ObjdumpCheck.disassemble(compiled.code, at: base)
        case .arm64: theirs = try ARM64.ObjdumpCheck.disassemble(compiled.code, at: base)
        }
        #expect(ours.count == theirs.count, "instruction count: listing \(ours.count), objdump \(theirs.count)")
        for (a, b) in zip(ours, theirs) {
            let ok = k.arch == .x64 ? X64.ObjdumpCheck.matches(listing: a, objdump: b.text)
                                    : ARM64.ObjdumpCheck.matches(listing: a, objdump: b.text)
            #expect(ok, "listing '\(a)' vs objdump '\(b.text)' at offset \(b.offset)")
        }
        #expect(compiled.listing.hasSuffix("; Total bytes of code \(compiled.code.count)\n"))
    }

    @Test(arguments: cases)
    func compilationIsDeterministic(_ k: Case) throws {
        let method = try #require(Self.module.allMethods.first { $0.name == k.method })
        let a = try ModuleCompiler(module: Self.module).compile(method, arch: k.arch, dumps: Set(Phase.allCases))
        let b = try ModuleCompiler(module: Self.module).compile(method, arch: k.arch, dumps: Set(Phase.allCases))
        #expect(a.listing == b.listing)
        #expect(a.code == b.code)
        #expect(a.dumps == b.dumps)
    }
}
