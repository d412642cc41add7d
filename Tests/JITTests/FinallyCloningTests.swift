import Diagnostics
import Foundation
import IL
import Runtime
import Testing
@testable import JIT

/// Protected regions in the importer. Without records (`recordsEnabled: false`, the shape only
/// tests ask for): finally handlers cloned into every normal exit of their `.try` block, catch and
/// fault handlers left out (and said so). Handler records (every method, async ones too): push/pop
/// markers on the `.try`'s entries and exits, one landing pad per region, catch handlers entered
/// from it; an await inside a `.try` unlinks its records on suspension and links them on resumption.
@Suite struct FinallyCloningTests {
    static func inClass(_ methods: String) -> String {
        ".assembly f {}\n.class public auto ansi P extends [mscorlib]System.Object\n{\n\(methods)\n}\n"
    }

    /// The lowered body, one `opcode[ ->target]` per instruction, and the notes.
    static func lowered(_ body: String, returns: String = "int32", records: Bool = false) throws -> (code: [String], notes: [String]) {
        let text = inClass(".method public static \(returns) M(int32 a) cil managed {\n\(body)\n}")
        let module = try ILParser.parse(text, file: "f.il")
        try ILVerifier.verify(module)
        let m = try #require(module.types.first?.methods.first)
        let r = try FinallyCloning.lower(m, recordsEnabled: records)
        let code = r.body.enumerated().map { i, ins -> String in
            if let marker = r.markers[i] {
                switch marker {
                case .push(let region): return "push R\(region)"
                case .pop(let region): return "pop R\(region)"
                case .exception(let region): return "ex R\(region)"
                }
            }
            if case .target(let t) = ins.operand { return "\(ins.opcode.rawValue) ->\(t)" }
            if case .int(let v) = ins.operand { return "\(ins.opcode.rawValue) \(v)" }
            return ins.opcode.rawValue
        }
        return (code, r.notes)
    }

    @Test func nestedFinalliesRunInnermostFirst() throws {
        let r = try Self.lowered("""
          .try {
            .try { ldc.i4.1 pop leave.s DONE } finally { ldc.i4.2 pop endfinally }
          } finally { ldc.i4.3 pop endfinally }
        DONE: ldc.i4.0 ret
        """)
        #expect(r.code == [
            "ldc.i4.1", "pop", "leave.s ->3",        // leave: empty the stack, then the copies
            "ldc.i4.2", "pop", "leave ->6",          // inner finally, endfinally -> next step
            "ldc.i4.3", "pop", "leave ->9",          // outer finally
            "br ->10",                               // on to the leave's target
            "ldc.i4.0", "ret",
        ])
    }

    @Test func eachLeaveTargetGetsItsOwnCopy() throws {
        let r = try Self.lowered("""
          .try {
            ldarg.0 brtrue.s ONE
            leave.s ZERO
          ONE: leave.s ONEOUT
          } finally { ldc.i4.7 pop endfinally }
        ZERO: ldc.i4.0 ret
        ONEOUT: ldc.i4.1 ret
        """)
        #expect(r.code == [
            "ldarg.0", "brtrue.s ->7",
            "leave.s ->3", "ldc.i4.7", "pop", "leave ->6", "br ->12",   // to ZERO
            "leave.s ->8", "ldc.i4.7", "pop", "leave ->11", "br ->14",  // to ONEOUT
            "ldc.i4.0", "ret", "ldc.i4.1", "ret",
        ])
        #expect(r.notes == ["no records: finally handler IL_0007..IL_000a cloned into the exits of its try block"])
    }

    @Test func retThroughAFinallyKeepsTheValue() throws {
        let r = try Self.lowered("""
          .try {
            .try { ldarg.0 ret } finally { ldc.i4.2 pop endfinally }
          } finally { ldc.i4.3 pop endfinally }
        """)
        // The return value stays on the stack: endfinally becomes a plain branch, then `ret`.
        #expect(r.code == ["ldarg.0", "ldc.i4.2", "pop", "br ->4", "ldc.i4.3", "pop", "br ->7", "ret"])
    }

    @Test func catchAndFaultAreLeftOutAndNoted() throws {
        let r = try Self.lowered("""
          .try {
            .try { ldc.i4.s 100 ret } fault { endfinally }
          } catch [mscorlib]System.Exception { pop ldc.i4.s 101 ret }
        """)
        #expect(r.code == ["ldc.i4.s 100", "ret"])
        #expect(r.notes == [
            "no records: fault handler IL_0003..IL_0004 not imported",
            "no records: catch class [mscorlib]System.Exception handler IL_0004..IL_0008 not imported",
        ])
    }

    @Test func leaveInsideAFinallyClonesItsNestedFinally() throws {
        let r = try Self.lowered("""
          .try { leave.s DONE } finally {
            .try { leave.s IN } finally { ldc.i4.5 pop endfinally }
          IN: endfinally
          }
        DONE: ldc.i4.0 ret
        """)
        #expect(r.code == [
            "leave.s ->1",
            "leave.s ->2", "ldc.i4.5", "pop", "leave ->5", "br ->6", // the finally's own leave, its nested finally
            "leave ->7",                                             // the outer finally's endfinally
            "br ->8", "ldc.i4.0", "ret",
        ])
    }

    static let program = """
    .assembly extern System.Runtime {}
    .assembly f {}
    .class public auto ansi P extends [System.Runtime]System.Object
    {
      .method public static int32 Main() cil managed {
        .locals init (int32 r)
        .try {
          .try { ldc.i4.1 stloc.0 leave.s DONE } finally { ldloc.0 ldc.i4.2 mul stloc.0 endfinally }
        } catch [System.Runtime]System.Exception { pop ldc.i4.m1 stloc.0 leave.s DONE }
      DONE: ldloc.0 ret
      }
      .method public static class [System.Runtime]System.Threading.Tasks.Task`1<int32> Plain() cil managed async {
        .locals init (int32 r)
        call class [System.Runtime]System.Threading.Tasks.Task`1<int32> P::Plain()
        call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)
        stloc.0
        ldloc.0 ldc.i4.1 add stloc.0
        ldloc.0 ret
      }
      .method public static class [System.Runtime]System.Threading.Tasks.Task`1<int32> InTry() cil managed async {
        .locals init (int32 r)
        .try {
          call class [System.Runtime]System.Threading.Tasks.Task`1<int32> P::InTry()
          call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)
          stloc.0
          leave.s DONE
        } finally { ldloc.0 ldc.i4.1 add stloc.0 endfinally }
      DONE: ldloc.0 ret
      }
      .method public static class [System.Runtime]System.Threading.Tasks.Task`1<int32> InEmptyFinally() cil managed async {
        .locals init (int32 r)
        .try {
          call class [System.Runtime]System.Threading.Tasks.Task`1<int32> P::InEmptyFinally()
          call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)
          stloc.0
          leave.s DONE
        } finally { endfinally }
      DONE: ldloc.0 ret
      }
    }
    """

    static func compile(_ name: String, dumps: Set<Phase>) throws -> CompiledMethod {
        let module = try ILParser.parse(program, file: "f.il")
        return try ModuleCompiler(module: module).compile(MethodSelector(typeName: "P", methodName: name), arch: .x64,
                                                          dumps: dumps, location: .synthetic("test"))
    }

    @Test func importDumpSaysWhichHandlersWereLeftOut() throws {
        let d = try Self.compile("Main", dumps: [.importation]).dumps[.importation] ?? ""
        let notes = d.components(separatedBy: "\n").filter { $0.hasPrefix("EH:") }
        #expect(notes == [
            "EH: finally handler IL_0004..IL_0009 cloned into the exits and the landing pad of its try block",
            "EH: catch class [System.Runtime]System.Exception handler IL_0009..IL_000e entered from the landing pad of its try block",
        ])
        #expect(d.contains("CNS_INT   int    -1"), "the catch handler's code is imported")
        #expect(d.contains("CORINFO_HELP_EH_PUSH") && d.contains("CORINFO_HELP_EH_POP"))
        #expect(d.contains("MUL"), "the finally's code is")
    }

    /// The same await with and without a try/finally around it (the finally doing the `+ 1`).
    /// Inside the `.try` the continuation gets an exception slot (flags bits 7-9 say where) and
    /// keeps `r`, which the finally's landing pad reads; the suspension unlinks the record, the
    /// resumption links it again (a second return of that push goes to the pad) and rethrows what
    /// the dispatcher stored, before it reloads the result.
    @Test func anAwaitInATryUnlinksAndRelinksItsRecord() throws {
        let plain = try Self.compile("Plain", dumps: [.async]).dumps[.async] ?? ""
        let inTry = try Self.compile("InTry", dumps: [.async]).dumps[.async] ?? ""
        func layouts(_ d: String) -> [String] {
            d.components(separatedBy: "Continuation layout for state").dropFirst().map { $0.components(separatedBy: "\n\n")[0] }
        }
        #expect(layouts(plain).count == 1)
        #expect(layouts(inTry) == ["""
         0 (await of P:InTry():int), 72 bytes, flags 0x11C8:
          +0x00  8  MethodTable (System.Runtime.CompilerServices.Continuation)
          +0x08  8  Next
          +0x10  8  ResumeInfo
          +0x18  4  Flags
          +0x1C  4  State
          +0x20  8  ExecutionContext
          +0x28  8  continuation context (SynchronizationContext)
          +0x30  8  exception
          +0x38  8  result (int)
          +0x40  8  V00 loc0 (int)
        """])
        // 0x11C8: ExecutionContext in slot 1, continuation context in 2, exception in 3 (3 << 7), result in 4.
        let flags: Int = (1 << 3) + (2 << 5) + (3 << 7) + (4 << 10)
        #expect(flags == 0x11C8)
        #expect(!layouts(plain)[0].contains("exception"))
        func lines(_ d: String, _ helper: String) -> Int {
            d.components(separatedBy: "\n").filter { $0.hasPrefix("N") && $0.contains("CALL") && $0.contains(helper) }.count
        }
        // Pushes: the try's entry and the resumption. Pops: the leave and the suspension. Throws:
        // the pad's throw-on and the resumption's rethrow.
        #expect(lines(inTry, "CORINFO_HELP_EH_PUSH") == 2)
        #expect(lines(inTry, "CORINFO_HELP_EH_POP") == 2)
        #expect(lines(inTry, "CORINFO_HELP_THROW") == 2)
        #expect(lines(plain, "CORINFO_HELP_EH_") == 0)
        // The resumption's push branches to the same pad as the entry's: the entry's push is the try's
        // first block ([000..005)); the resumption's is a cold block of no IL range.
        let table = inTry.components(separatedBy: "\n").filter { $0.hasPrefix("BB") && $0.hasSuffix("(cond)") }
        func firstTarget(_ row: String) -> String? {
            row.components(separatedBy: "-> ").last?.components(separatedBy: CharacterSet(charactersIn: ", ")).first
        }
        let entryPad = table.first { $0.contains("1 [000..005) -> ") }.flatMap(firstTarget)
        #expect(entryPad != nil, "\(table)")
        let resumptionTargets = table.filter { $0.contains("0 [000..000) -> ") }.compactMap(firstTarget)
        #expect(resumptionTargets.contains { $0 == entryPad }, "\(table)")
        // The pad ends in the throw-on.
        #expect(inTry.components(separatedBy: "\n").contains { $0.hasPrefix("\(entryPad ?? "?")  ") && $0.hasSuffix("(throw)") })
    }

    /// An empty finally's landing pad only jumps on to the throw-on, so branch optimization removes it
    /// and moves the jumps to it. The resumption's push, which the async transformation adds later,
    /// must branch to the same block as the entry's (fuzz seed 203, input 759658: its label had no address).
    @Test(arguments: Arch.allCases) func aPadRemovedByBranchOptimizationMovesTheResumptionToo(arch: Arch) throws {
        let module = try ILParser.parse(Self.program, file: "f.il")
        let m = try ModuleCompiler(module: module).compile(MethodSelector(typeName: "P", methodName: "InEmptyFinally"),
                                                           arch: arch, dumps: [.optimizeBranches, .async],
                                                           location: .synthetic("test"))
        let d = m.dumps[.async] ?? ""
        let table = d.components(separatedBy: "\n").filter { $0.hasPrefix("BB") && $0.hasSuffix("(cond)") }
        func firstTarget(_ row: String) -> String? {
            row.components(separatedBy: "-> ").last?.components(separatedBy: CharacterSet(charactersIn: ", ")).first
        }
        // The entry's push ends the first block with IL (the try's start); after branch optimization its
        // pad is the throw-on block itself.
        let entryPad = table.first { $0.contains("1 [000..") && !$0.contains("[000..000)") }.flatMap(firstTarget)
        #expect(entryPad != nil, "\(table)")
        #expect(d.components(separatedBy: "\n").contains { $0.hasPrefix("\(entryPad ?? "?")  ") && $0.hasSuffix("(throw)") })
        let resumptionTargets = table.filter { $0.contains("0 [000..000) -> ") }.compactMap(firstTarget)
        #expect(resumptionTargets.contains { $0 == entryPad }, "\(table)")
        #expect(!m.code.isEmpty)
    }

    // MARK: handler records

    @Test func tryCatchLinksOnEntryUnlinksOnLeaveAndTestsTheCatchTypeInThePad() throws {
        let r = try Self.lowered("""
          .try { ldc.i4.1 pop leave.s DONE }
          catch [mscorlib]System.Exception { pop leave.s DONE }
        DONE: ldc.i4.0 ret
        """, records: true)
        #expect(r.code == [
            "push R0", "brtrue ->9",                       // entry: link; resumed with the exception -> pad
            "ldc.i4.1", "pop", "leave.s ->5", "pop R0", "br ->7",
            "ldc.i4.0", "ret",
            "ex R0", "isinst", "brtrue ->14",              // the pad: the catch type test
            "ex R0", "throw",                              // no match: throw on to the next record
            "ex R0", "pop", "leave.s ->7",                 // the catch handler, entered with the exception
        ], "\(r.code)")
    }

    @Test func aBranchFromInsideTheTryToItsStartDoesNotLinkAgain() throws {
        let r = try Self.lowered("""
          .try {
          TOP: ldarg.0 brtrue.s TOP
            leave.s DONE
          } finally { endfinally }
        DONE: ldc.i4.0 ret
        """, records: true)
        #expect(r.code.prefix(4) == ["push R0", "brtrue ->10", "ldarg.0", "brtrue.s ->2"], "\(r.code)")
    }

    @Test func aBranchFromOutsideEntersThroughTheLink() throws {
        let r = try Self.lowered("""
          br.s IN
        IN: .try { leave.s DONE } fault { endfinally }
        DONE: ldc.i4.0 ret
        """, records: true)
        #expect(r.code.first == "br.s ->1")
        #expect(r.code[1] == "push R0")
    }

    @Test func faultAndFinallyRunInThePadThenThrowOn() throws {
        let r = try Self.lowered("""
          .try { leave.s DONE } fault { ldc.i4.5 pop endfinally }
        DONE: ldc.i4.0 ret
        """, records: true)
        // Normal exit: only the unlink (a fault does not run); pad: the fault's copy, then throw.
        #expect(r.code == ["push R0", "brtrue ->7", "leave.s ->3", "pop R0", "br ->5", "ldc.i4.0", "ret",
                           "ldc.i4.5", "pop", "leave ->10", "ex R0", "throw"], "\(r.code)")
    }

    @Test func rethrowThrowsTheCaughtObjectAgain() throws {
        let r = try Self.lowered("""
          .try { leave.s DONE } catch [mscorlib]System.Exception { pop rethrow }
        DONE: ldc.i4.0 ret
        """, records: true)
        #expect(r.code.suffix(4) == ["ex R0", "pop", "ex R0", "throw"], "\(r.code)")
    }

    @Test func catchAndFinallyOnOneTryAreRejected() throws {
        let text = Self.inClass(".method public static int32 M() cil managed {\n.try { leave.s D } catch [mscorlib]System.Exception { pop leave.s D } finally { endfinally }\nD: ldc.i4.0 ret\n}")
        let module = try ILParser.parse(text, file: "f.il")
        let m = try #require(module.types.first?.methods.first)
        #expect(throws: Diagnostic.self) { try FinallyCloning.lower(m) }
    }
}
