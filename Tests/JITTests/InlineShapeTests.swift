import Testing
@testable import JIT

/// What the inliner leaves in the caller: substituted arguments or temps, return values, spliced blocks.
@Suite struct InlineShapeTests {
    static let square = ".method public static int32 Square(int32 x) cil managed { ldarg.0 ldarg.0 mul ret }\n"

    @Test func localAndConstantArgumentsAreSubstituted() throws {
        let il = Self.square + """
            .method public static int32 Caller(int32 a) cil managed
            { ldarg.0 call int32 Program::Square(int32) ldc.i4.7 call int32 Program::Square(int32) add ret }
            """
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining)
        #expect(InlineHarness.tempReasons(c).isEmpty)
        #expect(c.blocks.count == 1)
        // The inlinee is folded once its arguments are in: the constant square is already 49.
        #expect(shapes(c) == [["RETURN(ADD(MUL(LCL_VAR V00, LCL_VAR V00), CNS_INT 49))"]])
    }

    @Test func complexArgumentGoesToATemp() throws {
        let il = Self.square + """
            .method public static int32 Caller(int32 a) cil managed
            { ldarg.0 ldc.i4.1 add call int32 Program::Square(int32) ret }
            """
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining)
        #expect(InlineHarness.tempReasons(c) == ["inline arg"])
        #expect(shapes(c) == [[
            "STORE_LCL_VAR V01(ADD(LCL_VAR V00, CNS_INT 1))",
            "RETURN(MUL(LCL_VAR V01, LCL_VAR V01))",
        ]])
    }

    @Test func storedParameterIsNotSubstituted() throws {
        let il = """
            .method public static int32 Bump(int32 x) cil managed { ldarg.0 ldc.i4.1 add starg.s 0 ldarg.0 ret }
            .method public static int32 Caller(int32 a) cil managed { ldarg.0 call int32 Program::Bump(int32) ldarg.0 add ret }
            """
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining)
        #expect(InlineHarness.tempReasons(c) == ["inline arg"])
        // The caller's own `a` is read after the inlined body and must still be the original value.
        #expect(shapes(c) == [[
            "STORE_LCL_VAR V01(LCL_VAR V00)",
            "STORE_LCL_VAR V01(ADD(LCL_VAR V01, CNS_INT 1))",
            "RETURN(ADD(LCL_VAR V01, LCL_VAR V00))",
        ]])
    }

    @Test func smallParameterIsNarrowed() throws {
        let il = """
            .method public static int32 Low(int16 x) cil managed { ldarg.0 ret }
            .method public static int32 Caller(int32 a) cil managed { ldarg.0 call int32 Program::Low(int16) ret }
            """
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining)
        // The callee reads its small parameter through a normalizing CAST; after substitution that
        // reads the short temp, whose store already narrowed it (morph drops the second CAST later).
        #expect(shapes(c) == [["STORE_LCL_VAR V01(CAST(LCL_VAR V00))", "RETURN(CAST(LCL_VAR V01))"]])
        #expect(c.locals[1].type == .short)
    }

    static let abs = """
        .method public static int32 Abs(int32 x) cil managed
        {
            ldarg.0 ldc.i4.0 bge.s P
            ldarg.0 neg ret
        P:  ldarg.0 ret
        }

        """

    @Test func multipleReturnsUseAReturnTempAndNewBlocks() throws {
        let il = Self.abs + """
            .method public static int32 Caller(int32 a) cil managed { ldarg.0 call int32 Program::Abs(int32) ldc.i4.1 add ret }
            """
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining)
        #expect(InlineHarness.tempReasons(c) == ["inline return value"])
        #expect(c.blocks.map(\.kind) == [.fallthrough_, .cond, .always, .always, .ret])
        #expect(c.blocks.map(\.name) == ["BB01", "BB02", "BB03", "BB04", "BB05"])
        #expect(c.blocks[2].target === c.blocks[4] && c.blocks[3].target === c.blocks[4])
        #expect(shapes(c).last == ["RETURN(ADD(LCL_VAR V01, CNS_INT 1))"])
        #expect(shapes(c)[2] == ["STORE_LCL_VAR V01(NEG(LCL_VAR V00))"])
    }

    @Test func constantArgumentFoldsTheInlineeBranch() throws {
        let il = Self.abs + """
            .method public static int32 Caller() cil managed { ldc.i4.s -5 call int32 Program::Abs(int32) ret }
            """
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining)
        // The test on the constant folds away while the inlinee is spliced: one block, no return temp.
        #expect(c.blocks.count == 1)
        #expect(InlineHarness.tempReasons(c).isEmpty)
        #expect(shapes(c) == [["RETURN(CNS_INT 5)"]])
        let listing = try InlineHarness.compile(il, "Caller", dumps: []).listing
        #expect(listing.contains("mov      eax, 5\n"))
        #expect(!listing.contains("call"))
    }

    @Test func calleeWithALoopIsSpliced() throws {
        let il = """
            .method public static int32 SumTo(int32 n) cil managed
            {
                .locals init (int32 s, int32 i)
                br.s C
            B:  ldloc.0 ldloc.1 add stloc.0 ldloc.1 ldc.i4.1 add stloc.1
            C:  ldloc.1 ldarg.0 ble.s B
                ldloc.0 ret
            }
            .method public static int32 Caller(int32 a) cil managed { ldarg.0 call int32 Program::SumTo(int32) ldc.i4.2 mul ret }
            """
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining)
        #expect(InlineHarness.remainingCalls(c).isEmpty)
        #expect(InlineHarness.tempReasons(c) == ["inline ldloc", "inline ldloc", "inline return value"])
        // `.locals init`: the inlinee's locals are zeroed where the body starts.
        #expect(shapes(c)[0] == ["STORE_LCL_VAR V01(CNS_INT 0)", "STORE_LCL_VAR V02(CNS_INT 0)"])
        // The back edge stays inside the inlined blocks.
        let weights = c.blocks.map(\.weight)
        #expect(weights.contains(8))
        #expect(weights.first == 1 && weights.last == 1)
    }

    @Test func sideEffectsBeforeTheCallAreSpilledFirst() throws {
        let il = """
            .method public static int32 Effect() cil managed noinlining { ldc.i4.1 ret }
            .method public static int32 Two(int32 x) cil managed
            { ldarg.0 call void [System.Console]System.Console::WriteLine(int32) ldc.i4.2 ret }
            .method public static int32 Caller(int32 a) cil managed
            { call int32 Program::Effect() ldarg.0 call int32 Program::Two(int32) add ret }
            """
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining)
        #expect(InlineHarness.tempReasons(c) == ["spill side effect"])
        #expect(shapes(c) == [[
            "STORE_LCL_VAR V01(CALL)",
            "CALL(LCL_VAR V00)",
            "RETURN(ADD(LCL_VAR V01, CNS_INT 2))",
        ]])
    }

    @Test func voidCalleeDisappearsAndUnusedValueIsDropped() throws {
        let il = """
            .method public static void Say(int32 x) cil managed
            { ldarg.0 call void [System.Console]System.Console::WriteLine(int32) ret }
            .method public static int32 Caller(int32 a) cil managed
            { ldarg.0 call void Program::Say(int32) ldarg.0 call int32 Program::Id(int32) pop ldc.i4.0 ret }
            .method public static int32 Id(int32 x) cil managed { ldarg.0 ret }
            """
        let c = try InlineHarness.compiler(il, "Caller", through: .deadCode)
        #expect(InlineHarness.remainingCalls(c) == ["System.Console:WriteLine(int)"])
        #expect(shapes(c) == [["CALL(LCL_VAR V00)", "RETURN(CNS_INT 0)"]])
    }

    @Test func nestedInlineeCallsAreInlinedToo() throws {
        let il = Self.square + """
            .method public static int32 Fourth(int32 x) cil managed
            { ldarg.0 call int32 Program::Square(int32) call int32 Program::Square(int32) ret }
            .method public static int32 Caller(int32 a) cil managed { ldarg.0 call int32 Program::Fourth(int32) ret }
            """
        let lines = try InlineHarness.decisions(il, "Caller")
        #expect(lines.filter { $0.hasPrefix("Successfully") } == [
            "Successfully inlined Program:Fourth(int):int (12 IL bytes) (depth 1) [below ALWAYS_INLINE size]",
            "Successfully inlined Program:Square(int):int (4 IL bytes) (depth 2) [below ALWAYS_INLINE size]",
            "Successfully inlined Program:Square(int):int (4 IL bytes) (depth 2) [below ALWAYS_INLINE size]",
        ])
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining)
        #expect(InlineHarness.remainingCalls(c).isEmpty)
    }

    @Test func inlineDumpStartsWithTheDecisions() throws {
        let il = Self.square + """
            .method public static int32 Caller(int32 a) cil managed { ldarg.0 call int32 Program::Square(int32) ret }
            """
        let dump = try #require(try InlineHarness.compile(il, "Caller").dumps[.inlining])
        #expect(dump.hasPrefix("Inline candidate [000001] Program:Square(int):int\n"))
        #expect(dump.contains("\n\n*************** After Inlining\n"))
        #expect(dump.contains("""
            [000002] *  RETURN    int
            [000005] \\--*  MUL       int
            """))
        // Other phases carry no notes.
        let morph = try #require(try InlineHarness.compile(il, "Caller", dumps: [.morph]).dumps[.morph])
        #expect(morph.hasPrefix("*************** After Morph - Global\n"))
    }

    @Test func sumOfSquaresBecomesCallFree() throws {
        let il = Self.square + """
            .method public static int32 SumOfSquares(int32 a, int32 b) cil managed
            { ldarg.0 call int32 Program::Square(int32) ldarg.1 call int32 Program::Square(int32) add ret }
            """
        for arch in Arch.allCases {
            let listing = try InlineHarness.compile(il, "SumOfSquares", arch: arch, dumps: []).listing
            #expect(!listing.contains("call") && !listing.contains("blr"), "\(arch): \(listing)")
            let off = try InlineHarness.compile(il, "SumOfSquares", arch: arch, config: .noInline, dumps: []).listing
            #expect(off.contains("Program:Square(int):int"))
        }
    }
}
