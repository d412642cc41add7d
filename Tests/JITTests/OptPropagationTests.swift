import IL
import Testing
@testable import JIT

/// Constant propagation, copy propagation, dead-code elimination and branch optimization on small methods.
@Suite struct OptPropagationTests {
    static let constants = TestIL.Spec(name: "K", params: [.int32], locals: [.int32, .int32], body: """
        ldc.i4.5
        stloc.0
        ldloc.0
        ldc.i4.3
        mul
        stloc.1
        ldloc.1
        ldc.i4.1
        bgt.s BIG
        ldc.i4.0
        ret
        BIG: ldarg.0
        ldloc.1
        add
        ret
        """)

    @Test func constPropFoldsThroughLocals() throws {
        let c = try Pipeline.run(Self.constants, through: .constProp)
        #expect(shapes(c) == [
            ["STORE_LCL_VAR V01(CNS_INT 5)", "STORE_LCL_VAR V02(CNS_INT 15)", "JTRUE(CNS_INT 1)"],
            ["RETURN(CNS_INT 0)"],
            ["RETURN(ADD(LCL_VAR V00, CNS_INT 15))"],
        ])
    }

    @Test func deadStoresGoAfterPropagation() throws {
        let c = try Pipeline.run(Self.constants, through: .deadCode)
        // The branch constant propagation proved is folded, and the block it skipped is gone.
        #expect(shapes(c) == [[], ["RETURN(ADD(LCL_VAR V00, CNS_INT 15))"]])
        #expect(c.locals.map(\.refCount) == [1, 0, 0])
    }

    @Test func branchFoldingLeavesOneBlock() throws {
        let c = try Pipeline.run(Self.constants, through: .optimizeBranches)
        #expect(shapes(c) == [["RETURN(ADD(LCL_VAR V00, CNS_INT 15))"]])
        #expect(c.blocks.map(\.name) == ["BB01"])
    }

    @Test func knobsTurnPhasesOff() throws {
        let c = try Pipeline.run(Self.constants, through: .optimizeBranches,
                                 config: try Pipeline.config("JitDoConstProp=0"))
        #expect(shapes(c)[0] == ["STORE_LCL_VAR V01(CNS_INT 5)", "STORE_LCL_VAR V02(MUL(LCL_VAR V01, CNS_INT 3))",
                                 "JTRUE(GT(LCL_VAR V02, CNS_INT 1))"])
        #expect(c.blocks.count == 3)
    }

    @Test func constPropStopsAtLoopCarriedLocals() throws {
        let c = try Pipeline.run(TestIL.sumLoop, through: .constProp)
        #expect(shapes(c)[2] == ["JTRUE(LT(LCL_VAR V02, LCL_VAR V00))"])
        #expect(shapes(c)[3] == ["RETURN(LCL_VAR V01)"])
    }

    @Test func constantsAgreeingOnAllPathsPropagate() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32], locals: [.int32], body: """
            ldarg.0
            brtrue.s A
            ldc.i4.7
            stloc.0
            br.s J
            A: ldc.i4.7
            stloc.0
            J: ldloc.0
            ret
            """), through: .constProp)
        #expect(shapes(c).last == ["RETURN(CNS_INT 7)"])
    }

    @Test func differentConstantsOnTwoPathsDoNot() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32], locals: [.int32], body: """
            ldarg.0
            brtrue.s A
            ldc.i4.7
            stloc.0
            br.s J
            A: ldc.i4.8
            stloc.0
            J: ldloc.0
            ret
            """), through: .constProp)
        #expect(shapes(c).last == ["RETURN(LCL_VAR V01)"])
    }

    @Test func copyPropReplacesCopiesAndDCERemovesThem() throws {
        let spec = TestIL.Spec(name: "F", params: [.int32], locals: [.int32, .int32], body: """
            ldarg.0
            stloc.0
            ldloc.0
            stloc.1
            ldloc.1
            ldloc.0
            add
            ret
            """)
        let cp = try Pipeline.run(spec, through: .copyProp)
        #expect(shapes(cp) == [["STORE_LCL_VAR V01(LCL_VAR V00)", "STORE_LCL_VAR V02(LCL_VAR V00)",
                                "RETURN(ADD(LCL_VAR V00, LCL_VAR V00))"]])
        let dce = try Pipeline.run(spec, through: .deadCode)
        #expect(shapes(dce) == [["RETURN(ADD(LCL_VAR V00, LCL_VAR V00))"]])
    }

    @Test func copyIsKilledByAStoreToItsSource() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32], locals: [.int32], body: """
            ldarg.0
            stloc.0
            ldc.i4.1
            starg.s 0
            ldloc.0
            ret
            """), through: .copyProp)
        #expect(shapes(c)[0].last == "RETURN(LCL_VAR V01)")
    }

    @Test func deadStoreWithCallKeepsTheCall() throws {
        let m = try TestIL.module([
            .init(name: "G", body: "ldc.i4.7\nret"),
            .init(name: "F", locals: [.int32], body: "call G\nstloc.0\nldc.i4.0\nret"),
        ])
        let c = try Pipeline.run(m, "F", through: .deadCode, config: .noInline)
        #expect(shapes(c) == [["CALL", "RETURN(CNS_INT 0)"]])
    }

    @Test func unreachableBlocksAreRemoved() throws {
        let c = try Pipeline.run(.init(name: "F", body: """
            br.s B
            ldc.i4.1
            ret
            B: ldc.i4.2
            ret
            """), through: .deadCode)
        #expect(c.blocks.count == 2)
        #expect(shapes(c) == [[], ["RETURN(CNS_INT 2)"]])
    }

    @Test func switchOnConstantBecomesAJump() throws {
        let c = try Pipeline.run(.init(name: "F", body: """
            ldc.i4.1
            switch (A, B)
            ldc.i4.0
            ret
            A: ldc.i4.1
            ret
            B: ldc.i4.2
            ret
            """), through: .optimizeBranches)
        #expect(shapes(c) == [["RETURN(CNS_INT 2)"]])
    }

    @Test func loopBlocksWeighEight() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32], body: """
            L: ldarg.0
            ldc.i4.1
            sub
            starg.s 0
            ldarg.0
            brtrue.s L
            ldc.i4.0
            ret
            """), through: .optimizeBranches)
        #expect(c.blocks.map(\.weight) == [8, 1])
        let minOpts = try Pipeline.run(.init(name: "F", params: [.int32], body: "L: ldarg.0\nbrtrue.s L\nldc.i4.0\nret"),
                                       through: .rationalize, config: Pipeline.minOpts)
        #expect(minOpts.blocks.map(\.weight) == [1, 1])
    }

    @Test func nestedLoopsWeighSixtyFour() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32, .int32], body: """
            OUTER: ldarg.0
            ldc.i4.1
            sub
            starg.s 0
            INNER: ldarg.1
            ldc.i4.1
            sub
            starg.s 1
            ldarg.1
            brtrue.s INNER
            ldarg.0
            brtrue.s OUTER
            ldc.i4.0
            ret
            """), through: .rationalize)
        #expect(c.blocks.map(\.weight) == [8, 64, 8, 1])
    }
}
