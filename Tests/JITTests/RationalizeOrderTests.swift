import IL
import Testing
@testable import JIT

@Suite struct RationalizeOrderTests {
    @Test func nodesAreInPostOrderAndStatementsAreGone() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32, .int32], body: """
            ldarg.0
            ldarg.1
            add
            ldarg.0
            ldc.i4.3
            mul
            sub
            ret
            """), through: .rationalize, config: Pipeline.minOpts)
        let b = c.blocks[0]
        #expect(b.statements.isEmpty)
        #expect(b.lir.map(\.oper.rawValue) == ["LCL_VAR", "LCL_VAR", "ADD", "LCL_VAR", "CNS_INT", "MUL", "SUB", "RETURN"])
        #expect(b.lir.map(\.lclNum).prefix(2) == [0, 1])
    }

    @Test func everyValueHasOneLaterUserInItsBlock() throws {
        let m = try TestIL.module([
            .init(name: "G", params: [.int32], body: "ldarg.0\nret"),
            .init(name: "F", params: [.int32], locals: [.int32], body: """
                ldarg.0
                call G
                ldarg.0
                dup
                add
                add
                stloc.0
                ldloc.0
                brtrue.s T
                ldc.i4.0
                ret
                T: ldloc.0
                call G
                pop
                ldc.i4.1
                ret
                """),
        ])
        let c = try Pipeline.run(m, "F", through: .rationalize, config: .noInline)
        for b in c.blocks {
            for (i, n) in b.lir.enumerated() {
                for op in n.operands {
                    let at = b.lir.firstIndex { $0 === op }
                    #expect(at != nil && at! < i, "operand \(op.id) of \(n.id) must come earlier in \(b.name)")
                }
                if n.isValue && !n.flags.contains(.unusedValue) {
                    let users = b.lir[(i + 1)...].filter { u in u.operands.contains { $0 === n } }
                    #expect(users.count == 1, "value \(n.id) in \(b.name) has \(users.count) users")
                }
            }
        }
        let unused = c.blocks.flatMap(\.lir).filter { $0.flags.contains(.unusedValue) }
        #expect(unused.map(\.oper) == [.call])
    }

    @Test func commaDisappears() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32], body: "ldarg.0\nret"), through: .optimizeBranches)
        let ret = c.blocks[0].statements[0].root
        let value = ret.operands[0]
        let effect = c.node(.call, .int)
        effect.callTarget = nil
        ret.operands[0] = c.node(.comma, .int, [effect, value])
        try Rationalize.run(c)
        #expect(c.blocks[0].lir.map(\.oper) == [.call, .lclVar, .ret])
        #expect(c.blocks[0].lir[0].flags.contains(.unusedValue))
        #expect(c.blocks[0].lir[2].operands[0] === value)
    }

    @Test func refCountsAreComputedUnderMinOpts() throws {
        let c = try Pipeline.run(.init(name: "F", params: [.int32], locals: [.int32], body: "ldarg.0\nstloc.0\nldloc.0\nldloc.0\nadd\nret"),
                                 through: .rationalize, config: Pipeline.minOpts)
        #expect(c.locals.map(\.refCount) == [1, 3])
    }
}
