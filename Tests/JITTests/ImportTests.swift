import Diagnostics
import IL
import Testing
@testable import JIT

@Suite struct ImportTests {
    @Test func arithmeticBuildsOneReturnTree() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32, .int32], body: """
            ldarg.0
            ldarg.1
            add
            ldc.i4.3
            mul
            ret
            """), through: .importation)
        #expect(shapes(c) == [["RETURN(MUL(ADD(LCL_VAR V00, LCL_VAR V01), CNS_INT 3))"]])
        #expect(c.blocks[0].kind == .ret)
        #expect(c.blocks[0].ilStart == 0 && c.blocks[0].ilEnd == 6)
        #expect(c.locals.map(\.role) == ["arg0", "arg1"])
    }

    @Test(arguments: [
        ("sub", "SUB"), ("and", "AND"), ("or", "OR"), ("xor", "XOR"), ("div", "DIV"), ("rem", "MOD"),
        ("div.un", "UDIV"), ("rem.un", "UMOD"), ("shl", "LSH"), ("shr", "RSH"), ("shr.un", "RSZ"),
        ("ceq", "EQ"), ("cgt", "GT"), ("clt", "LT"), ("cgt.un", "GT"), ("clt.un", "LT"),
    ])
    func binaryOpcodes(_ il: String, _ oper: String) throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32, .int32], body: "ldarg.0\nldarg.1\n\(il)\nret"),
                                 through: .importation)
        let node = c.blocks[0].statements[0].root.operands[0]
        #expect(node.oper.rawValue == oper)
        #expect(node.isUnsigned == (il.hasSuffix(".un") && node.oper.isCompare))
        #expect(node.flags.contains(.mayThrow) == ["DIV", "MOD", "UDIV", "UMOD"].contains(oper))
    }

    @Test func unaryOpcodes() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32], body: "ldarg.0\nneg\nnot\nret"), through: .importation)
        #expect(shapes(c) == [["RETURN(NOT(NEG(LCL_VAR V00)))"]])
    }

    @Test func intOpNativeIntWidensTheInt() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32, .nativeInt], ret: .nativeInt,
                                       body: "ldarg.0\nldarg.1\nadd\nret"), through: .importation)
        let add = c.blocks[0].statements[0].root.operands[0]
        #expect(shape(add) == "ADD(CAST(LCL_VAR V00), LCL_VAR V01)")
        #expect(add.type == .long && add.operands[0].castType == .long && !add.operands[0].isUnsigned)
    }

    @Test(arguments: [
        ("brtrue", "NE", false), ("brfalse", "EQ", false), ("beq", "EQ", false), ("bne.un", "NE", false),
        ("bge", "GE", false), ("bge.un", "GE", true), ("bgt", "GT", false), ("bgt.un", "GT", true),
        ("ble", "LE", false), ("ble.un", "LE", true), ("blt", "LT", false), ("blt.un", "LT", true),
        ("brtrue.s", "NE", false), ("blt.un.s", "LT", true),
    ])
    func branchForms(_ il: String, _ oper: String, _ unsigned: Bool) throws {
        let unary = il.hasPrefix("brtrue") || il.hasPrefix("brfalse")
        let c = try Pipeline.run(.init(name: "F", params: [.int32, .int32], body: """
            ldarg.0
            \(unary ? "" : "ldarg.1")
            \(il) T
            ldc.i4.0
            ret
            T: ldc.i4.1
            ret
            """), through: .importation)
        #expect(c.blocks.map(\.kind) == [.cond, .ret, .ret])
        #expect(c.blocks[0].target === c.blocks[2])
        let jtrue = c.blocks[0].statements[0].root
        #expect(jtrue.oper == .jtrue)
        #expect(jtrue.operands[0].oper.rawValue == oper)
        #expect(jtrue.operands[0].isUnsigned == unsigned)
        if unary { #expect(jtrue.operands[0].operands[1].isConstant(0)) }
    }

    @Test func switchTargetsAndDefault() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32], body: """
            ldarg.0
            switch (A, B, A)
            ldc.i4.0
            ret
            A: ldc.i4.1
            ret
            B: ldc.i4.2
            ret
            """), through: .importation)
        #expect(c.blocks.count == 4)
        let b0 = c.blocks[0]
        #expect(b0.kind == .switch_)
        #expect(b0.switchTargets.map(\.num) == [3, 4, 3])
        #expect(c.successors(of: b0).map(\.num) == [3, 4, 2])
        #expect(shape(b0.statements[0].root) == "SWITCH(LCL_VAR V00)")
        #expect(b0.ilEnd == 1 + 5 + 12)
    }

    @Test func loopWithLocals() throws {
        let c = try Pipeline.run(TestIL.sumLoop, through: .importation)
        #expect(shapes(c) == [
            ["STORE_LCL_VAR V01(CNS_INT 0)", "STORE_LCL_VAR V02(CNS_INT 0)"],
            ["STORE_LCL_VAR V01(ADD(LCL_VAR V01, LCL_VAR V02))", "STORE_LCL_VAR V02(ADD(LCL_VAR V02, CNS_INT 1))"],
            ["JTRUE(LT(LCL_VAR V02, LCL_VAR V00))"],
            ["RETURN(LCL_VAR V01)"],
        ])
        #expect(c.blocks.map(\.kind) == [.always, .fallthrough_, .cond, .ret])
        #expect(c.blocks[0].target === c.blocks[2] && c.blocks[2].target === c.blocks[1])
        #expect(c.locals.map(\.role) == ["arg0", "loc0", "loc1"])
    }

    @Test func callsAndVoidCalls() throws {
        let m = try TestIL.module([
            .init(name: "Add", params: [.int32, .int32], body: "ldarg.0\nldarg.1\nadd\nret"),
            .init(name: "Log", params: [.int32], ret: .void, body: "ret"),
            .init(name: "Main", body: """
                ldc.i4.1
                ldc.i4.2
                call Add
                call Log
                ldc.i4.0
                ret
                """),
        ])
        let c = try Pipeline.run(m, "Main", through: .importation)
        #expect(shapes(c) == [["CALL(CALL(CNS_INT 1, CNS_INT 2))", "RETURN(CNS_INT 0)"]])
        let outer = c.blocks[0].statements[0].root
        #expect(outer.type == .void && outer.callTarget?.displayName == "Program:Log(int):void")
        #expect(outer.operands[0].callTarget?.displayName == "Program:Add(int,int):int")
    }

    @Test func pendingCallIsSpilledBeforeAStore() throws {
        let m = try TestIL.module([
            .init(name: "G", body: "ldc.i4.7\nret"),
            .init(name: "F", params: [.int32], locals: [.int32], body: """
                call G
                ldc.i4.5
                stloc.0
                ldloc.0
                add
                ret
                """),
        ])
        let c = try Pipeline.run(m, "F", through: .importation)
        #expect(shapes(c) == [["STORE_LCL_VAR V02(CALL)", "STORE_LCL_VAR V01(CNS_INT 5)",
                               "RETURN(ADD(LCL_VAR V02, LCL_VAR V01))"]])
        #expect(c.locals[2].role == "tmp (spill side effect)")
    }

    @Test func storeSpillsPendingReadsOfTheLocal() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32], body: """
            ldarg.0
            ldc.i4.1
            starg.s 0
            ldarg.0
            sub
            ret
            """), through: .importation)
        #expect(shapes(c) == [["STORE_LCL_VAR V01(LCL_VAR V00)", "STORE_LCL_VAR V00(CNS_INT 1)",
                               "RETURN(SUB(LCL_VAR V01, LCL_VAR V00))"]])
    }

    @Test func dupOfLocalClonesAndDupOfTreeSpills() throws {
        let c1 = try Pipeline.run(.init(name: "F", params: [.int32], body: "ldarg.0\ndup\nmul\nret"), through: .importation)
        #expect(shapes(c1) == [["RETURN(MUL(LCL_VAR V00, LCL_VAR V00))"]])
        let root = c1.blocks[0].statements[0].root.operands[0]
        #expect(root.operands[0] !== root.operands[1])
        let c2 = try Pipeline.run(.init(name: "F", params: [.int32], body: "ldarg.0\nldc.i4.1\nadd\ndup\nmul\nret"),
                                  through: .importation)
        #expect(shapes(c2) == [["STORE_LCL_VAR V01(ADD(LCL_VAR V00, CNS_INT 1))", "RETURN(MUL(LCL_VAR V01, LCL_VAR V01))"]])
        #expect(c2.locals[1].role == "tmp (dup spill)")
    }

    @Test func popKeepsOnlySideEffects() throws {
        let m = try TestIL.module([
            .init(name: "G", body: "ldc.i4.7\nret"),
            .init(name: "F", params: [.int32], body: "ldarg.0\npop\ncall G\npop\nldc.i4.0\nret"),
        ])
        let c = try Pipeline.run(m, "F", through: .importation)
        #expect(shapes(c) == [["CALL", "RETURN(CNS_INT 0)"]])
    }

    @Test(arguments: [
        ("conv.i1", "int <- byte <- int"), ("conv.u1", "int <- ubyte <- int"),
        ("conv.i2", "int <- short <- int"), ("conv.u2", "int <- ushort <- int"),
        ("conv.i8", "long <- int"), ("conv.i", "long <- int"),
        ("conv.u8", "long <- uint"), ("conv.u", "long <- uint"),
    ])
    func conversionsFromInt(_ il: String, _ text: String) throws {
        let ret: TypeSig = il.hasSuffix("8") ? .int64 : text.hasPrefix("long") ? .nativeInt : .int32
        let c = try Pipeline.run(.init(name: "F", params: [.int32], ret: ret, body: "ldarg.0\n\(il)\nret"),
                                 through: .importation)
        let cast = c.blocks[0].statements[0].root.operands[0]
        #expect(cast.oper == .cast)
        #expect(NodeText.typeText(cast, c) == text)
    }

    @Test func convI4OfIntIsNoNodeAndOfLongTruncates() throws {
        let c1 = try Pipeline.run(.init(name: "F", params: [.int32], body: "ldarg.0\nconv.i4\nret"), through: .importation)
        #expect(shapes(c1) == [["RETURN(LCL_VAR V00)"]])
        let c2 = try Pipeline.run(.init(name: "F", params: [.int64], body: "ldarg.0\nconv.u4\nret"), through: .importation)
        let cast = c2.blocks[0].statements[0].root.operands[0]
        #expect(NodeText.typeText(cast, c2) == "int <- long")
    }

    @Test func storeToSmallLocalNarrows() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32], locals: [.uint8],
                                       body: "ldarg.0\nstloc.0\nldloc.0\nret"), through: .importation)
        let store = c.blocks[0].statements[0].root
        #expect(shape(store) == "STORE_LCL_VAR V01(CAST(LCL_VAR V00))")
        #expect(store.operands[0].castType == .ubyte)
    }

    @Test func stackAcrossAJoinUsesSharedTemps() throws {
        let c = try Pipeline.run(.init(name: "Max", params: [.int32, .int32], body: """
            ldarg.0
            ldarg.1
            bgt.s A
            ldarg.1
            br.s J
            A: ldarg.0
            J: ldc.i4.1
            add
            ret
            """), through: .importation)
        #expect(shapes(c) == [
            ["JTRUE(GT(LCL_VAR V00, LCL_VAR V01))"],
            ["STORE_LCL_VAR V02(LCL_VAR V01)"],
            ["STORE_LCL_VAR V02(LCL_VAR V00)"],
            ["RETURN(ADD(LCL_VAR V02, CNS_INT 1))"],
        ])
        #expect(c.locals[2].role == "tmp (spill stack)")
    }

    @Test func minOptsLocalsAreNotRegisterCandidates() throws {
        let spec = TestIL.Spec(name: "F", params: [.int32], locals: [.int32], body: "ldarg.0\nstloc.0\nldloc.0\nret")
        #expect(try Pipeline.run(spec, through: .importation, config: Pipeline.minOpts).locals.allSatisfy { !$0.isRegCandidate })
        #expect(try Pipeline.run(spec, through: .importation).locals.allSatisfy(\.isRegCandidate))
    }
}

@Suite struct ImportErrorTests {
    @Test(arguments: [
        ("ldc.i4.8\nlocalloc\npop\nldc.i4.1\nret", "test.il:102:5: error: opcode 'localloc' is not supported by the model JIT yet"),
        ("ldc.i4.0\nldc.i4.0\nldc.i4.0\ninitblk\nldc.i4.1\nret", "test.il:104:5: error: opcode 'initblk' is not supported by the model JIT yet"),
        ("ldc.i4.1\nldc.i4.1\nadd.ovf\nret", "test.il:103:5: error: opcode 'add.ovf' is not supported by the model JIT yet"),
    ])
    func unsupportedOpcode(_ body: String, _ expected: String) {
        let d = Pipeline.importError(.init(name: "F", body: body))
        #expect(d?.description == expected)
        #expect(d?.kind == .unsupported)
    }

    @Test func stackUnderflowIsReportedByTheVerifierFirst() {
        let d = Pipeline.importError(.init(name: "F", body: "ldc.i4.1\nadd\nret"))
        #expect(d?.description == "test.il:102:5: error: stack underflow: 'add' needs 2 values, the stack has 1")
        #expect(d?.kind == .invalidIL)
    }

    @Test func instanceMethod() {
        let d = Pipeline.importError(.init(name: "F", isStatic: false, body: "ldc.i4.1\nret"))
        #expect(d?.description == "test.il:100:5: error: instance methods are not supported yet")
    }

    @Test func unsupportedTypes() {
        let d1 = Pipeline.importError(.init(name: "F", params: [.typedref], body: "ldc.i4.1\nret"))
        #expect(d1?.description == "test.il:100:5: error: type 'typedref' of argument 0 is not supported by the model JIT yet")
        let d2 = Pipeline.importError(.init(name: "F", locals: [.typedref], body: "ldc.i4.1\nret"))
        #expect(d2?.message == "type 'typedref' of local 0 is not supported by the model JIT yet")
    }

    /// The importer's own checks, for IL that reaches it without the verifier: never a crash, always a located error.
    @Test(arguments: [
        ("ldc.i4.1\nadd\nret", "test.il:102:5: error: IL stack underflow: 'add' needs 2 values, the stack has 1"),
        ("ldc.i4.1\nldc.i4.2\nret", "test.il:103:5: error: the IL stack must be empty after 'ret', but it has 1 more value"),
        ("ldc.i4.1\npop", "test.il:102:5: error: control falls through the end of the method after 'pop'"),
        ("ldloc.3\nret", "test.il:101:5: error: local 3 does not exist (the method has 0 locals)"),
        ("ldarg.1\nret", "test.il:101:5: error: argument 1 does not exist (the method has 0 arguments)"),
        ("br NOWHERE", "test.il:101:5: error: branch target of 'br' is outside the method body"),
        ("ret", "test.il:101:5: error: IL stack underflow: 'ret' needs 1 value, the stack has 0"),
        ("ldc.i4.1\nbrtrue.s J\nldc.i4.2\nJ: ldc.i4.3\nret",
         "test.il:103:5: error: the IL stack has 1 value at the end of this block, but 0 where control joins"),
    ])
    func importerOwnChecks(_ body: String, _ expected: String) {
        #expect(Pipeline.importerOwnError(.init(name: "F", body: body))?.description == expected)
    }
}
