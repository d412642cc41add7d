import Diagnostics
import IL

/// The object-model opcodes: fields, statics, indirections, boxing, casts, arrays (RyuJIT impImportBlockCode).
extension BlockImporter {
    /// Imports one object-model instruction; false when `ins` is not one of them.
    func importObjectOpcode(_ ins: Instruction) throws -> Bool {
        switch ins.opcode {
        case .ldnull:
            push(constant(0, .ref))
        case .ldfld, .ldflda, .stfld, .ldsfld, .ldsflda, .stsfld:
            try importField(ins)
        case .ldloca, .ldloca_s:
            push(localAddress(try localIndex(ins)))
        case .ldarga, .ldarga_s:
            let num = try argIndex(ins)
            if c.locals[num].isImplicitByRef { push(readTemp(num)) } else { push(localAddress(num)) }
        case .ldind_i1, .ldind_u1, .ldind_i2, .ldind_u2, .ldind_i4, .ldind_u4, .ldind_i8, .ldind_i, .ldind_ref,
             .ldind_r4, .ldind_r8:
            let addr = try pop()
            push(load(JitTypeDesc(Self.indirectionType(ins.opcode)), from: addr))
        case .stind_i1, .stind_i2, .stind_i4, .stind_i8, .stind_i, .stind_ref, .stind_r4, .stind_r8:
            let ops = try pop(2)
            appendWithSideEffects(storeValue(ops[1], of: JitTypeDesc(Self.indirectionType(ins.opcode)), to: ops[0]))
        case .ldobj:
            let t = try resolveType(ins)
            push(load(t, from: try pop()))
        case .stobj:
            let t = try resolveType(ins)
            let ops = try pop(2)
            appendWithSideEffects(storeValue(ops[1], of: t, to: ops[0]))
        case .initobj:
            let t = try resolveType(ins)
            let addr = try pop()
            if t.varType == .struct, let h = t.classHandle {
                appendWithSideEffects(blockCopy(to: addr, from: constant(0, .long), size: c.runtime.classInfo(h).size))
            } else if t.varType.isFloating {
                appendWithSideEffects(storeValue(floatConstant(0, t.varType), of: t, to: addr))
            } else {
                appendWithSideEffects(storeValue(constant(0, t.varType.actualType == .long ? .long : (t.varType == .int || t.varType.isSmall ? .int : t.varType)), of: t, to: addr))
            }
        case .box:
            try importBox(ins)
        case .unbox_any, .unbox:
            try importUnbox(ins)
        case .castclass, .isinst:
            let cls = try resolveClass(ins)
            let obj = try pop()
            push(castHelper(cls, obj, isCast: ins.opcode == .castclass))
        case .newarr:
            let elem = try resolveType(ins)
            let arrayClass = try c.runtime.arrayClass(of: elem, at: ins.location)
            c.runtime.reportConstructed(arrayClass)
            var len = try pop()
            if len.type == .int { len = widen(len) }
            push(helperCall(.newArr1, .ref, [classHandleConstant(arrayClass), len]))
        case .ldlen:
            let arr = try pop()
            push(load(JitTypeDesc(.int), from: address(arr, plus: 8)))
        case .ldelem_i1, .ldelem_u1, .ldelem_i2, .ldelem_u2, .ldelem_i4, .ldelem_u4, .ldelem_i8, .ldelem_i,
             .ldelem_ref, .ldelem, .ldelema, .ldelem_r4, .ldelem_r8:
            try importLoadElement(ins)
        case .stelem_i1, .stelem_i2, .stelem_i4, .stelem_i8, .stelem_i, .stelem_ref, .stelem, .stelem_r4, .stelem_r8:
            try importStoreElement(ins)
        case .throw_:
            let obj = try pop()
            append(helperCall(.throw, .void, [obj]))
            stack = []
        case .sizeof:
            let t = try resolveType(ins)
            let size = t.varType == .struct ? t.classHandle.map { c.runtime.classInfo($0).size } ?? 0 : t.varType.size
            push(constant(Int64(size), .int))
        default:
            return false
        }
        return true
    }

    static func indirectionType(_ op: Opcode) -> VarType {
        switch op {
        case .ldind_i1, .stind_i1: .byte
        case .ldind_u1: .ubyte
        case .ldind_i2, .stind_i2: .short
        case .ldind_u2: .ushort
        case .ldind_i4, .stind_i4: .int
        case .ldind_u4: .uint
        case .ldind_i8, .ldind_i, .stind_i8, .stind_i: .long
        case .ldind_r4, .stind_r4: .float
        case .ldind_r8, .stind_r8: .double
        default: .ref
        }
    }

    private func localIndex(_ ins: Instruction) throws -> Int {
        guard case .variable(let v) = ins.operand, v >= 0, v < c.method.locals.count else {
            throw Diagnostic(.invalidIL, at: ins.location, "'\(ins.opcode.rawValue)' needs a valid local")
        }
        return c.method.parameters.count + (c.method.isStatic ? 0 : 1) + v
    }

    private func argIndex(_ ins: Instruction) throws -> Int {
        let count = c.method.parameters.count + (c.method.isStatic ? 0 : 1)
        guard case .variable(let v) = ins.operand, v >= 0, v < count else {
            throw Diagnostic(.invalidIL, at: ins.location, "'\(ins.opcode.rawValue)' needs a valid argument")
        }
        return c.implicitByRefCopies[v] ?? v
    }

    // MARK: fields

    private func importField(_ ins: Instruction) throws {
        guard case .field(let ref) = ins.operand else {
            throw Diagnostic(.invalidIL, at: ins.location, "'\(ins.opcode.rawValue)' needs a field operand")
        }
        let f = try c.runtime.resolveField(ref, in: c.methodHandle, at: ins.location)
        switch ins.opcode {
        case .ldsfld, .ldsflda, .stsfld:
            guard let a = f.staticAddress else {
                throw Diagnostic(.invalidIL, at: ins.location, "'\(ref.name)' is not a static field")
            }
            if let ci = fieldClassInitializer(f.owner) { appendClassInit(ci) }
            let addr = handleConstant(a, comment: f.displayName, type: .byref)
            switch ins.opcode {
            case .ldsfld: push(load(f.type, from: addr))
            case .ldsflda: push(addr)
            default: appendWithSideEffects(storeValue(try pop(), of: f.type, to: addr))
            }
        default:
            let value: Node? = ins.opcode == .stfld ? try pop() : nil
            var obj = try pop()
            if f.isStatic, let a = f.staticAddress {
                // ldfld of a static field through an instance: the object is only evaluated.
                if obj.hasSideEffects { appendWithSideEffects(obj) }
                if let ci = fieldClassInitializer(f.owner) { appendClassInit(ci) }
                obj = handleConstant(a, comment: f.displayName, type: .byref)
                pushOrStore(ins, value, f, obj)
                return
            }
            let base: Node = obj.type == .struct ? structAddress(obj) : obj
            let addr = address(base, plus: f.offset)
            pushOrStore(ins, value, f, addr)
        }
    }

    private func pushOrStore(_ ins: Instruction, _ value: Node?, _ f: FieldInfo, _ addr: Node) {
        switch ins.opcode {
        case .ldflda:
            addr.type = .byref
            push(addr)
        case .stfld:
            if let v = value { appendWithSideEffects(storeValue(v, of: f.type, to: addr)) }
        default:
            push(load(f.type, from: addr))
        }
    }

    // MARK: boxing and casts

    private func importBox(_ ins: Instruction) throws {
        let t = try resolveType(ins)
        let value = try pop()
        guard let cls = t.classHandle else {
            throw Diagnostic(.unsupported, at: ins.location, "'box' of this type is not supported")
        }
        let info = c.runtime.classInfo(cls)
        if info.kind != .valueType {
            push(value)
            return
        }
        // RyuJIT's inline box: allocate, then copy the value into the object's data at +8.
        c.runtime.reportConstructed(cls)
        let obj = spillToTemp(helperCall(.newSFast, .ref, [classHandleConstant(cls)]), reason: "box")
        appendWithSideEffects(storeValue(value, of: t, to: address(readTemp(obj), plus: 8)))
        push(readTemp(obj))
    }

    private func importUnbox(_ ins: Instruction) throws {
        let t = try resolveType(ins)
        let obj = try pop()
        guard let cls = t.classHandle else {
            throw Diagnostic(.unsupported, at: ins.location, "'\(ins.opcode.rawValue)' of this type is not supported")
        }
        let info = c.runtime.classInfo(cls)
        if info.kind != .valueType {
            push(castHelper(cls, obj, isCast: true))
            return
        }
        let data = helperCall(.unbox, .byref, [classHandleConstant(cls), obj])
        if ins.opcode == .unbox {
            push(data)
        } else {
            let temp = spillToTemp(data, reason: "unbox")
            push(load(t, from: readTemp(temp)))
        }
    }

    /// castclass / isinst through the helper that fits the target type.
    func castHelper(_ cls: ClassHandle, _ obj: Node, isCast: Bool) -> Node {
        let info = c.runtime.classInfo(cls)
        let h: JitHelper
        switch info.kind {
        case .interface: h = isCast ? .chkCastInterface : .isInstanceOfInterface
        case .array: h = isCast ? .chkCastAny : .isInstanceOfAny
        default: h = isCast ? .chkCastClass : .isInstanceOfClass
        }
        return helperCall(h, .ref, [classHandleConstant(cls), obj])
    }

    // MARK: arrays

    /// The element type and size of an ldelem/stelem form.
    private func elementType(_ ins: Instruction) throws -> JitTypeDesc {
        switch ins.opcode {
        case .ldelem_i1, .stelem_i1: return JitTypeDesc(.byte)
        case .ldelem_u1: return JitTypeDesc(.ubyte)
        case .ldelem_i2, .stelem_i2: return JitTypeDesc(.short)
        case .ldelem_u2: return JitTypeDesc(.ushort)
        case .ldelem_i4, .stelem_i4: return JitTypeDesc(.int)
        case .ldelem_u4: return JitTypeDesc(.uint)
        case .ldelem_i8, .ldelem_i, .stelem_i8, .stelem_i: return JitTypeDesc(.long)
        case .ldelem_ref, .stelem_ref: return JitTypeDesc(.ref)
        case .ldelem_r4, .stelem_r4: return JitTypeDesc(.float)
        case .ldelem_r8, .stelem_r8: return JitTypeDesc(.double)
        default: return try resolveType(ins)
        }
    }

    private func size(of t: JitTypeDesc) -> Int {
        if t.varType == .struct, let h = t.classHandle { return c.runtime.classInfo(h).size }
        return t.varType.size
    }

    /// `arr + 16 + index * size` after `BOUNDS_CHECK(index, arr.Length)`; the array and index are read twice.
    private func elementAddress(_ arr: Node, _ index: Node, size: Int) -> Node {
        let a = reusable(arr, reason: "array")
        let i = reusable(index, reason: "index")
        let length = load(JitTypeDesc(.int), from: address(a.first, plus: 8))
        var idx = i.first
        if idx.type == .long {
            let cast = node(.cast, .int, [idx])
            cast.castType = .int
            idx = cast
        }
        let check = node(.boundsCheck, .void, [idx, length], flags: .mayThrow)
        c.hasRangeCheckThrow = true
        appendWithSideEffects(check)
        var wide = i.again()
        if wide.type == .int {
            let cast = node(.cast, .long, [wide], flags: .unsigned)
            cast.castType = .long
            wide = cast
        }
        let scaled = size == 1 ? wide : node(.mul, .long, [wide, constant(Int64(size), .long)])
        let sum = node(.add, .byref, [a.again(), scaled])
        return address(sum, plus: 16)
    }

    private func importLoadElement(_ ins: Instruction) throws {
        let t = try elementType(ins)
        let ops = try pop(2)
        // `ldelema` of a reference type checks the array's exact element type (a covariant array
        // must not give out a T&), unless T is sealed (no covariant array can hold another type)
        // or the prefix `readonly.` promises that the address is only read through.
        if ins.opcode == .ldelema, t.varType == .ref, let cls = t.classHandle, !c.runtime.classInfo(cls).isSealed,
           !ins.prefixes.contains(.readonly) {
            let index = ops[1].type == .int ? widen(ops[1]) : ops[1]
            push(readTemp(spillToTemp(helperCall(.ldelemaRef, .byref, [ops[0], index, classHandleConstant(cls)]),
                                      reason: "ldelema")))
            return
        }
        let addr = elementAddress(ops[0], ops[1], size: size(of: t))
        if ins.opcode == .ldelema {
            addr.type = .byref
            push(addr)
        } else {
            push(load(t, from: addr))
        }
    }

    private func importStoreElement(_ ins: Instruction) throws {
        let t = try elementType(ins)
        let ops = try pop(3)
        // A reference store may meet a covariant array (a Dog[] seen as Animal[]): CORINFO_HELP_ARRADDR_ST
        // checks the value's type against the array's element type, then stores. Storing null needs no check.
        if t.varType == .ref, !(ops[2].oper == .cnsInt && ops[2].value == 0) {
            let index = ops[1].type == .int ? widen(ops[1]) : ops[1]
            appendWithSideEffects(helperCall(.arrAddrSt, .void, [ops[0], index, ops[2]]))
            return
        }
        let value = ops[2].hasSideEffects ? readTemp(spillToTemp(ops[2], reason: "element")) : ops[2]
        let addr = elementAddress(ops[0], ops[1], size: size(of: t))
        appendWithSideEffects(storeValue(value, of: t, to: addr))
    }
}
