import Diagnostics
import IL

/// Building blocks of the object-model importer: memory accesses, struct values, helper calls.
///
/// Struct values on the IL stack are either a struct local (`LCL_VAR struct`) or a
/// load from an address (`IND struct`, RyuJIT's OBJ). Whoever consumes one works
/// with its address: a copy is a `STORE_BLK(dst, src)`, an argument is loaded in
/// register-sized chunks, a return is a copy into the return buffer or a load of
/// the return registers.
extension BlockImporter {
    /// A CNS_INT of a method table (or other handle) address, commented with what it denotes.
    func handleConstant(_ address: UInt64, comment: String, type: VarType = .long) -> Node {
        let n = node(.cnsInt, type)
        n.value = Int64(bitPattern: address)
        n.handleComment = comment
        return n
    }

    /// The method table constant of a class, commented with its name (`; Program+Derived`).
    func classHandleConstant(_ cls: ClassHandle) -> Node {
        let info = c.runtime.classInfo(cls)
        let n = handleConstant(info.methodTable, comment: info.name)
        n.classHandle = cls
        return n
    }

    /// `ADD(base, offset)` of type byref (just `base` for offset 0).
    func address(_ base: Node, plus offset: Int) -> Node {
        guard offset != 0 else { return base }
        return node(.add, .byref, [base, constant(Int64(offset), .long)])
    }

    func constant(_ v: Int64, _ type: VarType) -> Node {
        let n = c.constant(v, type)
        n.ilOffset = currentOffset
        return n
    }

    /// A load of a value of `type` from `addr`: IND (small types widen) or an OBJ for structs.
    func load(_ type: JitTypeDesc, from addr: Node) -> Node {
        if type.varType == .struct {
            let n = node(.ind, .struct, [addr])
            n.memType = .struct
            n.classHandle = type.classHandle
            n.blockSize = type.classHandle.map { c.runtime.classInfo($0).size } ?? 0
            if isVolatileAccess { n.flags.insert(.volatile) }
            return n
        }
        let t = type.varType
        let n = node(.ind, t.actualType, [addr], flags: isVolatileAccess ? [.mayThrow, .volatile] : .mayThrow)
        n.memType = t
        return n
    }

    /// A store of `value` (of `type`) to `addr`: STOREIND, or STORE_BLK for structs.
    func storeValue(_ value: Node, of type: JitTypeDesc, to addr: Node) -> Node {
        if type.varType == .struct {
            let size = type.classHandle.map { c.runtime.classInfo($0).size } ?? 0
            return blockCopy(to: addr, from: structAddress(value), size: size)
        }
        let v = type.varType.isSmall || type.varType.actualType == .long || type.varType.actualType == .int
            || type.varType.isFloating ? coerce(value, to: type.varType.actualType) : value
        let n = node(.storeInd, .void, [addr, v], flags: isVolatileAccess ? [.mayThrow, .volatile] : .mayThrow)
        n.memType = type.varType
        return n
    }

    /// True while importing an instruction under the `volatile.` prefix: its loads and stores get
    /// NodeFlags.volatile (ECMA-335 III.2.6).
    var isVolatileAccess: Bool { current.prefixes.contains(.volatile) }

    /// `STORE_BLK(dst, src)` copying `size` bytes; `src` a CNS_INT 0 zeroes.
    func blockCopy(to dst: Node, from src: Node, size: Int) -> Node {
        let n = node(.storeBlk, .void, [dst, src], flags: isVolatileAccess ? [.mayThrow, .volatile] : .mayThrow)
        n.blockSize = size
        return n
    }

    /// The address of a struct value (marks a local's address as taken).
    func structAddress(_ v: Node) -> Node {
        if v.oper == .lclVar {
            return localAddress(v.lclNum)
        }
        if v.oper == .ind, let a = v.operands.first { return a }
        return v
    }

    /// `LCL_ADDR` of a local, which then lives on the stack.
    func localAddress(_ num: Int) -> Node {
        let local = c.locals[num]
        local.addressExposed = true
        local.isRegCandidate = false
        let n = node(.lclAddr, .byref)
        n.lclNum = num
        return n
    }

    /// A struct value as `count` 8-byte chunks, each widened to a long (the last one loaded with
    /// the size that remains): how it travels in registers or stack slots, and is returned.
    func structChunks(_ value: Node, _ cls: ClassHandle, size: Int, count: Int) -> [Node] {
        let local = structLocal(value, cls)
        return (0..<count).map { k in
            let rest = size - 8 * k
            let chunk: VarType = rest > 4 ? .long : rest > 2 ? .int : rest > 1 ? .ushort : .ubyte
            let v = load(JitTypeDesc(chunk), from: address(localAddress(local), plus: 8 * k))
            return v.type == .int ? widen(v) : v
        }
    }

    /// A struct value as a local: the value itself when it already is one, else a copy in a new temp.
    func structLocal(_ v: Node, _ cls: ClassHandle) -> Int {
        if v.oper == .lclVar, c.locals[v.lclNum].type == .struct { return v.lclNum }
        let temp = c.newStructTemp(cls, reason: "struct copy")
        appendWithSideEffects(blockCopy(to: localAddress(temp), from: structAddress(v), size: c.locals[temp].structSize))
        return temp
    }

    /// A CALL of a runtime helper.
    func helperCall(_ h: JitHelper, _ type: VarType, _ args: [Node]) -> Node {
        let call = node(.call, type, args)
        call.callTarget = c.runtime.helperTarget(h)
        return call
    }

    /// Stores `value` in a new temp (a statement) and returns the temp's number.
    func spillToTemp(_ value: Node, reason: String) -> Int {
        let temp = c.newTemp(value.type, reason: reason)
        let st = c.localStore(temp, value)
        st.ilOffset = currentOffset
        appendWithSideEffects(st)
        return temp
    }

    /// A value that may be read twice: locals and constants as they are, anything else via a temp.
    func reusable(_ v: Node, reason: String) -> (first: Node, again: () -> Node) {
        if v.oper == .lclVar || v.oper == .cnsInt {
            return (v, { [self] in cloneLeaf(v) })
        }
        let t = spillToTemp(v, reason: reason)
        return (readTemp(t), { [self] in readTemp(t) })
    }

    /// A copy of a leaf node (constant or local read).
    func cloneLeaf(_ n: Node) -> Node {
        let copy = node(n.oper, n.type, [], flags: n.flags)
        copy.value = n.value
        copy.handleComment = n.handleComment
        copy.lclNum = n.lclNum
        copy.classHandle = n.classHandle
        return copy
    }

    /// Resolves a type token in the method's generic context.
    func resolveType(_ ins: Instruction) throws -> JitTypeDesc {
        guard case .type(let sig) = ins.operand else {
            throw Diagnostic(.invalidIL, at: ins.location, "'\(ins.opcode.rawValue)' needs a type operand")
        }
        return try c.runtime.resolveType(sig, in: c.methodHandle, at: ins.location)
    }

    /// Resolves a type token that must denote a class (with a method table).
    func resolveClass(_ ins: Instruction) throws -> ClassHandle {
        let t = try resolveType(ins)
        guard let h = t.classHandle, t.varType != .byref else {
            throw Diagnostic(.unsupported, at: ins.location, "'\(ins.opcode.rawValue)' of this type is not supported")
        }
        return h
    }
}
