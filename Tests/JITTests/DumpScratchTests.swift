import Testing
@testable import JIT

@Suite struct DumpScratchTests {
    @Test func show() throws {
        let sum = TestIL.Spec(name: "Sum", params: [.int32], locals: [.int32, .int32], body: """
            ldc.i4.0
            stloc.0
            ldc.i4.0
            stloc.1
            br.s COND
            BODY: ldloc.0
            ldloc.1
            add
            stloc.0
            ldloc.1
            ldc.i4.1
            add
            stloc.1
            COND: ldloc.1
            ldarg.0
            blt.s BODY
            ldloc.0
            ret
            """)
        for p in [Phase.importation, .optimizeBranches, .rationalize] {
            print(try Pipeline.dump(sum, after: p))
        }
        let cp = TestIL.Spec(name: "K", params: [.int32], locals: [.int32, .int32], body: """
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
        for p in [Phase.importation, .morph, .constProp, .deadCode, .optimizeBranches, .rationalize] {
            print(try Pipeline.dump(cp, after: p))
        }
    }
}
