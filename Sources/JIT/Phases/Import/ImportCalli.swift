import Diagnostics
import IL

/// `calli SIG` (ECMA-335 III.3.20): a call through a function pointer on the stack, above the
/// arguments. The model builds the CALL as for an interface call (`CallDispatch.indirect`, the
/// code address as the last operand) from the call-site signature alone: arguments and result
/// of primitive, pointer and reference types; a struct argument or result is a located
/// not-supported error.
extension BlockImporter {
    func importCalli(_ ins: Instruction) throws {
        guard case .method(let sig) = ins.operand else {
            throw Diagnostic(.invalidIL, at: ins.location, "'calli' needs a call-site signature")
        }
        var types: [JitTypeDesc] = []
        if sig.hasThis { types.append(JitTypeDesc(.ref)) }
        for p in sig.parameters { types.append(try calliType(p, ins)) }
        let ret: JitTypeDesc = sig.returnType == .void ? JitTypeDesc(.void) : try calliType(sig.returnType, ins)
        let ftn = try pop()
        var args = try pop(types.count)
        // The arguments are evaluated before the target (IL order), so the target is read from a temp.
        for i in args.indices where !(args[i].oper == .lclVar || args[i].oper == .cnsInt) {
            args[i] = readTemp(spillToTemp(args[i], reason: "calli arg"))
        }
        let target = readTemp(spillToTemp(ftn.type == .int ? widen(ftn) : ftn, reason: "calli target"))
        var operands: [Node] = []
        var groups: [ABI.ArgGroup] = []
        for (arg, t) in zip(args, types) {
            let vt = t.varType.actualType
            operands.append(vt == .int || vt == .long || vt.isFloating ? (arg.type == vt ? arg : coerce(arg, to: vt)) : arg)
            groups.append(ABI.ArgGroup(count: 1, floating: vt.isFloating))
        }
        operands.append(target)
        var callTarget = CallTarget(method: sig, definitionIndex: nil, displayName: "calli \(sig)", cellAddress: 0)
        callTarget.dispatch = .indirect
        markExplicitTailCall(&callTarget, ins)
        let call = node(.call, ret.varType == .void ? .void : ret.varType.actualType, operands)
        call.argGroups = groups
        call.callTarget = callTarget
        if ret.varType == .void { appendWithSideEffects(call) } else { push(call) }
    }

    private func calliType(_ t: TypeSig, _ ins: Instruction) throws -> JitTypeDesc {
        let d = try c.runtime.resolveType(t, in: c.methodHandle, at: ins.location)
        guard d.varType != .struct, d.varType != .void else {
            throw Diagnostic(.unsupported, at: ins.location,
                             "'calli' with the \(d.varType == .void ? "void parameter" : "value type '\(t)'") in its signature is not supported by the model JIT yet")
        }
        return d
    }
}
