import Diagnostics
import IL

/// The LIR the async transformation adds: continuation layouts, suspensions, resumptions, dispatch.
///
/// Every piece is built in execution order (operands before users, one user per value),
/// as rationalized LIR must be; the blocks come out ready for lowering.
enum AsyncCode {
    // MARK: layout

    /// The continuation of one suspension point: the reference's data order (ExecutionContext,
    /// continuation context, exception, result, keep-alive, locals with object references first).
    /// An await inside a `.try` gets the exception slot: the dispatcher stores there what the
    /// awaited callee threw after this method suspended. The model has no shared generics (no keep-alive).
    static func layout(_ c: Compiler, _ site: AsyncSite, state: Int, live: [Int]) throws -> ContinuationLayout {
        var l = ContinuationLayout(state: state)
        l.mode = site.continuation
        var flags: Int64 = 0
        if c.async.managesContexts {
            let off = l.add(.executionContext, size: 8, what: "ExecutionContext")
            flags |= ContinuationLayout.index(ofOffset: off) << Int64(ContinuationLayout.executionContextIndexShift)
        }
        if site.continuation == .capturedContext {
            let off = l.add(.continuationContext, size: 8, what: "continuation context (SynchronizationContext)")
            flags |= ContinuationLayout.index(ofOffset: off) << Int64(ContinuationLayout.continuationContextIndexShift)
        }
        if site.continuation == .threadPool { flags |= ContinuationLayout.continueOnThreadPool }
        if !site.records.isEmpty {
            let off = l.add(.exception, size: 8, what: "exception")
            flags |= ContinuationLayout.index(ofOffset: off) << Int64(ContinuationLayout.exceptionIndexShift)
        }
        if let r = site.resultLocal {
            let off = l.add(.result, size: size(of: r, c), what: "result (\(typeText(r, c)))")
            flags |= ContinuationLayout.index(ofOffset: off) << Int64(ContinuationLayout.resultIndexShift)
        }
        for v in live where c.locals[v].type == .byref {
            throw c.error(.invalidIL, "the byref local \(c.locals[v].displayName) of '\(c.method.name)' is live across an await (a byref cannot be saved in a continuation)",
                          at: c.method.body.first { $0.offset == site.ilOffset }?.location)
        }
        let ordered = live.filter { c.locals[$0].type == .ref } + live.filter { c.locals[$0].type != .ref }
        for v in ordered {
            _ = l.add(.local(v), size: size(of: v, c), what: "\(NodeText.local(v, c)) (\(typeText(v, c)))")
        }
        l.flags = flags
        return l
    }

    static func size(of v: Int, _ c: Compiler) -> Int {
        let local = c.locals[v]
        return local.type == .struct ? local.structSize : max(8, local.type.size)
    }

    static func typeText(_ v: Int, _ c: Compiler) -> String {
        let local = c.locals[v]
        if local.type == .struct, let h = local.classHandle { return c.runtime.classInfo(h).name }
        return local.type.rawValue
    }

    // MARK: suspension

    /// `new = ALLOC_CONTINUATION(calleeCont, Continuation, size)`, then the header, the live state,
    /// the contexts, and `RETURN (0, new)`.
    static func suspension(_ c: Compiler, _ site: AsyncSite, _ l: ContinuationLayout, into b: BasicBlock, _ info: AsyncInfo) {
        var lir = LIRBuilder(c)
        let cls = c.runtime.classInfo(info.continuationClass)
        let mt = lir.constant(Int64(bitPattern: cls.methodTable), .long, comment: cls.name)
        let size = lir.constant(Int64(l.size), .int)
        let prev = lir.read(site.continuationLocal)
        let alloc = lir.append(c.node(.call, .ref, [prev, mt, size]))
        alloc.callTarget = c.runtime.helperTarget(.allocContinuation)
        let newCont = c.newTemp(.ref, reason: "new continuation")
        lir.store(newCont, alloc)
        let resumeInfo = c.readOnlyDataAddress + UInt64(l.state * ContinuationLayout.resumeInfoSize)
        lir.storeField(newCont, ContinuationLayout.resumeInfoOffset,
                       lir.constant(Int64(bitPattern: resumeInfo), .long, comment: "ResumeInfo of state \(l.state)"), .long)
        lir.storeField(newCont, ContinuationLayout.flagsOffset, lir.constant(l.flags, .int), .int)
        lir.storeField(newCont, ContinuationLayout.stateOffset, lir.constant(Int64(l.state), .int), .int)
        // Inside inlined async methods the contexts are captured first: each frame's part of the
        // suspension (innermost first) restores what the frame found on entry and captures what its
        // caller's continuation holds into locals, which are then saved with the others.
        if !site.frames.isEmpty {
            captureContexts(c, &lir, newCont, l, info)
            for f in site.frames.reversed() { suspendFrame(c, &lir, f, info) }
        }
        saveLocals(c, &lir, newCont, l)
        if site.frames.isEmpty { captureContexts(c, &lir, newCont, l, info) }
        unlinkRecords(c, &lir, site)
        restoreOnSuspension(c, &lir, info)
        returnContinuation(c, &lir, lir.read(newCont))
        b.lir = lir.nodes
    }

    /// The live locals into their slots.
    private static func saveLocals(_ c: Compiler, _ lir: inout LIRBuilder, _ newCont: Int, _ l: ContinuationLayout) {
        for slot in l.slots {
            guard case .local(let v) = slot.kind else { continue }
            if c.locals[v].type == .struct {
                let dst = lir.fieldAddress(newCont, slot.offset)
                let src = lir.append(localAddress(c, v))
                let blk = lir.append(c.node(.storeBlk, .void, [dst, src]))
                blk.blockSize = c.locals[v].structSize
            } else {
                lir.storeField(newCont, slot.offset, lir.read(v), c.locals[v].type)
            }
        }
    }

    /// The ExecutionContext and the continuation context of this suspension point into their slots.
    private static func captureContexts(_ c: Compiler, _ lir: inout LIRBuilder, _ newCont: Int, _ l: ContinuationLayout,
                                        _ info: AsyncInfo) {
        if let off = l.offset(of: .executionContext) {
            let ec = lir.append(AsyncContextCalls.call(c, info, .captureExecutionContext, [], .ref))
            lir.storeField(newCont, off, ec, .ref)
        }
        if let off = l.offset(of: .continuationContext) {
            let ctx = lir.fieldAddress(newCont, off)
            let flags = lir.fieldAddress(newCont, ContinuationLayout.flagsOffset)
            lir.append(AsyncContextCalls.call(c, info, .captureContinuationContext, [ctx, flags], .void))
        }
    }

    /// One inlined frame's part of a suspension: `CaptureInlinedFrameContexts(resumed, ec, sc, mode,
    /// &callerEC, &callerContext, &callerFlags)`, which does nothing when the frame was resumed.
    private static func suspendFrame(_ c: Compiler, _ lir: inout LIRBuilder, _ f: InlinedAsyncFrame, _ info: AsyncInfo) {
        guard let methods = info.inlinedFrames else { return }
        let args = [lir.read(f.resumedLocal), lir.read(f.execContextLocal), lir.read(f.syncContextLocal),
                    lir.constant(f.callerModeArgument, .int),
                    lir.append(localAddress(c, f.callerExecContextLocal)), lir.append(localAddress(c, f.callerContextLocal)),
                    lir.append(localAddress(c, f.callerFlagsLocal))]
        lir.append(AsyncContextCalls.methodCall(c, methods.captureInlinedFrameContexts, args, .void))
    }

    /// A tail await: restore the contexts and return the callee's continuation as this method's.
    static func tailSuspension(_ c: Compiler, _ site: AsyncSite, into b: BasicBlock, _ info: AsyncInfo) {
        var lir = LIRBuilder(c)
        restoreOnSuspension(c, &lir, info)
        returnContinuation(c, &lir, lir.read(site.continuationLocal))
        b.lir = lir.nodes
    }

    /// The frame is left: its records (innermost first) come off the runtime's list.
    private static func unlinkRecords(_ c: Compiler, _ lir: inout LIRBuilder, _ site: AsyncSite) {
        for r in site.records.reversed() {
            let call = lir.append(c.node(.call, .void, [lir.append(localAddress(c, r.recordLocal))]))
            call.callTarget = c.runtime.helperTarget(.ehPop)
        }
    }

    private static func restoreOnSuspension(_ c: Compiler, _ lir: inout LIRBuilder, _ info: AsyncInfo) {
        guard let r = c.async.resumedLocal, let ec = c.async.execContextLocal, let sc = c.async.syncContextLocal else { return }
        let args = [lir.read(r), lir.read(ec), lir.read(sc)]
        lir.append(AsyncContextCalls.call(c, info, .restoreContextsOnSuspension, args, .void))
    }

    /// `RETURN (zero value, continuation)`: the value registers hold zero on a suspending return.
    private static func returnContinuation(_ c: Compiler, _ lir: inout LIRBuilder, _ cont: Node) {
        var ops: [Node] = []
        let t = c.returnType
        if c.retBufLocal != nil {
            // A result through the return buffer: no value registers, only the continuation.
        } else if t.varType == .struct, let h = t.classHandle {
            let n = ABI.returnRegisters(size: c.runtime.classInfo(h).size) ?? 1
            for _ in 0..<n { ops.append(lir.constant(0, .long)) }
        } else if t.varType.isFloating {
            let zero = c.node(.cnsDbl, t.varType)
            ops.append(lir.append(zero))
        } else if t.varType != .void {
            ops.append(lir.constant(0, t.varType.actualType == .ref || t.varType == .byref ? t.varType : t.varType.actualType))
        }
        // Keep the continuation last: operands are evaluated in order, so read it after the zeros.
        let contNode = cont
        if let i = lir.nodes.firstIndex(where: { $0 === contNode }) {
            lir.nodes.remove(at: i)
            lir.nodes.append(contNode)
        }
        ops.append(contNode)
        let type: VarType = c.retBufLocal != nil ? .void : t.varType == .struct ? .long : t.varType.actualType
        lir.append(c.node(.ret, type, ops))
    }

    // MARK: resumption and dispatch

    /// Reloads the saved locals, sets `resumed = 1`, links the records of the `.try` regions around
    /// the await again (outermost first, each a push whose second return goes to the region's pad),
    /// rethrows the exception the dispatcher stored, if any, and loads the awaited result.
    ///
    /// ```text
    ///  b:      locals = [cont + off] ...; resumed = 1
    ///          Vex1 = EH_PUSH(&rec1, type1); JTRUE(Vex1 != 0) -> pad1     one block per record
    ///          JTRUE([cont + exc] != 0) -> throw: THROW([cont + exc])    with an exception slot
    ///          result = [cont + res]; -> after
    /// ```
    /// Returns the blocks after `b` it made (in layout order).
    static func resumption(_ c: Compiler, _ site: AsyncSite, _ l: ContinuationLayout, into b: BasicBlock,
                           after: BasicBlock) -> [BasicBlock] {
        guard let arg = c.async.continuationArg else { return [] }
        var lir = LIRBuilder(c)
        // Without records the result is just one more slot, reloaded in slot order with the locals.
        let resultFirst = site.records.isEmpty
        for slot in l.slots {
            switch slot.kind {
            case .local(let v): reload(c, &lir, v, from: arg, slot.offset)
            case .result where resultFirst: if let v = site.resultLocal { reload(c, &lir, v, from: arg, slot.offset) }
            default: continue
            }
        }
        if let r = c.async.resumedLocal { lir.store(r, lir.constant(1, .int)) }
        for f in site.frames { lir.store(f.resumedLocal, lir.constant(1, .int)) }
        var made: [BasicBlock] = []
        var current = b
        func next(_ kind: JumpKind) -> BasicBlock {
            let n = c.newBlock(kind: kind, ilStart: b.ilStart, ilEnd: b.ilStart)
            n.weight = 0
            made.append(n)
            return n
        }
        func endCond(_ value: Node, to target: BasicBlock) {
            let zero = lir.constant(0, .ref)
            let test = lir.append(c.node(.ne, .int, [value, zero]))
            lir.append(c.node(.jtrue, .void, [test]))
            current.lir = lir.nodes
            current.kind = .cond
            current.target = target
            let following = next(.always)
            current.falseTarget = following
            current = following
            lir = LIRBuilder(c)
        }
        for r in site.records {
            let record = lir.append(localAddress(c, r.recordLocal))
            let type = lir.constant(r.catchType, .long, comment: r.catchTypeComment)
            let push = lir.append(c.node(.call, .ref, [record, type]))
            push.callTarget = c.runtime.helperTarget(.ehPush)
            lir.store(r.exceptionLocal, push)
            endCond(lir.read(r.exceptionLocal), to: r.pad)
        }
        var thrower: BasicBlock?
        if let off = l.offset(of: .exception) {
            let t = c.newBlock(kind: .throw_, ilStart: b.ilStart, ilEnd: b.ilStart)
            t.weight = 0
            endCond(lir.loadField(arg, off, .ref), to: t)
            var tl = LIRBuilder(c)
            let call = tl.append(c.node(.call, .void, [tl.loadField(arg, off, .ref)]))
            call.callTarget = c.runtime.helperTarget(.throw)
            t.lir = tl.nodes
            thrower = t
        }
        if !resultFirst, let off = l.offset(of: .result), let v = site.resultLocal { reload(c, &lir, v, from: arg, off) }
        current.lir = lir.nodes
        current.kind = .always
        current.target = after
        return made + [thrower].compactMap { $0 }
    }

    /// `v = [cont + offset]` (a block copy for a struct).
    private static func reload(_ c: Compiler, _ lir: inout LIRBuilder, _ v: Int, from arg: Int, _ offset: Int) {
        if c.locals[v].type == .struct {
            let dst = lir.append(localAddress(c, v))
            let src = lir.fieldAddress(arg, offset)
            let blk = lir.append(c.node(.storeBlk, .void, [dst, src]))
            blk.blockSize = c.locals[v].structSize
        } else {
            lir.store(v, lir.loadField(arg, offset, c.locals[v].type))
        }
    }

    /// The entry dispatch on State: one resumption -> jump; two -> compare; more -> switch.
    static func dispatch(_ c: Compiler, _ resumptions: [BasicBlock]) -> BasicBlock {
        let b = c.newBlock(kind: .always, ilStart: 0, ilEnd: 0)
        b.weight = 0
        guard let arg = c.async.continuationArg, resumptions.count > 1 else {
            b.target = resumptions.first
            return b
        }
        var lir = LIRBuilder(c)
        let state = lir.loadField(arg, ContinuationLayout.stateOffset, .int)
        if resumptions.count == 2 {
            let zero = lir.constant(0, .int)
            let test = lir.append(c.node(.eq, .int, [state, zero]))
            lir.append(c.node(.jtrue, .void, [test]))
            b.kind = .cond
            b.target = resumptions[0]
            b.falseTarget = resumptions[1]
        } else {
            lir.append(c.node(.switch_, .void, [state]))
            b.kind = .switch_
            b.switchTargets = resumptions
            b.falseTarget = resumptions[resumptions.count - 1]
        }
        b.lir = lir.nodes
        return b
    }

    private static func localAddress(_ c: Compiler, _ v: Int) -> Node {
        let n = c.node(.lclAddr, .byref)
        n.lclNum = v
        return n
    }
}

/// Appends LIR nodes in execution order.
struct LIRBuilder {
    let c: Compiler
    var nodes: [Node] = []
    init(_ c: Compiler) { self.c = c }

    @discardableResult
    mutating func append(_ n: Node) -> Node {
        nodes.append(n)
        return n
    }

    mutating func constant(_ v: Int64, _ type: VarType, comment: String? = nil) -> Node {
        let n = c.node(.cnsInt, type)
        n.value = type == .int ? Int64(Int32(truncatingIfNeeded: v)) : v
        n.handleComment = comment
        return append(n)
    }

    mutating func read(_ v: Int) -> Node { append(c.localRead(v)) }

    mutating func store(_ v: Int, _ value: Node) { append(c.localStore(v, value)) }

    /// `ADD(local, offset)`: the address of a field of the object in local `v`.
    mutating func fieldAddress(_ v: Int, _ offset: Int) -> Node {
        let base = read(v)
        let off = constant(Int64(offset), .long)
        return append(c.node(.add, .byref, [base, off]))
    }

    mutating func storeField(_ v: Int, _ offset: Int, _ value: Node, _ type: VarType) {
        // The value was appended already; the address follows it (a leaf read, nothing to keep live).
        let addr = fieldAddress(v, offset)
        let st = append(c.node(.storeInd, .void, [addr, value]))
        st.memType = type
    }

    mutating func loadField(_ v: Int, _ offset: Int, _ type: VarType) -> Node {
        let addr = fieldAddress(v, offset)
        let n = append(c.node(.ind, type.actualType, [addr]))
        n.memType = type
        return n
    }
}
