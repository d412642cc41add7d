import Diagnostics
import Execution
import Foundation
import IL
import JIT
import Runtime
import Testing

@Suite struct HelperTests {
    static let assemblies = ["mscorlib", "System.Runtime", "System.Console", "netstandard", "System.Private.CoreLib"]

    @Test(arguments: assemblies)
    func consoleResolvesInEveryForwardingAssembly(_ asm: String) throws {
        let text = Programs.program(main: "ldc.i4.7\ncall void [\(asm)]System.Console::WriteLine(int32)\nldc.i4.0\nret")
        let module = try Programs.module(text)
        let runtime = ModuleRuntime(module: module)
        guard let main = module.entryPoint, case .method(let ref)? = main.body.dropFirst().first?.operand else {
            Issue.record("no call in Main")
            return
        }
        let target = try runtime.resolveCall(ref, from: main, at: main.location)
        #expect(target.displayName == "System.Console:WriteLine(int)")
        #expect(target.cellAddress == AddressMap.helpersBase + 8)
        #expect(target.helperID == 1)
        #expect(target.definitionIndex == nil)
    }

    @Test func unscopedConsoleIsTheRuntimeConsole() throws {
        let ref = MethodRef(hasThis: false, returnType: .void,
                            owner: .class(TypeName(namespace: "System", name: "Console")), name: "Write", parameters: [.string])
        #expect(Helpers.helper(for: ref)?.name == "System.Console:Write(System.String)")
    }

    @Test func helperTableNamesAndCells() {
        // The first ids are stable: chapters print them.
        #expect(Array(Helpers.all.map(\.name).prefix(13)) == [
            "System.Console:WriteLine()",
            "System.Console:WriteLine(int)", "System.Console:WriteLine(long)",
            "System.Console:WriteLine(bool)", "System.Console:WriteLine(System.String)",
            "System.Console:Write(int)", "System.Console:Write(long)",
            "System.Console:Write(bool)", "System.Console:Write(System.String)",
            "System.Console:WriteLine(ushort)", "System.Console:WriteLine(System.Object)",
            "System.Console:Write(ushort)", "System.Console:Write(System.Object)",
        ])
        // Every JIT helper has one helper named after CORINFO_HELP_*.
        for h in JitHelper.allCases { #expect(Helpers.helper(h).name == h.rawValue) }
        #expect(Set(Helpers.all.map(\.name)).count == Helpers.all.count)
        #expect(Helpers.all.map(\.id) == Array(0..<Helpers.all.count))
        #expect(Helpers.all.map(\.cellAddress) == (0..<Helpers.all.count).map { AddressMap.helperCell($0) })
    }

    /// The C runtime's table (helpers.c) lists the same ids and names as Helpers.swift.
    @Test func cTableMatchesSwiftTable() throws {
        let dir = try RuntimeSources.directory()
        let c = try String(contentsOf: dir.appendingPathComponent("helpers.c"), encoding: .utf8)
        for h in Helpers.all {
            #expect(c.contains("{ \(h.id), \"\(h.name)\","), "helpers.c lacks helper \(h.id) \(h.name)")
        }
        let rows = c.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("{ ") && $0.contains("\"") }
        #expect(rows.count == Helpers.all.count)
    }

    /// The JIT stores a helper tail call's arguments at the offsets of `TailCallBuffer`; tailcalls.c
    /// asserts the same offsets of its buffer.
    @Test func tailCallBufferLayoutMatchesTheRuntime() throws {
        let c = try String(contentsOf: try RuntimeSources.directory().appendingPathComponent("tailcalls.c"), encoding: .utf8)
        for (field, offset) in [("target", TailCallBuffer.target), ("int_regs", TailCallBuffer.intRegs),
                                ("float_regs", TailCallBuffer.floatRegs), ("stack", TailCallBuffer.stack)] {
            #expect(c.contains("offsetof(jitbook_tailcall_buffer, \(field)) == \(offset),"), "\(field)")
        }
        #expect(c.contains("->stack == 8 * \(TailCallBuffer.stackSlots),"))
    }

    @Test(arguments: [
        ("call void [mscorlib]System.Console::Beep()", "the model CoreLib has no method"),
        ("call void [mscorlib]System.Math::Foo()", "the model CoreLib has no method"),
        ("call void [mscorlib]System.Diagnostics.Debugger::Break()", "is not in the model CoreLib"),
    ])
    func otherExternalCallsAreUnsupported(_ call: String, _ message: String) throws {
        let body = "\(call)\nldc.i4.0\nret"
        let module = try Programs.module(Programs.program(main: body))
        let d = Programs.diagnostic { _ = try CodeImage.build(module: module, arch: .x64) }
        #expect(d?.kind == .unsupported)
        #expect(d?.message.contains(message) == true, "\(d?.description ?? "no diagnostic")")
        #expect(d?.location.file == "test.il")
    }
}
