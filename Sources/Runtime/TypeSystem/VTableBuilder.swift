import Diagnostics
import IL

/// Builds a type's vtable and interface implementation map (CoreCLR's MethodTableBuilder, in miniature).
///
/// Slot numbering: the parent's slots first (System.Object's virtuals ToString,
/// Equals, GetHashCode, Finalize are slots 0-3); a virtual method marked `newslot`,
/// or one that matches no inherited slot by name and signature, starts a new slot;
/// any other virtual method overrides the inherited slot it matches; `.override`
/// directives name the slot (or interface method) a method implements explicitly.
/// Interface methods are resolved per implemented interface: an explicit
/// `.override` first (most derived type first), then the public virtual method
/// with the same name and signature in the vtable.
enum VTableBuilder {
    static func build(_ t: RuntimeType, _ ts: TypeSystem, _ context: GenericContext) throws {
        guard let def = t.def else { return }
        if t.isInterface {
            // Generic methods have no slot: their calls look the implementation up (GenericVirtual.swift).
            t.interfaceMethods = def.methods.filter { !$0.isStatic && ($0.isVirtual || $0.isAbstract) && $0.genericParameters.isEmpty }
            return
        }
        var vtable = t.parent?.vtable ?? []
        var asyncSlots = t.parent?.asyncVariantSlots ?? [:]
        // Runtime async: a Task-returning virtual method's async variant has a slot of its own, next to
        // the method's; an override fills both (a non-async override's async variant is its thunk).
        func placeAsyncVariant(of rm: RuntimeMethod, taskSlot s: Int) throws {
            var variant: RuntimeMethod?
            if AsyncThunks.taskKind(rm.writtenDef.returnType) != nil {
                variant = try ts.asyncVariant(of: rm)
            } else if let slot = asyncSlots[s], let slotReturn = vtable[slot].otherVariant?.writtenDef.returnType {
                // A covariant override (it returns a class derived from Task) of a Task-returning slot.
                if slotReturn.mentionsGenericParameter {
                    throw Diagnostic(.unsupported, at: rm.def.location,
                                     "a covariant override of the generic Task-returning slot '\(vtable[s].displayName)' is not supported by the model runtime")
                }
                variant = try ts.asyncVariant(ofCovariantOverride: rm, slotReturn: slotReturn)
            }
            guard let a = variant else { return }
            if let slot = asyncSlots[s] {
                vtable[slot] = a
            } else {
                asyncSlots[s] = vtable.count
                vtable.append(a)
            }
        }
        for m in def.methods where m.isVirtual && !m.isStatic {
            // A generic virtual method has no slot; a call looks its implementation up at run time.
            if !m.genericParameters.isEmpty { continue }
            let rm = try ts.method(m, on: t, instantiation: [], at: m.location)
            let newSlot = m.isNewSlot
            let key = try signatureKey(rm)
            var slot: Int? = nil
            if !newSlot {
                slot = try vtable.indices.last { i in
                    try !vtable[i].isAsyncVariant && vtable[i].def.name == m.name && signatureKey(vtable[i]) == key
                }
            }
            if let s = slot {
                vtable[s] = rm
                t.declaredSlots[ObjectIdentifier(m)] = s
                try placeAsyncVariant(of: rm, taskSlot: s)
            } else {
                let s = vtable.count
                t.declaredSlots[ObjectIdentifier(m)] = s
                vtable.append(rm)
                try placeAsyncVariant(of: rm, taskSlot: s)
            }
        }
        // Explicit overrides of class slots.
        for m in def.methods where m.genericParameters.isEmpty {
            for o in m.overrides {
                guard let ownerSig = o.owner, let target = try ts.type(ownerSig, context, at: m.location),
                      !target.isInterface else { continue }
                guard let decl = target.def?.methods.first(where: { $0.name == o.name && $0.parameters.count == o.parameters.count }),
                      let s = target.slot(of: decl) else {
                    throw Diagnostic(.invalidIL, at: m.location, "'.override' names no virtual method '\(o.name)' of '\(target.name)'")
                }
                // Only a slot of this class or a base class can be overridden (the fuzzer put a
                // `.override` of another class's method in `Main`: an index past this vtable, a trap).
                guard t.derives(from: target), s < vtable.count else {
                    throw Diagnostic(.invalidIL, at: m.location,
                                     "'.override' of '\(target.name)::\(o.name)' in '\(t.name)', which does not derive from '\(target.name)'")
                }
                let rm = try ts.method(m, on: t, instantiation: [], at: m.location)
                try checkExplicitOverride(rm, of: vtable[s])
                vtable[s] = rm
                try placeAsyncVariant(of: rm, taskSlot: s)
            }
        }
        t.vtable = vtable
        t.asyncVariantSlots = asyncSlots
        t.interfaceImpls = try t.interfaces.map { itf in try implementations(of: itf, in: t, ts) }
        // A concrete class must implement every method of its interfaces: a hole would be a call
        // through a null slot at run time.
        if !def.attributes.contains("abstract") {
            for (itf, impls) in zip(t.interfaces, t.interfaceImpls) {
                for (im, impl) in zip(itf.interfaceMethods, impls) where impl == nil && !im.isStatic {
                    throw Diagnostic(.invalidIL, at: def.location,
                                     "'\(t.name)' does not implement '\(itf.name)::\(im.name)' (an implementing method must be virtual)")
                }
            }
        }
    }

    /// The implementation of each method of `itf` in type `t` (nil when none is found).
    static func implementations(of itf: RuntimeType, in t: RuntimeType, _ ts: TypeSystem) throws -> [RuntimeMethod?] {
        try itf.interfaceMethods.map { im in
            let imr = try ts.method(im, on: itf, instantiation: [], at: im.location)
            let key = try signatureKey(imr)
            // Explicit implementations, most derived type first.
            var c: RuntimeType? = t
            while let cur = c, let def = cur.def {
                let ctx = GenericContext(typeArgs: cur.instantiation)
                for m in def.methods {
                    for o in m.overrides where o.name == im.name {
                        if let os = o.owner, let ot = try? ts.type(os, ctx, at: m.location), ot === itf {
                            return try ts.method(m, on: cur, instantiation: [], at: m.location)
                        }
                    }
                }
                c = cur.parent
            }
            // Implicit: a virtual method with the same name and signature.
            for impl in t.vtable.reversed() where impl.def.name == im.name && !impl.isAsyncVariant {
                if try signatureKey(impl) == key { return impl }
            }
            return nil
        }
    }

    /// An explicit `.override` must take the slot's parameters and return its type or a class derived
    /// from it (a covariant return). The slot is found by name and parameter count alone, so without
    /// this a fuzzed override of a `Task<int>` slot by a method returning an unrelated class reached
    /// the async variant's thunk, which awaits the result as the slot's task, and failed in its own
    /// synthetic IL.
    static func checkExplicitOverride(_ m: RuntimeMethod, of slot: RuntimeMethod) throws {
        let params = zip(m.def.parameters, m.parameters).map { typeKey($1, $0.type) }
        let slotParams = zip(slot.def.parameters, slot.parameters).map { typeKey($1, $0.type) }
        let returnFits: Bool
        switch (m.returnType, slot.returnType) {
        case let (r?, s?): returnFits = r.derives(from: s)
        default: returnFits = typeKey(m.returnType, m.def.returnType) == typeKey(slot.returnType, slot.def.returnType)
        }
        guard params == slotParams, returnFits else {
            throw Diagnostic(.invalidIL, at: m.def.location,
                             "'\(m.def.name)' does not match the signature of the slot it overrides, '\(slot.displayName)'"
                                + " (the same parameters, and the same return type or a class derived from it)")
        }
    }

    /// One parameter or return type of an exact method, for override matching: the loaded type's id,
    /// or the signature's spelling when it is no loaded type (void, a byref, a pointer).
    static func typeKey(_ t: RuntimeType?, _ sig: TypeSig) -> String { t.map { "#\($0.id)" } ?? sig.description }

    /// Parameter and return types of an exact method, for override matching.
    static func signatureKey(_ m: RuntimeMethod) throws -> String {
        let params = zip(m.def.parameters, m.parameters).map { typeKey($1, $0.type) }
        let ret = typeKey(m.returnType, m.def.returnType)
        return "(\(params.joined(separator: ",")))\(ret)"
    }
}
