/// Guarded devirtualization (RyuJIT's GDV): bet on the class a profile says a virtual call sees.
///
/// When the class profile names a likely class for a virtual call site, the call
/// is expanded into a test of `this`'s method table against that class's, a direct
/// call of the class's implementation when they match, and the original virtual
/// call when they do not. RyuJIT builds this as a QMARK/COLON tree and expands it
/// into blocks later; the model builds the blocks at once:
///
/// ```text
///  B:     s0 .. s(k-1), spills, this (and arguments) in temps
///         JTRUE(NE(IND(this), <method table of C>))  -> SLOW
///  FAST:  [ret temp =] CALL C::M(this, args)   (direct: may be inlined next)   -> JOIN
///  SLOW:  [ret temp =] CALLV Base::M(this, args)  (through the vtable)
///  JOIN:  s(k) with the call replaced by the ret temp, s(k+1) ..
/// ```
///
/// The direct call is a new call the inliner looks at right after, so a small
/// implementation ends up inlined on the fast path. Loading the method table
/// already faults on a null `this`, so neither path needs a NULLCHECK.
enum GuardedDevirtualization {
    /// The calls of an expansion: the direct call on the fast path and the virtual one on the slow path.
    struct Expansion {
        var fast: Node
        var slow: Node
    }

    /// Expands the site's virtual call into the guarded shape for class `cls`, whose implementation is `impl`.
    static func expand(_ site: InlineSite, cls: ClassHandle, impl: MethodHandle, _ c: Compiler) throws -> Expansion {
        let block = site.block, stmt = site.statement, call = site.call
        guard let target = call.callTarget, let k = block.statements.firstIndex(where: { $0 === stmt }),
              let path = InlineExpansion.path(to: call, from: stmt.root) else {
            throw InlineFailure(reason: "call site not found")
        }
        guard call.type != .struct, call.retBufOperand == nil else { throw InlineFailure(reason: "returns a struct") }
        guard c.runtime.classInfo(cls).kind != .valueType else { throw InlineFailure(reason: "likely class is a boxed value type") }
        let isAsync = target.methodHandle.map { c.runtime.methodInfo($0).attribs.contains(.asyncVariant) } ?? false
        if isAsync { return try expandAsync(site, k: k, cls: cls, impl: impl, c) }
        let callOffset = call.ilOffset ?? stmt.ilOffset ?? block.ilStart
        var pre = try InlineExpansion.spillLeftSiblings(path, of: stmt, at: callOffset, c)
        func add(_ root: Node) { pre.append(InlineExpansion.statement(root, like: stmt, at: callOffset, c)) }

        let fastCall = guardAndDirectCall(call, target: target, cls: cls, impl: impl, at: callOffset, add: add, c)

        let returnTemp = call.type == .void ? nil : c.newTemp(call.type, reason: "guarded devirt return temp")
        func arm(_ n: Node) -> Statement {
            InlineExpansion.statement(returnTemp.map { c.localStore($0, n) } ?? n, like: stmt, at: callOffset, c)
        }
        let (fast, slow, join) = diamond(after: block, at: callOffset, c)
        fast.statements = [arm(fastCall)]
        slow.statements = [arm(call)]

        let keep = InlineExpansion.replace(call, in: stmt, path: path, with: returnTemp.map { c.localRead($0) })
        let after = Array(block.statements[(k + 1)...])
        block.statements = Array(block.statements[..<k]) + pre
        join.statements = (keep ? [stmt] : []) + after
        try InlineExpansion.endBlock(block, at: callOffset, kind: .cond, target: slow, followedBy: [fast, slow, join], c)
        return Expansion(fast: fastCall, slow: call)
    }

    /// The guarded shape of an await (a call of an async variant): each arm is an await of its own,
    /// the call and the read of the continuation it returns, so the async transformation gives each
    /// arm its own test and suspension (two suspension points, as RyuJIT's async calls after GDV):
    ///
    /// ```text
    ///  B:     this (and arguments) in temps; JTRUE(NE(IND(this), <method table of C>)) -> SLOW
    ///  FAST:  [r =] CALL C::M [async variant](this, null);  contF = CALL_RESULT2   (await site) -> JOIN
    ///  SLOW:  [r =] CALLV Base::M [async variant](this, null); cont = CALL_RESULT2 (await site)
    ///  JOIN:  what followed the await
    /// ```
    private static func expandAsync(_ site: InlineSite, k: Int, cls: ClassHandle, impl: MethodHandle,
                                    _ c: Compiler) throws -> Expansion {
        let block = site.block, stmt = site.statement, call = site.call
        guard k + 1 < block.statements.count, let siteInfo = block.statements[k + 1].root.asyncSite,
              let cr2 = block.statements[k + 1].root.operands.first, cr2.oper == .callResult2, cr2.pairedCall === call,
              let target = call.callTarget else {
            throw InlineFailure(reason: "async call without the read of its continuation")
        }
        let resultStore = stmt.root.oper == .storeLclVar && stmt.root.operands.first === call ? stmt.root : nil
        guard stmt.root === call || resultStore != nil else { throw InlineFailure(reason: "call site too complex") }
        let contStmt = block.statements[k + 1]
        let callOffset = call.ilOffset ?? stmt.ilOffset ?? block.ilStart
        var pre: [Statement] = []
        func add(_ root: Node) { pre.append(InlineExpansion.statement(root, like: stmt, at: callOffset, c)) }
        let fastCall = guardAndDirectCall(call, target: target, cls: cls, impl: impl, at: callOffset, add: add, c)
        let fastCont = c.newTemp(.ref, reason: "async continuation")
        let fastRead = c.node(.callResult2, .ref)
        fastRead.pairedCall = fastCall
        let fastStore = c.localStore(fastCont, fastRead)
        fastStore.ilOffset = contStmt.root.ilOffset
        fastStore.asyncSite = AsyncSite(kind: siteInfo.kind, continuationLocal: fastCont, resultLocal: siteInfo.resultLocal,
                                        continuation: siteInfo.continuation,
                                        calleeName: c.runtime.methodInfo(impl).displayName, ilOffset: siteInfo.ilOffset)
        fastStore.asyncSite?.records = siteInfo.records
        let fastFirst = resultStore.map { c.localStore($0.lclNum, fastCall) } ?? fastCall
        fastFirst.ilOffset = stmt.root.ilOffset

        let (fast, slow, join) = diamond(after: block, at: callOffset, c)
        fast.statements = [InlineExpansion.statement(fastFirst, like: stmt, at: callOffset, c),
                           InlineExpansion.statement(fastStore, like: contStmt, at: callOffset, c)]
        slow.statements = [stmt, contStmt]
        join.statements = Array(block.statements[(k + 2)...])
        block.statements = Array(block.statements[..<k]) + pre
        try InlineExpansion.endBlock(block, at: callOffset, kind: .cond, target: slow, followedBy: [fast, slow, join], c)
        return Expansion(fast: fastCall, slow: call)
    }

    /// The guard and the direct call, shared by both shapes: `this` and the arguments are
    /// evaluated once, in order, into temps (statements passed to `add`), then the guard
    /// compares the object's method table against the likely class's. Returns the direct call
    /// of `impl`; the virtual `call` gets its own copies of the same values.
    private static func guardAndDirectCall(_ call: Node, target: CallTarget, cls: ClassHandle, impl: MethodHandle,
                                           at callOffset: Int, add: (Node) -> Void, _ c: Compiler) -> Node {
        var values: [Node] = []
        for (i, arg) in call.operands.enumerated() {
            let keep = (arg.oper == .cnsInt
                || (arg.oper == .lclVar && arg.lclNum >= 0 && !c.locals[arg.lclNum].addressExposed))
            if keep {
                values.append(arg)
            } else {
                let temp = c.newTemp(arg.type, reason: i == 0 ? "guarded devirt this" : "guarded devirt arg")
                add(c.localStore(temp, arg))
                values.append(c.localRead(temp))
            }
        }
        func operands() -> [Node] { values.map { leafCopy($0, c) } }
        add(guardTree(values[0], cls, at: callOffset, c))

        let fastCall = c.node(.call, call.type, operands())
        fastCall.argGroups = call.argGroups
        fastCall.callTarget = Devirtualizer.directTarget(impl, like: target, c)
        fastCall.classHandle = call.classHandle
        fastCall.ilOffset = call.ilOffset
        call.operands = operands()
        return fastCall
    }

    /// The FAST, SLOW and JOIN blocks of the guarded shape, wired and weighted like `block`:
    /// FAST jumps to JOIN, SLOW falls into it, and JOIN takes over how `block` ended.
    private static func diamond(after block: BasicBlock, at callOffset: Int,
                                _ c: Compiler) -> (BasicBlock, BasicBlock, BasicBlock) {
        let fast = c.newBlock(kind: .always, ilStart: callOffset, ilEnd: callOffset + InlineExpansion.callInstructionSize)
        let slow = c.newBlock(kind: .fallthrough_, ilStart: fast.ilStart, ilEnd: fast.ilEnd)
        let join = InlineExpansion.continuationBlock(of: block, from: fast.ilEnd, c)
        fast.target = join
        for b in [fast, slow] { b.weight = block.weight }
        return (fast, slow, join)
    }

    /// `JTRUE(NE(IND(this), <method table of cls>))`: the guard, jumping to the slow arm on a mismatch.
    private static func guardTree(_ this: Node, _ cls: ClassHandle, at offset: Int, _ c: Compiler) -> Node {
        let info = c.runtime.classInfo(cls)
        let methodTable = c.node(.ind, .long, [leafCopy(this, c)], flags: .mayThrow)
        methodTable.memType = .long
        let expected = c.node(.cnsInt, .long)
        expected.value = Int64(bitPattern: info.methodTable)
        expected.handleComment = info.name
        expected.classHandle = cls
        let guardNode = c.node(.jtrue, .void, [c.node(.ne, .int, [methodTable, expected])])
        for n in [methodTable, expected, guardNode] { n.ilOffset = offset }
        return guardNode
    }

    /// A copy of a leaf (local read or constant) for one more use.
    private static func leafCopy(_ n: Node, _ c: Compiler) -> Node {
        let copy = c.node(n.oper, n.type, [], flags: n.flags)
        copy.value = n.value
        copy.lclNum = n.lclNum
        copy.handleComment = n.handleComment
        copy.classHandle = n.classHandle
        copy.ilOffset = n.ilOffset
        return copy
    }
}
