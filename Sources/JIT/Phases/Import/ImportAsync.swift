import Diagnostics
import IL

/// Runtime async in the importer: validity rules, the await pattern, async calls and the intrinsics.
///
/// - `call[virt] M` + `call AsyncHelpers::Await(...)` (optionally with `ldc.i4.0/1` +
///   `ConfigureAwait(bool)` between) becomes one call of M's async variant; the stack is
///   spilled first (only locals live across an await), the result stored into a temp, and
///   the returned continuation read by `CALL_RESULT2` into a temp whose store carries the
///   `AsyncSite` the async transformation expands.
/// - A virtual M calls its async variant through the variant's own vtable slot (the runtime gives
///   async variants of virtual methods slots of their own); an interface method, which has none,
///   keeps its task-returning call and awaits the task through CoreLib's `Await`.
/// - `AsyncSuspend(c)` is a suspension whose "callee continuation" is `c`.
/// - A non-async method (a task-returning thunk) may call an async variant only when
///   `AsyncCallContinuation()` follows: it passes a null continuation and reads the returned one.
enum AsyncImport {
    /// Sets up the async state of the method and checks the reference's validity rules.
    static func setUp(_ c: Compiler) throws {
        let m = c.method
        let info = c.methodHandle.map { c.runtime.methodInfo($0) }
        c.async = AsyncState()
        c.async.isAsync = info?.attribs.contains(.asyncVariant) ?? false
        if m.isAsync && !(info?.attribs.contains(.ilStub) ?? false) { try validate(c) }
        guard c.async.isAsync, let info else { return }
        c.async.managesContexts = !info.attribs.contains(.ilStub) && !c.runtime.isCoreLibMethod(m)
    }

    /// The return type an async variant's `ret` returns (the unwrapped T), nil for other methods.
    static func returnType(_ c: Compiler) -> JitTypeDesc? {
        guard c.async.isAsync, let h = c.methodHandle else { return nil }
        return c.runtime.methodInfo(h).returnType
    }

    /// Adds the hidden continuation parameter (its register is assigned by `ABI.assignParameters`).
    static func addContinuationParameter(_ c: Compiler) {
        guard c.async.isAsync else { return }
        let num = c.newTemp(.ref, reason: "async continuation arg")
        c.async.continuationArg = num
    }

    /// The rules of the reference: Task-like return, not synchronized, no `tail.` nor `localloc`.
    static func validate(_ c: Compiler) throws {
        let m = c.method
        let name = "\(m.declaringType?.ilName ?? "<Module>")::\(m.name)"
        if !c.runtime.isCoreLibMethod(m) && c.runtime.taskKind(ofReturnOf: m) == nil {
            throw c.error(.invalidIL, "the async method '\(name)' must return Task, Task`1, ValueTask or ValueTask`1, not \(m.returnType)")
        }
        if m.implFlags.contains(.synchronized) {
            throw c.error(.invalidIL, "the async method '\(name)' cannot be synchronized")
        }
        for ins in m.body {
            if ins.prefixes.contains(.tail) {
                throw Diagnostic(.invalidIL, at: ins.location, "'tail.' is not allowed in the async method '\(name)'")
            }
            if ins.opcode == .localloc {
                throw Diagnostic(.invalidIL, at: ins.location, "'localloc' is not allowed in the async method '\(name)'")
            }
        }
    }
}

extension BlockImporter {
    /// The AsyncHelpers kind of the method an instruction calls, if any.
    func asyncHelperKind(of ins: Instruction) -> AsyncHelperKind? {
        guard ins.opcode == .call || ins.opcode == .callvirt, case .method(let ref) = ins.operand,
              let info = try? c.runtime.resolveMethod(ref, in: c.methodHandle, at: ins.location) else { return nil }
        return c.runtime.asyncHelperKind(info.handle)
    }

    /// Stack entries that need no spill before an await: they are evaluated after it, and read
    /// only locals (reloaded on resumption) or the frame (a local's address is rbp/fp-relative).
    static func survivesAwait(_ n: Node) -> Bool {
        n.oper == .lclVar || n.oper == .cnsInt || n.oper == .lclAddr
    }

    /// How an await of this method continues when its code says nothing (plain `await`).
    private var defaultMode: AsyncSite.ContinuationMode {
        c.async.managesContexts ? .capturedContext : .inline
    }

    /// `call[virt] M` [`ldc.i4.0/1` `ConfigureAwait`] `call Await`: the async variant of M to call instead,
    /// with the consumed instructions scheduled to be skipped; nil when the pattern does not apply.
    func matchAwaitPattern(_ info: MethodInfo, _ ins: Instruction) throws -> MethodInfo? {
        guard c.async.isAsync, ins.opcode == .call || ins.opcode == .callvirt,
              !info.attribs.contains(.asyncVariant), let variant = c.runtime.asyncVariant(of: info.handle) else { return nil }
        // A virtual await calls the async variant's own vtable slot; a method without one (an interface
        // method) keeps its task-returning call, and the task is awaited through CoreLib's Await.
        if ins.opcode == .callvirt && info.attribs.contains(.isVirtual) && !info.attribs.contains(.isFinal)
            && c.runtime.methodInfo(variant).vtableSlot == nil { return nil }
        let body = c.ilBody
        let block = layout.blockOfInstruction[currentIndex]
        func inBlock(_ k: Int) -> Bool { k < body.count && layout.blockOfInstruction[k] == block }
        var j = currentIndex + 1
        var mode = defaultMode
        if inBlock(j + 1), body[j].opcode == .ldc_i4_0 || body[j].opcode == .ldc_i4_1,
           asyncHelperKind(of: body[j + 1]) == .configureAwait {
            if body[j].opcode == .ldc_i4_0 && c.async.managesContexts { mode = .threadPool }
            j += 2
        }
        guard inBlock(j), body[j].opcode == .call, body[j].prefixes.isEmpty, asyncHelperKind(of: body[j]) == .await else {
            return nil
        }
        let v = c.runtime.methodInfo(variant)
        var kind: AsyncSite.Kind = .await
        // A tail await drops this frame from the chain: only where the frame has no context work to do
        // on resumption (the model's decision: no context is captured for this await).
        if inBlock(j + 1), body[j + 1].opcode == .ret, v.returnType == c.returnType, mode != .capturedContext,
           c.config.isOn("JitAsyncTailAwait") {
            kind = .tailAwait
        }
        skip = j - currentIndex
        pendingAwait = (kind, mode)
        return v
    }

    /// Finishes a call of an async variant: stores its result and reads the continuation it returned.
    func finishAsyncCall(_ call: Node, _ m: MethodInfo, retTemp: Int?, throughReturnBuffer: Bool, _ ins: Instruction) throws {
        // Nothing but locals lives across an await: evaluate what is pending on the stack first.
        spill(where: { !Self.survivesAwait($0) }, reason: "async spill")
        var resultLocal: Int?
        if let temp = retTemp {
            call.blockSize = c.locals[temp].structSize
            resultLocal = temp
        } else if call.type != .void {
            resultLocal = c.newTemp(call.type, reason: "async result")
        }
        if throughReturnBuffer {
            // A large struct result: the callee writes it through the buffer (the temp's address
            // among the operands); when it suspends, it lands in this method's continuation instead.
            append(call)
        } else if let r = resultLocal {
            let st = c.localStore(r, call)
            st.ilOffset = currentOffset
            append(st)
        } else {
            append(call)
        }
        lastAsyncCall = call
        if c.async.isAsync {
            var pending = pendingAwait ?? (kind: .await, mode: defaultMode)
            pendingAwait = nil
            if c.runtime.asyncHelperKind(m.handle) == .await, c.async.managesContexts, configuredFalseBefore() {
                pending.mode = .threadPool
            }
            let contTemp = c.newTemp(.ref, reason: "async continuation")
            let cr2 = node(.callResult2, .ref)
            cr2.pairedCall = call
            let st = c.localStore(contTemp, cr2)
            st.ilOffset = currentOffset
            st.asyncSite = AsyncSite(kind: pending.kind, continuationLocal: contTemp, resultLocal: resultLocal,
                                     continuation: pending.mode, calleeName: m.displayName, ilOffset: currentOffset)
            st.asyncSite?.records = try linkedRecords(at: currentIndex)
            append(st)
        } else {
            let body = c.ilBody
            let next = currentIndex + 1 + skip
            guard next < body.count, asyncHelperKind(of: body[next]) == .asyncCallContinuation else {
                throw Diagnostic(.invalidIL, at: ins.location,
                                 "the async variant '\(m.displayName)' is called from a method that is not async; only a call followed by AsyncHelpers.AsyncCallContinuation() may do that")
            }
        }
        if let r = resultLocal { push(readTemp(r)) }
    }

    /// True when the awaited value was made by `ldc.i4.0` + `ConfigureAwait(bool)` right before this call.
    private func configuredFalseBefore() -> Bool {
        let body = c.ilBody
        guard currentIndex >= 2 else { return false }
        return asyncHelperKind(of: body[currentIndex - 1]) == .configureAwait && body[currentIndex - 2].opcode == .ldc_i4_0
    }

    /// `AsyncSuspend(c)` and `AsyncCallContinuation()`; false for other methods.
    func importAsyncIntrinsic(_ info: MethodInfo, _ ins: Instruction) throws -> Bool {
        switch c.runtime.asyncHelperKind(info.handle) {
        case .asyncSuspend:
            guard c.async.isAsync else {
                throw Diagnostic(.invalidIL, at: ins.location, "AsyncHelpers.AsyncSuspend can only be called from an async method")
            }
            let value = try pop()
            spill(where: { !Self.survivesAwait($0) }, reason: "async spill")
            let contTemp = c.newTemp(.ref, reason: "async continuation")
            let st = c.localStore(contTemp, value)
            st.ilOffset = currentOffset
            st.asyncSite = AsyncSite(kind: .suspend, continuationLocal: contTemp, resultLocal: nil,
                                     continuation: .inline, calleeName: "AsyncSuspend", ilOffset: currentOffset)
            st.asyncSite?.records = try linkedRecords(at: currentIndex)
            appendWithSideEffects(st)
            return true
        case .asyncCallContinuation:
            guard let call = lastAsyncCall else {
                throw Diagnostic(.invalidIL, at: ins.location,
                                 "AsyncHelpers.AsyncCallContinuation() must directly follow a call of an async variant")
            }
            lastAsyncCall = nil
            let cr2 = node(.callResult2, .ref)
            cr2.pairedCall = call
            push(readTemp(spillToTemp(cr2, reason: "async continuation")))
            return true
        default:
            return false
        }
    }

    /// The method `ldftn` / `ldvirtftn` names, resolved; runtime-implemented methods have no code to point at.
    /// With `throughVTable`, a runtime-implemented virtual method of a class is allowed: `ldvirtftn`
    /// reads its vtable slot, which the runtime fills with the implementation.
    func functionOperand(_ ins: Instruction, throughVTable: Bool = false) throws -> MethodInfo {
        let op = ins.opcode.rawValue
        guard case .method(let ref) = ins.operand else {
            throw Diagnostic(.invalidIL, at: ins.location, "'\(op)' needs a method operand")
        }
        let info = try c.runtime.resolveMethod(ref, in: c.methodHandle, at: ins.location)
        let slotted = throughVTable && info.vtableSlot != nil && info.attribs.contains(.isVirtual)
            && !info.attribs.contains(.isFinal) && c.runtime.classInfo(info.owner).kind == .class
        guard info.helperID == nil || slotted else {
            throw Diagnostic(.unsupported, at: ins.location, "'\(op)' of the runtime-implemented '\(info.displayName)' is not supported")
        }
        return info
    }

    /// `ldftn M`: the code address of M (a handle constant), M reported so that it gets compiled.
    func importLoadFunction(_ ins: Instruction) throws {
        let info = try functionOperand(ins)
        if let def = c.runtime.definition(of: info.handle), def.attributes.contains("pinvokeimpl") {
            throw Diagnostic(.unsupported, at: ins.location,
                             "'ldftn' of the platform-invoke method '\(info.displayName)': P/Invoke is not supported by the model runtime")
        }
        c.runtime.reportReference(info.handle)
        push(handleConstant(c.runtime.functionEntry(info.handle), comment: info.displayName))
    }
}
