import Diagnostics

/// Top-level and class-level declarations: assemblies, namespaces, classes, fields, method headers.
extension ParserState {
    static let classAttributes: Set<String> = [
        "public", "private", "nested", "family", "assembly", "famandassem", "famorassem",
        "auto", "sequential", "explicit", "ansi", "unicode", "autochar", "interface", "abstract",
        "sealed", "import", "serializable", "beforefieldinit", "specialname", "rtspecialname",
        "value", "enum", "windowsruntime",
    ]

    static let fieldAttributes: Set<String> = [
        "public", "private", "family", "assembly", "famandassem", "famorassem", "privatescope",
        "static", "initonly", "literal", "notserialized", "specialname", "rtspecialname",
    ]

    static let methodAttributes: Set<String> = [
        "public", "private", "family", "assembly", "famandassem", "famorassem", "privatescope",
        "static", "final", "virtual", "hidebysig", "newslot", "abstract", "specialname",
        "rtspecialname", "unmanagedexp", "reqsecobj", "strict", "compilercontrolled",
    ]

    static let implAttributes: [String: MethodImplFlags] = [
        "cil": [], "il": [], "managed": [], "native": [], "runtime": .runtime,
        "noinlining": .noInlining, "forwardref": .forwardRef, "synchronized": .synchronized,
        "nooptimization": .noOptimization, "preservesig": .preserveSig,
        "aggressiveinlining": .aggressiveInlining, "aggressiveoptimization": .aggressiveOptimization,
        "internalcall": .internalCall, "async": .async,
    ]

    /// Directives that take one numeric argument and are accepted and ignored.
    static let numericDirectives: Set<String> = [".imagebase", ".stackreserve", ".subsystem", ".corflags"]

    // MARK: Top level

    func parseTopLevel() {
        while !atEnd {
            if current.isPunct("}") {
                error(at: currentLocation, "unexpected '}'")
                skip()
                continue
            }
            parseDeclaration()
        }
    }

    /// One declaration at top level, in a namespace or in a class.
    func parseDeclaration() {
        let start = pos
        // Nothing before a declaration is read again (one token back, to be safe).
        tokens.discard(before: pos - 1)
        do {
            try parseDeclarationOrThrow()
        } catch {
            // Diagnostic already recorded; resynchronise.
            if pos == start { skip() }
            skipToNextDeclaration()
        }
    }

    /// The words that may precede an assembly's name in `.assembly [extern]` (ilasm's asmAttr).
    static let assemblyAttributes: Set<String> = ["legacy", "library", "retargetable", "windowsruntime",
                                                  "noplatform", "x86", "amd64", "arm", "arm64", "ia64"]

    private func parseDeclarationOrThrow() throws {
        let t = current
        guard t.kind == .directive else { throw fail("a declaration") }
        switch t.text {
        case ".assembly":
            skip()
            let isExtern = acceptWord("extern")
            // Assembly attributes ilasm accepts before the name (`.assembly extern legacy library
            // mscorlib`, as CoreCLR's IL tests write): a word from the list followed by another name.
            while current.kind == .identifier, Self.assemblyAttributes.contains(current.text),
                  peek().kind == .identifier {
                skip()
            }
            let name = try expectDottedName("an assembly name")
            if isExtern {
                if !module.externAssemblies.contains(name) { module.externAssemblies.append(name) }
                if acceptWord("as") { _ = try expectDottedName("an alias") }
            } else {
                module.assemblyName = name
            }
            if current.isPunct("{") { skipBalanced() }
        case ".module":
            skip()
            if acceptWord("extern") {}
            if isNameToken { _ = try expectDottedName() }
        case ".file":
            skip()
            if acceptWord("alignment") { _ = try expectInteger() } else {
                skipRestOfLine(of: t)
            }
        case let d where Self.numericDirectives.contains(d):
            skip()
            _ = try expectInteger()
        case ".namespace":
            try parseNamespace()
        case ".class":
            try parseClass()
        case ".method":
            let m = try parseMethod()
            if let cls = classStack.last {
                m.declaringType = cls
                cls.methods.append(m)
            } else {
                module.globalMethods.append(m)
            }
        case ".field":
            try parseField()
        case ".custom":
            let ctor = try skipCustomAttribute()
            if let cls = classStack.last, let owner = ctor.owner?.typeName { cls.customAttributes.append(owner.fullName) }
        case ".size", ".pack":
            skip()
            _ = try expectInteger()
        case ".override":
            try parseClassOverride()
        case ".property", ".event":
            skip()
            while !atEnd && !current.isPunct("{") { skip() }
            skipBalanced()
        case ".mresource", ".typelist":
            skip()
            while !atEnd && !current.isPunct("{") { skip() }
            skipBalanced()
        case ".param":
            // `.param type T` / `.param constraint T, ...` at class level: skip the line.
            skip()
            skipRestOfLine(of: t)
        case ".interfaceimpl":
            skip()
            skipRestOfLine(of: t)
        case ".data":
            try parseData()
        case ".vtfixup", ".permission", ".permissionset", ".line", ".language":
            if t.text == ".vtfixup" {
                throw unsupported(location(of: t), "'\(t.text)' is not supported")
            }
            skip()
            skipRestOfLine(of: t)
        default:
            throw unsupportedOrUnknown(t)
        }
    }

    func unsupportedOrUnknown(_ t: Token) -> Abandon {
        error(at: location(of: t), "unknown directive '\(t.text)'")
        return Abandon()
    }

    /// `.custom [(owner)] ctor-ref [= ( bytes ) | = { ... } | = "string"]`: skipped but for its
    /// constructor, which is returned (the attribute's type is the constructor's owner).
    @discardableResult
    func skipCustomAttribute() throws -> MethodRef {
        skip()
        if current.isPunct("(") { skipBalanced() }
        let ctor = try parseMethodRef()
        if acceptPunct("=") {
            if current.isPunct("(") || current.isPunct("{") { skipBalanced() } else { skip() }
        }
        return ctor
    }

    private func parseNamespace() throws {
        let open = advance()
        let name = try expectDottedName("a namespace name")
        guard current.isPunct("{") else { throw fail("'{'") }
        skip()
        namespaceStack.append(name)
        defer { namespaceStack.removeLast() }
        while !atEnd && !current.isPunct("}") { parseDeclaration() }
        if !acceptPunct("}") { missingBrace(for: "namespace '\(name)'", opened: location(of: open)) }
    }

    func missingBrace(for what: String, opened: SourceLocation) {
        error(at: currentLocation, "expected '}' to close \(what) opened at \(opened.line):\(opened.column)")
    }

    // MARK: Classes

    private func parseClass() throws {
        let open = advance()
        var attributes: Set<String> = []
        while current.kind == .identifier, Self.classAttributes.contains(current.text),
              !(peek().isPunct("{") || peek().isWord("extends") || peek().isPunct("<") || peek().isWord("implements")) {
            attributes.insert(advance().text)
        }
        let written = try expectDottedName("a class name")
        var namespace = namespaceStack.joined(separator: ".")
        var name = written
        let outer = classStack.last
        if outer == nil, let dot = written.lastIndex(of: "."), dot != written.startIndex,
           written.index(after: dot) != written.endIndex {
            let prefix = String(written[..<dot])
            namespace = namespace.isEmpty ? prefix : namespace + "." + prefix
            name = String(written[written.index(after: dot)...])
        }
        if outer != nil { namespace = "" }
        let type = TypeDef(namespace: namespace, name: name, attributes: attributes, location: location(of: open))
        type.enclosing = outer
        if current.isPunct("<") { type.genericParameters = try parseGenericParameterList() }
        // Register before parsing `extends` so `!T` and self references resolve.
        classStack.append(type)
        defer { classStack.removeLast() }
        if acceptWord("extends") { type.extends = try parseType() } else if attributes.contains("value") || attributes.contains("enum") {
            // `.class value X` / `.class enum X` without `extends`: ilasm derives them from
            // System.ValueType / System.Enum.
            type.extends = .class(TypeName(assembly: "mscorlib", namespace: "System",
                                           name: attributes.contains("enum") ? "Enum" : "ValueType"))
        }
        if acceptWord("implements") {
            repeat { type.implements.append(try parseType()) } while acceptPunct(",")
        }
        if let o = outer { o.nestedTypes.append(type) }
        module.types.append(type)
        guard current.isPunct("{") else { throw fail("'{' to open class '\(name)'") }
        skip()
        while !atEnd && !current.isPunct("}") { parseDeclaration() }
        if !acceptPunct("}") { missingBrace(for: "class '\(name)'", opened: location(of: open)) }
    }

    /// `<T, +U, class V, (constraint) W>` generic parameter declarations: the names.
    func parseGenericParameterList() throws -> [String] {
        try expectPunct("<")
        var names: [String] = []
        repeat {
            while true {
                if acceptPunct("+") || acceptPunct("-") { continue }
                if current.kind == .identifier, ["class", "valuetype", "byreflike"].contains(current.text),
                   !(peek().isPunct(",") || peek().isPunct(">")) {
                    skip(); continue
                }
                if current.isDirective(".ctor") && !(peek().isPunct(",") || peek().isPunct(">")) {
                    skip(); continue
                }
                if current.isPunct("(") { skipBalanced(); continue }
                break
            }
            names.append(try expectName("a generic parameter name"))
        } while acceptPunct(",")
        try expectPunct(">")
        return names
    }

    // MARK: Fields

    private func parseField() throws {
        let open = advance()
        if current.isPunct("[") { skipBalanced() } // explicit layout offset
        var attributes: Set<String> = []
        while current.kind == .identifier, Self.fieldAttributes.contains(current.text) {
            attributes.insert(advance().text)
        }
        if current.isWord("marshal") { skip(); skipBalanced() }
        let type = try parseType()
        let name = try expectName("a field name")
        var constant: Int64?
        if acceptPunct("=") {
            // `= int32(5)`, `= "text"`, `= nullref`, `= bytearray (...)`.
            if current.kind == .string { skip() } else {
                let kind = advance().text
                if let bits = Self.integerConstantBits[kind], current.isPunct("("), peek(1).kind == .integer,
                   peek(2).isPunct(")") {
                    skip()
                    constant = Self.signExtend(try expectInteger(), bits: bits)
                    skip()
                } else if current.isPunct("(") { skipBalanced() }
            }
        }
        var label: String?
        if acceptWord("at") { label = try expectName("a data label") }
        let field = FieldDef(name: name, type: type, attributes: attributes, dataLabel: label,
                             integerConstant: constant, location: location(of: open))
        if let cls = classStack.last { cls.fields.append(field) } else { module.globalFields.append(field) }
    }

    /// Widths of the integer constant kinds of a field initializer (`= int8(0x01)`).
    static let integerConstantBits: [String: Int] = ["int8": 8, "int16": 16, "int32": 32, "int64": 64, "char": 16]

    /// The constant `value` as written in a `bits`-wide initializer, sign-extended to 64 bits.
    static func signExtend(_ value: Int64, bits: Int) -> Int64 {
        bits >= 64 ? value : (value << Int64(64 - bits)) >> Int64(64 - bits)
    }

    /// Class-level `.override Owner::Name with METHOD-REF`: recorded on the implementing method.
    private func parseClassOverride() throws {
        skip()
        let owner = try parseType()
        try expectPunct("::")
        let name = try expectName("a method name")
        guard acceptWord("with") else { throw fail("'with'") }
        let impl = try parseMethodRef()
        guard let cls = classStack.last else { return }
        let target = MethodRef(hasThis: impl.hasThis, returnType: impl.returnType, owner: owner, name: name,
                               parameters: impl.parameters)
        if let m = cls.methods.first(where: { $0.name == impl.name && $0.parameters.map(\.type) == impl.parameters }) {
            m.overrides.append(target)
        }
    }

    // MARK: Method headers

    /// `.method ATTRS [instance] RET NAME[<T>](params) IMPL { body }`.
    func parseMethod() throws -> MethodDef {
        let open = advance()
        var attributes: Set<String> = []
        while current.kind == .identifier {
            if Self.methodAttributes.contains(current.text) {
                attributes.insert(advance().text)
            } else if current.isWord("pinvokeimpl") {
                attributes.insert(advance().text)
                skipBalanced()
            } else { break }
        }
        // `instance` is implied by the absence of `static`, as in ilasm.
        _ = try parseCallingConvention()
        methodGenericNames = []
        deferredMethodParams = []
        deferredMethodParamLocations = []
        defer { deferredMethodParams = nil }
        var returnType = try parseType()
        if current.isWord("marshal") { skip(); skipBalanced() }
        let nameToken = current
        let name = try expectDottedName("a method name")
        var generics: [String] = []
        if current.isPunct("<") { generics = try parseGenericParameterList() }
        var parameters = try parseParameters()
        // Resolve `!!T` written before `<T>` was declared.
        let deferred = deferredMethodParams ?? []
        deferredMethodParams = nil
        methodGenericNames = generics
        if !deferred.isEmpty {
            var bad = false
            let map: (Int) -> Int = { i in
                guard i < 0 else { return i }
                let n = deferred[-1 - i]
                if let j = generics.firstIndex(of: n) { return j }
                bad = true
                return 0
            }
            returnType = returnType.mapMethodParams(map)
            parameters = parameters.map { Parameter(type: $0.type.mapMethodParams(map), name: $0.name) }
            if bad {
                for (k, n) in deferred.enumerated() where !generics.contains(n) {
                    let at = k < deferredMethodParamLocations.count ? deferredMethodParamLocations[k] : location(of: nameToken)
                    error(.undefined, at: at, "undefined method generic parameter '!!\(n)'")
                }
            }
        }
        var flags: MethodImplFlags = []
        while current.kind == .identifier {
            if let f = Self.implAttributes[current.text] {
                flags.formUnion(f)
                skip()
            } else if current.isWord("agressive") && peek().isPunct("-") && peek(2).isWord("inlining") {
                // monodis misspells aggressiveinlining as `agressive-inlining`.
                flags.insert(.aggressiveInlining)
                skip(); skip(); skip()
            } else { break }
        }
        let method = MethodDef(name: name, attributes: attributes, implFlags: flags, returnType: returnType,
                               parameters: parameters, genericParameters: generics, location: location(of: open))
        guard current.isPunct("{") else { throw fail("'{' to open the body of method '\(name)'") }
        method.declaringType = classStack.last
        try parseMethodBody(method, opened: location(of: open))
        methodGenericNames = []
        return method
    }

    /// `( [in][out][opt] TYPE [marshal(...)] [name], ... )` of a method definition.
    private func parseParameters() throws -> [Parameter] {
        try expectPunct("(")
        var params: [Parameter] = []
        if acceptPunct(")") { return params }
        repeat {
            while current.isPunct("["), peek().kind == .identifier,
                  ["in", "out", "opt"].contains(peek().text), peek(2).isPunct("]") {
                skip(); skip(); skip()
            }
            if current.isPunct("...") {
                throw unsupported(currentLocation, "vararg methods are not supported")
            }
            let type = try parseType()
            if current.isWord("marshal") { skip(); skipBalanced() }
            var name: String?
            if isNameToken { name = advance().text }
            params.append(Parameter(type: type, name: name))
        } while acceptPunct(",")
        try expectPunct(")")
        return params
    }
}
