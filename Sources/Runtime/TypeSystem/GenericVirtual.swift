import Diagnostics
import IL

/// Generic virtual methods (ECMA-335 II.10.3.2 with II.10.1.7): a virtual method with its own type
/// parameters has no vtable slot, because each instantiation is a different piece of code. A call
/// site of an instantiation `Base::M<T1..Tn>` passes a *descriptor* (AddressMap.genericVirtualDescriptor)
/// to CORINFO_HELP_VIRTUAL_FUNC_PTR's generic cousin `jitbook:GenericVirtualLookup`, which finds the
/// implementation for the object's exact type, as CoreCLR's runtime lookup does (its
/// JIT_VirtualFunctionPointer with a generic method handle, backed by a hash table of
/// instantiations); the model's table is filled ahead of time by the image builder, one pair
/// (method table, code) per constructed class, with a one-entry cache in front of it.
extension TypeSystem {
    /// True for a (possibly instantiated) generic virtual or abstract instance method.
    public static func isGenericVirtual(_ m: RuntimeMethod) -> Bool {
        let d = m.def
        return !d.genericParameters.isEmpty && !d.isStatic && (d.isVirtual || d.isAbstract)
            && !d.isFinal
    }

    /// The implementation an object of exact type `type` runs for the instantiated generic virtual
    /// method `decl`: the most derived override (a method of the same name, generic arity and
    /// parameters that does not start a new slot, or one that names `decl` in an `.override`),
    /// instantiated like `decl`; nil when `type` does not derive from (or implement) `decl`'s owner,
    /// or the implementation is abstract.
    public func genericVirtualImplementation(of decl: RuntimeMethod, on type: RuntimeType) throws -> RuntimeMethod? {
        let owner = decl.owner
        guard owner.isInterface ? implements(type, owner) : type.derives(from: owner) else { return nil }
        let name = decl.def.name
        let arity = decl.def.genericParameters.count
        let key = decl.def.parameters.map { Self.sigKey($0.type) }
        var cur: RuntimeType? = type
        while let t = cur, let def = t.def {
            let context = GenericContext(typeArgs: t.instantiation)
            for m in def.methods where m.genericParameters.count == arity && !m.isStatic {
                for o in m.overrides where o.name == name || o.name.hasSuffix(".\(name)") {
                    if let os = o.owner, let ot = try? self.type(os, context, at: m.location), ot === owner {
                        return m.isAbstract ? nil : try method(m, on: t, instantiation: decl.instantiation, at: m.location)
                    }
                }
            }
            let implicit = def.methods(named: name).first { m in
                m.isVirtual && !m.isStatic && m.genericParameters.count == arity
                    && m.parameters.map({ Self.sigKey($0.type) }) == key
                    && (t === owner || owner.isInterface || !m.isNewSlot)
            }
            if let m = implicit {
                return m.isAbstract ? nil : try method(m, on: t, instantiation: decl.instantiation, at: m.location)
            }
            if t === owner { return nil }
            cur = t.parent
        }
        return nil
    }

    private func implements(_ type: RuntimeType, _ itf: RuntimeType) -> Bool {
        var cur: RuntimeType? = type
        while let t = cur {
            if t.interfaces.contains(where: { $0 === itf }) { return true }
            cur = t.parent
        }
        return false
    }
}
