import Testing
@testable import JIT

/// The inliner's decisions: which calls are candidates, which are inlined, and the reasons printed.
@Suite struct InlineDecisionTests {
    static let square = ".method public static int32 Square(int32 x) cil managed { ldarg.0 ldarg.0 mul ret }"

    @Test func smallCalleeIsAlwaysInlined() throws {
        let il = Self.square + """
            .method public static int32 Caller(int32 a) cil managed { ldarg.0 call int32 Program::Square(int32) ret }
            """
        #expect(try InlineHarness.decisions(il, "Caller") == [
            "Inline candidate [000001] Program:Square(int):int",
            "Successfully inlined Program:Square(int):int (4 IL bytes) (depth 1) [below ALWAYS_INLINE size]",
            "Inlined 1 of 1 candidate, 4 of 200 IL bytes of budget",
        ])
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining)
        #expect(InlineHarness.remainingCalls(c).isEmpty)
    }

    @Test func noinliningIsRespected() throws {
        let il = """
            .method public static int32 Keep(int32 x) cil managed noinlining { ldarg.0 ret }
            .method public static int32 Caller(int32 a) cil managed { ldarg.0 call int32 Program::Keep(int32) ret }
            """
        #expect(try InlineHarness.decisions(il, "Caller").contains("Inlining [000001] failed: noinline per IL/cached result"))
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining)
        #expect(InlineHarness.remainingCalls(c) == ["Program:Keep(int):int"])
    }

    @Test func directRecursionIsNotInlined() throws {
        let il = """
            .method public static int32 Down(int32 n) cil managed aggressiveinlining
            {
                ldarg.0 brfalse.s Z
                ldarg.0 ldc.i4.1 sub call int32 Program::Down(int32) ret
            Z:  ldc.i4.0 ret
            }
            """
        let lines = try InlineHarness.decisions(il, "Down")
        #expect(lines.contains { $0.hasSuffix("failed: recursive") })
        #expect(!lines.contains { $0.hasPrefix("Successfully") })
    }

    @Test func mutualRecursionStopsAtTheChain() throws {
        let il = """
            .method public static int32 A(int32 n) cil managed { ldarg.0 call int32 Program::B(int32) ret }
            .method public static int32 B(int32 n) cil managed { ldarg.0 call int32 Program::A(int32) ret }
            """
        let lines = try InlineHarness.decisions(il, "A")
        #expect(lines.contains("Successfully inlined Program:B(int):int (7 IL bytes) (depth 1) [below ALWAYS_INLINE size]"))
        #expect(lines.contains { $0.hasPrefix("Inlining [") && $0.hasSuffix("failed: recursive") })
        let c = try InlineHarness.compiler(il, "A", through: .inlining)
        #expect(InlineHarness.remainingCalls(c) == ["Program:A(int):int"])
    }

    /// A callee of `1 + 2 * n + 1` IL bytes: `ldarg.0`, n times `ldc.i4.1 add`, `ret`.
    static func bigCallee(_ n: Int, flags: String = "") -> String {
        let body = String(repeating: "ldc.i4.1 add ", count: n)
        return ".method public static int32 Big(int32 x) cil managed \(flags) { ldarg.0 \(body)ret }"
    }

    @Test func tooManyILBytes() throws {
        let il = Self.bigCallee(50) + """
            .method public static int32 Caller(int32 a) cil managed { ldarg.0 call int32 Program::Big(int32) ret }
            """
        #expect(try InlineHarness.decisions(il, "Caller").contains("Inlining [000001] failed: too many il bytes"))
    }

    @Test func aggressiveInliningOverridesTheSizeLimit() throws {
        let il = Self.bigCallee(50, flags: "aggressiveinlining") + """
            .method public static int32 Caller(int32 a) cil managed { ldarg.0 call int32 Program::Big(int32) ret }
            """
        #expect(try InlineHarness.decisions(il, "Caller").contains(
            "Successfully inlined Program:Big(int):int (102 IL bytes) (depth 1) [aggressive inline attribute]"))
        // The 50 additions fold into one.
        let c = try InlineHarness.compiler(il, "Caller", through: .morph)
        #expect(InlineHarness.remainingCalls(c).isEmpty)
    }

    static let mid = """
        .method public static int32 Mid(int32 x) cil managed
        {
            ldarg.0 ldc.i4.3 mul ldc.i4.7 add ldarg.0 ldc.i4.5 shl xor
            ldarg.0 ldc.i4.s 100 rem add ldc.i4.1 add ret
        }
        """

    @Test func mediumCalleeIsInlinedOnlyWhereProfitable() throws {
        let il = Self.mid + """
            .method public static int32 Caller(int32 a) cil managed
            {
                .locals init (int32 i, int32 s)
                ldarg.0 call int32 Program::Mid(int32) stloc.1
            L:  ldloc.1 ldloc.0 call int32 Program::Mid(int32) add stloc.1
                ldloc.0 ldc.i4.1 add stloc.0
                ldloc.0 ldarg.0 blt.s L
                ldloc.1 ret
            }
            """
        let lines = try InlineHarness.decisions(il, "Caller")
        #expect(lines.contains("Inlining [000001] failed: unprofitable inline (callee estimate 34, threshold 15 = call site 10 x 1.5)"))
        #expect(lines.contains("Successfully inlined Program:Mid(int):int (17 IL bytes) (depth 1) [profitable inline (callee estimate 34, threshold 45 = call site 10 x 4.5)]"))
    }

    @Test func depthIsLimited() throws {
        var il = ""
        for i in 0..<7 {
            il += ".method public static int32 M\(i)(int32 x) cil managed { ldarg.0 call int32 Program::M\(i + 1)(int32) ldc.i4.1 add ret }\n"
        }
        il += ".method public static int32 M7(int32 x) cil managed { ldarg.0 ret }\n"
        let lines = try InlineHarness.decisions(il, "M0")
        let depths = lines.compactMap { l -> Int? in
            guard l.hasPrefix("Successfully"), let r = l.range(of: "(depth ") else { return nil }
            return Int(l[r.upperBound...].prefix { $0.isNumber })
        }
        #expect(depths == [1, 2, 3, 4, 5])
        #expect(lines.contains { $0.hasSuffix("failed: too deep") })
        let c = try InlineHarness.compiler(il, "M0", through: .inlining)
        #expect(InlineHarness.remainingCalls(c) == ["Program:M6(int):int"])
    }

    @Test func budgetLimitsTotalInlinedIL() throws {
        let il = """
            .method public static int32 Twelve(int32 x) cil managed
            { ldarg.0 ldarg.0 mul ldarg.0 mul ldarg.0 add ldc.i4.7 add ldc.i4.3 xor ret }
            .method public static int32 Caller(int32 a) cil managed
            { ldarg.0 call int32 Program::Twelve(int32) ldarg.0 call int32 Program::Twelve(int32) add ret }
            """
        let tight = InlineHarness.config(["JitInlineBudget": "1"])
        let lines = try InlineHarness.decisions(il, "Caller", config: tight)
        #expect(lines.filter { $0.hasPrefix("Successfully") }.count == 1)
        #expect(lines.contains { $0.hasSuffix("failed: inline exceeds budget") })
        #expect(lines.last == "Inlined 1 of 2 candidates, 12 of 20 IL bytes of budget")
        let roomy = try InlineHarness.decisions(il, "Caller")
        #expect(roomy.filter { $0.hasPrefix("Successfully") }.count == 2)
    }

    @Test func exceptionHandlingAndLocallocAreNotInlined() throws {
        let il = """
            .method public static int32 Eh(int32 x) cil managed
            {
                .try { leave.s Done } finally { endfinally }
            Done: ldarg.0 ret
            }
            .method public static int32 Alloc(int32 x) cil managed { ldarg.0 conv.u localloc pop ldarg.0 ret }
            .method public static int32 Caller(int32 a) cil managed noinlining
            { ldarg.0 call int32 Program::Eh(int32) call int32 Program::Alloc(int32) ret }
            """
        let lines = try InlineHarness.decisions(il, "Caller")
        #expect(lines.contains("Inlining [000001] failed: has exception handling"))
        #expect(lines.contains("Inlining [000002] failed: has localloc"))
    }

    @Test func helpersAreNotCandidates() throws {
        let il = """
            .method public static void Caller(int32 a) cil managed
            { ldarg.0 call void [System.Console]System.Console::WriteLine(int32) ret }
            """
        #expect(try InlineHarness.decisions(il, "Caller") == [
            "Not inline candidate [000001] System.Console:WriteLine(int): no IL (runtime helper)",
        ])
    }

    @Test func calleeTheImporterRejectsStaysACall() throws {
        let il = """
            .method public static int32 Bad(int32 x) cil managed { ldarg.0 ckfinite ret }
            .method public static int32 Caller(int32 a) cil managed { ldarg.0 call int32 Program::Bad(int32) ret }
            """
        let lines = try InlineHarness.decisions(il, "Caller")
        #expect(lines.contains { $0.hasPrefix("Inlining [000001] failed: importer: ") })
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining)
        #expect(InlineHarness.remainingCalls(c) == ["Program:Bad(int):int"])
    }

    @Test(arguments: [["JitNoInline": "1"], ["JitMinOpts": "1"]])
    func knobsTurnTheInlinerOff(_ knobs: [String: String]) throws {
        let il = Self.square + """
            .method public static int32 Caller(int32 a) cil managed { ldarg.0 call int32 Program::Square(int32) ret }
            """
        let config = InlineHarness.config(knobs)
        #expect(try InlineHarness.decisions(il, "Caller", config: config).isEmpty)
        let c = try InlineHarness.compiler(il, "Caller", through: .inlining, config: config)
        #expect(InlineHarness.remainingCalls(c) == ["Program:Square(int):int"])
    }

    @Test func knobsAreDeclared() {
        let names = JitConfig.knobs.map(\.name)
        #expect(names.contains("JitNoInline"))
        #expect(names.contains("JitInlineBudget"))
        #expect(JitConfig()["JitNoInline"] == 0)
    }
}
