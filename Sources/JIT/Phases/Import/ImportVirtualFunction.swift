import Diagnostics
import IL

/// `ldvirtftn M`: the code address a virtual call of M on the popped object would reach (RyuJIT
/// impImportLdvirtftn), which C# emits for a delegate bound to a virtual method (`Func<Task<int>> f = obj.M`).
///
/// - A virtual method of a class reads the slot from the object's vtable: the method table,
///   the chunk, the slot (the loads a `callvirt` makes, without the call). A null object faults
///   on the first load: NullReferenceException.
/// - An interface method asks CORINFO_HELP_VIRTUAL_FUNC_PTR, as an interface call does; a
///   generic virtual method asks jitbook:GenericVirtualLookup, as its calls do.
/// - A method that is not virtual (or final) needs no lookup: the object is only null-checked.
extension BlockImporter {
    func importLoadVirtualFunction(_ ins: Instruction) throws {
        let info = try functionOperand(ins, throughVTable: true)
        guard info.hasThis else {
            throw Diagnostic(.invalidIL, at: ins.location, "'ldvirtftn' needs an instance method, not the static '\(info.displayName)'")
        }
        let obj = try pop()
        guard obj.type == .ref else {
            throw Diagnostic(.invalidIL, at: ins.location, "'ldvirtftn' needs an object reference on the stack")
        }
        if info.helperID == nil { c.runtime.reportReference(info.handle) }
        let owner = c.runtime.classInfo(info.owner)
        let virtual = info.attribs.contains(.isVirtual) && !info.attribs.contains(.isFinal)
        if virtual, let descriptor = try c.runtime.genericVirtualDescriptor(info.handle, at: ins.location) {
            let lookup = helperCall(.genericVirtualLookup, .long,
                                    [obj, handleConstant(descriptor, comment: "generic virtual \(info.displayName)")])
            push(readTemp(spillToTemp(lookup, reason: "ldvirtftn target")))
            return
        }
        if virtual && owner.kind == .interface {
            guard let slot = info.vtableSlot else {
                throw Diagnostic(.internalError, at: ins.location, "interface method '\(info.displayName)' has no slot")
            }
            let lookup = helperCall(.virtualFuncPtr, .long, [obj, classHandleConstant(info.owner), constant(Int64(slot), .int)])
            push(readTemp(spillToTemp(lookup, reason: "ldvirtftn target")))
            return
        }
        if virtual, owner.kind == .class, let slot = info.vtableSlot {
            let methodTable = load(JitTypeDesc(.long), from: obj)
            let chunk = load(JitTypeDesc(.long), from: address(methodTable, plus: MethodTableLayout.chunkOffset(slot: slot)))
            let entry = load(JitTypeDesc(.long), from: address(chunk, plus: MethodTableLayout.slotOffsetInChunk(slot: slot)))
            push(readTemp(spillToTemp(entry, reason: "ldvirtftn target")))
            return
        }
        guard owner.kind == .class else {
            throw Diagnostic(.unsupported, at: ins.location, "'ldvirtftn' of '\(info.displayName)' (a method of a value type) is not supported yet")
        }
        appendWithSideEffects(node(.nullCheck, .void, [obj], flags: .mayThrow))
        push(handleConstant(c.runtime.functionEntry(info.handle), comment: info.displayName))
    }
}
