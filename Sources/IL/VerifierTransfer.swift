import Diagnostics

/// The per-opcode stack effects of the verifier (ECMA-335 Partition III).
extension VerifierRun {
    /// Applies instruction `i` (of opcode `op`) to the stack `s` and says where control goes next.
    ///
    /// `op` comes from the caller, and operands are read through the small helpers below: in a
    /// function this large, `body[i].opcode` was not inlined and copied the whole instruction
    /// (retaining every reference in it) on each visit.
    mutating func transfer(_ i: Int, _ op: Opcode, _ s: inout [StackType]) throws -> Flow {
        switch op {
        case .nop, .break_:
            return .next

        // Arguments and locals.
        case .ldarg_0, .ldarg_1, .ldarg_2, .ldarg_3:
            s.append(try argType(i, Int(op.encoding - Opcode.ldarg_0.encoding)))
        case .ldarg, .ldarg_s:
            s.append(try argType(i, variable(i)))
        case .ldarga, .ldarga_s:
            _ = try argType(i, variable(i))
            s.append(.managedPtr)
        case .starg, .starg_s:
            let index = variable(i)
            let t = try argType(i, index)
            try popAssignable(i, &s, to: t, "argument \(index)")
        case .ldloc_0, .ldloc_1, .ldloc_2, .ldloc_3:
            s.append(try localType(i, Int(op.encoding - Opcode.ldloc_0.encoding)))
        case .ldloc, .ldloc_s:
            s.append(try localType(i, variable(i)))
        case .ldloca, .ldloca_s:
            _ = try localType(i, variable(i))
            s.append(.managedPtr)
        case .stloc_0, .stloc_1, .stloc_2, .stloc_3:
            let index = Int(op.encoding - Opcode.stloc_0.encoding)
            try popAssignable(i, &s, to: try localType(i, index), "local \(index)")
        case .stloc, .stloc_s:
            let index = variable(i)
            try popAssignable(i, &s, to: try localType(i, index), "local \(index)")

        // Constants.
        case .ldnull, .ldstr:
            s.append(.objRef)
        case .ldc_i4_m1, .ldc_i4_0, .ldc_i4_1, .ldc_i4_2, .ldc_i4_3, .ldc_i4_4, .ldc_i4_5, .ldc_i4_6,
             .ldc_i4_7, .ldc_i4_8, .ldc_i4_s, .ldc_i4:
            s.append(.int32)
        case .ldc_i8:
            s.append(.int64)
        case .ldc_r4, .ldc_r8:
            s.append(.float)

        case .dup:
            let v = try pop1(i, &s)
            s.append(v); s.append(v)
        case .pop:
            _ = try pop1(i, &s)

        // Calls.
        case .call, .callvirt, .newobj, .jmp:
            return try call(i, &s)
        case .calli:
            guard case .method(let sig) = operand(i) else { return .next }
            let ftn = try pop1(i, &s)
            try require(ftn == .nativeInt || ftn == .unknown, i, ftn)
            _ = try pop(i, &s, sig.parameters.count + (sig.hasThis ? 1 : 0))
            if sig.returnType != .void { s.append(stackType(sig.returnType)) }
        case .ldftn:
            if case .method(let ref) = operand(i) { try checkCallTarget(i, ref) }
            s.append(.nativeInt)
        case .ldvirtftn:
            let obj = try pop1(i, &s)
            try require(obj == .objRef || obj == .unknown, i, obj)
            s.append(.nativeInt)
        case .ret:
            try checkReturn(i, s)
            return .stop

        // Control flow.
        case .br, .br_s:
            return .branch(target(i))
        case .brfalse, .brfalse_s, .brtrue, .brtrue_s:
            let v = try pop1(i, &s)
            try require(v != .float && !isValueType(v), i, v)
            return .conditional(target(i))
        case .beq, .beq_s, .bne_un, .bne_un_s, .bge, .bge_s, .bgt, .bgt_s, .ble, .ble_s, .blt, .blt_s,
             .bge_un, .bge_un_s, .bgt_un, .bgt_un_s, .ble_un, .ble_un_s, .blt_un, .blt_un_s:
            try compare(i, &s)
            return .conditional(target(i))
        case .switch_:
            let v = try pop1(i, &s)
            try require(v == .int32 || v == .nativeInt || v == .unknown, i, v)
            guard case .targets(let ts) = operand(i) else { return .next }
            return .switch_(ts)
        case .leave, .leave_s:
            s.removeAll()
            return .leave(target(i))
        case .endfinally:
            s.removeAll()
            return .stop
        case .endfilter:
            let v = try pop1(i, &s)
            try require(v == .int32 || v == .unknown, i, v)
            return .stop
        case .throw_:
            let v = try pop1(i, &s)
            try require(v == .objRef || v == .unknown, i, v)
            return .stop
        case .rethrow:
            return .stop

        // Arithmetic.
        case .add, .sub, .mul, .div, .rem, .div_un, .rem_un, .and, .or, .xor,
             .add_ovf, .add_ovf_un, .sub_ovf, .sub_ovf_un, .mul_ovf, .mul_ovf_un:
            let ab = try pop2(i, &s)
            var result = StackType.binaryNumeric(ab.0, ab.1, op: op)
            if op == .and || op == .or || op == .xor, ab.0 == .managedPtr || ab.1 == .managedPtr { result = nil }
            try requirePair(result != nil, i, ab.0, ab.1)
            s.append(result ?? .unknown)
        case .shl, .shr, .shr_un:
            let ab = try pop2(i, &s)
            let okValue = ab.0.isInteger
            let okAmount = ab.1 == .int32 || ab.1 == .nativeInt || ab.1 == .unknown
            try requirePair(okValue && okAmount, i, ab.0, ab.1)
            s.append(ab.0)
        case .neg:
            let v = try pop1(i, &s)
            try require(v.isNumeric, i, v)
            s.append(v)
        case .not:
            let v = try pop1(i, &s)
            try require(v.isInteger, i, v)
            s.append(v)
        case .ceq, .cgt, .cgt_un, .clt, .clt_un:
            try compare(i, &s)
            s.append(.int32)
        case .ckfinite:
            let v = try pop1(i, &s)
            try require(v == .float || v == .unknown, i, v)
            s.append(.float)

        // Conversions: accept any numeric value (and pointers for the integer ones).
        case .conv_i1, .conv_i2, .conv_i4, .conv_u1, .conv_u2, .conv_u4,
             .conv_ovf_i1, .conv_ovf_u1, .conv_ovf_i2, .conv_ovf_u2, .conv_ovf_i4, .conv_ovf_u4,
             .conv_ovf_i1_un, .conv_ovf_i2_un, .conv_ovf_i4_un, .conv_ovf_u1_un, .conv_ovf_u2_un, .conv_ovf_u4_un:
            try convert(i, &s, to: .int32)
        case .conv_i8, .conv_u8, .conv_ovf_i8, .conv_ovf_u8, .conv_ovf_i8_un, .conv_ovf_u8_un:
            try convert(i, &s, to: .int64)
        case .conv_i, .conv_u, .conv_ovf_i, .conv_ovf_u, .conv_ovf_i_un, .conv_ovf_u_un:
            try convert(i, &s, to: .nativeInt)
        case .conv_r4, .conv_r8, .conv_r_un:
            try convert(i, &s, to: .float)

        // Indirect loads and stores.
        case .ldind_i1, .ldind_u1, .ldind_i2, .ldind_u2, .ldind_i4, .ldind_u4:
            try loadIndirect(i, &s, .int32)
        case .ldind_i8: try loadIndirect(i, &s, .int64)
        case .ldind_i: try loadIndirect(i, &s, .nativeInt)
        case .ldind_r4, .ldind_r8: try loadIndirect(i, &s, .float)
        case .ldind_ref: try loadIndirect(i, &s, .objRef)
        case .ldobj:
            try loadIndirect(i, &s, typeOperand(i))
        case .stind_i1, .stind_i2, .stind_i4, .stind_i, .stind_i8, .stind_r4, .stind_r8, .stind_ref, .stobj:
            let pair = try pop2(i, &s)
            try require(isAddress(pair.0), i, pair.0)
            try require(pair.1.isAssignable(to: storedType(i)), i, pair.1)
        case .cpobj, .cpblk, .initblk:
            _ = try pop(i, &s, op == .cpobj ? 2 : 3)
        case .initobj:
            let a = try pop1(i, &s)
            try require(isAddress(a), i, a)
        case .localloc:
            let n = try pop1(i, &s)
            try require(n == .int32 || n == .nativeInt || n == .unknown, i, n)
            s.append(.nativeInt)
        case .sizeof:
            s.append(.int32)

        // Objects.
        case .castclass, .isinst:
            let v = try pop1(i, &s)
            try require(v == .objRef || v == .unknown, i, v)
            s.append(.objRef)
        case .box:
            // A primitive is boxed from its own stack category: `box int32` of an F value is a category
            // error the JIT would meet as a float where it expects an integer (a fuzzed input did).
            let v = try pop1(i, &s)
            let boxed = typeOperand(i)
            if boxed.isNumeric && boxed != .unknown {
                try require(v.isAssignable(to: boxed), i, v)
            }
            s.append(.objRef)
        case .unbox:
            let v = try pop1(i, &s)
            try require(v == .objRef || v == .unknown, i, v)
            s.append(.managedPtr)
        case .unbox_any:
            let v = try pop1(i, &s)
            try require(v == .objRef || v == .unknown, i, v)
            s.append(typeOperand(i))
        case .ldfld, .ldflda:
            let obj = try pop1(i, &s)
            try require(obj == .objRef || isAddress(obj) || isValueType(obj), i, obj)
            s.append(op == .ldflda ? .managedPtr : fieldType(i))
        case .stfld:
            let pair = try pop2(i, &s)
            try require(pair.0 == .objRef || isAddress(pair.0), i, pair.0)
            if !pair.1.isAssignable(to: fieldType(i)) {
                report(i, "type mismatch: 'stfld' stores \(pair.1) into field of type \(fieldType(i))")
                throw VerifyStop()
            }
        case .ldsfld:
            s.append(fieldType(i))
        case .ldsflda:
            s.append(.managedPtr)
        case .stsfld:
            let v = try pop1(i, &s)
            if !v.isAssignable(to: fieldType(i)) {
                report(i, "type mismatch: 'stsfld' stores \(v) into field of type \(fieldType(i))")
                throw VerifyStop()
            }
        case .ldtoken:
            s.append(.valueType("System.RuntimeHandle"))
        case .mkrefany:
            _ = try pop1(i, &s)
            s.append(.valueType("System.TypedReference"))
        case .refanyval:
            _ = try pop1(i, &s)
            s.append(.managedPtr)
        case .refanytype:
            _ = try pop1(i, &s)
            s.append(.valueType("System.RuntimeTypeHandle"))
        case .arglist:
            s.append(.valueType("System.RuntimeArgumentHandle"))

        // Arrays.
        case .newarr:
            let n = try pop1(i, &s)
            try require(n == .int32 || n == .nativeInt || n == .unknown, i, n)
            s.append(.objRef)
        case .ldlen:
            let a = try pop1(i, &s)
            try require(a == .objRef || a == .unknown, i, a)
            s.append(.nativeInt)
        case .ldelema, .ldelem_i1, .ldelem_u1, .ldelem_i2, .ldelem_u2, .ldelem_i4, .ldelem_u4, .ldelem_i8,
             .ldelem_i, .ldelem_r4, .ldelem_r8, .ldelem_ref, .ldelem:
            let pair = try pop2(i, &s)
            try requirePair((pair.0 == .objRef || pair.0 == .unknown)
                                && (pair.1 == .int32 || pair.1 == .nativeInt || pair.1 == .unknown),
                            i, pair.0, pair.1)
            s.append(elementType(i))
        case .stelem_i, .stelem_i1, .stelem_i2, .stelem_i4, .stelem_i8, .stelem_r4, .stelem_r8,
             .stelem_ref, .stelem:
            let triple = try pop3(i, &s)
            try requirePair((triple.0 == .objRef || triple.0 == .unknown)
                                && (triple.1 == .int32 || triple.1 == .nativeInt || triple.1 == .unknown),
                            i, triple.0, triple.1)
            try require(triple.2.isAssignable(to: storedType(i)), i, triple.2)

        // Prefixes never reach here (the parser folds them into the next instruction).
        case .unaligned, .volatile, .tail, .constrained, .no, .readonly:
            return .next
        }
        return .next
    }

    // MARK: Operand helpers

    /// The operand of instruction `i`, read in place (see `transfer`).
    func operand(_ i: Int) -> Operand { body[i].operand }

    func variable(_ i: Int) -> Int {
        if case .variable(let v) = body[i].operand { return v }
        return -1
    }

    func target(_ i: Int) -> Int {
        if case .target(let t) = body[i].operand { return t }
        return -1
    }

    func typeOperand(_ i: Int) -> StackType {
        if case .type(let t) = body[i].operand {
            // A bare type name (`unbox.any P`) names a value type when the module defines it as one.
            let loaded = stackType(t)
            if case .class(let n) = t, loaded == .objRef, let def = module.typeDef(for: t), def.isValueType { return .valueType(n.fullName) }
            return loaded
        }
        return .unknown
    }

    /// The stack type of the field instruction `i` names; a field of a generic owner's `!N` type has
    /// the owner's N-th type argument (`ldfld !1 valuetype Pair`2<string,int32>::Second` loads an int32).
    func fieldType(_ i: Int) -> StackType {
        guard case .field(let f) = body[i].operand else { return .unknown }
        if case .typeParam(let n) = f.type, case .generic(_, _, let args) = f.owner, args.indices.contains(n) {
            return stackType(args[n])
        }
        return stackType(f.type)
    }

    /// The stack type a `stelem` or `stind` stores (small integers are int32 on the stack). The value
    /// must be of that category: a fuzzed `stelem.r8` of a string reached the JIT as a float store
    /// of an object reference, a trap in the x64 code generator.
    func storedType(_ i: Int) -> StackType {
        switch body[i].opcode {
        case .stelem_i8, .stind_i8: return .int64
        case .stelem_i, .stind_i: return .nativeInt
        case .stelem_r4, .stelem_r8, .stind_r4, .stind_r8: return .float
        case .stelem_ref, .stind_ref: return .objRef
        case .stelem, .stobj: return typeOperand(i)
        default: return .int32
        }
    }

    func elementType(_ i: Int) -> StackType {
        switch body[i].opcode {
        case .ldelema: return .managedPtr
        case .ldelem_i8: return .int64
        case .ldelem_i: return .nativeInt
        case .ldelem_r4, .ldelem_r8: return .float
        case .ldelem_ref: return .objRef
        case .ldelem: return typeOperand(i)
        default: return .int32
        }
    }

    func isAddress(_ t: StackType) -> Bool { t == .managedPtr || t == .nativeInt || t == .unknown }

    func isValueType(_ t: StackType) -> Bool {
        if case .valueType = t { return true }
        return false
    }

    // MARK: Composite rules

    mutating func loadIndirect(_ i: Int, _ s: inout [StackType], _ result: StackType) throws {
        let a = try pop1(i, &s)
        try require(isAddress(a), i, a)
        s.append(result)
    }

    mutating func convert(_ i: Int, _ s: inout [StackType], to result: StackType) throws {
        let v = try pop1(i, &s)
        let ok = v.isNumeric || (v == .managedPtr && result != .float)
        try require(ok, i, v)
        s.append(result)
    }

    /// The comparisons and branches that accept two object references (equality and `cgt.un` against null).
    static let refsComparable: Set<Opcode> = [.ceq, .cgt_un, .beq, .beq_s, .bne_un, .bne_un_s, .bgt_un, .bgt_un_s]

    mutating func compare(_ i: Int, _ s: inout [StackType]) throws {
        let ab = try pop2(i, &s)
        try requirePair(StackType.comparable(ab.0, ab.1, equalityOnly: Self.refsComparable.contains(body[i].opcode)),
                        i, ab.0, ab.1)
    }

    mutating func checkReturn(_ i: Int, _ s: [StackType]) throws {
        // In an `async` method, `ret` returns the T of Task<T> / ValueTask<T> (nothing for Task / ValueTask).
        let returnType = method.isAsync ? Self.asyncReturnType(method.returnType) : method.returnType
        if returnType == .void {
            if !s.isEmpty {
                report(i, "'ret' in a method returning void needs an empty stack, the stack has \(s.count)")
            }
            return
        }
        let expected = stackType(returnType)
        guard s.count == 1 else {
            report(i, "'ret' in a method returning \(returnType) needs exactly 1 value, the stack has \(s.count)")
            return
        }
        if !s[0].isAssignable(to: expected) {
            report(i, "type mismatch: 'ret' returns \(s[0]) but the method returns \(returnType)")
        }
    }

    /// What `ret` returns in an async method declared to return `sig`.
    static func asyncReturnType(_ sig: TypeSig) -> TypeSig {
        switch sig {
        case .modified(let t, _): return asyncReturnType(t)
        case .generic(let n, _, let args) where args.count == 1
            && (n.fullName == "System.Threading.Tasks.Task`1" || n.fullName == "System.Threading.Tasks.ValueTask`1"):
            return args[0]
        case .class(let n) where n.fullName == "System.Threading.Tasks.Task": return .void
        case .valueType(let n) where n.fullName == "System.Threading.Tasks.ValueTask": return .void
        default: return sig
        }
    }

    /// Reports a call/newobj/ldftn/jmp (instruction `i`, to `ref`) to a method of this module that
    /// does not exist. (`ref` is passed in: taking it out of the operand again copied all its fields.)
    mutating func checkCallTarget(_ i: Int, _ ref: MethodRef) throws {
        try checkGenericParameters(i, ref)
        guard module.isLocalOwner(ref.owner) else { return }
        var ownerDef: TypeDef? = nil
        if let owner = ref.owner {
            ownerDef = module.typeDef(for: owner)
            if ownerDef == nil {
                report(i, "undefined type '\(owner.typeName?.fullName ?? owner.description)' in call to '\(ref.name)'",
                       kind: .undefined)
                throw VerifyStop()
            }
        }
        if module.resolveMethod(ref, in: ownerDef) == nil {
            let owner = ref.owner.map { "\($0.typeName?.fullName ?? $0.description)::" } ?? ""
            let params = ref.parameters.map(\.description).joined(separator: ", ")
            report(i, "undefined method '\(owner)\(ref.name)(\(params))'", kind: .undefined)
            throw VerifyStop()
        }
    }

    /// Reports a `!N` or `!!N` in a method reference's signature that the reference does not bind:
    /// `!N` indexes the owner's type arguments, `!!N` the method's. Unbound, the verifier would see
    /// an unknown type where the JIT sees the method's own (a fuzzed `callvirt instance !!0
    /// object::ToString()` let `stelem.r8` store the string: fuzz seed 205, input 694735).
    mutating func checkGenericParameters(_ i: Int, _ ref: MethodRef) throws {
        // Most references name no `!N` or `!!N` at all: nothing can be unbound, and the owner's
        // arity (a type lookup by name, per call site) is not needed.
        guard Self.namesGenericParameter(ref.returnType) || ref.parameters.contains(where: Self.namesGenericParameter) else {
            return
        }
        let typeArity = ownerArity(ref.owner)
        let methodArity = max(ref.genericArgs.count, ref.genericArity)
        // The return type, then each parameter (in place: `[ref.returnType] + ref.parameters` built an array per call).
        func check(_ sig: TypeSig) throws {
            guard let unbound = Self.unboundParameter(sig, typeArity: typeArity, methodArity: methodArity) else { return }
            let which = unbound.hasPrefix("!!") ? "\(methodArity) method type argument(s)" : "\(typeArity) type argument(s) of its owner"
            report(i, "'\(unbound)' in the signature of '\(ref.name)', which has \(which)")
            throw VerifyStop()
        }
        try check(ref.returnType)
        for sig in ref.parameters { try check(sig) }
    }

    /// How many type arguments `!N` can name in a reference to a member of `owner`: an instantiated
    /// owner's arguments, else the arity its definition in this module declares or its name carries (`List`1`).
    func ownerArity(_ owner: TypeSig?) -> Int {
        guard let owner else { return 0 }
        switch owner {
        case .generic(_, _, let args): return args.count
        case .modified(let t, _): return ownerArity(t)
        case .class(let n), .valueType(let n):
            if let def = module.typeDef(for: owner) { return def.genericParameters.count }
            if let tick = n.fullName.lastIndex(of: "`"), let k = Int(n.fullName[n.fullName.index(after: tick)...]) { return k }
            return 0
        default: return 0
        }
    }

    /// True when `sig` contains a `!N` or `!!N` anywhere.
    static func namesGenericParameter(_ sig: TypeSig) -> Bool {
        unboundParameter(sig, typeArity: 0, methodArity: 0) != nil
    }

    /// The first `!N` (N not below `typeArity`) or `!!N` (N not below `methodArity`) in `sig`, spelled, or nil.
    static func unboundParameter(_ sig: TypeSig, typeArity: Int, methodArity: Int) -> String? {
        switch sig {
        case .typeParam(let n): return n >= typeArity ? "!\(n)" : nil
        case .methodParam(let n): return n >= methodArity ? "!!\(n)" : nil
        case .generic(_, _, let args):
            for a in args { if let u = unboundParameter(a, typeArity: typeArity, methodArity: methodArity) { return u } }
            return nil
        case .byref(let t), .pointer(let t), .szArray(let t), .mdArray(let t, _), .modified(let t, _):
            return unboundParameter(t, typeArity: typeArity, methodArity: methodArity)
        default: return nil
        }
    }

    mutating func call(_ i: Int, _ s: inout [StackType]) throws -> Flow {
        guard case .method(let ref) = body[i].operand else { return .next }
        try checkCallTarget(i, ref)
        if body[i].opcode == .jmp {
            if !s.isEmpty { report(i, "'jmp' needs an empty stack, the stack has \(s.count)") }
            // ECMA-335 III.3.37: the callee gets this method's arguments, so the signatures must agree.
            if ref.hasThis == method.isStatic || ref.parameters != method.parameters.map(\.type)
                || ref.returnType != method.returnType {
                report(i, "'jmp' needs a target with the same signature as '\(method.name)'")
            }
            return .stop
        }
        let isNewobj = body[i].opcode == .newobj
        // ECMA-335 III.4.21: newobj calls an instance constructor (found by the fuzzer: `newobj void
        // System.Console::WriteLine(string)` verified and reached the JIT as an internal error).
        // CoreCLR also runs the old conformance tests' constructors, instance methods returning void
        // named after their class (`newobj instance void _ret::_ret()`), and so does the model.
        if isNewobj && ref.name != ".ctor" && (!ref.hasThis || ref.returnType != .void) {
            report(i, "'newobj' needs a constructor (.ctor), not '\(ref.name)'")
            throw VerifyStop()
        }
        let count = ref.parameters.count + (ref.hasThis && !isNewobj ? 1 : 0)
        // The arguments are checked where they lie on the stack (the top `count` values), then popped.
        try requireDepth(i, s, count)
        let firstParam = s.count - ref.parameters.count
        for (k, p) in ref.parameters.enumerated() {
            let actual = s[firstParam + k]
            let wanted = stackType(Self.instantiated(p, in: ref))
            if !actual.isAssignable(to: wanted) {
                report(i, "type mismatch: '\(body[i].opcode.rawValue)' argument \(k + 1) of '\(ref.name)' expects \(wanted), found \(actual)")
                throw VerifyStop()
            }
        }
        s.removeLast(count)
        if isNewobj {
            s.append(ref.owner.map { owner -> StackType in
                if case .valueType = owner { return stackType(owner) }
                if case .generic(_, true, _) = owner { return stackType(owner) }
                // A bare owner name (`newobj instance void P::.ctor()`) names a value type the module defines as one.
                if case .class(let n) = owner, let def = module.typeDef(for: owner), def.isValueType { return .valueType(n.fullName) }
                return .objRef
            } ?? .objRef)
        } else if ref.returnType != .void {
            s.append(stackType(Self.instantiated(ref.returnType, in: ref)))
        }
        return .next
    }

    /// A parameter or return type of a method reference with the reference's own instantiation put
    /// in for `!N` (the owner's type arguments) and `!!N` (the method's), as the JIT sees it: the
    /// return of `IEnumerator`1<float32>::get_Current()` is a float32, not an unknown. A parameter of
    /// the method being verified stays unknown (the verifier checks the open definition).
    static func instantiated(_ sig: TypeSig, in ref: MethodRef) -> TypeSig {
        switch sig {
        case .typeParam(let i):
            if case .generic(_, _, let args)? = ref.owner, args.indices.contains(i) { return args[i] }
        case .methodParam(let i):
            if ref.genericArgs.indices.contains(i) { return ref.genericArgs[i] }
        default: break
        }
        return sig
    }
}
