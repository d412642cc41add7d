import Diagnostics
import IL

/// `mkrefany`, `refanyval` and `refanytype` (ECMA-335 III.4.19, III.4.23, III.4.24): a typed
/// reference is CoreLib's System.TypedReference, a 16-byte value type holding the address of a
/// value (at 0) and the method table of its type (at 8).
///
/// - `mkrefany T` stores the popped address and T's method table into a new struct temp.
/// - `refanyval T` checks that the reference carries exactly T (TypedReference.CheckType throws
///   InvalidCastException otherwise), then pushes the address.
/// - `refanytype` pushes the method table as a System.RuntimeTypeHandle.
extension BlockImporter {
    /// Imports one typed-reference instruction; false when `ins` is not one of them.
    func importTypedReferenceOpcode(_ ins: Instruction) throws -> Bool {
        switch ins.opcode {
        case .mkrefany:
            let cls = try resolveClass(ins)
            let addr = try pop()
            let typedRef = try typedReferenceClass(ins)
            let temp = c.newStructTemp(typedRef, reason: "mkrefany")
            appendWithSideEffects(storeValue(addr.type == .int ? widen(addr) : addr, of: JitTypeDesc(.long), to: localAddress(temp)))
            appendWithSideEffects(storeValue(classHandleConstant(cls), of: JitTypeDesc(.long),
                                             to: address(localAddress(temp), plus: 8)))
            let v = readTemp(temp)
            v.classHandle = typedRef
            push(v)
        case .refanyval:
            let cls = try resolveClass(ins)
            let local = try typedReferenceLocal(try pop(), ins)
            let carried = load(JitTypeDesc(.long), from: address(localAddress(local), plus: 8))
            let owner = TypeSig.valueType(TypeName(assembly: "System.Private.CoreLib", namespace: "System", name: "TypedReference"))
            let ref = MethodRef(hasThis: false, returnType: .void, owner: owner, name: "CheckType",
                                parameters: [.nativeInt, .nativeInt])
            let info = try c.runtime.resolveMethod(ref, in: c.methodHandle, at: ins.location)
            c.runtime.reportReference(info.handle)
            try makeCall(info, ref, [carried, classHandleConstant(cls)], virtual: false, ins)
            let value = load(JitTypeDesc(.long), from: localAddress(local))
            value.type = .byref
            push(value)
        case .refanytype:
            let local = try typedReferenceLocal(try pop(), ins)
            let handleType = try c.runtime.resolveType(
                .valueType(TypeName(assembly: "System.Private.CoreLib", namespace: "System", name: "RuntimeTypeHandle")),
                in: c.methodHandle, at: ins.location)
            push(load(handleType, from: address(localAddress(local), plus: 8)))
        default:
            return false
        }
        return true
    }

    private func typedReferenceClass(_ ins: Instruction) throws -> ClassHandle {
        guard let h = try c.runtime.resolveType(.typedref, in: c.methodHandle, at: ins.location).classHandle else {
            throw Diagnostic(.internalError, at: ins.location, "the model CoreLib has no System.TypedReference")
        }
        return h
    }

    /// The popped typed reference as a struct local.
    private func typedReferenceLocal(_ v: Node, _ ins: Instruction) throws -> Int {
        guard v.type == .struct else {
            throw Diagnostic(.invalidIL, at: ins.location, "'\(ins.opcode.rawValue)' needs a typedref on the stack, got \(v.type)")
        }
        return structLocal(v, try typedReferenceClass(ins))
    }
}
