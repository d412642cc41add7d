/// Resolving references written in instructions to definitions of the same module.
///
/// The rules live here, once, so that the verifier and the JIT importer agree
/// on which `call` reaches which `MethodDef`.
extension Module {
    /// The type a signature names when that type is defined in this module.
    ///
    /// `class P`, `valuetype P`, a bare `P`, and `class P<int32>` all name `P`;
    /// names with an assembly scope other than this module's are external (nil).
    public func typeDef(for sig: TypeSig) -> TypeDef? {
        guard let name = sig.typeName, isOwnAssembly(name.assembly) else { return nil }
        return type(named: name.fullName)
    }

    /// Finds the method a reference denotes, in this module.
    ///
    /// Matching is by owner type name (ignoring `class`/`valuetype` and generic
    /// instantiation), method name, generic arity (when the reference instantiates
    /// the method) and parameter types compared with `TypeSig.matchKey`. The return
    /// type and `instance` are not compared. A reference without owner looks in the
    /// global methods. Returns nil for external or unknown methods.
    public func resolveMethod(_ ref: MethodRef) -> MethodDef? {
        if let owner = ref.owner {
            guard let t = typeDef(for: owner) else { return nil }
            return resolveMethod(ref, in: t)
        }
        return resolveMethod(ref, in: nil)
    }

    /// `resolveMethod(_:)` for a caller that already has the owner's definition (`owner`, nil for
    /// a reference without owner): the verifier looks the owner up first to report it missing.
    public func resolveMethod(_ ref: MethodRef, in owner: TypeDef?) -> MethodDef? {
        let candidates = owner.map { $0.methods(named: ref.name) } ?? globalMethods
        return candidates.first { m in
            m.name == ref.name
                && Self.parameterTypesMatch(m.parameters, ref.parameters)
                && (ref.genericArgs.isEmpty || m.genericParameters.count == ref.genericArgs.count)
        }
    }

    /// True when `parameters` are as many as `types` and each one's type `matches` its type.
    /// (By index: iterating `zip` of the two copied every parameter, its name included, per call site.)
    static func parameterTypesMatch(_ parameters: [Parameter], _ types: [TypeSig]) -> Bool {
        guard parameters.count == types.count else { return false }
        for k in types.indices where !parameters[k].type.matches(types[k]) { return false }
        return true
    }

    /// Finds the field a reference denotes, in this module (by owner type name and field name).
    public func resolveField(_ ref: FieldRef) -> FieldDef? {
        typeDef(for: ref.owner)?.fields.first { $0.name == ref.name }
    }

    /// True when a reference's owner is (or claims to be) a type of this module rather than another assembly.
    ///
    /// Primitive owners like `object::'.ctor'` and scoped names like `[mscorlib]System.Console` are external;
    /// so is an unscoped `System.*` name the module does not define (ilasm resolves it to the core library).
    public func isLocalOwner(_ sig: TypeSig?) -> Bool {
        guard let sig else { return true }
        guard let name = sig.typeName else { return false }
        if name.assembly == nil && name.namespace.hasPrefix("System") && type(named: name.fullName) == nil {
            return false
        }
        return isOwnAssembly(name.assembly)
    }
}

extension TypeSig {
    /// The named type of `class N`, `valuetype N` or `class N<...>`; nil for other signatures.
    public var typeName: TypeName? {
        switch self {
        case .class(let n), .valueType(let n), .generic(let n, _, _): n
        case .modified(let t, _): t.typeName
        default: nil
        }
    }

    /// True when both have the same `matchKey`; equal signatures (the usual case) answer without building it.
    public func matches(_ other: TypeSig) -> Bool {
        self == other || matchKey == other.matchKey
    }

    /// A normalised form for signature matching: modifiers dropped, `class` and
    /// `valuetype` of the same name treated alike, assembly scope kept, and
    /// `[asm]System.Object`/`[asm]System.String` equal to `object`/`string`.
    public var matchKey: String {
        switch self {
        case .class(let n) where n.assembly != nil && n.fullName == "System.Object": "object"
        case .class(let n) where n.assembly != nil && n.fullName == "System.String": "string"
        case .class(let n), .valueType(let n): "T:\(n)"
        case .generic(let n, _, let args): "T:\(n)<\(args.map(\.matchKey).joined(separator: ","))>"
        case .modified(let t, _): t.matchKey
        case .byref(let t): t.matchKey + "&"
        case .pointer(let t): t.matchKey + "*"
        case .szArray(let t): t.matchKey + "[]"
        case .mdArray(let t, let rank): t.matchKey + "[" + String(repeating: ",", count: rank - 1) + "]"
        default: description
        }
    }
}
