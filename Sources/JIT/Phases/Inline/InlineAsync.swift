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

    /// An `async` method inlined whole (`JitInlineAsyncMethods`): only one that never suspends.
    ///
    /// Seed 002's design note names the one case upstream inlines today: a callee with no awaits.
    /// It cannot suspend, so its `resumed` flag is always false and every suspension in the
    /// merged method is the caller's own; what inlining must keep is the callee's function-level
    /// behaviour, the capture of the thread's contexts on entry and their restore when it returns,
    /// so that an AsyncLocal or SynchronizationContext the callee sets is not seen by its caller.
    /// That is the save-async-contexts phase run on the inlinee before it is spliced in (its own
    /// `ec`, `sc` and `resumed = 0` temps become the caller's through the local map).
    static func prepareNeverSuspending(_ ic: Compiler) throws {
        for b in ic.blocks {
            for s in b.statements where s.root.asyncSite != nil {
                throw InlineFailure(reason: "async method with awaits (it may suspend inside the inlinee: general async inlining, seed 002, is not modelled)")
            }
        }
        try AsyncContexts.run(ic)
    }

    /// Makes the inlinee's awaits the caller's: their locals renumbered (`map`), their continuation
    /// mode the caller's await's.
    static func adopt(_ a: Await, inlinee ic: Compiler, map: [Int]) {
        func mapped(_ n: Int) -> Int { n >= 0 && n < map.count && map[n] >= 0 ? map[n] : n }
        for b in ic.blocks {
            for s in b.statements {
                guard let inner = s.root.asyncSite else { continue }
                inner.continuationLocal = mapped(inner.continuationLocal)
                inner.resultLocal = inner.resultLocal.map(mapped)
                inner.continuation = a.site.continuation
                inner.ilOffset = a.site.ilOffset
                // The inlinee has no handlers of its own (InlinePolicy): its awaits sit in the caller's.
                inner.records = a.site.records
            }
        }
    }
}
