import Diagnostics
import IL
import Testing
@testable import JIT

@Suite struct DumpFormatTests {
    static let select = TestIL.Spec(name: "Pick", params: [.int32, .int32], locals: [.int32], body: """
        ldarg.0
        ldarg.1
        bge.un.s ELSE
        ldarg.0
        conv.i8
        conv.i4
        stloc.0
        br.s DONE
        ELSE: ldarg.1
        ldc.i4.1
        add
        stloc.0
        DONE: ldloc.0
        ret
        """)

    @Test func hirGolden() throws {
        let text = try Pipeline.dump(Self.select, after: .importation, config: Pipeline.minOpts)
        #expect(text == #"""
        *************** After Importation
        ------------------------------------------------------------
        BBnum BBid   weight [IL range] [jump]
        ------------------------------------------------------------
        BB01  [0000]      1 [000..004) -> BB03 (cond)
        BB02  [0001]      1 [004..00A) -> BB04 (always)
        BB03  [0002]      1 [00A..00E)
        BB04  [0003]      1 [00E..010) (return)
        ------------------------------------------------------------

        Locals:
        V00 arg0 int
        V01 arg1 int
        V02 loc0 int

        ------------ BB01 [000..004) -> BB03 (cond)
        STMT00000 (IL 0x000...0x002)
        [000003] *  JTRUE     void
        [000002] \--*  GE        int    (uns)
        [000000]    +--*  LCL_VAR   int    V00 arg0
        [000001]    \--*  LCL_VAR   int    V01 arg1

        ------------ BB02 [004..00A) -> BB04 (always)
        STMT00001 (IL 0x004...0x007)
        [000007] *  STORE_LCL_VAR int    V02 loc0
        [000006] \--*  CAST      int <- long
        [000005]    \--*  CAST      long <- int
        [000004]       \--*  LCL_VAR   int    V00 arg0

        ------------ BB03 [00A..00E)
        STMT00002 (IL 0x00A...0x00D)
        [000011] *  STORE_LCL_VAR int    V02 loc0
        [000010] \--*  ADD       int
        [000008]    +--*  LCL_VAR   int    V01 arg1
        [000009]    \--*  CNS_INT   int    1

        ------------ BB04 [00E..010) (return)
        STMT00003 (IL 0x00E...0x00F)
        [000013] *  RETURN    int
        [000012] \--*  LCL_VAR   int    V02 loc0

        """#)
    }

    @Test func lirGoldenWithRegistersAndStackHomes() throws {
        let c = try Pipeline.run(Self.select, through: .rationalize)
        c.locals[0].reg = 7
        c.locals[2].stackOffset = -8
        let ret = c.blocks.last!.lir.last!
        ret.operands[0].reg = 0
        ret.operands[0].flags.insert(.contained)
        let text = IRDumper.dump(c, after: .rationalize)
        #expect(text == #"""
        *************** After Rationalize IR
        ------------------------------------------------------------
        BBnum BBid   weight [IL range] [jump]
        ------------------------------------------------------------
        BB01  [0000]      1 [000..004) -> BB03 (cond)
        BB02  [0001]      1 [004..00A) -> BB04 (always)
        BB03  [0002]      1 [00A..00E)
        BB04  [0003]      1 [00E..010) (return)
        ------------------------------------------------------------

        Locals:
        V00 arg0 int    -> rdi
        V01 arg1 int
        V02 loc0 int    -> [rbp-0x08]

        ------------ BB01 [000..004) -> BB03 (cond)
        N001 [000000] t0 = LCL_VAR   int    V00 arg0
        N002 [000001] t1 = LCL_VAR   int    V01 arg1
        N003 [000002] t2 = GE        int    t0, t1 (uns)
        N004 [000003]      JTRUE     void   t2

        ------------ BB02 [004..00A) -> BB04 (always)
        N005 [000004] t4 = LCL_VAR   int    V00 arg0
        N006 [000007]      STORE_LCL_VAR int    V02 loc0, t4

        ------------ BB03 [00A..00E)
        N007 [000008] t8 =  LCL_VAR   int    V01 arg1
        N008 [000009] t9 =  CNS_INT   int    1
        N009 [000010] t10 = ADD       int    t8, t9
        N010 [000011]       STORE_LCL_VAR int    V02 loc0, t10

        ------------ BB04 [00E..010) (return)
        N011 [000012] t12 = LCL_VAR   int    V02 loc0 (contained) REG rax
        N012 [000013]       RETURN    int    t12

        """#)
    }

    @Test func callsShowTheCalleeAndDumpsAreDeterministic() throws {
        let source = """
            .assembly Test {}
            .class public Program extends [mscorlib]System.Object {
              .method public static int32 Twice(int32 x) cil managed {
                ldarg.0
                ldc.i4.2
                mul
                ret
              }
              .method public static int32 Main() cil managed {
                .entrypoint
                ldc.i4.s 21
                call int32 Program::Twice(int32)
                ret
              }
            }
            """
        let module = try ILParser.parse(source, file: "calls.il")
        let first = IRDumper.dump(try Pipeline.run(module, "Main", through: .morph, config: .noInline), after: .morph)
        let second = IRDumper.dump(try Pipeline.run(module, "Main", through: .morph, config: .noInline), after: .morph)
        #expect(first == second)
        #expect(first.contains("""
            [000002] *  RETURN    int
            [000001] \\--*  CALL      int    Program:Twice(int):int
            [000000]    \\--*  CNS_INT   int    21
            """))
    }

    @Test(arguments: [(1.0, "1"), (8.0, "8"), (64.0, "64"), (0.5, "0.50"), (2.25, "2.25")])
    func weights(_ w: Double, _ text: String) {
        #expect(IRDumper.formatWeight(w) == text)
    }

    @Test func noTrailingSpaces() throws {
        let text = try Pipeline.dump(Self.select, after: .rationalize)
        #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") })
    }
}
