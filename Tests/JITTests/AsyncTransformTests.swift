import Diagnostics
import Foundation
import IL
import Runtime
import Testing
@testable import JIT

/// The async transformation: LIR shape, entry dispatch, tail awaits, liveness, the calling convention.
@Suite struct AsyncTransformTests {
    static let module = try! ILParser.parse(AsyncCorpus.il, file: "async.il")

    static func compile(_ name: String, _ arch: Arch = .x64, dumps: Set<Phase> = [.async],
                        config: JitConfig = JitConfig()) throws -> CompiledMethod {
        let mc = ModuleCompiler(module: module)
        return try mc.compile(MethodSelector(typeName: "Program", methodName: name), arch: arch, config: config,
                              dumps: dumps, location: .synthetic("test"))
    }

    static func dump(_ name: String) throws -> String { try compile(name).dumps[.async] ?? "" }

    @Test func awaitIsCallTestAndColdSuspension() throws {
        let d = try Self.dump("OneAwait")
        // The hot path: the call, CALL_RESULT2 into a temp, and a test of it.
        #expect(d.contains("CALL_RESULT2 ref"))
        #expect(d.contains("JTRUE"))
        // The cold suspension: allocate, header, return the continuation.
        #expect(d.contains("CALL      ref    CORINFO_HELP_ALLOC_CONTINUATION"))
        #expect(d.contains("0x7FF000200018 ResumeInfo of state 0") || d.contains("ResumeInfo of state 0"))
        let table = d.components(separatedBy: "\n").filter { $0.hasPrefix("BB") && $0.contains("[") && $0.contains("]  ") }
        let coldBlocks = table.filter { $0.contains("     0 [") }
        #expect(coldBlocks.count == 3, "suspension, dispatch and resumption are cold: \(table)")
    }

    @Test(arguments: [("OneAwait", "(always)", 1), ("TwoAwaits", "EQ", 2), ("ThreeAwaits", "SWITCH", 3)])
    func entryDispatchShape(_ method: String, _ marker: String, _ states: Int) throws {
        let d = try Self.dump(method)
        #expect(d.components(separatedBy: "Continuation layout for state").count - 1 == states)
        // The first block tests the continuation argument.
        let lines = d.components(separatedBy: "\n")
        let firstBlock = lines.drop { !$0.hasPrefix("------------ BB01") }.prefix(6).joined(separator: "\n")
        #expect(firstBlock.contains("V") && firstBlock.contains("async continuation arg") && firstBlock.contains("JTRUE"))
        switch states {
        case 1: #expect(!d.contains("SWITCH") && !d.contains(" EQ "))
        case 2: #expect(d.contains(" EQ ") && !d.contains("SWITCH"))
        default: #expect(d.contains("SWITCH"))
        }
        #expect(d.contains(marker))
    }

    @Test func tailAwaitAllocatesNothing() throws {
        let c = try Self.compile("TailAwait")
        #expect(!c.listing.contains("ALLOC_CONTINUATION"))
        #expect(c.dumps[.async]?.contains("Continuation layout") == false)
        // Control: the same await that is not a tail await allocates, and so does the tail await
        // with the knob off.
        #expect(try Self.compile("OneAwait").listing.contains("CORINFO_HELP_ALLOC_CONTINUATION"))
        let off = try JitConfig(parsing: "JitAsyncTailAwait=0", at: .synthetic("test"))
        #expect(try Self.compile("TailAwait", config: off).listing.contains("CORINFO_HELP_ALLOC_CONTINUATION"))
    }

    @Test func onlyLiveValuesAreSaved() throws {
        let d = try Self.dump("Mix")
        let layouts = d.components(separatedBy: "Continuation layout for state").dropFirst()
        #expect(layouts.count == 2)
        let first = layouts.first ?? "", second = layouts.dropFirst().first ?? ""
        let firstSlots = first.components(separatedBy: "\n\n")[0]
        let secondSlots = second.components(separatedBy: "\n\n")[0]
        #expect(firstSlots.contains("loc0 (int)") && firstSlots.contains("loc1 (int)"))
        #expect(!firstSlots.contains("loc2") && !firstSlots.contains("loc3"))
        #expect(secondSlots.contains("loc2 (int)"))
        #expect(!secondSlots.contains("loc0") && !secondSlots.contains("loc1") && !secondSlots.contains("loc3"))
        // Reference order: ExecutionContext, continuation context, result, then locals.
        let order = ["ExecutionContext", "continuation context", "result (int)", "loc0"].map { firstSlots.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(zip(order, order.dropFirst()).allSatisfy { $0! < $1! })
    }

    @Test func flagsEncodeTheSlotIndices() {
        var l = ContinuationLayout(state: 0)
        let ec = l.add(.executionContext, size: 8, what: "ec")
        let r = l.add(.result, size: 8, what: "r")
        #expect(ec == 0x20 && r == 0x28)
        #expect(ContinuationLayout.index(ofOffset: ec) == 1)
        #expect(ContinuationLayout.index(ofOffset: r) << Int64(ContinuationLayout.resultIndexShift) == 0x800)
    }

    @Test(arguments: Arch.allCases)
    func callingConvention(_ arch: Arch) throws {
        let listing = try Self.compile("OneAwait", arch).listing
        switch arch {
        case .x64:
            // The continuation arrives in rdi (a static method: before the IL arguments), x arrives in rsi,
            // a normal return zeroes rcx and the callee's continuation is tested in rcx's copy.
            #expect(listing.contains("xor      ecx, ecx"))
            #expect(listing.contains("test     rdi, rdi"))
            #expect(listing.contains("test     rcx, rcx"))
        case .arm64:
            #expect(listing.contains("mov     x2, xzr"))
            #expect(listing.contains("cbnz    x2, "))
        }
        #expect(listing.contains("RWD00"))
    }

    @Test func thunkSelectorsAndIL() throws {
        let mc = ModuleCompiler(module: Self.module)
        let loc = SourceLocation.synthetic("test")
        let thunk = try mc.compile(try MethodSelector.parse("Program::OneAwait[thunk]", at: loc), arch: .x64,
                                   dumps: [.il], location: loc)
        #expect(thunk.listing.contains("; Assembly listing for method Program:OneAwait(int):System.Threading.Tasks.Task`1[int]"))
        let thunkIL = thunk.dumps[.il] ?? ""
        #expect(thunkIL.contains("// synthesized by the runtime: task-returning thunk"))
        #expect(thunkIL.contains("AsyncCallContinuation()"))
        #expect(thunkIL.contains("FinalizeTaskReturningThunk<int32>()"))
        let task = try mc.compile(try MethodSelector.parse("Program::OneAwait[task]", at: loc), arch: .x64, location: loc)
        #expect(task.listing == thunk.listing)
        let async = try mc.compile(try MethodSelector.parse("Program::OneAwait[async]", at: loc), arch: .x64,
                                   dumps: [.il], location: loc)
        #expect(async.listing.contains("method Program:OneAwait(int):int (FullOpts)"))
        // The async variant is the IL as written: printed, but not marked synthesized.
        let asyncIL = async.dumps[.il] ?? ""
        #expect(asyncIL.contains("cil managed async"))
        #expect(!asyncIL.contains("synthesized"))
        let thunks = try JitConfig(parsing: "JitAsyncVersions=0", at: loc)
        let callable = try mc.compile(try MethodSelector.parse("Program::Ordinary[thunk]", at: loc), arch: .arm64,
                                      config: thunks, dumps: [.il], location: loc)
        #expect(callable.listing.contains("method Program:Ordinary(int):int (FullOpts)"))
        let callableIL = callable.dumps[.il] ?? ""
        #expect(callableIL.contains("// synthesized by the runtime: async callable thunk"))
        #expect(callableIL.contains("cil managed async"))
        #expect(callableIL.contains("TransparentAwait(object)"))
    }

    @Test func selectorErrors() throws {
        let mc = ModuleCompiler(module: Self.module)
        let loc = SourceLocation.synthetic("test")
        let unknown = firstDiagnostic {
            _ = try mc.compile(try MethodSelector.parse("Program::OneAwait[sync]", at: loc), arch: .x64, location: loc)
        }
        #expect(unknown?.message == "unknown method variant '[sync]' (known variants: [async], [task], [thunk])")
        let none = firstDiagnostic {
            _ = try mc.compile(try MethodSelector.parse("Program::Leaf[thunk]", at: loc), arch: .x64, location: loc)
        }
        #expect(none == nil)
    }

    @Test func awaitOfAnOrdinaryMethodCallsItsAsyncCallableThunk() throws {
        let c = try Self.compile("AwaitsOrdinary", dumps: [.importation])
        #expect(c.dumps[.importation]?.contains("Program:Ordinary(int):int") == true)
    }

    @Test func voidAwaitHasNoResultSlot() throws {
        let d = try Self.dump("VoidAwait")
        #expect(d.contains("result (int)"))
        // ResumeInfo's third word: a void method stores no result bytes, an int one 8.
        #expect(try Self.compile("VoidAwait").listing.contains(", 0\n\n; Total bytes of code"))
        #expect(try Self.compile("OneAwait").listing.contains(", 8\n\n; Total bytes of code"))
    }

    @Test(arguments: Arch.allCases)
    func listingsMatchObjdump(_ arch: Arch) throws {
        let mc = ModuleCompiler(module: Self.module)
        let loc = SourceLocation.synthetic("test")
        var selectors = Self.module.allMethods.map { MethodSelector(typeName: "Program", methodName: $0.name) }
        selectors += ["OneAwait", "Ordinary"].map { MethodSelector(typeName: "Program", methodName: $0, variant: "thunk") }
        for sel in selectors {
            let compiled = try mc.compile(sel, arch: arch, location: loc)
            let def = try mc.method(sel, location: loc)
            let h = sel.variant.flatMap { mc.runtime.methodVariant(def, named: $0) } ?? mc.runtime.methodHandle(of: def)
            let address = h.map { mc.runtime.codeAddress(of: $0) } ?? 0
            let problems = try ObjdumpCrossCheck.mismatches(compiled, arch: arch, address: address)
            #expect(problems.isEmpty, "\(sel): \(problems.joined(separator: "\n"))")
        }
    }

    /// The first diagnostic an operation throws, if any.
    func firstDiagnostic(_ body: () throws -> Void) -> Diagnostic? {
        do {
            try body()
            return nil
        } catch {
            return error.diagnostics(defaultLocation: .synthetic("test")).first
        }
    }
}

/// Constant propagation must not see through an address-exposed local: the `resumed` flag of
/// the context phase is 0 at entry but set to 1 by each resumption, which the async phase adds later.
@Suite struct AsyncResumedFlagTests {
    @Test(arguments: ["OneAwait", "TwoAwaits"])
    func restoreOnReturnStillTestsResumed(_ method: String) throws {
        let c = try AsyncTransformTests.compile(method, dumps: [.constProp])
        let lines = (c.dumps[.constProp] ?? "").components(separatedBy: "\n")
        let folded = zip(lines, lines.dropFirst()).filter { $0.0.contains("JTRUE") && $0.1.contains("CNS_INT") }
        #expect(folded.isEmpty, "a branch on the resumed flag was folded: \(folded)")
        #expect(lines.contains { $0.contains("LCL_VAR   int    V") && $0.contains("async resumed") })
    }
}
