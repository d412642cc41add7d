import IL
import Testing
@testable import JIT

/// Constant folding tables: operator x operands -> folded value (nil: must not fold).
@Suite struct OptFoldTests {
    static let intMin = Int64(Int32.min), intMax = Int64(Int32.max)

    @Test(arguments: [
        (Oper.add, intMax, 1, intMin),            // int32 wrap-around
        (.sub, intMin, 1, intMax),
        (.mul, 65536, 65536, 0),
        (.mul, -3, 7, -21),
        (.div, 7, -2, -3),
        (.mod, -7, 2, -1),
        (.div, 7, 0, nil),                         // x/0 throws at run time: not folded
        (.mod, 7, 0, nil),
        (.div, intMin, -1, nil),                   // INT_MIN / -1 overflows: not folded
        (.mod, intMin, -1, nil),
        (.udiv, -1, 2, intMax),                    // 0xFFFFFFFF / 2
        (.umod, -1, 10, 5),                        // 4294967295 % 10
        (.udiv, 1, 0, nil),
        (.and, 0b1100, 0b1010, 0b1000),
        (.or, 0b1100, 0b1010, 0b1110),
        (.xor, 0b1100, 0b1010, 0b0110),
        (.lsh, 1, 31, intMin),
        (.lsh, 1, 32, 1),                          // shift counts are masked to 31
        (.lsh, 1, 33, 2),
        (.rsh, intMin, 31, -1),
        (.rsh, -16, 33, -8),
        (.rsz, intMin, 31, 1),
        (.rsz, -1, 32, -1),
        (.rsz, -1, 33, intMax),
    ] as [(Oper, Int64, Int64, Int64?)])
    func int32Binary(_ oper: Oper, _ a: Int64, _ b: Int64, _ expected: Int64?) {
        #expect(FoldMath.binary(oper, .int, a, b) == expected)
    }

    @Test(arguments: [
        (Oper.add, Int64.max, 1, Int64.min),
        (.mul, Int64(1) << 32, Int64(1) << 32, 0),
        (.div, Int64.min, -1, nil),
        (.div, 100, 0, nil),
        (.udiv, -1, 2, Int64.max),
        (.lsh, 1, 63, Int64.min),
        (.lsh, 1, 64, 1),                          // masked to 63
        (.lsh, 1, 65, 2),
        (.rsh, Int64.min, 64, Int64.min),
        (.rsz, -1, 65, Int64.max),
        (.rsz, Int64.min, 63, 1),
    ] as [(Oper, Int64, Int64, Int64?)])
    func int64Binary(_ oper: Oper, _ a: Int64, _ b: Int64, _ expected: Int64?) {
        #expect(FoldMath.binary(oper, .long, a, b) == expected)
    }

    @Test(arguments: [
        (Oper.lt, false, VarType.int, Int64(-1), Int64(1), Int64(1)),
        (.lt, true, .int, -1, 1, 0),               // 0xFFFFFFFF < 1 is false unsigned
        (.gt, true, .int, -1, 1, 1),
        (.ge, false, .int, 5, 5, 1),
        (.le, false, .int, 6, 5, 0),
        (.eq, false, .int, 3, 3, 1),
        (.ne, false, .int, 3, 3, 0),
        (.lt, false, .long, Int64.min, 0, 1),
        (.lt, true, .long, Int64.min, 0, 0),
        (.ge, true, .long, -1, Int64.max, 1),
    ] as [(Oper, Bool, VarType, Int64, Int64, Int64)])
    func compares(_ oper: Oper, _ unsigned: Bool, _ type: VarType, _ a: Int64, _ b: Int64, _ expected: Int64) {
        #expect(FoldMath.compare(oper, unsigned: unsigned, operandType: type, a, b) == expected)
    }

    @Test(arguments: [
        (VarType.byte, VarType.int, false, Int64(0x1FF), Int64(-1)),
        (.ubyte, .int, false, -1, 255),
        (.short, .int, false, 0x18000, -32768),
        (.ushort, .int, false, -1, 65535),
        (.int, .long, false, 0x1_0000_0005, 5),
        (.int, .long, false, 0xFFFF_FFFF, -1),
        (.long, .int, false, -1, -1),              // sign-extend
        (.long, .int, true, -1, 0xFFFF_FFFF),      // zero-extend
    ] as [(VarType, VarType, Bool, Int64, Int64)])
    func casts(_ to: VarType, _ from: VarType, _ unsigned: Bool, _ v: Int64, _ expected: Int64) {
        #expect(FoldMath.cast(v, to: to, from: from, unsigned: unsigned) == expected)
    }

    @Test func unary() {
        #expect(FoldMath.unary(.neg, .int, Self.intMin) == Self.intMin)
        #expect(FoldMath.unary(.not, .int, 0) == -1)
        #expect(FoldMath.unary(.neg, .long, 5) == -5)
    }
}

/// Morph on whole methods: folding, identities, canonical forms, relop simplification.
@Suite struct OptMorphTests {
    func morphed(_ params: [IL.TypeSig], _ body: String) throws -> [[String]] {
        shapes(try Pipeline.run(.init(name: "F", params: params, body: body), through: .morph))
    }

    @Test func foldsConstantTrees() throws {
        #expect(try morphed([.int32], "ldc.i4 2147483647\nldc.i4.1\nadd\nldc.i4.3\nmul\nret")
                == [["RETURN(CNS_INT -2147483648)"]])   // (MAX + 1) wraps to MIN; MIN * 3 wraps to MIN
    }

    @Test func doesNotFoldDivisionThatThrows() throws {
        #expect(try morphed([.int32], "ldc.i4 -2147483648\nldc.i4.m1\ndiv\nret") == [["RETURN(DIV(CNS_INT -2147483648, CNS_INT -1))"]])
        #expect(try morphed([.int32], "ldc.i4.1\nldc.i4.0\nrem\nret") == [["RETURN(MOD(CNS_INT 1, CNS_INT 0))"]])
    }

    @Test(arguments: [
        ("ldc.i4.0\nadd", "RETURN(LCL_VAR V00)"),
        ("ldc.i4.0\nsub", "RETURN(LCL_VAR V00)"),
        ("ldc.i4.1\nmul", "RETURN(LCL_VAR V00)"),
        ("ldc.i4.0\nor", "RETURN(LCL_VAR V00)"),
        ("ldc.i4.0\nxor", "RETURN(LCL_VAR V00)"),
        ("ldc.i4.m1\nand", "RETURN(LCL_VAR V00)"),
        ("ldc.i4.0\nshl", "RETURN(LCL_VAR V00)"),
        ("ldc.i4.0\nmul", "RETURN(CNS_INT 0)"),
        ("ldc.i4.0\nand", "RETURN(CNS_INT 0)"),
        ("ldc.i4.5\nsub", "RETURN(SUB(LCL_VAR V00, CNS_INT 5))"),
    ])
    func identities(_ tail: String, _ expected: String) throws {
        #expect(try morphed([.int32], "ldarg.0\n\(tail)\nret") == [[expected]])
    }

    @Test func keepsSideEffectsOfMultiplyByZero() throws {
        let m = try TestIL.module([
            .init(name: "G", body: "ldc.i4.7\nret"),
            .init(name: "F", body: "call G\nldc.i4.0\nmul\nret"),
        ])
        #expect(shapes(try Pipeline.run(m, "F", through: .morph, config: .noInline)) == [["RETURN(MUL(CALL, CNS_INT 0))"]])
    }

    @Test func movesConstantsToOp2() throws {
        #expect(try morphed([.int32], "ldc.i4.5\nldarg.0\nadd\nret") == [["RETURN(ADD(LCL_VAR V00, CNS_INT 5))"]])
        let c = try Pipeline.run(.init(name: "F", params: [.int32], body: "ldc.i4.5\nldarg.0\nclt\nret"), through: .morph)
        #expect(shapes(c) == [["RETURN(GT(LCL_VAR V00, CNS_INT 5))"]])
    }

    @Test func simplifiesRelopsCompareWithZero() throws {
        // brtrue (x < y) -> JTRUE(NE(LT, 0)) -> JTRUE(LT); brfalse -> JTRUE(GE).
        let body = "ldarg.0\nldarg.1\nclt\n%@ T\nldc.i4.0\nret\nT: ldc.i4.1\nret"
        let t = try morphed([.int32, .int32], body.replacingOccurrences(of: "%@", with: "brtrue"))
        #expect(t[0] == ["JTRUE(LT(LCL_VAR V00, LCL_VAR V01))"])
        let f = try morphed([.int32, .int32], body.replacingOccurrences(of: "%@", with: "brfalse"))
        #expect(f[0] == ["JTRUE(GE(LCL_VAR V00, LCL_VAR V01))"])
    }

    @Test func foldsCastsOfConstants() throws {
        #expect(try morphed([], "ldc.i4 511\nconv.i1\nret") == [["RETURN(CNS_INT -1)"]])
        let c = try Pipeline.run(.init(name: "F", ret: .int64, body: "ldc.i4.m1\nconv.u8\nret"), through: .morph)
        #expect(shapes(c) == [["RETURN(CNS_INT 4294967295)"]])
    }

    @Test func minOptsDoesNotFold() throws {
        let c = try Pipeline.run(.init(name: "F", body: "ldc.i4.2\nldc.i4.3\nadd\nret"), through: .morph, config: Pipeline.minOpts)
        #expect(shapes(c) == [["RETURN(ADD(CNS_INT 2, CNS_INT 3))"]])
    }
}
