import Testing
import Foundation
import IL
import JIT
@testable import Runtime

@Suite struct ScratchE2E {
    @Test func compileFile() throws {
        let path = ProcessInfo.processInfo.environment["E2E_IL"] ?? "/tmp/e2e/add.il"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let module = try ILParser.parse(text, file: path)
        let mc = ModuleCompiler(module: module)
        for m in module.allMethods {
            for arch in Arch.allCases {
                do {
                    let r = try mc.compile(m, arch: arch, dumps: [.lsra])
                    print(r.dumps[.lsra] ?? "")
                    print(r.listing)
                } catch {
                    print("ERROR \(m.name) \(arch): \(error)")
                }
            }
        }
    }
}
