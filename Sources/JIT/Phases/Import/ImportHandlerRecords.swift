import Diagnostics
import IL

/// Imports the synthetic `nop`s FinallyCloning writes for handler records (`HandlerRecordMarker`).
///
/// ```text
///  push R       STORE_LCL_VAR Vex = CALL CORINFO_HELP_EH_PUSH(LCL_ADDR Vrec, catch type)   then Vex pushed
///  pop R        CALL CORINFO_HELP_EH_POP(LCL_ADDR Vrec)
///  exception R  Vex pushed
/// ```
///
/// The push helper is setjmp-like: it saves the callee-saved registers, sp and its return address
/// in the record, links the record as the head of the runtime's list and returns null. A throw
/// (CORINFO_HELP_THROW, a throwing helper, a fault) takes the head record, unlinks it and "returns"
/// from the push call a second time with the exception object, so the `brtrue` after it goes to
/// the region's landing pad. The catch type (one catch clause: its method table; several, or a
/// filter: 1; finally/fault: 0) lets the runtime's first pass tell whether any record would catch at all.
extension BlockImporter {
    /// Size of a handler record: prev, catch type, then the saved registers (x64 uses 80 bytes, arm64 120).
    static let handlerRecordSize = 128

    func importHandlerMarker(_ m: HandlerRecordMarker) throws {
        switch m {
        case .push(let r):
            let locals = handlerLocals(r)
            let call = helperCall(.ehPush, .ref, [localAddress(locals.record), try catchTypeArgument(r)])
            let st = c.localStore(locals.exception, call)
            st.ilOffset = currentOffset
            appendWithSideEffects(st)
            push(readTemp(locals.exception))
        case .pop(let r):
            let locals = handlerLocals(r)
            appendWithSideEffects(helperCall(.ehPop, .void, [localAddress(locals.record)]))
        case .exception(let r):
            push(readTemp(handlerLocals(r).exception))
        }
    }

    /// The record and exception locals of region `r`, made on first use.
    func handlerLocals(_ r: Int) -> (record: Int, exception: Int) {
        if let l = c.handlerRecordLocals[r] { return l }
        let record = c.newTemp(.struct, reason: "EH record R\(r)")
        c.locals[record].structSize = Self.handlerRecordSize
        c.locals[record].isRegCandidate = false
        c.locals[record].addressExposed = true
        let exception = c.newTemp(.ref, reason: "EH exception R\(r)")
        c.locals[exception].isRegCandidate = false
        c.handlerRecordLocals[r] = (record, exception)
        return (record, exception)
    }

    /// The records linked at the call at `index` of the rewritten body, for an await there.
    func linkedRecords(at index: Int) throws -> [AsyncSite.LinkedRecord] {
        guard let linked = c.handlerLinked[index] else { return [] }
        return try linked.map { l in
            let locals = handlerLocals(l.region)
            let type = try catchTypeArgument(l.region)
            return AsyncSite.LinkedRecord(region: l.region, recordLocal: locals.record, exceptionLocal: locals.exception,
                                          catchType: type.value, catchTypeComment: type.handleComment,
                                          pad: c.blocks[layout.blockOfInstruction[l.pad]])
        }
    }

    /// The push helper's second argument for region `r` (see the type comment).
    func catchTypeArgument(_ r: Int) throws -> Node {
        guard c.handlerRegions.indices.contains(r) else { return constant(0, .long) }
        let types = c.handlerRegions[r].catchTypes
        if types.count > 1 || c.handlerRegions[r].hasFilter { return constant(1, .long) }
        guard let t = types.first else { return constant(0, .long) }
        let desc = try c.runtime.resolveType(t, in: c.methodHandle, at: current.location)
        // A value-type catch class catches the boxed values of that type (ECMA-335 allows throwing
        // any object): the boxed value's method table is the value type's.
        guard let cls = desc.classHandle else {
            throw Diagnostic(.unsupported, at: current.location, "catch type '\(t)' is not supported by the model JIT yet")
        }
        return classHandleConstant(cls)
    }
}
