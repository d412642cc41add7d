import Diagnostics
import IL

/// `call`, `callvirt` and `newobj` with a type system (RyuJIT impImportCall).
///
/// - Direct calls go through the callee's indirection cell.
/// - `callvirt` of a virtual method of a class loads the method table from `this`,
///   the vtable chunk and calls the slot (`CallDispatch.vtable`); of a non-virtual
///   method it null-checks `this` and calls directly.
/// - Interface calls ask CORINFO_HELP_VIRTUAL_FUNC_PTR for the code address, then
///   call it (`CallDispatch.indirect`); calls of a generic virtual method ask
///   jitbook:GenericVirtualLookup with the instantiation's descriptor, likewise.
/// - `constrained. T callvirt M` calls T's own implementation directly when T is a value
///   type that has one, boxes otherwise, and dereferences the byref for reference types.
/// - Struct arguments travel in register-sized chunks (ABI.swift); struct results land
///   in a temp, returned in registers or through a hidden buffer.
extension BlockImporter {
    /// Imports `ins`, a `call`, `callvirt` or `newobj` whose operand is the method `ref`.
    func importCallOpcode(_ ins: Instruction, _ ref: MethodRef) throws {
        if try importMDArrayCall(ins, ref) { return }
        var info = try c.runtime.resolveMethod(ref, in: c.methodHandle, at: ins.location)
        if let def = c.runtime.definition(of: info.handle), def.attributes.contains("pinvokeimpl") {
            throw Diagnostic(.unsupported, at: ins.location,
                             "a call of the platform-invoke method '\(info.displayName)': P/Invoke is not supported by the model runtime")
        }
        if try importAsyncIntrinsic(info, ins) { return }
        if let awaited = try matchAwaitPattern(info, ins) { info = awaited } else if let tail = matchVersionTailCall(info, ins) { info = tail }
        if info.helperID == nil { c.runtime.reportReference(info.handle) }
        if ins.opcode == .newobj {
            try importNewObj(info, ref, ins)
            return
        }
        let count = info.parameters.count + (info.hasThis ? 1 : 0)
        var args = try pop(count)
        var method = info
        var dispatchVirtual = ins.opcode == .callvirt && info.attribs.contains(.isVirtual)
            && !info.attribs.contains(.isFinal)
        if let constrained = ins.constrainedType, info.hasThis {
            let t = try c.runtime.resolveType(constrained, in: c.methodHandle, at: ins.location)
            if let h = t.classHandle, c.runtime.classInfo(h).kind == .valueType {
                if let impl = c.runtime.resolveVirtualMethod(info.handle, on: h), c.runtime.methodInfo(impl).owner == h {
                    method = c.runtime.methodInfo(impl)
                    c.runtime.reportReference(impl)
                    dispatchVirtual = false
                } else {
                    c.runtime.reportConstructed(h)
                    let obj = spillToTemp(helperCall(.newSFast, .ref, [classHandleConstant(h)]), reason: "box")
                    appendWithSideEffects(storeValue(load(t, from: args[0]), of: t, to: address(readTemp(obj), plus: 8)))
                    args[0] = readTemp(obj)
                }
            } else {
                args[0] = load(JitTypeDesc(.ref), from: args[0])
            }
        }
        if ins.opcode == .callvirt && !dispatchVirtual && method.hasThis && !isThisArgument(args[0])
            && c.runtime.classInfo(method.owner).kind != .valueType && args[0].type == .ref {
            let this = reusable(args[0], reason: "this")
            append(node(.nullCheck, .void, [this.first], flags: .mayThrow))
            args[0] = this.again()
        }
        try makeCall(method, ref, args, virtual: dispatchVirtual, ins)
    }

    /// True when `n` reads the `this` of an instance method of a class (never null).
    private func isThisArgument(_ n: Node) -> Bool {
        n.oper == .lclVar && n.lclNum == 0 && !c.method.isStatic && c.locals[0].type == .ref
    }

    private func importNewObj(_ ctor: MethodInfo, _ ref: MethodRef, _ ins: Instruction) throws {
        let owner = c.runtime.classInfo(ctor.owner)
        if owner.name == "System.String" {
            try importStringConstruction(ref, ins)
            return
        }
        var args = try pop(ctor.parameters.count)
        switch owner.kind {
        case .class:
            c.runtime.reportConstructed(owner.handle)
            let obj = spillToTemp(helperCall(.newSFast, .ref, [classHandleConstant(owner.handle)]), reason: "NewObj constructor temp")
            args.insert(readTemp(obj), at: 0)
            try makeCall(ctor, ref, args, virtual: false, ins)
            push(readTemp(obj))
        case .valueType:
            let temp = c.newStructTemp(owner.handle, reason: "NewObj constructor temp")
            appendWithSideEffects(blockCopy(to: localAddress(temp), from: constant(0, .long), size: owner.size))
            args.insert(localAddress(temp), at: 0)
            try makeCall(ctor, ref, args, virtual: false, ins)
            push(readTemp(temp))
        default:
            throw Diagnostic(.unsupported, at: ins.location, "'newobj' of '\(owner.name)' is not supported yet")
        }
    }

    /// `newobj string::.ctor(args)`: a string's size depends on its arguments, so (as in CoreCLR)
    /// the constructor is imported as a call to CoreLib's static `String.Ctor(args)`, which
    /// allocates and fills the string and returns it.
    private func importStringConstruction(_ ref: MethodRef, _ ins: Instruction) throws {
        let factory = MethodRef(hasThis: false, returnType: .string, owner: ref.owner, name: "Ctor",
                                parameters: ref.parameters)
        let info = try c.runtime.resolveMethod(factory, in: c.methodHandle, at: ins.location)
        c.runtime.reportReference(info.handle)
        let args = try pop(info.parameters.count)
        try makeCall(info, factory, args, virtual: false, ins)
    }

    /// Builds the CALL (arguments converted and flattened), and pushes or appends its result.
    func makeCall(_ m: MethodInfo, _ ref: MethodRef, _ args: [Node], virtual: Bool, _ ins: Instruction) throws {
        var target = CallTarget(method: ref, definitionIndex: nil, displayName: m.displayName,
                                cellAddress: m.cellAddress, helperID: m.helperID)
        target.methodHandle = m.handle
        if !virtual {
            target.listingNote = m.isAsyncCallableThunk
                && AsyncVersion.decide(m.handle, runtime: c.runtime, config: c.config)?.source != nil
                ? "(call to runtime async version)" : m.callListingNote
        }
        target.entryAddress = m.helperID == nil ? c.runtime.codeAddress(of: m.handle) : nil
        markExplicitTailCall(&target, ins)
        var operands: [Node] = []
        var types = m.parameters
        var all = args
        let ownerKind = c.runtime.classInfo(m.owner).kind
        if m.hasThis {
            types.insert(JitTypeDesc(ownerKind == .valueType ? .byref : .ref, m.owner), at: 0)
        }
        guard types.count == all.count else {
            throw Diagnostic(.internalError, at: ins.location, "argument count mismatch calling '\(m.displayName)'")
        }
        var indirectTarget: Node?
        let isInterface = ownerKind == .interface
        if virtual, let descriptor = try c.runtime.genericVirtualDescriptor(m.handle, at: ins.location) {
            // A generic virtual method has no slot: the runtime looks the instantiation up for the
            // object's type (GenericVirtual.swift), then the call goes to that address.
            for i in all.indices where !(all[i].oper == .lclVar || all[i].oper == .cnsInt) {
                all[i] = readTemp(spillToTemp(all[i], reason: "generic virtual call arg"))
            }
            let lookup = helperCall(.genericVirtualLookup, .long,
                                    [cloneLeaf(all[0]), handleConstant(descriptor, comment: "generic virtual \(m.displayName)")])
            indirectTarget = readTemp(spillToTemp(lookup, reason: "generic virtual target"))
            target.dispatch = .indirect
        } else if virtual && isInterface {
            // Evaluate the arguments first (IL order), then ask for the implementation's address.
            for i in all.indices where !(all[i].oper == .lclVar || all[i].oper == .cnsInt) {
                all[i] = readTemp(spillToTemp(all[i], reason: "interface call arg"))
            }
            guard let slot = m.vtableSlot else {
                throw Diagnostic(.internalError, at: ins.location, "interface method '\(m.displayName)' has no slot")
            }
            let lookup = helperCall(.virtualFuncPtr, .long, [cloneLeaf(all[0]), classHandleConstant(m.owner),
                                                              constant(Int64(slot), .int)])
            indirectTarget = readTemp(spillToTemp(lookup, reason: "interface target"))
            target.dispatch = .indirect
        } else if virtual, let slot = m.vtableSlot {
            target.dispatch = .vtable(slot: slot)
        }
        var groups: [ABI.ArgGroup] = []
        let passedThrough = implicitByRefPassThrough(all, ins)
        for (i, (arg, t)) in zip(all, types).enumerated() {
            let ops = try passedThrough[i].map { [$0] } ?? argumentOperands(arg, t, ins)
            operands += ops
            groups.append(ABI.ArgGroup(count: ops.count, stackOnly: Self.passesOnStack(t, c), floating: t.varType.isFloating))
        }
        let ret = m.returnType
        var retTemp: Int?
        var retBufIndex: Int?
        if ret.varType == .struct, let h = ret.classHandle {
            let temp = c.newStructTemp(h, reason: "struct return")
            retTemp = temp
            if ABI.returnRegisters(size: c.runtime.classInfo(h).size) == nil {
                retBufIndex = m.hasThis ? 1 : 0
                operands.insert(localAddress(temp), at: retBufIndex!)
                groups.insert(ABI.ArgGroup(count: 1), at: retBufIndex!)
            }
        }
        if let t = indirectTarget { operands.append(t) }
        let callType: VarType = ret.varType == .struct ? (retBufIndex == nil ? .struct : .void) : ret.varType.actualType
        if m.attribs.contains(.asyncVariant) {
            // The continuation argument follows `this` and the return buffer (ABI.assignParameters).
            let at = (m.hasThis ? 1 : 0) + (retBufIndex == nil ? 0 : 1)
            operands.insert(constant(0, .ref), at: at)
            groups.insert(ABI.ArgGroup(count: 1), at: at)
        }
        let call = node(.call, callType, operands)
        call.argGroups = groups
        call.callTarget = target
        call.retBufOperand = retBufIndex
        call.classHandle = ret.classHandle
        if m.attribs.contains(.asyncVariant) {
            try finishAsyncCall(call, m, retTemp: retTemp, throughReturnBuffer: retBufIndex != nil, ins)
        } else if let temp = retTemp {
            if retBufIndex != nil {
                appendWithSideEffects(call)
            } else {
                call.blockSize = c.locals[temp].structSize
                let st = c.localStore(temp, call)
                st.ilOffset = currentOffset
                appendWithSideEffects(st)
            }
            push(readTemp(temp))
        } else if ret.varType == .void {
            appendWithSideEffects(call)
        } else {
            push(call)
        }
    }

    /// True for an argument that goes on the stack whatever registers are left (x64 structs over 16 bytes).
    static func passesOnStack(_ t: JitTypeDesc, _ c: Compiler) -> Bool {
        guard t.varType == .struct, let h = t.classHandle else { return false }
        if case .stack = ABI.structPassing(size: c.runtime.classInfo(h).size, arch: c.arch) { return true }
        return false
    }

    /// One argument as call operands: converted to the parameter's type; a struct as its register chunks
    /// (above 16 bytes: the address of a copy on arm64, stack-slot chunks on x64).
    private func argumentOperands(_ arg: Node, _ t: JitTypeDesc, _ ins: Instruction) throws -> [Node] {
        if t.varType == .struct, let h = t.classHandle {
            let size = c.runtime.classInfo(h).size
            switch ABI.structPassing(size: size, arch: c.arch) {
            case .registers(let n), .stack(let n):
                // In registers, or (x64 above 16 bytes) by value in stack slots: 8 bytes at a time.
                return structChunks(arg, h, size: size, count: n)
            case .byReference:
                let copy = c.newStructTemp(h, reason: "outgoing struct arg")
                appendWithSideEffects(blockCopy(to: localAddress(copy), from: structAddress(arg), size: size))
                return [localAddress(copy)]
            }
        }
        let vt = t.varType.actualType
        if vt == .int || vt == .long || vt.isFloating { return [arg.type == vt ? arg : coerce(arg, to: vt)] }
        return [arg]
    }
}
