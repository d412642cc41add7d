import Testing
import Diagnostics
@testable import IL

/// `.try` blocks in both syntaxes real tools print, and the verifier's rules for regions.
@Suite("Exception regions: parser and verifier")
struct ExceptionRegionTests {
    func method(_ text: String) throws -> MethodDef {
        let m = try ILParser.parse(inClass(text), file: "e.il")
        return try #require(m.types.first?.methods.first)
    }

    func errors(_ methods: String) -> [String] { verifyErrors(inClass(methods)) }

    static let structured = """
    .method static int32 M() cil managed {
      .locals init (int32 r)
      .try {
        .try {
          ldc.i4.1 stloc.0
          leave.s DONE
        } finally {
          ldloc.0 ldc.i4.1 add stloc.0
          endfinally
        }
      } catch [mscorlib]System.Exception {
        pop
        leave.s DONE
      } fault {
        endfinally
      }
    DONE:
      ldloc.0 ret
    }
    """

    static let ranges = """
    .method static int32 M() cil managed {
      .locals init (int32 r)
      IL_0: ldc.i4.1 stloc.0
      IL_2: leave.s DONE
      IL_4: ldloc.0 ldc.i4.1 add stloc.0
      IL_8: endfinally
      IL_9: pop
      IL_a: leave.s DONE
      IL_c: endfinally
    DONE:
      ldloc.0 ret
      .try IL_0 to IL_4 finally handler IL_4 to IL_9
      .try IL_0 to IL_9 catch [mscorlib]System.Exception handler IL_9 to IL_c
      .try IL_0 to IL_9 fault handler IL_c to DONE
    }
    """

    @Test func bothSyntaxesGiveTheSameClauses() throws {
        let a = try method(Self.structured), b = try method(Self.ranges)
        let exception = TypeSig.class(TypeName(assembly: "mscorlib", namespace: "System", name: "Exception"))
        let expected = [
            ExceptionClause(kind: .finally, tryStart: 0, tryEnd: 3, handlerStart: 3, handlerEnd: 8),
            ExceptionClause(kind: .catch(exception), tryStart: 0, tryEnd: 8, handlerStart: 8, handlerEnd: 10),
            ExceptionClause(kind: .fault, tryStart: 0, tryEnd: 8, handlerStart: 10, handlerEnd: 11),
        ]
        #expect(a.exceptionClauses == expected)
        #expect(b.exceptionClauses == expected)
        #expect(a.body.map(\.opcode) == b.body.map(\.opcode))
        #expect(errors(Self.structured) == [])
        #expect(errors(Self.ranges) == [])
    }

    @Test func filterInBothSyntaxes() throws {
        let scoped = try method("""
        .method static void M() cil managed {
          .try { leave.s E } filter { pop ldc.i4.1 endfilter } { pop leave.s E }
        E: ret
        }
        """)
        let ranges = try method("""
        .method static void M() cil managed {
          T: leave.s E
          F: pop ldc.i4.1 endfilter
          H: pop leave.s E
        E: ret
          .try T to F filter F handler H to E
        }
        """)
        let expected = [ExceptionClause(kind: .filter(1), tryStart: 0, tryEnd: 1, handlerStart: 4, handlerEnd: 6)]
        #expect(scoped.exceptionClauses == expected)
        #expect(ranges.exceptionClauses == expected)
        #expect(expected[0].filterRange == 1..<4)
        #expect(errors("""
        .method static void M() cil managed {
          .try { leave.s E } filter { pop ldc.i4.1 endfilter } { pop leave.s E }
        E: ret
        }
        """) == [])
    }

    @Test func filterRules() {
        // The filter must leave an int32 for endfilter; endfilter belongs to filter blocks; nothing
        // branches into a filter block from outside it.
        #expect(errors("""
        .method static void M(int32 a) cil managed {
          ldarg.0 brtrue.s F
          .try { leave.s E } filter { F: endfilter } { pop leave.s E }
        E: endfilter
        }
        """) == ["t.il:5:34: error: type mismatch: 'endfilter' cannot take O",
                 "t.il:4:11: error: branch into a filter block from outside it",
                 "t.il:5:34: error: stack depth mismatch at 'F': 1 on one path, 0 on another",
                 "t.il:6:4: error: 'endfilter' outside a filter block",
                 "t.il:6:4: error: stack underflow: 'endfilter' needs 1 value, the stack has 0"])
    }

    @Test func printedFilterClause() throws {
        let m = try method("""
        .method static void M() cil managed {
          .try { leave.s E } filter { pop ldc.i4.1 endfilter } { pop leave.s E }
        E: ret
        }
        """)
        #expect(ILPrinter.text(of: m).contains("// .try IL_0000 to IL_0002 filter IL_0002 handler IL_0006 to IL_0009"))
    }

    @Test func rangeFormWithUndefinedLabel() {
        #expect(parseErrors(inClass("""
        .method static void M() cil managed {
          A: leave.s E
          B: endfinally
          E: ret
          .try A to B finally handler B to NOPE
        }
        """), file: "f.il") == ["f.il:7:36: error: undefined label 'NOPE'"])
    }

    @Test func catchHandlerStartsWithTheExceptionObject() {
        // The handler stores the exception into an object local (fine) and then into an int32 (not).
        #expect(errors("""
        .method static void M() cil managed {
          .locals init (object o, int32 i)
          .try { leave.s E } catch [mscorlib]System.Exception { dup stloc.0 stloc.1 leave.s E }
        E: ret
        }
        """) == ["t.il:5:69: error: type mismatch: 'stloc.1' stores O into local 1 of type int32"])
    }

    @Test func leaveEmptiesTheStackAndRetInsideTryIsAccepted() {
        #expect(errors("""
        .method static int32 M() cil managed {
          .try { ldc.i4.1 ldc.i4.2 leave.s E } finally { endfinally }
        E: .try { ldc.i4.s 100 ret } catch [mscorlib]System.Exception { pop ldc.i4.s 101 ret }
        }
        """) == [])
    }

    @Test func finallyStartsEmpty() {
        #expect(errors("""
        .method static void M() cil managed {
          .try { leave.s E } finally { pop endfinally }
        E: ret
        }
        """) == ["t.il:4:32: error: stack underflow: 'pop' needs 1 value, the stack has 0"])
    }

    @Test func endfinallyOutsideAFinally() {
        #expect(errors("""
        .method static void M() cil managed {
          .try { endfinally } catch [mscorlib]System.Exception { pop endfinally }
          ret
        }
        """) == ["t.il:4:10: error: 'endfinally' outside a finally or fault handler",
                 "t.il:4:62: error: 'endfinally' outside a finally or fault handler"])
    }

    @Test func retInsideAFinally() {
        #expect(errors("""
        .method static void M() cil managed {
          .try { leave.s E } finally { ret }
        E: ret
        }
        """) == ["t.il:4:32: error: 'ret' inside a finally or fault handler; use 'endfinally'"])
    }

    @Test func branchesIntoRegionsFromOutside() {
        #expect(errors("""
        .method static void M(int32 a) cil managed {
          ldarg.0 brtrue.s IN
          ldarg.0 brfalse.s H
          .try { nop IN: leave.s E } finally { H: endfinally }
        E: ret
        }
        """) == ["t.il:4:11: error: branch into a '.try' block from outside it (only its first instruction can be a target)",
                 "t.il:5:11: error: branch into a handler from outside it"])
    }

    @Test func fallingIntoAHandler() {
        #expect(errors("""
        .method static void M() cil managed {
          .try { nop } finally { endfinally }
          ret
        }
        """) == ["t.il:4:10: error: control falls into a handler from outside it"])
    }

    @Test func badClauseRange() {
        #expect(errors("""
        .method static void M() cil managed {
          A: nop
          B: ret
          .try A to B finally handler A to B
        }
        """) == ["t.il:3:1: error: exception clause of method 'M' has an empty, overlapping or out-of-range block"])
    }
}
