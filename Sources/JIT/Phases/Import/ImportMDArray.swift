import Diagnostics
import IL

/// Multi-dimensional arrays (`int[,]`): the methods the runtime gives every array type, expanded
/// inline (RyuJIT impArrayAccessIntrinsic and the NEW_MDARR allocation).
///
/// C# compiles `new int[3, 4]` to `newobj int32[,]::.ctor(int32, int32)` and `a[i, j]` to
/// `call int32[,]::Get(int32, int32)` (`Set` to store, `Address` for `ref a[i, j]` and compound
/// assignments): there are no opcodes for these arrays, only methods no metadata defines. The
/// JIT recognizes them by their owner's signature and expands each access into, per dimension,
/// `index - lowerBound`, a bounds check against that dimension's length (IndexOutOfRangeException),
/// then the row-major offset `((i0 * len1) + i1) * len2 + i2` scaled by the element size, from the
/// first element (`MDArrayLayout`). `Length`, `Rank` and `GetLength(d)` are ordinary calls on
/// System.Array.
extension BlockImporter {
    /// Imports `ins` (whose operand is `ref`) when it is a call or `newobj` of a multi-dimensional
    /// array's method; false otherwise.
    func importMDArrayCall(_ ins: Instruction, _ ref: MethodRef) throws -> Bool {
        guard let owner = ref.owner,
              case .mdArray(let elementSig, let rank) = Self.unmodified(owner) else { return false }
        let element = try c.runtime.resolveType(elementSig, in: c.methodHandle, at: ins.location)
        guard element.varType != .byref else {
            throw Diagnostic(.invalidIL, at: ins.location, "arrays of byrefs ('\(owner)') are not valid")
        }
        let cls = try c.runtime.arrayClass(of: element, rank: rank, at: ins.location)
        let indexCount = ref.name == "Set" ? rank + 1 : rank
        guard ref.parameters.count == indexCount else {
            let what = ref.name == ".ctor" && ref.parameters.count == 2 * rank
                ? "the constructor taking lower bounds of '\(owner)' is not supported (only zero-based arrays are)"
                : "'\(ref.name)' of '\(owner)' takes \(indexCount) arguments, the call passes \(ref.parameters.count)"
            throw Diagnostic(.unsupported, at: ins.location, what)
        }
        try checkArrayMethodSignature(ins, ref, owner, elementSig, element, rank: rank)
        switch (ins.opcode, ref.name) {
        case (.newobj, ".ctor"):
            try importNewMDArray(cls, rank: rank, ins)
        case (.call, "Get"), (.callvirt, "Get"):
            let args = try pop(rank + 1)
            let addr = mdElementAddress(args[0], Array(args[1...]), cls, rank: rank)
            push(load(element, from: addr))
        case (.call, "Address"), (.callvirt, "Address"):
            let args = try pop(rank + 1)
            let addr = mdElementAddress(args[0], Array(args[1...]), cls, rank: rank)
            addr.type = VarType.byref
            push(addr)
        case (.call, "Set"), (.callvirt, "Set"):
            var args = try pop(rank + 2)
            // IL evaluates every argument before the call: the value too, before any bounds check.
            for i in args.indices where args[i].hasSideEffects {
                args[i] = readTemp(spillToTemp(args[i], reason: "md array arg"))
            }
            let value = args[rank + 1]
            if element.varType == .ref, !(value.oper == .cnsInt && value.value == 0), !c.runtime.classInfo(cls).isSealed {
                // Array covariance: a string[,] may hide behind an object[,]; storing a non-string throws.
                let arr = reusable(args[0], reason: "md array")
                args[0] = arr.first
                appendWithSideEffects(helperCall(.mdArrayStoreCheck, .void, [arr.again(), cloneLeaf(value)]))
            }
            let addr = mdElementAddress(args[0], Array(args[1...rank]), cls, rank: rank)
            appendWithSideEffects(storeValue(value, of: element, to: addr))
        default:
            throw Diagnostic(.unsupported, at: ins.location,
                             "'\(ins.opcode.rawValue) \(ref.name)' on the array type '\(owner)' is not supported (only .ctor, Get, Set and Address)")
        }
        return true
    }

    /// The runtime gives every array type of element `T` and rank `r` exactly these methods
    /// (ECMA-335 II.14.2): `void .ctor(int32 × r)`, `T Get(int32 × r)`, `void Set(int32 × r, T)` and
    /// `T& Address(int32 × r)`. A reference with another signature names no method: a fuzzed
    /// `call void Task[,,]::Set(int32, int32, int32, int64)` stored a long as a Task and trapped
    /// code generation (fuzz seed 204, input 797237). The caller has checked the parameter count.
    private func checkArrayMethodSignature(_ ins: Instruction, _ ref: MethodRef, _ owner: TypeSig, _ elementSig: TypeSig,
                                           _ element: JitTypeDesc, rank: Int) throws {
        func resolved(_ t: TypeSig) throws -> JitTypeDesc { try c.runtime.resolveType(t, in: c.methodHandle, at: ins.location) }
        let int32 = try resolved(.int32)
        let indices = Array(repeating: "int32", count: rank).joined(separator: ", ")
        var matches = try ref.parameters.prefix(rank).allSatisfy { try resolved($0) == int32 }
        let wanted: String
        switch ref.name {
        case ".ctor":
            matches = matches && ref.returnType == .void
            wanted = "void .ctor(\(indices))"
        case "Get":
            matches = try matches && resolved(ref.returnType) == element
            wanted = "\(elementSig) Get(\(indices))"
        case "Set":
            matches = try matches && ref.returnType == .void && ref.parameters.last.map(resolved) == element
            wanted = "void Set(\(indices), \(elementSig))"
        case "Address":
            if case .byref(let target) = Self.unmodified(ref.returnType) {
                matches = try matches && resolved(target) == element
            } else {
                matches = false
            }
            wanted = "\(elementSig)& Address(\(indices))"
        default:
            return
        }
        guard !matches else { return }
        let params = ref.parameters.map(\.description).joined(separator: ", ")
        throw Diagnostic(.undefined, at: ins.location,
                         "no method '\(ref.returnType) \(owner)::\(ref.name)(\(params))': the array type's \(ref.name) is '\(wanted)'")
    }

    /// `newobj T[,]::.ctor(len0, len1...)`: CORINFO_HELP_NEW_MDARR(method table, len0, len1...).
    private func importNewMDArray(_ cls: ClassHandle, rank: Int, _ ins: Instruction) throws {
        guard rank <= MDArrayLayout.maxRankForNew else {
            throw Diagnostic(.unsupported, at: ins.location,
                             "creating arrays of \(rank) dimensions is not supported (at most \(MDArrayLayout.maxRankForNew))")
        }
        let lengths = try pop(rank).map { widen($0) }
        c.runtime.reportConstructed(cls)
        push(helperCall(.newMDArr, .ref, [classHandleConstant(cls)] + lengths))
    }

    /// The address of element `[indices]`: per dimension `BOUNDS_CHECK(i - lowerBound, length)`,
    /// then `arr + dataOffset + rowMajorOffset * elementSize`.
    private func mdElementAddress(_ arr: Node, _ indices: [Node], _ cls: ClassHandle, rank: Int) -> Node {
        let a = reusable(arr, reason: "md array")
        var pending = indices
        // Indices with side effects run in IL order, before any check.
        for i in pending.indices where pending[i].hasSideEffects {
            pending[i] = readTemp(spillToTemp(pending[i], reason: "md array index"))
        }
        var first = true
        func array() -> Node {
            if first { first = false; return a.first }
            return a.again()
        }
        var offset: Node?
        for d in 0..<rank {
            var index = pending[d]
            if index.type == .long {
                let cast = node(.cast, .int, [index])
                cast.castType = .int
                index = cast
            }
            let lowerBound = load(JitTypeDesc(.int), from: address(array(), plus: MDArrayLayout.lowerBoundOffset(dimension: d, rank: rank)))
            let relative = spillToTemp(node(.sub, .int, [index, lowerBound]), reason: "md array index")
            let length = load(JitTypeDesc(.int), from: address(array(), plus: MDArrayLayout.lengthOffset(dimension: d)))
            appendWithSideEffects(node(.boundsCheck, .void, [readTemp(relative), length], flags: .mayThrow))
            c.hasRangeCheckThrow = true
            let wide = node(.cast, .long, [readTemp(relative)], flags: .unsigned)
            wide.castType = .long
            if let sofar = offset {
                let len = load(JitTypeDesc(.int), from: address(array(), plus: MDArrayLayout.lengthOffset(dimension: d)))
                let lenWide = node(.cast, .long, [len], flags: .unsigned)
                lenWide.castType = .long
                offset = node(.add, .long, [node(.mul, .long, [sofar, lenWide]), wide])
            } else {
                offset = wide
            }
        }
        let size = c.runtime.classInfo(cls).componentSize
        let total = offset ?? constant(0, .long)
        let scaled = size == 1 ? total : node(.mul, .long, [total, constant(Int64(size), .long)])
        return address(node(.add, .byref, [array(), scaled]), plus: MDArrayLayout.dataOffset(rank: rank))
    }

    /// A signature without its `modreq`/`modopt` wrappers.
    static func unmodified(_ t: TypeSig) -> TypeSig {
        if case .modified(let inner, _) = t { return unmodified(inner) }
        return t
    }
}
