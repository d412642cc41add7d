import Diagnostics

/// Type signatures, type names, method and field references.
extension ParserState {
    /// The primitive types by keyword (asked of every type the parser reads: a `PackedNameMap`,
    /// not a `Dictionary`, whose SipHash was a percent or two of a parse).
    static let primitiveTypes = PackedNameMap<TypeSig>([
        ("void", .void), ("bool", .bool), ("char", .char),
        ("int8", .int8), ("uint8", .uint8), ("int16", .int16), ("uint16", .uint16),
        ("int32", .int32), ("uint32", .uint32), ("int64", .int64), ("uint64", .uint64),
        ("float32", .float32), ("float64", .float64),
        ("string", .string), ("object", .object), ("typedref", .typedref),
    ])

    /// The types after `unsigned`, by keyword.
    static let unsignedTypes = PackedNameMap<TypeSig>([
        ("int8", .uint8), ("int16", .uint16), ("int32", .uint32), ("int64", .uint64), ("int", .nativeUInt),
    ])

    /// Words that can start a type signature.
    func startsType(_ t: Token) -> Bool {
        switch t.kind {
        case .identifier:
            return true
        case .quotedName:
            return true
        case .punct:
            return t.text == "!" || t.text == "!!" || t.text == "["
        default:
            return false
        }
    }

    /// Parses a type signature with its suffixes (`&`, `*`, `[]`, `modreq(...)`, `pinned`).
    func parseType() throws -> TypeSig {
        var type = try parseBaseType()
        while true {
            if acceptPunct("&") { type = .byref(type); continue }
            if acceptPunct("*") { type = .pointer(type); continue }
            if current.isPunct("["), !(peek().kind == .identifier || peek().kind == .quotedName || peek().kind == .directive) {
                let start = currentLocation
                skip()
                if acceptPunct("]") { type = .szArray(type); continue }
                type = parseArrayShape(of: type, at: start)
                continue
            }
            if current.isWord("modreq") || current.isWord("modopt") {
                let which = advance().text
                try expectPunct("(")
                let inner = try parseTypeNameOrSig()
                try expectPunct(")")
                type = .modified(type, modifier: "\(which)(\(inner))")
                continue
            }
            if acceptWord("pinned") { continue }
            break
        }
        return type
    }

    /// The shape after `T[` of a multi-dimensional array: `[,]`, `[0...,0...]`, `[*]`, `[...]`.
    ///
    /// Each dimension is empty, `...`, `*` or `0...` (lower bound 0, no size): the forms C#
    /// compilers emit and monodis prints. Other lower bounds or sizes (`[1...5]`) are a located
    /// error, not a silently zero-based array.
    func parseArrayShape(of element: TypeSig, at start: SourceLocation) -> TypeSig {
        var rank = 1
        var bounded = false
        while !atEnd && !current.isPunct("]") {
            let t = advance()
            if t.isPunct(",") { rank += 1; continue }
            if t.isPunct("...") || t.isPunct("*") || t.text == "0..." { continue }
            bounded = true
        }
        if current.isPunct("]") { skip() }
        if bounded {
            error(.unsupported, at: start, "arrays with lower bounds other than 0 or fixed sizes are not supported")
        }
        guard rank <= 32 else {
            error(.invalidIL, at: start, "an array has at most 32 dimensions, got \(rank)")
            return element
        }
        return .mdArray(element, rank: rank)
    }

    /// Skips through the matching `close` punctuation (recovery inside a type).
    func skipTo(_ close: String) {
        while !atEnd && !current.isPunct(close) { skip() }
        if current.isPunct(close) { skip() }
    }

    /// In `modreq(...)` ilasm accepts a bare class name or a full type.
    private func parseTypeNameOrSig() throws -> String {
        let t = try parseType()
        return t.description
    }

    private func parseBaseType() throws -> TypeSig {
        let t = current
        if t.isPunct("!") || t.isPunct("!!") {
            skip()
            return try parseGenericParamRef(method: t.text == "!!")
        }
        if t.isPunct("[") {
            return try parseNamedTypeRest(isValueType: nil)
        }
        guard t.kind == .identifier || t.kind == .quotedName else { throw fail("a type") }
        if t.kind == .identifier {
            if let p = Self.primitiveTypes[t.text] { skip(); return p }
            switch t.text {
            case "class":
                skip()
                return try parseNamedTypeRest(isValueType: false)
            case "valuetype":
                skip()
                return try parseNamedTypeRest(isValueType: true)
            case "value":
                skip()
                guard acceptWord("class") else { throw fail("'class' after 'value'") }
                return try parseNamedTypeRest(isValueType: true)
            case "native":
                skip()
                if acceptWord("int") { return .nativeInt }
                if acceptWord("uint") { return .nativeUInt }
                if acceptWord("unsigned") {
                    if acceptWord("int") { return .nativeUInt }
                    throw fail("'int' after 'native unsigned'")
                }
                if acceptWord("float") { throw unsupported(location(of: t), "'native float' is not supported") }
                throw fail("'int' or 'unsigned int' after 'native'")
            case "unsigned":
                skip()
                if current.kind == .identifier, let u = Self.unsignedTypes[current.text] {
                    skip()
                    return u
                }
                throw fail("an integer type after 'unsigned'")
            case "method":
                throw unsupported(location(of: t), "function pointer types ('method ...') are not supported")
            case "vararg":
                throw unsupported(location(of: t), "vararg signatures are not supported")
            default:
                break
            }
        }
        // A bare type name: treated as a class reference, as ilasm does for `extends` and owners.
        return try parseNamedTypeRest(isValueType: nil)
    }

    func unsupported(_ location: SourceLocation, _ message: String) -> Abandon {
        error(.unsupported, at: location, message)
        return Abandon()
    }

    /// `!0`, `!T`, `!!0`, `!!T`: a generic parameter by index or by name.
    private func parseGenericParamRef(method: Bool) throws -> TypeSig {
        let at = location(of: previous())
        if current.kind == .integer {
            let v = advance().intValue
            guard v >= 0 && v <= 0xFFFF else {
                error(at: at, "generic parameter index \(v) is out of range")
                return method ? .methodParam(0) : .typeParam(0)
            }
            let n = Int(v)
            return method ? .methodParam(n) : .typeParam(n)
        }
        let name = try expectName("a generic parameter index or name")
        if method {
            if let i = methodGenericNames.firstIndex(of: name) { return .methodParam(i) }
            if deferredMethodParams != nil {
                if let i = deferredMethodParams?.firstIndex(of: name) { return .methodParam(-1 - i) }
                deferredMethodParams?.append(name)
                deferredMethodParamLocations.append(at)
                return .methodParam(-(deferredMethodParams?.count ?? 1))
            }
            error(.undefined, at: at, "undefined method generic parameter '!!\(name)'")
            return .methodParam(0)
        }
        if let cls = classStack.last, let i = cls.genericParameters.firstIndex(of: name) {
            return .typeParam(i)
        }
        error(.undefined, at: at, "undefined type generic parameter '!\(name)'")
        return .typeParam(0)
    }

    /// After `class`/`valuetype` (or at a bare name): `[Asm]Ns.Name/Nested<args>`.
    /// `isValueType` nil means "bare name": a class reference.
    private func parseNamedTypeRest(isValueType: Bool?) throws -> TypeSig {
        let name = try parseTypeName()
        let valueType = isValueType ?? false
        if current.isPunct("<") {
            let args = try parseTypeArguments()
            return .generic(name, isValueType: valueType, args: args)
        }
        return valueType ? .valueType(name) : .class(name)
    }

    /// `<T1, T2>` type arguments.
    func parseTypeArguments() throws -> [TypeSig] {
        try expectPunct("<")
        var args: [TypeSig] = []
        repeat {
            args.append(try parseType())
        } while acceptPunct(",")
        try expectPunct(">")
        return args
    }

    /// `[Asm]Ns.Outer/Inner` (resolution scope optional).
    func parseTypeName() throws -> TypeName {
        var assembly: String?
        if acceptPunct("[") {
            if current.isDirective(".module") {
                skip()
                _ = try expectDottedName("a module name")
            } else {
                assembly = try expectDottedName("an assembly name")
            }
            try expectPunct("]")
        }
        let first = try expectDottedName("a type name")
        var namespace = ""
        var name = first
        if let dot = first.lastIndex(of: "."), dot != first.startIndex, first.index(after: dot) != first.endIndex {
            namespace = String(first[..<dot])
            name = String(first[first.index(after: dot)...])
        }
        while acceptPunct("/") {
            name += "/" + (try expectDottedName("a nested type name"))
        }
        if let a = assembly, a == module.assemblyName { assembly = nil }
        return TypeName(assembly: assembly, namespace: namespace, name: name)
    }

    /// Skips calling-convention keywords; returns whether `instance` was present.
    func parseCallingConvention() throws -> Bool {
        var hasThis = false
        while current.kind == .identifier {
            switch current.text {
            case "instance": hasThis = true; advance()
            case "explicit", "default": advance()
            case "vararg": throw unsupported(currentLocation, "vararg calling convention is not supported")
            case "unmanaged":
                throw unsupported(currentLocation, "unmanaged calling conventions are not supported")
            default: return hasThis
            }
        }
        return hasThis
    }

    /// `( TYPE [name], ... )` of a reference signature (names are ignored).
    func parseSignatureTypes() throws -> [TypeSig] {
        try expectPunct("(")
        var types: [TypeSig] = []
        if acceptPunct(")") { return types }
        repeat {
            if current.isPunct("...") {
                throw unsupported(currentLocation, "vararg signatures are not supported")
            }
            // monodis writes parameter attributes in call-site signatures too: `([out] !!0&)`.
            while current.isPunct("["), ["in", "out", "opt"].contains(peek().text), peek(2).isPunct("]") {
                advance(); skip(); advance()
            }
            types.append(try parseType())
            if isNameToken && !peek().isPunct("::") { skip() }
        } while acceptPunct(",")
        try expectPunct(")")
        return types
    }

    /// `[instance] RET [Owner::]Name[<args>](params)`: a method reference.
    func parseMethodRef() throws -> MethodRef {
        let hasThis = try parseCallingConvention()
        let ret = try parseType()
        var owner: TypeSig?
        let name: String
        if isNameToken && (peek().isPunct("(") || peek().isPunct("<") && !isGenericOwner()) {
            name = try expectName()
        } else {
            owner = try parseType()
            try expectPunct("::")
            name = try expectName("a method name")
        }
        var genericArgs: [TypeSig] = []
        if current.isPunct("<") { genericArgs = try parseTypeArguments() }
        let params = try parseSignatureTypes()
        return MethodRef(hasThis: hasThis, returnType: ret, owner: owner, name: name,
                         parameters: params, genericArgs: genericArgs, genericArity: genericArgs.count)
    }

    /// Looking at `Name<`: is this a generic owner type `Name<...>::M` rather than a global generic method?
    private func isGenericOwner() -> Bool {
        var depth = 0
        var k = 1
        while true {
            let t = peek(k)
            if t.kind == .eof { return false }
            if t.isPunct("<") { depth += 1 }
            if t.isPunct(">") {
                depth -= 1
                if depth == 0 { return peek(k + 1).isPunct("::") }
            }
            k += 1
        }
    }

    /// `TYPE Owner::name`: a field reference.
    func parseFieldRef() throws -> FieldRef {
        let type = try parseType()
        let owner = try parseType()
        // `TYPE name`: a global field, a member of the module's `<Module>` class (ECMA-335 II.10.8).
        if !current.isPunct("::"), case .class(let n) = owner, n.assembly == nil, n.namespace.isEmpty {
            return FieldRef(type: type, owner: .class(TypeName(namespace: "", name: "<Module>")), name: n.name)
        }
        try expectPunct("::")
        let name = try expectName("a field name")
        return FieldRef(type: type, owner: owner, name: name)
    }

    /// `calli` signature: `[instance] RET (params)`.
    func parseCallSiteSignature() throws -> MethodRef {
        let hasThis = try parseCallingConvention()
        let ret = try parseType()
        let params = try parseSignatureTypes()
        return MethodRef(hasThis: hasThis, returnType: ret, owner: nil, name: "", parameters: params)
    }
}

extension TypeSig {
    /// Applies `f` to every method generic parameter index (used to resolve `!!T` written before `<T>`).
    func mapMethodParams(_ f: (Int) -> Int) -> TypeSig {
        switch self {
        case .methodParam(let i): return .methodParam(f(i))
        case .generic(let n, let vt, let args): return .generic(n, isValueType: vt, args: args.map { $0.mapMethodParams(f) })
        case .byref(let t): return .byref(t.mapMethodParams(f))
        case .pointer(let t): return .pointer(t.mapMethodParams(f))
        case .szArray(let t): return .szArray(t.mapMethodParams(f))
        case .modified(let t, let m): return .modified(t.mapMethodParams(f), modifier: m)
        default: return self
        }
    }
}
