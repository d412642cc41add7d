/// Runtime async in the inliner: what inlining a runtime async callable thunk takes (seed 000).
///
/// The call being inlined is an await of the caller: `[r =] CALL thunk(this, null)` followed by
/// `cont = CALL_RESULT2` carrying the caller's `AsyncSite`. Once the thunk's body replaces the
/// call, nothing returns a continuation there any more, so:
///
/// ```text
///  caller:  r = CALL Derived:Foo [thunk](this, null)      inlinee (the thunk's IL, imported):
///           cont = CALL_RESULT2  <- site (captured ctx)      t = CALL Derived:Foo [task](this)
///                                                            if !t.IsCompleted:
///  after:   r = <the thunk's result>                            CALL TransparentAwait(null, t)
///           (the caller's site is gone)                         c2 = CALL_RESULT2  <- site (mode: caller's)
///                                                            ret t.Result
/// ```
///
/// - the continuation argument is not an argument of the thunk's IL: it is dropped;
/// - the caller's continuation read and its site go away with the call;
/// - every await inside the inlinee becomes an await of the root method, handled by the async
///   transformation like the root's own; it continues the way the caller's await would have
///   continued (on the captured context for a plain `await` in a method that manages contexts),
///   because suspending there now suspends the caller's frame, not a thunk's that never captures.
///   This is what upstream does by handing the inlining call's async context arguments to the
///   async calls of the inlinee.
enum InlineAsync {
    /// The caller's side of an inlined await.
    struct Await {
        /// The caller's await of the call being inlined.
        var site: AsyncSite
        /// The call's operands without the hidden continuation argument.
        var arguments: [Node]
    }

    /// Nil when the inlinee is not an async variant; throws when the call is not a well-formed await.
    static func prepare(_ site: InlineSite, inlinee ic: Compiler, into c: Compiler) throws -> Await? {
        guard ic.async.isAsync else { return nil }
        guard c.async.isAsync else { throw InlineFailure(reason: "async callee in a method that is not async") }
        let block = site.block, call = site.call
        guard let k = block.statements.firstIndex(where: { $0 === site.statement }), k + 1 < block.statements.count,
              let outer = block.statements[k + 1].root.asyncSite,
              let read = block.statements[k + 1].root.operands.first, read.oper == .callResult2, read.pairedCall === call else {
            throw InlineFailure(reason: "async call without the read of its continuation")
        }
        var arguments = call.operands
        let continuationIndex = ic.method.isStatic ? 0 : 1
        guard arguments.indices.contains(continuationIndex) else {
            throw InlineFailure(reason: "async call without its continuation argument")
        }
        arguments.remove(at: continuationIndex)
        return Await(site: outer, arguments: arguments)
    }

    /// An `async` method inlined whole (`JitInlineAsyncMethods`): its function-level behaviour kept.
    ///
    /// Whatever it does, an inlined async method must keep the capture of the thread's contexts on
    /// entry and their restore when it returns synchronously, so that an AsyncLocal or
    /// SynchronizationContext it sets is not seen by its caller: the save-async-contexts phase run
    /// on the inlinee before it is spliced in (its own `ec`, `sc` and `resumed = 0` temps become the
    /// caller's through the local map).
    ///
    /// Seed 002's design note names the one case upstream inlines today, a callee with no awaits
    /// (`JitInlineAsyncMethods=1`): it cannot suspend, so its `resumed` is always false and every
    /// suspension of the merged method is the caller's own. With `JitInlineAsyncMethods=2` a callee
    /// with awaits is inlined too (general async inlining): it becomes a logical frame (`adopt`)
    /// unless its call sits in a `.try` region of the caller (upstream's first step skips those: an
    /// exception after a resumption inside it would reach the caller's handler on the wrong context).
    static func prepareMethod(_ ic: Compiler, await a: Await?, general: Bool) throws {
        let awaits = ic.blocks.contains { $0.statements.contains { $0.root.asyncSite != nil } }
        if awaits {
            guard general else {
                throw InlineFailure(reason: "async method with awaits (it may suspend inside the inlinee; JitInlineAsyncMethods=1 inlines only methods that never suspend, 2 inlines these too)")
            }
            if let a, !a.site.records.isEmpty {
                throw InlineFailure(reason: "async method with awaits awaited inside a .try region (it may suspend there; not inlined, as upstream's first step)")
            }
        }
        try AsyncContexts.run(ic)
    }

    /// Makes the inlinee's awaits the caller's, their locals renumbered (`map`); returns the logical
    /// frame of an async method with awaits (nil for a thunk or a method that never suspends).
    ///
    /// - a thunk's await continues the way the caller's await of the thunk would have (its mode);
    /// - an async method's awaits keep their own modes (its own ConfigureAwaits) and sit in one more
    ///   frame, whose caller-side context locals are made here (written by the frame's first
    ///   suspension, read only after a resumption: the async transformation saves them at the awaits
    ///   inside the frame only).
    static func adopt(_ a: Await, inlinee ic: Compiler, map: [Int], into c: Compiler) -> InlinedAsyncFrame? {
        func mapped(_ n: Int) -> Int { n >= 0 && n < map.count && map[n] >= 0 ? map[n] : n }
        let sites = ic.blocks.flatMap { $0.statements.compactMap(\.root.asyncSite) }
        var frame: InlinedAsyncFrame?
        if let r = ic.async.resumedLocal, let ec = ic.async.execContextLocal, let sc = ic.async.syncContextLocal, !sites.isEmpty {
            let name = ic.displayName
            let f = InlinedAsyncFrame(methodName: name, execContextLocal: mapped(ec), syncContextLocal: mapped(sc),
                                      resumedLocal: mapped(r),
                                      callerExecContextLocal: c.newTemp(.ref, reason: "inlinee \(name): caller's ExecutionContext"),
                                      callerContextLocal: c.newTemp(.ref, reason: "inlinee \(name): caller's continuation context"),
                                      callerFlagsLocal: c.newTemp(.int, reason: "inlinee \(name): caller's continuation flags"),
                                      callerMode: a.site.kind == .tailAwait ? .inline : a.site.continuation)
            for v in [f.callerExecContextLocal, f.callerContextLocal, f.callerFlagsLocal] {
                c.locals[v].addressExposed = true
                c.locals[v].isRegCandidate = false
            }
            c.async.inlinedFrames.append(f)
            frame = f
        }
        for inner in sites {
            inner.continuationLocal = mapped(inner.continuationLocal)
            inner.resultLocal = inner.resultLocal.map(mapped)
            if frame == nil { inner.continuation = a.site.continuation }
            // `return await X()` ends the inlinee, not the merged method: its code continues after it.
            if inner.kind == .tailAwait { inner.kind = .await }
            inner.ilOffset = a.site.ilOffset
            // The inlinee has no handlers of its own (InlinePolicy): its awaits sit in the caller's.
            inner.records = a.site.records
            inner.frames = a.site.frames + (frame.map { [$0] } ?? []) + inner.frames
        }
        return frame
    }

    /// The code after a frame's return (seed 002's post-inline IR): a test between the inlinee's
    /// return blocks and `continuation`, the only part on the synchronous path, and a cold block
    /// placed at the end of the method:
    ///
    /// ```text
    ///  check:   JTRUE(NE(resumed_F, 0)) -> restore               falls into continuation
    ///  ...
    ///  restore: CALL RestoreInlinedFrameExecutionContext(callerEC_F)          (out of line)
    ///           CALL RestoreInlinedFrameContinuationContext [async](null, callerContext_F, callerFlags_F)
    ///           cont = CALL_RESULT2   <- an await of the caller's frame (it may suspend to switch)
    ///           -> continuation
    /// ```
    /// The caller's `resumed` needs no update: every resumption inside F already set it.
    /// Returns the test block (to lay out) and the cold block (to append).
    static func returnBlocks(_ f: InlinedAsyncFrame, _ a: Await, to continuation: BasicBlock, at il: Int,
                             _ c: Compiler) throws -> (check: BasicBlock, restore: BasicBlock) {
        let info = try c.runtime.asyncInfo(at: c.location)
        guard let methods = info.inlinedFrames else {
            throw InlineFailure(reason: "the runtime model has no methods for inlined async frames")
        }
        let check = c.newBlock(kind: .cond, ilStart: il, ilEnd: il)
        let restore = c.newBlock(kind: .always, ilStart: il, ilEnd: il)
        restore.target = continuation
        restore.runsRarely = true
        check.target = restore
        let test = c.node(.ne, .int, [c.localRead(f.resumedLocal), c.constant(0, .int)])
        check.statements = [c.statement(c.node(.jtrue, .void, [test]), ilOffset: a.site.ilOffset)]

        let ec = AsyncContextCalls.methodCall(c, methods.restoreInlinedFrameExecutionContext,
                                              [c.localRead(f.callerExecContextLocal)], .void)
        let cont = c.constant(0, .ref)
        let switchCall = AsyncContextCalls.methodCall(c, methods.restoreInlinedFrameContinuationContext,
                                                      [cont, c.localRead(f.callerContextLocal), c.localRead(f.callerFlagsLocal)], .void)
        for call in [ec, switchCall] {
            call.flags.insert(.notInlineCandidate)
            call.ilOffset = a.site.ilOffset
        }
        let contTemp = c.newTemp(.ref, reason: "async continuation")
        let read = c.node(.callResult2, .ref)
        read.pairedCall = switchCall
        let store = c.localStore(contTemp, read)
        store.ilOffset = a.site.ilOffset
        let site = AsyncSite(kind: .await, continuationLocal: contTemp, resultLocal: nil, continuation: .inline,
                             calleeName: c.runtime.methodInfo(methods.restoreInlinedFrameContinuationContext).displayName,
                             ilOffset: a.site.ilOffset)
        site.records = a.site.records
        site.frames = a.site.frames
        store.asyncSite = site
        restore.statements = [ec, switchCall, store].map { c.statement($0, ilOffset: a.site.ilOffset) }
        restore.weight = 0
        return (check, restore)
    }
}
