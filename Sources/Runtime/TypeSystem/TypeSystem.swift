import Diagnostics
import IL
import JIT

/// The generic context a signature is read in: the type arguments of the enclosing type (`!n`)
/// and of the enclosing method (`!!n`).
public struct GenericContext: Sendable {
    public var typeArgs: [RuntimeType] = []
    public var methodArgs: [RuntimeType] = []
    public init(typeArgs: [RuntimeType] = [], methodArgs: [RuntimeType] = []) {
        self.typeArgs = typeArgs
        self.methodArgs = methodArgs
    }
}

/// Loads types and methods of the user module and the model CoreLib (CoreCLR's class loader).
///
/// Every type and method is created once per exact instantiation and kept in a
/// table whose index is its JIT handle. Loading computes parent, interfaces,
/// field layout (FieldLayout.swift), vtable (VTableBuilder.swift) and addresses.
public final class TypeSystem: @unchecked Sendable {
    public let user: IL.Module
    public let coreLib: IL.Module
    public private(set) var types: [RuntimeType] = []
    public private(set) var methods: [RuntimeMethod] = []
    private var typeByKey: [String: RuntimeType] = [:]
    /// Non-generic types by their definition: the same types as `typeByKey` holds, found without
    /// building the string key (type lookups are on every compilation's path).
    private var nonGenericByDef: [ObjectIdentifier: RuntimeType] = [:]
    private var methodByKey: [MethodKey: RuntimeMethod] = [:]
    /// Non-generic types by the name a signature gives them, once resolved: the same answer
    /// `AssemblyResolution.resolve` and `load` give a loaded type, without building and hashing its
    /// full name twice. Emptied when the user module's type list changes (a name could resolve anew).
    private var loadedByName: [LoadedName: RuntimeType] = [:]
    /// A `loadedByName` key: hashed by the simple name alone (hashing assembly, namespace and name
    /// showed on every signature's lookup), compared whole.
    private struct LoadedName: Hashable {
        let name: TypeName
        func hash(into hasher: inout Hasher) { hasher.combine(name.name) }
        static func == (a: Self, b: Self) -> Bool { a.name == b.name }
    }
    private var userTypesSeen = -1
    /// Single-dimensional array types by element type id (an `int32[]` is asked for per signature
    /// that names it: an integer key, where a string key was built and hashed each time).
    private var arrayByElement: [Int: RuntimeType] = [:]
    /// The loaded CoreLib type of each primitive signature, by `primitiveOrdinal` (`int32` is asked
    /// for on nearly every local, parameter and call: this skips two name lookups).
    private var primitiveTypes: [RuntimeType?] = Array(repeating: nil, count: 16)
    private struct MethodKey: Hashable {
        var owner: Int
        var def: ObjectIdentifier
        var instantiation: [Int]
    }
    private var loading: Set<Int> = []
    /// Types whose vtable was built while an ancestor was still loading (Object's own signatures
    /// load Int32, whose parents lead back to Object): built again once the outermost load ends.
    private var staleVTables: [RuntimeType] = []
    /// Hashed slots taken, per region, by name (collision detection).
    private var hashedNames: [HashedSlotKey: String] = [:]
    /// A hashed slot of one region (`type` or `method`): a key without building a `region#slot` string.
    private struct HashedSlotKey: Hashable {
        var region: String
        var slot: UInt64
    }
    /// Hashed code slots taken (probing).
    private var codeSlots: [UInt64: String] = [:]
    /// User method index by identity.
    private let userMethodIndex: [ObjectIdentifier: Int]
    /// The user module's types by identity, for `isUserType`, built from that many of `user.types`.
    private var userTypeIDs: Set<ObjectIdentifier> = []
    private var userTypeIDsCount = -1
    /// Methods whose definition the runtime synthesized (thunks), by definition identity.
    var synthesizedDefs: [ObjectIdentifier: RuntimeMethod] = [:]

    /// The module's global methods as the static methods of a class `<Module>` (ECMA-335 II.10.8),
    /// built when they are first needed; the IL model keeps them in `globalMethods`.
    private lazy var globalTypeDef: TypeDef? = {
        guard let location = user.globalMethods.first?.location ?? user.globalFields.first?.location else { return nil }
        let t = TypeDef(namespace: "", name: "<Module>", attributes: ["abstract", "sealed"], extends: .object,
                        location: location)
        t.methods = user.globalMethods
        t.fields = user.globalFields
        return t
    }()

    /// The `<Module>` class of the user module's global methods; nil when it has none.
    public func globalType() throws -> RuntimeType? {
        guard let def = globalTypeDef else { return nil }
        return try load(def, in: user, instantiation: [], at: def.location)
    }

    public init(user: IL.Module, coreLib: IL.Module) {
        self.user = user
        self.coreLib = coreLib
        var idx: [ObjectIdentifier: Int] = [:]
        for (i, m) in user.allMethods.enumerated() { idx[ObjectIdentifier(m)] = i }
        self.userMethodIndex = idx
    }

    // MARK: well-known types

    /// A CoreLib type by full name (`System.Object`); throws an internal error when CoreLib lacks it.
    public func coreType(_ fullName: String) throws -> RuntimeType {
        guard let def = coreLib.type(named: fullName) else {
            throw Diagnostic(.internalError, at: .synthetic("CoreLib"), "the model CoreLib has no type '\(fullName)'")
        }
        return try load(def, in: coreLib, instantiation: [], at: def.location)
    }

    static let primitives: [String: VarType] = [
        "System.Boolean": .bool, "System.Char": .ushort, "System.SByte": .byte, "System.Byte": .ubyte,
        "System.Int16": .short, "System.UInt16": .ushort, "System.Int32": .int, "System.UInt32": .uint,
        "System.Int64": .long, "System.UInt64": .ulong, "System.IntPtr": .long, "System.UIntPtr": .ulong,
        "System.Single": .float, "System.Double": .double,
    ]

    static let primitiveSigs: [TypeSig: String] = [
        .bool: "System.Boolean", .char: "System.Char", .int8: "System.SByte", .uint8: "System.Byte",
        .int16: "System.Int16", .uint16: "System.UInt16", .int32: "System.Int32", .uint32: "System.UInt32",
        .int64: "System.Int64", .uint64: "System.UInt64", .nativeInt: "System.IntPtr", .nativeUInt: "System.UIntPtr",
        .string: "System.String", .object: "System.Object", .float32: "System.Single", .float64: "System.Double",
    ]

    // MARK: signatures

    /// The type a signature denotes in `context`; nil for `void`. Byrefs and pointers are not types here.
    public func type(_ sig: TypeSig, _ context: GenericContext, at location: SourceLocation) throws -> RuntimeType? {
        switch sig {
        case .void: return nil
        case .modified(let t, _): return try type(t, context, at: location)
        case .typeParam(let i):
            guard context.typeArgs.indices.contains(i) else {
                throw Diagnostic(.invalidIL, at: location, "type parameter !\(i) is not bound here")
            }
            return context.typeArgs[i]
        case .methodParam(let i):
            guard context.methodArgs.indices.contains(i) else {
                throw Diagnostic(.invalidIL, at: location, "method type parameter !!\(i) is not bound here")
            }
            return context.methodArgs[i]
        case .szArray(let e):
            guard let elem = try type(e, context, at: location) else {
                throw Diagnostic(.invalidIL, at: location, "array of void")
            }
            return try array(of: elem)
        case .mdArray(let e, let rank):
            guard let elem = try type(e, context, at: location) else {
                throw Diagnostic(.invalidIL, at: location, "array of void")
            }
            return try array(of: elem, rank: rank)
        // `<Module>` has no namespace: comparing the parts skips building every class name's `fullName`.
        case .class(let n) where n.assembly == nil && n.namespace.isEmpty && n.name == "<Module>"
            && user.type(named: "<Module>") == nil:
            guard let g = try globalType() else {
                throw Diagnostic(.undefined, at: location, "the module has no global fields or methods")
            }
            return g
        case .class(let n), .valueType(let n):
            if userTypesSeen != user.types.count {
                loadedByName = [:]
                userTypesSeen = user.types.count
            }
            if let t = loadedByName[LoadedName(name: n)], t.isLoaded { return t }
            let (module, def) = try AssemblyResolution.resolve(n, user: user, coreLib: coreLib, at: location)
            let t = try load(def, in: module, instantiation: [], at: location)
            loadedByName[LoadedName(name: n)] = t
            return t
        case .generic(let n, _, let args):
            let (module, def) = try AssemblyResolution.resolve(n, user: user, coreLib: coreLib, at: location)
            var inst: [RuntimeType] = []
            for a in args {
                guard let t = try type(a, context, at: location) else {
                    throw Diagnostic(.invalidIL, at: location, "void as a type argument")
                }
                inst.append(t)
            }
            return try load(def, in: module, instantiation: inst, at: location)
        case .byref, .pointer:
            throw Diagnostic(.unsupported, at: location, "'\(sig)' is not a type with a method table")
        case .typedref:
            return try coreType("System.TypedReference")
        default:
            let ordinal = Self.primitiveOrdinal(sig)
            if let ordinal, let t = primitiveTypes[ordinal] { return t }
            guard let name = Self.primitiveSigs[sig] else {
                throw Diagnostic(.unsupported, at: location, "type '\(sig)' is not supported by the model JIT yet")
            }
            let t = try coreType(name)
            // Only a finished type is remembered: one still loading must go through `load` again.
            if let ordinal, t.isLoaded { primitiveTypes[ordinal] = t }
            return t
        }
    }

    /// A small index for each signature `primitiveSigs` names, nil for the others.
    private static func primitiveOrdinal(_ sig: TypeSig) -> Int? {
        switch sig {
        case .bool: 0
        case .char: 1
        case .int8: 2
        case .uint8: 3
        case .int16: 4
        case .uint16: 5
        case .int32: 6
        case .uint32: 7
        case .int64: 8
        case .uint64: 9
        case .nativeInt: 10
        case .nativeUInt: 11
        case .string: 12
        case .object: 13
        case .float32: 14
        case .float64: 15
        default: nil
        }
    }

    /// The JIT's view of a signature type: like `type`, plus byrefs (`.byref`) and pointers (`.long`).
    public func jitType(_ sig: TypeSig, _ context: GenericContext, at location: SourceLocation) throws -> JitTypeDesc {
        switch sig {
        case .void: return JitTypeDesc(.void)
        case .modified(let t, _): return try jitType(t, context, at: location)
        case .byref(let t):
            let inner: RuntimeType?? = try? type(t, context, at: location)
            return JitTypeDesc(.byref, inner??.handle)
        case .pointer, .nativeInt, .nativeUInt: return JitTypeDesc(.long)
        default:
            guard let t = try type(sig, context, at: location) else { return JitTypeDesc(.void) }
            return t.jitType
        }
    }

    // MARK: loading

    /// The type for a definition and instantiation, loaded (fields, vtable, addresses) on first use.
    public func load(_ def: TypeDef, in module: IL.Module, instantiation: [RuntimeType],
                     at location: SourceLocation) throws -> RuntimeType {
        guard def.genericParameters.count == instantiation.count else {
            throw Diagnostic(.invalidIL, at: location,
                             "type '\(def.fullName)' takes \(def.genericParameters.count) type arguments, got \(instantiation.count)")
        }
        if instantiation.isEmpty, let t = nonGenericByDef[ObjectIdentifier(def)] {
            if !t.isLoaded && !loading.contains(t.id) { try finishLoading(t, at: location) }
            return t
        }
        let key = (module === coreLib ? "[core]" : "[user]") + def.ilName + "<" + instantiation.map { String($0.id) }.joined(separator: ",") + ">"
        if let t = typeByKey[key] {
            if instantiation.isEmpty { nonGenericByDef[ObjectIdentifier(def)] = t }
            if !t.isLoaded && !loading.contains(t.id) { try finishLoading(t, at: location) }
            return t
        }
        let kind: RuntimeType.Kind
        var primitive: VarType? = nil
        if def.isInterface { kind = .interface }
        else if module === coreLib && def.fullName == "System.String" { kind = .string }
        else if isValueTypeDef(def, module: module) {
            kind = .valueType
            if module === coreLib { primitive = Self.primitives[def.fullName] }
            if isEnum(def, module: module) {
                let underlying = def.fields.first { !$0.isStatic }?.type ?? .int32
                primitive = VarType(underlying)
            }
        } else { kind = .class }
        let names = TypeNames.names(def: def, instantiation: instantiation)
        let t = RuntimeType(id: types.count, kind: kind, def: def, module: module, instantiation: instantiation,
                            elementType: nil, primitive: primitive, name: names.listing, reflectionName: names.reflection)
        types.append(t)
        typeByKey[key] = t
        if instantiation.isEmpty { nonGenericByDef[ObjectIdentifier(def)] = t }
        try finishLoading(t, at: location)
        return t
    }

    /// The type of single-dimensional, zero-based arrays of `element`.
    public func array(of element: RuntimeType) throws -> RuntimeType {
        if let t = arrayByElement[element.id] { return t }
        let t = RuntimeType(id: types.count, kind: .array, def: nil, module: coreLib, instantiation: [],
                            elementType: element, primitive: nil, name: element.signatureName + "[]",
                            reflectionName: element.reflectionName + "[]")
        types.append(t)
        arrayByElement[element.id] = t
        t.parent = try coreType("System.Array")
        t.instanceSize = 24
        t.vtable = t.parent?.vtable ?? []
        try addArrayInterfaces(t, element: element)
        try assignTypeAddresses(t)
        t.isLoaded = true
        return t
    }

    /// The type of multi-dimensional arrays of `element` with `rank` dimensions (`int[,]`).
    ///
    /// Like CoreCLR's: a class deriving from System.Array whose instances hold the total length,
    /// then each dimension's length and lower bound, then the elements (`MDArrayLayout`). It
    /// implements no generic interfaces (only single-dimensional arrays are `IList<T>`).
    public func array(of element: RuntimeType, rank: Int) throws -> RuntimeType {
        let key = "[mdarray\(rank)]\(element.id)"
        if let t = typeByKey[key] { return t }
        let commas = String(repeating: ",", count: max(rank - 1, 0))
        let t = RuntimeType(id: types.count, kind: .array, def: nil, module: coreLib, instantiation: [],
                            elementType: element, primitive: nil, name: element.signatureName + "[\(commas)]",
                            reflectionName: element.reflectionName + "[\(commas)]")
        t.rank = rank
        types.append(t)
        typeByKey[key] = t
        t.parent = try coreType("System.Array")
        t.instanceSize = MDArrayLayout.dataOffset(rank: rank)
        t.vtable = t.parent?.vtable ?? []
        t.interfaces = t.parent?.interfaces ?? []
        t.interfaceImpls = t.parent?.interfaceImpls ?? []
        try assignTypeAddresses(t)
        t.isLoaded = true
        return t
    }

    private func isValueTypeDef(_ def: TypeDef, module: IL.Module) -> Bool {
        guard let ext = def.extends?.typeName else { return false }
        let isCoreBase = ext.isNamed("System", "ValueType") || ext.isNamed("System", "Enum")
        return isCoreBase && !(module === coreLib && (def.fullName == "System.Enum"))
    }

    private func isEnum(_ def: TypeDef, module: IL.Module) -> Bool {
        def.extends?.typeName?.isNamed("System", "Enum") == true
    }

    private func finishLoading(_ t: RuntimeType, at location: SourceLocation) throws {
        guard let def = t.def else { return }
        loading.insert(t.id)
        defer { loading.remove(t.id) }
        let context = GenericContext(typeArgs: t.instantiation)
        if let ext = def.extends, !t.isInterface {
            let parent = try type(ext, context, at: def.location)
            // A class cannot derive from itself, directly or through its parents (a fuzzed `Animal
            // extends Animal` walked its parent chain forever: fuzz seed 207, input 591960). The
            // check comes before the parent is set, so no loaded type's chain is ever a cycle.
            var ancestor = parent
            while let a = ancestor {
                if a === t {
                    throw Diagnostic(.invalidIL, at: def.location, "type '\(def.fullName)' derives from itself (it extends '\(ext)')")
                }
                ancestor = a.parent
            }
            t.parent = parent
        } else if !t.isInterface && !(t.module === coreLib && def.fullName == "System.Object") {
            t.parent = try coreType("System.Object")
        }
        var itfs: [RuntimeType] = t.parent?.interfaces ?? []
        for i in def.implements {
            guard let it = try type(i, context, at: def.location) else { continue }
            for x in [it] + it.interfaces where !itfs.contains(where: { $0 === x }) { itfs.append(x) }
        }
        t.interfaces = itfs
        try FieldLayout.layOut(t, self, context)
        try VTableBuilder.build(t, self, context)
        var ancestor = t.parent
        while let a = ancestor {
            if loading.contains(a.id) || staleVTables.contains(where: { $0 === a }) {
                staleVTables.append(t)
                break
            }
            ancestor = a.parent
        }
        try assignTypeAddresses(t)
        t.isLoaded = true
        // The outermost load: rebuild, parents first (completion order), what was built too early.
        if loading.count == 1, !staleVTables.isEmpty {
            let stale = staleVTables
            staleVTables = []
            for s in stale {
                try VTableBuilder.build(s, self, GenericContext(typeArgs: s.instantiation))
            }
        }
    }

    // MARK: addresses

    /// True when the type keeps an index-based slot (a non-generic type of the user module).
    private func userTypeIndex(_ t: RuntimeType) -> Int? {
        guard t.module === user, t.instantiation.isEmpty, let def = t.def else { return nil }
        return user.types.firstIndex { $0 === def }
    }

    private func hashedSlot(_ region: String, _ name: String) throws -> UInt64 {
        let slot = AddressMap.hashSlot(name)
        let key = HashedSlotKey(region: region, slot: slot)
        if let other = hashedNames[key], other != name {
            throw Diagnostic(.internalError, at: .synthetic("address map"),
                             "hashed \(region) slot \(slot) is taken by both '\(other)' and '\(name)'")
        }
        hashedNames[key] = name
        return slot
    }

    private func assignTypeAddresses(_ t: RuntimeType) throws {
        if let i = userTypeIndex(t) {
            t.methodTableAddress = AddressMap.methodTable(i)
            t.staticsAddress = AddressMap.statics(i)
        } else {
            let slot = try hashedSlot("type", t.name)
            t.methodTableAddress = AddressMap.hashedMethodTable(slot)
            t.staticsAddress = AddressMap.hashedStatics(slot)
        }
        if UInt64(t.staticsSize) > AddressMap.staticsSlotSize {
            throw Diagnostic(.unsupported, at: t.def?.location ?? .synthetic("types"),
                             "the static fields of '\(t.name)' need more than \(AddressMap.staticsSlotSize) bytes")
        }
    }

    // MARK: methods

    /// The exact method for a definition on a loaded type with a method instantiation.
    public func method(_ def: MethodDef, on owner: RuntimeType, instantiation: [RuntimeType],
                       at location: SourceLocation) throws -> RuntimeMethod {
        guard def.genericParameters.count == instantiation.count else {
            throw Diagnostic(.invalidIL, at: location,
                             "method '\(def.name)' takes \(def.genericParameters.count) type arguments, got \(instantiation.count)")
        }
        let key = MethodKey(owner: owner.id, def: ObjectIdentifier(def), instantiation: instantiation.map(\.id))
        if let m = methodByKey[key] { return m }
        // Runtime async: an async method's IL is its async variant; calls without an await reach
        // the task-returning thunk the model synthesizes (TypeSystem+Async.swift).
        if def.isAsync {
            let a = try makeMethod(def, on: owner, instantiation: instantiation, returnSig: AsyncThunks.unwrapped(def.returnType) ?? def.returnType)
            a.isAsyncVariant = true
            methodByKey[key] = a
            if let t = try taskReturningThunk(of: a) { methodByKey[key] = t }
            return methodByKey[key]!
        }
        let m = try makeMethod(def, on: owner, instantiation: instantiation, returnSig: def.returnType)
        methodByKey[key] = m
        return m
    }

    /// Creates and registers one exact method (a handle, a display name, addresses).
    /// `hashedAddresses` gives a second handle of a written definition (an abstract method's async
    /// variant) slots of its own instead of the definition's index-based ones.
    func makeMethod(_ def: MethodDef, on owner: RuntimeType, instantiation: [RuntimeType], returnSig: TypeSig,
                    synthesizedIL: String? = nil, hashedAddresses: Bool = false) throws -> RuntimeMethod {
        let m = RuntimeMethod(id: methods.count, def: def, owner: owner, instantiation: instantiation)
        methods.append(m)
        m.returnSig = returnSig
        m.synthesizedIL = synthesizedIL
        if synthesizedIL != nil { synthesizedDefs[ObjectIdentifier(def)] = m }
        let context = GenericContext(typeArgs: owner.instantiation, methodArgs: instantiation)
        m.parameters = try def.parameters.map { p in try? type(p.type, context, at: def.location) }
        m.returnType = try? type(returnSig, context, at: def.location)
        m.displayName = TypeNames.methodName(m)
        if def.implFlags.contains(.internalCall) {
            m.helper = Helpers.all.first { $0.implements == m.displayName }
        }
        if m.helper == nil, let d = Helpers.delegateHelper(for: m) { m.helper = d }
        try assignMethodAddresses(m, hashed: hashedAddresses)
        return m
    }

    private func assignMethodAddresses(_ m: RuntimeMethod, hashed: Bool) throws {
        if let h = m.helper {
            m.cellAddress = h.cellAddress
            return
        }
        if !hashed, m.owner.module === user, m.owner.instantiation.isEmpty, m.instantiation.isEmpty,
           let i = userMethodIndex[ObjectIdentifier(m.def)] {
            m.codeAddress = AddressMap.code(i)
            m.cellAddress = AddressMap.cell(i)
            m.dataAddress = AddressMap.data(i)
            return
        }
        m.cellAddress = AddressMap.hashedCell(try hashedSlot("method", m.displayName))
        var code = AddressMap.hashSlot(m.displayName, count: AddressMap.hashedCodeSlots)
        var probes: UInt64 = 0
        while let other = codeSlots[code], other != m.displayName {
            code = (code + 1) % AddressMap.hashedCodeSlots
            probes += 1
            if probes >= AddressMap.hashedCodeSlots {
                throw Diagnostic(.internalError, at: m.def.location, "the hashed code region is full")
            }
        }
        codeSlots[code] = m.displayName
        m.codeAddress = AddressMap.hashedCode(code)
        m.dataAddress = AddressMap.hashedData(code)
    }

    /// True when `t` is one of the user module's types (by identity: a set, where scanning `user.types`
    /// took time linear in the module for every compiled method); the set follows the list's growth.
    private func isUserType(_ t: TypeDef) -> Bool {
        if userTypeIDsCount != user.types.count {
            userTypeIDs = Set(user.types.map { ObjectIdentifier($0) })
            userTypeIDsCount = user.types.count
        }
        return userTypeIDs.contains(ObjectIdentifier(t))
    }

    /// The typical instantiation of a non-generic method definition (nil for generic ones).
    public func method(for def: MethodDef) throws -> RuntimeMethod? {
        if let m = synthesizedDefs[ObjectIdentifier(def)] { return m }
        if def.declaringType == nil, let g = try globalType(), let m = g.def?.methods.first(where: { $0 === def }) {
            return def.genericParameters.isEmpty ? try method(m, on: g, instantiation: [], at: def.location) : nil
        }
        guard def.genericParameters.isEmpty, let owner = def.declaringType, owner.genericParameters.isEmpty else { return nil }
        let module = isUserType(owner) || owner === globalTypeDef ? user : coreLib
        let t = try load(owner, in: module, instantiation: [], at: def.location)
        return try method(def, on: t, instantiation: [], at: def.location)
    }
}
