import Foundation
import IL
import Runtime
import Testing
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

    @Test(arguments: cases)
    func listingMatchesObjdump(_ k: Case) throws {
        let mc = ModuleCompiler(module: Self.module)
        let method = try #require(Self.module.allMethods.first { $0.name == k.method })
        let compiled = try mc.compile(method, arch: k.arch)
        let problems = try ObjdumpCrossCheck.mismatches(compiled, arch: k.arch, address: mc.runtime.codeAddress(of: method))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
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
