import IL

/// The inlining phase: callees' IL imported in place of their calls (RyuJIT's fgInline).
///
/// ```text
///  for each CALL in layout order (including the calls of bodies inlined before it):
///     `tail.` prefixed?     -- yes -->  not a candidate (explicit tail prefix; morph makes it a jump)
///     callee IL available?  -- no -->  not a candidate (runtime helper)
///     InlinePolicy.decide   -- fail -> "Inlining [id] failed: reason"
///     InlineExpansion       -- import the callee, splice it in, "Successfully inlined ..."
/// ```
///
/// Calls of an inlined body are looked at in turn with a deeper inline context, so
/// nested inlining, the depth limit and recursion checks all follow from the chain.
/// Every decision is written to the phase's notes, printed before the `inline` dump (their text is
/// built only when some phase is dumped).
/// Does nothing under MinOpts or with `JitNoInline=1`, as in RyuJIT.
///
/// Runtime async (seed 000): of the callees with the async calling convention the runtime
/// async callable thunks are inlined (`JitInlineAsyncThunks`, into async methods;
/// InlineAsync.swift); an `async` method's own IL is refused ("is async") unless
/// `JitInlineAsyncMethods` is 1 and it has no awaits (seed 002's special case) or 2 (general
/// async inlining: the inlinee becomes a logical frame, InlinedAsyncFrame).

enum Inliner {
    static func run(_ c: Compiler) throws {
        guard c.optimizing, !c.config.isOn("JitNoInline") else { return }
        let root = InlineContext(root: c.method)
        let budget = c.config["JitInlineBudget"] * max(c.method.ilSize, InlinePolicy.minBudgetBase)
        var used = 0, candidates = 0, inlined = 0
        var notes = NoteLog(keeping: c.keepsNotes)
        var considered = NodeSet(c)
        var contexts: [Int: InlineContext] = [:]

        // Where the search for the next call starts: the block and statement of the previous one (an
        // expansion keeps the statements before the call's, rewrites the rest of its block and adds
        // blocks after it, so the statements before hold no new calls).
        var resume = (block: 0, statement: 0)
        // The weights (`inLoop`) are computed when the first call is found: a method without calls needs none.
        var weighed = false
        // Set once an expansion may have changed the flow graph (and with it the weights).
        var expanded = false
        while let (block, stmt, call) = nextCall(c, skipping: considered, from: &resume) {
            if !weighed {
                BlockWeights.compute(c)
                weighed = true
            }
            considered.insert(call.id)
            guard let original = call.callTarget else { continue }
            let id = notes.keeping ? "[\(HIRDump.id(call))]" : ""
            if call.flags.contains(.notInlineCandidate) {
                notes.add("Not inline candidate \(id) \(original.displayName): inlined async frame's return code")
                continue
            }
            if case .vtable = original.dispatch {
                if let note = Devirtualizer.devirtualize(call, c) {
                    notes.add(note)
                } else if original.isExplicitTailCall {
                    notes.add("Not inline candidate \(id) \(original.displayName): explicit tail prefix")
                    continue
                } else {
                    expanded = true
                    let note = guardedDevirtualization(InlineSite(block: block, statement: stmt, call: call,
                                                                  context: contexts[call.id] ?? root),
                                                       c, contexts: &contexts, considered: &considered)
                    notes.add(note)
                    continue
                }
            }
            // RyuJIT keeps a `tail.` call a call (CALLSITE_EXPLICIT_TAIL_PREFIX): morph makes it a jump.
            if let t = call.callTarget, t.isExplicitTailCall {
                notes.add("Not inline candidate \(id) \(t.displayName): explicit tail prefix")
                continue
            }
            guard let target = call.callTarget, target.dispatch == .cell else {
                notes.add("Not inline candidate \(id) \(call.callTarget?.displayName ?? "?"): indirect call")
                continue
            }
            let callee = target.helperID == nil
                ? target.methodHandle.flatMap { c.runtime.definition(of: $0) } ?? c.runtime.definition(of: target) : nil
            guard let callee, !callee.body.isEmpty else {
                notes.add("Not inline candidate \(id) \(target.displayName): no IL (runtime helper)")
                continue
            }
            candidates += 1
            notes.add("Inline candidate \(id) \(target.displayName)")
            let context = contexts[call.id] ?? root
            let info = target.methodHandle.map { c.runtime.methodInfo($0) }
            let isAsync = info?.attribs.contains(.asyncVariant) ?? false
            // An async variant's hidden continuation argument is not an argument of its IL.
            let arguments = isAsync ? call.operands.count - 1 : call.operands.count
            var site = InlinePolicy.Site(callee: callee, context: context, inLoop: block.weight > 1,
                                         constantArguments: call.operands.filter { $0.oper == .cnsInt }.count - (isAsync ? 1 : 0),
                                         argumentCount: arguments)
            site.async = !isAsync ? .none : (info?.isAsyncCallableThunk ?? false) ? .callableThunk : .asyncMethod
            if site.async == .callableThunk, let h = target.methodHandle,
               AsyncVersion.decide(h, runtime: c.runtime, config: c.config)?.source != nil {
                site.async = .asyncVersion
            }
            site.rootIsAsync = c.async.isAsync
            site.inlineAsyncThunks = c.config.isOn("JitInlineAsyncThunks")
            site.inlineAsyncMethods = c.config.isOn("JitInlineAsyncMethods")
            let outcome = InlinePolicy.decide(site, budgetUsed: used, budget: budget)
            guard outcome.succeeded else {
                notes.add("Inlining \(id) failed: \(outcome.reason)")
                continue
            }
            expanded = true
            do {
                let ic = try InlineExpansion.importInlinee(callee, handle: target.methodHandle, for: c)
                let frames = c.async.inlinedFrames.count
                let inlineSite = InlineSite(block: block, statement: stmt, call: call, context: context)
                let awaited = try InlineAsync.prepare(inlineSite, inlinee: ic, into: c)
                if site.async == .asyncMethod {
                    try InlineAsync.prepareMethod(ic, await: awaited, general: c.config["JitInlineAsyncMethods"] >= 2)
                }
                let inner = InlineContext(inlinee: callee, in: context)
                let calls = try InlineExpansion.expand(inlineSite, inlinee: ic, awaited: awaited, into: c)
                for n in calls { contexts[n.id] = inner }
                // The thunk is the runtime's plumbing, not code of the program: what it brings in
                // (the callee it wraps, IsCompleted, Result) is charged, its own IL is not (model choice).
                if site.async != .callableThunk { used += callee.ilSize }
                inlined += 1
                notes.add("Successfully inlined \(target.displayName) (\(callee.ilSize) IL bytes) (depth \(inner.depth)) [\(outcome.reason)]")
                if frames < c.async.inlinedFrames.count, let f = c.async.inlinedFrames.last { notes.add(f.dumpLine(c)) }
            } catch let failure as InlineFailure {
                notes.add("Inlining \(id) failed: \(failure.reason)")
            }
        }
        if candidates > 0 {
            notes.add("Inlined \(inlined) of \(candidates) candidate\(candidates == 1 ? "" : "s"), \(used) of \(budget) IL bytes of budget")
        }
        c.phaseNotes[.inlining, default: []] += notes.lines
        c.renumberBlocks()
        // The weights from the first call still hold when no expansion touched the flow graph.
        if !weighed || expanded { BlockWeights.compute(c) }
    }

    /// Expands a virtual call the class profile has a likely class for (GDV); returns the dump note.
    private static func guardedDevirtualization(_ site: InlineSite, _ c: Compiler, contexts: inout [Int: InlineContext],
                                                considered: inout NodeSet) -> String {
        let call = site.call
        let id = "[\(HIRDump.id(call))]"
        let name = call.callTarget?.displayName ?? "?"
        guard c.config.isOn("JitEnableGuardedDevirtualization") else {
            return "Not inline candidate \(id) \(name): virtual call (JitEnableGuardedDevirtualization=0)"
        }
        guard let profile = c.config.classProfile, let base = call.callTarget?.methodHandle,
              let likely = c.runtime.likelyClass(atIL: call.ilOffset ?? 0, in: c.method, profile: profile) else {
            return "Not inline candidate \(id) \(name): virtual call, no class profile"
        }
        let cls = c.runtime.classInfo(likely.handle)
        guard let impl = c.runtime.resolveVirtualMethod(base, on: likely.handle),
              !c.runtime.methodInfo(impl).attribs.contains(.isAbstract) else {
            return "Not inline candidate \(id) \(name): likely class \(cls.name) does not implement it"
        }
        do {
            let expansion = try GuardedDevirtualization.expand(site, cls: likely.handle, impl: impl, c)
            considered.insert(expansion.slow.id)
            contexts[expansion.fast.id] = site.context
            return "Guarded devirtualization \(id) \(name): likely class \(cls.name) (\(likely.likelihood)%) -> "
                + "[\(HIRDump.id(expansion.fast))] \(c.runtime.methodInfo(impl).displayName)"
        } catch {
            let reason = (error as? InlineFailure)?.reason ?? "\(error)"
            return "Guarded devirtualization \(id) \(name) failed: \(reason)"
        }
    }

    /// The first call not yet considered, in layout order, statement order and execution order,
    /// from statement `start.statement` of block `start.block` on; `start` becomes its position.
    private static func nextCall(_ c: Compiler, skipping done: NodeSet,
                                 from start: inout (block: Int, statement: Int)) -> (BasicBlock, Statement, Node)? {
        var i = min(start.block, c.blocks.count)
        var first = start.statement
        while i < c.blocks.count {
            let b = c.blocks[i]
            var k = min(first, b.statements.count)
            while k < b.statements.count {
                let s = b.statements[k]
                if let call = firstCall(in: s.root, skipping: done) {
                    start = (i, k)
                    return (b, s, call)
                }
                k += 1
            }
            i += 1
            first = 0
        }
        return nil
    }

    /// The first call of the tree in execution order that is not in `done`; the walk stops there.
    private static func firstCall(in n: Node, skipping done: NodeSet) -> Node? {
        for i in n.operands.indices {
            if let call = n.withOperand(i, { firstCall(in: $0, skipping: done) }) { return call }
        }
        return n.oper == .call && !done.contains(n.id) ? n : nil
    }
}

/// A phase's notes, whose text is built only when a dump will print them (`Compiler.keepsNotes`).
struct NoteLog {
    let keeping: Bool
    private(set) var lines: [String] = []

    init(keeping: Bool) { self.keeping = keeping }

    /// Adds a note; `line` is not evaluated when the notes are not kept (it must have no side effects).
    mutating func add(_ line: @autoclosure () -> String) {
        if keeping { lines.append(line()) }
    }
}
