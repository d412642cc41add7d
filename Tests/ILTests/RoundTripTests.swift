import Testing
import Diagnostics
@testable import IL

/// Real tool output: C# compiled by `mcs`, disassembled by `monodis`, and hand-written IL
/// assembled by `ilasm` then disassembled. Every method must parse, verify, and agree with
/// monodis on instruction count and IL offsets.
@Suite("Round trip through mcs/ilasm + monodis")
struct RoundTripTests {
    @Test(arguments: Fixtures.monodisPrograms)
    func everyMethodParsesAndVerifies(file: String) throws {
        let text = try Fixtures.text(file)
        let module = try ILParser.parse(text, file: file)
        #expect(!module.allMethods.isEmpty)
        #expect(module.externAssemblies == ["mscorlib"])
        for method in module.allMethods {
            #expect(throws: Never.self, "\(Fixtures.key(method))") { try ILVerifier.verify(method, in: module) }
        }
    }

    @Test(arguments: Fixtures.monodisPrograms)
    func offsetsMatchMonodisLabels(file: String) throws {
        let text = try Fixtures.text(file)
        let module = try ILParser.parse(text, file: file)
        let listed = Fixtures.monodisMethods(text)
        #expect(listed.count == module.allMethods.count)
        for (method, expected) in zip(module.allMethods, listed) {
            #expect(Fixtures.key(method) == expected.key)
            #expect(Fixtures.listing(of: method) == expected.lines, "\(expected.key)")
            #expect(method.ilSize == expected.codeSize, "\(expected.key)")
        }
    }

    @Test func handwrittenOffsetsMatchIlasmThenMonodis() throws {
        let ours = try ILParser.parse(try Fixtures.text("Handwritten.il"), file: "Handwritten.il")
        let theirsText = try Fixtures.text("Handwritten.monodis.il")
        let theirs = try ILParser.parse(theirsText, file: "Handwritten.monodis.il")
        let listed = Fixtures.monodisMethods(theirsText)
        #expect(listed.count == ours.allMethods.count)
        for (method, expected) in zip(ours.allMethods, listed) {
            #expect(Fixtures.key(method) == expected.key)
            #expect(Fixtures.listing(of: method) == expected.lines, "\(expected.key)")
            #expect(method.ilSize == expected.codeSize, "\(expected.key)")
        }
        // The disassembly of our hand-written IL parses to the same instruction stream.
        for (a, b) in zip(ours.allMethods, theirs.allMethods) {
            #expect(a.body.map(\.offset) == b.body.map(\.offset))
            #expect(a.body.map(\.opcode) == b.body.map(\.opcode))
            // monodis prints `[mscorlib]System.Object` as `object`; compare with that spelling.
            let spell = { (o: Operand) in "\(o)".replacingOccurrences(of: "class [mscorlib]System.Object", with: "object") }
            #expect(a.body.map { spell($0.operand) } == b.body.map { spell($0.operand) }, "\(a.name)")
        }
        try ILVerifier.verify(ours)
        try ILVerifier.verify(theirs)
    }

    @Test func switchStatementTargetsMatchMonodis() throws {
        let module = try ILParser.parse(try Fixtures.text("Switches.il"), file: "Switches.il")
        let dense = try #require(module.type(named: "Switches")?.methods.first { $0.name == "Dense" })
        let sw = try #require(dense.body.first { $0.opcode == .switch_ })
        guard case .targets(let targets) = sw.operand else { Issue.record("no targets"); return }
        #expect(targets.count == 5)
        #expect(sw.size == 1 + 4 + 4 * 5)
        // Each case loads a distinct constant and returns: the targets are in ascending order.
        #expect(targets == targets.sorted())
        #expect(targets.allSatisfy { dense.body[$0].label != nil })
    }

    @Test func callsResolveWithinTheModule() throws {
        let module = try ILParser.parse(try Fixtures.text("Calls.il"), file: "Calls.il")
        let add3 = try #require(module.type(named: "Calls")?.methods.first { $0.name == "Add3" })
        let calls = add3.body.compactMap { inst -> MethodRef? in
            if case .method(let r) = inst.operand { return r }
            return nil
        }
        #expect(calls.count == 2)
        #expect(calls.allSatisfy { module.resolveMethod($0)?.name == "Add" })
        #expect(module.entryPoint?.name == "Main")
        let main = try #require(module.entryPoint)
        let external = main.body.compactMap { inst -> MethodRef? in
            if case .method(let r) = inst.operand, r.name == "WriteLine" { return r }
            return nil
        }
        #expect(external.count == 2)
        #expect(external.allSatisfy { module.resolveMethod($0) == nil && !module.isLocalOwner($0.owner) })
    }

    @Test func longArithmeticKeepsTypes() throws {
        let module = try ILParser.parse(try Fixtures.text("LongMath.il"), file: "LongMath.il")
        let mul = try #require(module.type(named: "LongMath")?.methods.first { $0.name == "Mul" })
        #expect(mul.returnType == .int64)
        #expect(mul.parameters.map(\.type) == [.int64, .int64])
        #expect(mul.parameters.map(\.name) == ["a", "b"])
        #expect(mul.isStatic)
        #expect(mul.body.map(\.opcode) == [.ldarg_0, .ldarg_1, .mul, .ret])
    }
}

@Suite("Exception clauses, strings and floats from monodis")
struct MonodisDetailTests {
    func method(_ name: String) throws -> MethodDef {
        let module = try ILParser.parse(try Fixtures.text("Exceptions.il"), file: "Exceptions.il")
        return try #require(module.type(named: "Exceptions")?.methods.first { $0.name == name })
    }

    @Test func nestedTryCatchFinally() throws {
        let m = try method("T")
        #expect(m.exceptionClauses.count == 2)
        let inner = m.exceptionClauses[0], outer = m.exceptionClauses[1]
        #expect(inner.kind == .catch(.class(TypeName(assembly: "mscorlib", namespace: "System", name: "Exception"))))
        #expect(outer.kind == .finally)
        #expect(m.body[inner.tryStart].offset == 0x0)
        #expect(m.body[inner.handlerStart].offset == 0x0a)
        #expect(m.body[outer.handlerStart].offset == 0x12)
        #expect(outer.tryStart == inner.tryStart && outer.tryEnd == inner.handlerEnd)
        #expect(m.body[outer.handlerEnd].offset == 0x18)
    }

    @Test func bytearrayStringDecodesUTF16() throws {
        let m = try method("S")
        #expect(m.body[0].operand == .string("h\"i\n\u{e9}"))
    }

    @Test func floatAndNegativeShortConstants() throws {
        #expect(try method("D").body[0].operand == .float(1.0000000000000001e+300))
        #expect(try method("B").body[0].operand == .int(-10))
        #expect(try method("Big").body[0].operand == .int(-100_000))
    }
}
