import Diagnostics
import Foundation
import IL
import JIT

/// The runtime model of one module, as the JIT sees it through `JitInterface`.
///
/// It owns the type system (the user module plus the model CoreLib), hands out
/// class and method handles, resolves tokens in generic contexts, names methods
/// for listings and knows every fixed address. It also records what the JIT
/// reports (methods referenced, classes constructed) for the image builder.
public final class ModuleRuntime: JitInterface, @unchecked Sendable {
    public let module: IL.Module
    private let methods: [MethodDef]
    private let indexByIdentity: [ObjectIdentifier: Int]
    /// The module's string literals, laid out as frozen objects.
    ///
    /// Laid out on first use: finding them reads every instruction of the module, and most
    /// modules compile without one. (The layout depends only on the module's text.)
    public var strings: FrozenStrings { locked { frozenStrings } }
    private lazy var frozenStrings: FrozenStrings = {
        guard let core = self.typeSystem?.coreLib else { return FrozenStrings(module: self.module) }
        return FrozenStrings(module: self.module, coreLib: core, stringMethodTable: self.stringMethodTable)
    }()
    /// The address of CoreLib's System.String method table, which the literals point to (found
    /// when the runtime is made: loading the type then keeps the type system's order).
    private let stringMethodTable: UInt64
    /// The module's `.data`, laid out for RVA fields.
    public let fieldDataRegion: FieldDataRegion
    /// The type system, nil when the model CoreLib could not be loaded.
    public let typeSystem: TypeSystem?
    private let coreLibError: DiagnosticList?
    private let lock = NSRecursiveLock()
    /// What the JIT reported, in report order, without duplicates.
    public private(set) var referencedMethods: [MethodHandle] = []
    public private(set) var constructedClasses: [ClassHandle] = []
    private var referencedSet: Set<MethodHandle> = []
    /// The managed helpers (seed 004) the JIT asked for, in order: their implementations must be
    /// compiled and their cells filled with that code.
    public private(set) var managedHelpers: [JitHelper] = []
    private var managedHelperSet: Set<JitHelper> = []
    private var reports: [RuntimeReport] = []
    private var constructedSet: Set<ClassHandle> = []
    /// The instantiated generic virtual methods some call site looks up, in order: the image builder
    /// compiles their implementations and fills their descriptors (GenericVirtual.swift).
    public private(set) var genericVirtualSites: [MethodHandle] = []
    private var genericVirtualSet: Set<MethodHandle> = []
    private var genericVirtualSlots: [UInt64: MethodHandle] = [:]
    /// `methodInfo` answers by handle: a method's names, signature, slot and cell are fixed once
    /// it is created (its owner is loaded first), and the JIT asks several times per call site.
    /// Indexed by the handle's id (an index into the type system's methods): a dictionary's
    /// hashing and growth showed in every compilation's profile.
    private var methodInfoCache: [MethodInfo?] = []
    /// Fields already resolved from a method without a generic context (the module's methods use
    /// the same few fields from many sites): the same reference always resolves to the same field
    /// there, so it is resolved once. Only successes are kept; a reference that fails is resolved
    /// (and reported) each time. (Call targets are not kept so: most of them are distinct, and the
    /// memo's misses cost more than its hits saved.)
    private var resolvedFields: [FieldRefKey: FieldInfo] = [:]
    /// The module's type count the memo was made with (`fieldKey` empties it when it changes).
    private var resolvedTypesCount = -1
    /// `classInitializer(of:)` answers by class handle id (`.some(nil)`: the class needs none).
    private var classInitializers: [Int: ClassInitializer?] = [:]

    public init(module: IL.Module) {
        self.module = module
        self.methods = module.allMethods
        var idx: [ObjectIdentifier: Int] = [:]
        for (i, m) in methods.enumerated() { idx[ObjectIdentifier(m)] = i }
        self.indexByIdentity = idx
        self.fieldDataRegion = FieldDataRegion(module: module)
        switch CoreLib.parsed {
        case .success(let core):
            let ts = TypeSystem(user: module, coreLib: core)
            typeSystem = ts
            coreLibError = nil
            stringMethodTable = (try? ts.coreType("System.String"))?.methodTableAddress ?? 0
        case .failure(let e):
            typeSystem = nil
            coreLibError = e
            stringMethodTable = 0
        }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func ts(at location: SourceLocation) throws -> TypeSystem {
        if let t = typeSystem { return t }
        throw coreLibError ?? DiagnosticList([Diagnostic(.environment, at: location, "the model CoreLib is not available")])
    }

    /// The module index of a method (its position in definition order).
    public func index(of method: MethodDef) -> Int? { indexByIdentity[ObjectIdentifier(method)] }

    /// The loaded method behind a handle.
    public func runtimeMethod(_ h: MethodHandle) -> RuntimeMethod? {
        locked { typeSystem.flatMap { $0.methods.indices.contains(h.id) ? $0.methods[h.id] : nil } }
    }

    /// The loaded type behind a handle.
    public func runtimeType(_ h: ClassHandle) -> RuntimeType? {
        locked { typeSystem.flatMap { $0.types.indices.contains(h.id) ? $0.types[h.id] : nil } }
    }

    /// The generic context a method handle's IL is read in.
    func context(_ h: MethodHandle?) -> GenericContext {
        guard let h, let m = runtimeMethod(h) else { return GenericContext() }
        return GenericContext(typeArgs: m.owner.instantiation, methodArgs: m.instantiation)
    }

    // MARK: names and addresses of definitions

    public func displayName(of method: MethodDef) -> String {
        if let h = methodHandle(of: method) { return displayName(of: h) }
        return MethodNames.displayName(method)
    }

    public func codeAddress(of method: MethodDef) -> UInt64 {
        if let i = index(of: method) { return AddressMap.code(i) }
        return methodHandle(of: method).map { codeAddress(of: $0) } ?? AddressMap.code(0)
    }

    public func readOnlyDataAddress(of method: MethodDef) -> UInt64 {
        if let i = index(of: method) { return AddressMap.data(i) }
        return methodHandle(of: method).map { readOnlyDataAddress(of: $0) } ?? AddressMap.data(0)
    }

    public func definition(of target: CallTarget) -> MethodDef? {
        if let h = target.methodHandle { return definition(of: h) }
        return target.definitionIndex.flatMap { $0 < methods.count ? methods[$0] : nil }
    }

    public func stringLiteral(_ value: String, at location: SourceLocation) throws -> UInt64 {
        try locked {
            guard frozenStrings.fitsRegion else {
                throw Diagnostic(.unsupported, at: location,
                                 "the module's string literals need more than \(AddressMap.stringsRegionSize) bytes")
            }
            guard let address = frozenStrings.address(of: value) else {
                throw Diagnostic(.internalError, at: location, "string literal not laid out by the runtime model")
            }
            return address
        }
    }

    // MARK: methods

    public func methodHandle(of method: MethodDef) -> MethodHandle? {
        locked { (try? typeSystem?.writtenVariant(for: method))??.handle }
    }

    public func definition(of method: MethodHandle) -> MethodDef? { runtimeMethod(method)?.def }

    public func displayName(of method: MethodHandle) -> String { runtimeMethod(method)?.displayName ?? "?" }

    public func codeAddress(of method: MethodHandle) -> UInt64 { runtimeMethod(method)?.codeAddress ?? 0 }

    public func readOnlyDataAddress(of method: MethodHandle) -> UInt64 { runtimeMethod(method)?.dataAddress ?? 0 }

    public func methodInfo(_ method: MethodHandle) -> MethodInfo {
        locked {
            if method.id >= 0, method.id < methodInfoCache.count, let info = methodInfoCache[method.id] { return info }
            guard let m = runtimeMethod(method), let ts = typeSystem else {
                return MethodInfo(handle: method, owner: ClassHandle(id: -1), displayName: "?", attribs: [.isStatic],
                                  parameters: [], returnType: JitTypeDesc(.void), vtableSlot: nil, cellAddress: 0, helperID: nil)
            }
            let ctx = GenericContext(typeArgs: m.owner.instantiation, methodArgs: m.instantiation)
            let params = m.def.parameters.map { p in
                (try? ts.jitType(p.type, ctx, at: m.def.location)) ?? JitTypeDesc(.void)
            }
            let ret = (try? ts.jitType(m.returnSig, ctx, at: m.def.location)) ?? JitTypeDesc(.void)
            var slot: Int? = nil
            if m.owner.isInterface {
                slot = m.isAsyncVariant ? nil : m.owner.interfaceMethods.firstIndex { $0 === m.def }
            } else {
                slot = Self.vtableSlot(of: m)
            }
            let info = MethodInfo(handle: method, owner: m.owner.handle, displayName: m.helper?.name ?? m.displayName,
                                  attribs: Self.attribs(m), parameters: params, returnType: ret, vtableSlot: slot,
                                  cellAddress: m.cellAddress, helperID: m.helper?.id)
            // Grown slot by slot: handles are made in order, so this is one append, and
            // `append(contentsOf: repeatElement(...))` took the generic sequence path every time.
            while methodInfoCache.count <= method.id { methodInfoCache.append(nil) }
            methodInfoCache[method.id] = info
            return info
        }
    }

    /// The vtable slot of a virtual method: its own, or for an async variant the paired async slot.
    static func vtableSlot(of m: RuntimeMethod) -> Int? {
        let d = m.writtenDef
        guard d.isVirtual, !m.owner.isInterface, let s = m.owner.slot(of: d) else { return nil }
        return m.isAsyncVariant ? m.owner.asyncVariantSlot(forTaskSlot: s) : s
    }

    static func attribs(_ m: RuntimeMethod) -> MethodAttribs {
        var a: MethodAttribs = []
        // Virtual-ness belongs to the method as written; its synthesized variant shares it.
        let d = m.writtenDef
        if d.isStatic { a.insert(.isStatic) }
        if d.isVirtual { a.insert(.isVirtual) }
        if d.isFinal || m.owner.def?.isSealed == true || m.owner.isValueType {
            a.insert(.isFinal)
        }
        if d.isAbstract { a.insert(.isAbstract) }
        if d.isNewSlot { a.insert(.isNewSlot) }
        if m.def.implFlags.contains(.noInlining) { a.insert(.noInlining) }
        if m.def.implFlags.contains(.aggressiveInlining) { a.insert(.aggressiveInlining) }
        if m.helper != nil || m.def.implFlags.contains(.internalCall) { a.insert(.internalCall) }
        if d.name == ".ctor" { a.insert(.constructor) }
        if m.owner.isInterface { a.insert(.onInterface) }
        if m.def.isAsync { a.insert(.async) }
        if m.isAsyncVariant { a.insert(.asyncVariant) }
        if m.synthesizedIL != nil { a.insert(.ilStub) }
        return a
    }

    public func resolveMethod(_ ref: MethodRef, in context: MethodHandle?, at location: SourceLocation) throws -> MethodInfo {
        let m: RuntimeMethod = try locked {
            let ts = try ts(at: location)
            let m = try ts.resolveMethod(ref, self.context(context), at: location)
            // `call T C::M()` for a `Task<T> M()` names M's async variant (the thunks' IL does this).
            if !m.isAsyncVariant, let t = AsyncThunks.unwrapped(m.def.returnType),
               TypeSystem.sigKey(ref.returnType) == TypeSystem.sigKey(t),
               TypeSystem.sigKey(ref.returnType) != TypeSystem.sigKey(m.def.returnType),
               let a = try ts.asyncVariant(of: m) {
                return a
            }
            return m
        }
        if m.def.implFlags.contains(.internalCall) && m.helper == nil {
            throw Diagnostic(.unsupported, at: location,
                             "'\(m.displayName)' is an internalcall of the model CoreLib without a runtime helper")
        }
        if m.def.implFlags.contains(.runtime) && m.helper == nil {
            let why = m.def.name == "Invoke" ? (DelegateInvoke.rejection(of: m) ?? "") : "the model runtime implements only delegate constructors and Invoke"
            throw Diagnostic(.unsupported, at: location,
                             "'\(m.displayName)' is runtime-implemented and the model cannot call it: \(why)")
        }
        return methodInfo(m.handle)
    }

    /// The memo key of a field reference resolved in `context`; nil in a generic context, where the
    /// same reference can name another field. A new type of the module could answer a name
    /// differently: the memo starts over when the type count changes.
    private func fieldKey(_ ref: FieldRef, _ context: GenericContext) -> FieldRefKey? {
        if module.types.count != resolvedTypesCount {
            resolvedFields = [:]
            resolvedTypesCount = module.types.count
        }
        guard context.typeArgs.isEmpty && context.methodArgs.isEmpty else { return nil }
        return FieldRefKey(ref: ref)
    }

    /// The pre-type-system entry point: a call site's target (used by the inliner and older tests).
    public func resolveCall(_ ref: MethodRef, from caller: MethodDef, at location: SourceLocation) throws -> CallTarget {
        let info = try resolveMethod(ref, in: methodHandle(of: caller), at: location)
        return callTarget(info, ref: ref)
    }

    /// A CALL target for a resolved method.
    public func callTarget(_ info: MethodInfo, ref: MethodRef) -> CallTarget {
        let def = runtimeMethod(info.handle)?.def
        let userIndex = def.flatMap { index(of: $0) }
        var t = CallTarget(method: ref, definitionIndex: info.helperID == nil ? userIndex : nil,
                           displayName: info.displayName, cellAddress: info.cellAddress,
                           entryAddress: info.helperID == nil ? codeAddress(of: info.handle) : nil,
                           helperID: info.helperID)
        t.methodHandle = info.handle
        return t
    }

    // MARK: types and fields

    public func resolveType(_ sig: TypeSig, in context: MethodHandle?, at location: SourceLocation) throws -> JitTypeDesc {
        try locked { try ts(at: location).jitType(sig, self.context(context), at: location) }
    }

    public func resolveField(_ ref: FieldRef, in context: MethodHandle?, at location: SourceLocation) throws -> FieldInfo {
        try locked {
            let ts = try ts(at: location)
            let ctx = self.context(context)
            let key = fieldKey(ref, ctx)
            if let key, let known = resolvedFields[key] { return known }
            let f = try ts.resolveField(ref, ctx, at: location)
            let fctx = GenericContext(typeArgs: f.owner.instantiation)
            let type = try ts.jitType(f.def.type, fctx, at: location)
            // An RVA static (`.field static T F at LABEL`) lives in its `.data`, which it starts with.
            var staticAddress = f.def.isStatic ? f.owner.staticsAddress + UInt64(f.offset) : nil
            if f.def.isStatic, f.owner.module === module, let label = f.def.dataLabel,
               let d = fieldDataRegion.descriptor(of: label) {
                staticAddress = d.address + 8
            }
            let info = FieldInfo(name: f.def.name, owner: f.owner.handle, type: type, isStatic: f.def.isStatic,
                                 offset: f.offset,
                                 staticAddress: staticAddress,
                                 displayName: "\(f.owner.name):\(f.def.name)")
            if let key { resolvedFields[key] = info }
            return info
        }
    }

    public func classInfo(_ cls: ClassHandle) -> ClassInfo {
        guard let t = runtimeType(cls) else { return ClassInfo(handle: cls, kind: .class, name: "?", methodTable: 0, size: 0) }
        return locked {
            let kind: ClassKind
            switch t.kind {
            case .class: kind = .class
            case .valueType: kind = .valueType
            case .interface: kind = .interface
            case .array: kind = .array
            case .string: kind = .string
            }
            let sealed = t.isValueType || t.kind == .string || t.def?.isSealed == true
                || (t.kind == .array && (t.elementType.map { $0.isValueType || $0.def?.isSealed == true } ?? false))
            var info = ClassInfo(handle: cls, kind: kind, name: t.name, methodTable: t.methodTableAddress,
                                 size: t.instanceSize, structLayout: t.isValueType ? Self.structLayout(t) : nil,
                                 elementType: t.elementType?.jitType, componentSize: t.elementType?.valueSize ?? 0,
                                 isSealed: sealed)
            info.rank = t.rank
            return info
        }
    }

    /// The user module's class constructors run lazily, triggered by the JIT (CoreLib's model
    /// types initialize their statics themselves, and generic types keep eager semantics: none).
    ///
    /// Answered once per class (every method's entry asks about its owner): the answer depends only
    /// on the class's definition, and the `.cctor`'s handle, once made, stays.
    public func classInitializer(of cls: ClassHandle) -> ClassInitializer? {
        guard let t = runtimeType(cls), let ts = typeSystem else { return nil }
        return locked {
            if let known = classInitializers[cls.id] { return known }
            var answer: ClassInitializer? = nil
            if let def = t.def, t.module === ts.user, t.instantiation.isEmpty, def.genericParameters.isEmpty,
               let cctorDef = def.methods(named: ".cctor").first(where: \.isStatic),
               let m = try? ts.method(for: cctorDef) {
                answer = ClassInitializer(cctor: m.handle, codeAddress: m.codeAddress,
                                          isPrecise: !def.attributes.contains("beforefieldinit"))
            }
            classInitializers[cls.id] = .some(answer)
            return answer
        }
    }

    /// Size, alignment and which 8-byte chunks hold object references.
    static func structLayout(_ t: RuntimeType) -> StructLayoutInfo {
        var chunks = [Bool](repeating: false, count: (t.instanceSize + 7) / 8)
        func mark(_ t: RuntimeType, base: Int) {
            for f in t.instanceFields {
                if f.type.isValueType && f.type.primitive == nil { mark(f.type, base: base + f.offset) }
                else if !f.type.isValueType, (base + f.offset) / 8 < chunks.count { chunks[(base + f.offset) / 8] = true }
            }
        }
        mark(t, base: 0)
        return StructLayoutInfo(size: t.instanceSize, alignment: t.alignment, gcChunks: chunks)
    }

    public func arrayClass(of element: JitTypeDesc, at location: SourceLocation) throws -> ClassHandle {
        guard let h = element.classHandle, let e = runtimeType(h) else {
            throw Diagnostic(.unsupported, at: location, "arrays of \(element.varType) are not supported")
        }
        return try locked { try ts(at: location).array(of: e).handle }
    }

    /// The class of `rank`-dimensional arrays of `element` (`int[,]`).
    public func arrayClass(of element: JitTypeDesc, rank: Int, at location: SourceLocation) throws -> ClassHandle {
        guard let h = element.classHandle, let e = runtimeType(h) else {
            throw Diagnostic(.unsupported, at: location, "arrays of \(element.varType) are not supported")
        }
        return try locked { try ts(at: location).array(of: e, rank: rank).handle }
    }

    public func helperTarget(_ helper: JitHelper) -> CallTarget {
        let h = Helpers.helper(helper)
        locked {
            reports.append(.helper(helper))
            if helper.managedImplementation != nil, managedHelperSet.insert(helper).inserted { managedHelpers.append(helper) }
        }
        return CallTarget(method: MethodRef(hasThis: false, returnType: .void, owner: nil, name: helper.rawValue, parameters: []),
                          definitionIndex: nil, displayName: h.name, cellAddress: h.cellAddress, helperID: h.id)
    }

    public func resolveVirtualMethod(_ method: MethodHandle, on cls: ClassHandle) -> MethodHandle? {
        locked {
            guard let m = runtimeMethod(method), let t = runtimeType(cls) else { return nil }
            // A generic virtual method has no slot: its instantiation's implementation is looked up
            // (a `constrained.` call of one on a value type calls that directly).
            if TypeSystem.isGenericVirtual(m) {
                return (try? typeSystem?.genericVirtualImplementation(of: m, on: t))??.handle
            }
            if m.owner.isInterface {
                guard let i = t.interfaces.firstIndex(where: { $0 === m.owner }),
                      let k = m.owner.interfaceMethods.firstIndex(where: { $0 === m.def }),
                      t.interfaceImpls.indices.contains(i), t.interfaceImpls[i].indices.contains(k) else { return nil }
                return t.interfaceImpls[i][k]?.handle
            }
            guard let slot = Self.vtableSlot(of: m), t.vtable.indices.contains(slot),
                  t.derives(from: m.owner) else { return nil }
            return t.vtable[slot].handle
        }
    }

    // MARK: class profiles

    public func likelyClass(atIL ilOffset: Int, in method: MethodDef, profile: ClassProfileData) -> LikelyClass? {
        guard let entry = profile.likelyClass(atIL: ilOffset) else { return nil }
        let written = entry.className.replacingOccurrences(of: "+", with: "/")
        let outer = written.split(separator: "/", maxSplits: 1).first.map(String.init) ?? written
        let dot = outer.lastIndex(of: ".")
        let namespace = dot.map { String(outer[..<$0]) } ?? ""
        let name = dot.map { String(written[written.index(after: $0)...]) } ?? written
        let sig = TypeSig.class(TypeName(namespace: namespace, name: name))
        guard let t = try? resolveType(sig, in: nil, at: method.location), let h = t.classHandle else { return nil }
        return LikelyClass(handle: h, likelihood: entry.percent)
    }

    // MARK: reports

    public func reportReference(_ method: MethodHandle) {
        locked {
            reports.append(.methodEntry(method))
            if referencedSet.insert(method).inserted { referencedMethods.append(method) }
        }
    }

    /// What the JIT asked for since the last call, in order, with repeats, and forgets it: the
    /// dependencies of the compilation that just ran (the ahead-of-time compiler's graph edges).
    public func takeReports() -> [RuntimeReport] {
        locked {
            defer { reports = [] }
            return reports
        }
    }

    /// The CoreLib method implementing a managed helper (seed 004's async context helpers).
    public func managedImplementation(of helper: JitHelper) -> RuntimeMethod? {
        locked {
            guard let name = helper.managedImplementation, let ts = typeSystem,
                  let owner = try? ts.coreType(Self.asyncHelpersName),
                  let def = owner.def?.methods.first(where: { $0.name == name }) else { return nil }
            return try? ts.method(def, on: owner, instantiation: [], at: def.location)
        }
    }

    public func genericVirtualDescriptor(_ method: MethodHandle, at location: SourceLocation) throws -> UInt64? {
        try locked {
            guard let m = runtimeMethod(method), TypeSystem.isGenericVirtual(m) else { return nil }
            let address = AddressMap.genericVirtualDescriptor(m.displayName)
            if let other = genericVirtualSlots[address], other != method {
                throw Diagnostic(.internalError, at: location,
                                 "the generic virtual methods '\(m.displayName)' and '\(runtimeMethod(other)?.displayName ?? "?")' hash to one descriptor slot")
            }
            genericVirtualSlots[address] = method
            if genericVirtualSet.insert(method).inserted { genericVirtualSites.append(method) }
            reports.append(.methodEntry(method))
            return address
        }
    }

    public func reportConstructed(_ cls: ClassHandle) {
        locked { if constructedSet.insert(cls).inserted { constructedClasses.append(cls) } }
    }
}

/// A field reference as a memo key: hashed by the field's name alone, compared whole.
/// (Hashing the whole reference, its owner and type signatures, cost nearly what resolving it did.)
struct FieldRefKey: Hashable {
    let ref: FieldRef

    func hash(into hasher: inout Hasher) { hasher.combine(ref.name) }
    static func == (a: Self, b: Self) -> Bool { a.ref == b.ref }
}

/// One thing the JIT asked the runtime for while compiling a method.
public enum RuntimeReport: Sendable, Hashable {
    /// A method's entry point (a call, `ldftn`, or the method-handle shape's context calls).
    case methodEntry(MethodHandle)
    /// A JIT helper's call target.
    case helper(JitHelper)
}

extension ModuleCompiler {
    /// A compiler for `module` backed by its runtime model.
    public convenience init(module: IL.Module) {
        self.init(module: module, runtime: ModuleRuntime(module: module))
    }
}
