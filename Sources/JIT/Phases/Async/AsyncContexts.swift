import Diagnostics
import IL

/// Phase "save async contexts" (after import, before inlining), after async.cpp's SaveAsyncContexts.
///
/// An async method must leave the thread's ExecutionContext and SynchronizationContext as
/// it found them when it returns synchronously, and when it suspends for the first time:
/// - a new entry block calls `CaptureContexts(out ec, out sc)` and sets `resumed = 0`;
/// - every RETURN first calls `RestoreContexts(resumed, ec, sc)` (the value is computed first);
/// - the async transformation adds `RestoreContextsOnSuspension(resumed, ec, sc)` to each
///   suspension and sets `resumed = 1` in each resumption (after a resumption the dispatcher owns
///   the contexts, which is why `ec`, `sc` and `resumed` are never saved in a continuation).
///
/// Real RyuJIT restores in a `finally` so that exceptions restore too; the model restores before
/// each return only, so an exception leaving an async method synchronously leaves the contexts
/// as the method set them (chapter 9, "What the model leaves out": an AsyncLocal the thrower set
/// is still visible in the awaiting method's catch; .NET shows the caller's value).
enum AsyncContexts {
    static func run(_ c: Compiler) throws {
        guard c.async.isAsync, c.async.managesContexts, let first = c.blocks.first else { return }
        let info = try c.runtime.asyncInfo(at: c.location)
        let ec = c.newTemp(.ref, reason: "async ExecutionContext")
        let sc = c.newTemp(.ref, reason: "async SynchronizationContext")
        let resumed = c.newTemp(.int, reason: "async resumed")
        // `ec` and `sc` are written through their addresses; `resumed` gets its other definitions
        // (= 1 in each resumption) only in the async transformation, so no earlier phase may
        // propagate the entry's 0 into its uses: all three live in memory, exposed.
        for v in [ec, sc, resumed] {
            c.locals[v].addressExposed = true
            c.locals[v].isRegCandidate = false
        }
        c.async.execContextLocal = ec
        c.async.syncContextLocal = sc
        c.async.resumedLocal = resumed
        c.async.contextLocals = [ec, sc, resumed]

        // A scratch entry block, so that a loop back to the first IL block does not capture again.
        let entry = c.newBlock(kind: .fallthrough_, ilStart: first.ilStart, ilEnd: first.ilStart)
        entry.weight = first.weight
        let capture = AsyncContextCalls.call(c, info, .captureContexts, [address(c, ec), address(c, sc)], .void)
        entry.statements.append(c.statement(capture, ilOffset: first.ilStart))
        entry.statements.append(c.statement(c.localStore(resumed, c.constant(0)), ilOffset: first.ilStart))
        c.blocks.insert(entry, at: 0)

        for b in c.blocks {
            var out: [Statement] = []
            for s in b.statements {
                guard s.root.oper == .ret else {
                    out.append(s)
                    continue
                }
                if let value = s.root.operands.first, s.root.operands.count == 1, value.oper != .cnsInt, value.oper != .lclVar {
                    let temp = c.newTemp(value.type, reason: "async return value")
                    out.append(c.statement(c.localStore(temp, value), ilOffset: s.ilOffset))
                    s.root.operands[0] = c.localRead(temp)
                }
                let restore = AsyncContextCalls.call(c, info, .restoreContexts,
                                                     [c.localRead(resumed), c.localRead(ec), c.localRead(sc)], .void)
                out.append(c.statement(restore, ilOffset: s.ilOffset))
                out.append(s)
            }
            b.statements = out
        }
        c.renumberBlocks()
    }

    private static func address(_ c: Compiler, _ num: Int) -> Node {
        let n = c.node(.lclAddr, .byref)
        n.lclNum = num
        return n
    }
}

/// The one place that builds calls of the runtime's async context operations.
///
/// Two shapes, chosen by `JitAsyncContextHelpers` (seed 004, dotnet/runtime #125079):
/// - 0, before: a user call of the CoreLib method whose handle `asyncInfo` gave; the JIT asks
///   the runtime for its entry point (`reportReference`, getFunctionEntryPoint upstream), so the
///   method becomes a dependency of the caller, and the inliner may inline it like any call;
/// - 1, after (the default, upstream's state): a call of the operation's CORINFO_HELP_ASYNC_*
///   helper through the helper table; the runtime binds the helper to the CoreLib method, the
///   JIT never sees its entry point and does not inline it.
enum AsyncContextCalls {
    static func call(_ c: Compiler, _ info: AsyncInfo, _ op: AsyncContextOperation, _ args: [Node], _ type: VarType) -> Node {
        if c.config.isOn("JitAsyncContextHelpers") {
            let n = c.node(.call, type, args)
            n.callTarget = c.runtime.helperTarget(op.helper)
            return n
        }
        return methodCall(c, info.method(op), args, type)
    }

    /// A call of a CoreLib method through its handle (the method-handle shape; the inlined frames'
    /// methods are always called this way), reported as a dependency of the method being compiled.
    static func methodCall(_ c: Compiler, _ method: MethodHandle, _ args: [Node], _ type: VarType) -> Node {
        let n = c.node(.call, type, args)
        let m = c.runtime.methodInfo(method)
        c.runtime.reportReference(method)
        var target = CallTarget(method: MethodRef(hasThis: false, returnType: .void, owner: nil, name: m.displayName, parameters: []),
                                definitionIndex: nil, displayName: m.displayName, cellAddress: m.cellAddress,
                                entryAddress: c.runtime.codeAddress(of: method))
        target.methodHandle = method
        n.callTarget = target
        return n
    }
}
