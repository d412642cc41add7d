import Diagnostics
import IL
import JIT

/// Runtime async variants in the type system (CoreCLR's async variant MethodDescs).
///
/// Every Task-returning method has two exact methods, each with its own handle, cell
/// and code slot:
///
/// | method            | task-returning variant (`[task]`)     | async variant (`[async]`)          |
/// |-------------------|----------------------------------------|-------------------------------------|
/// | `async` in IL     | synthesized task-returning thunk      | the IL as written                   |
/// | ordinary          | the IL as written                     | synthesized async callable thunk    |
///
/// The variant whose IL is written keeps the definition's index-based slots; the
/// synthesized one gets hashed slots by its display name (which differ: the async
/// variant's signature returns T). Token resolution returns the task-returning variant,
/// except when the reference's return type is the unwrapped T (`call int32 C::M()` for a
/// `Task<int32> M()`): that names the async variant, as the runtime's IL stubs do.
extension TypeSystem {
    /// Synthesizes the task-returning thunk of async variant `a` (nil when `a` is not Task-returning).
    func taskReturningThunk(of a: RuntimeMethod) throws -> RuntimeMethod? {
        guard let text = AsyncThunks.taskReturningThunk(a.def, coreLib: a.owner.module === coreLib) else { return nil }
        try requireSignatureTypes(of: a)
        let def = try AsyncThunks.parse(text, name: "task-returning thunk of \(a.displayName)")
        let t = try makeMethod(def, on: a.owner, instantiation: a.instantiation, returnSig: a.def.returnType, synthesizedIL: text)
        t.otherVariant = a
        a.otherVariant = t
        return t
    }

    /// The async variant of a task-returning method, synthesizing its async callable thunk on first use.
    public func asyncVariant(of m: RuntimeMethod) throws -> RuntimeMethod? {
        if m.isAsyncVariant { return nil }
        if let a = m.otherVariant { return a }
        // An abstract virtual method has an abstract async variant: the slot a virtual await calls.
        if m.def.isAbstract, m.def.isVirtual, m.synthesizedIL == nil, let t = AsyncThunks.unwrapped(m.def.returnType) {
            let a = try makeMethod(m.def, on: m.owner, instantiation: m.instantiation, returnSig: t, hashedAddresses: true)
            a.isAsyncVariant = true
            a.otherVariant = m
            m.otherVariant = a
            return a
        }
        return try callableThunk(of: m, slotReturn: nil)
    }

    /// The async variant of a virtual override that returns a class derived from Task (a
    /// covariant `.override` of a Task-returning slot): a thunk that awaits the returned task as
    /// the slot's type `slotReturn`, so an await through the slot reaches this override.
    func asyncVariant(ofCovariantOverride m: RuntimeMethod, slotReturn: TypeSig) throws -> RuntimeMethod? {
        if let a = m.otherVariant { return a }
        return try callableThunk(of: m, slotReturn: slotReturn)
    }

    /// Synthesizes, parses and pairs the async callable thunk of `m` (nil when `m` has no IL).
    private func callableThunk(of m: RuntimeMethod, slotReturn: TypeSig?) throws -> RuntimeMethod? {
        guard m.helper == nil, !m.def.body.isEmpty, !m.def.isAbstract,
              let t = AsyncThunks.unwrapped(slotReturn ?? m.def.returnType),
              let text = AsyncThunks.asyncCallableThunk(m.def, coreLib: m.owner.module === coreLib, slotReturn: slotReturn)
        else { return nil }
        try requireSignatureTypes(of: m)
        let def = try AsyncThunks.parse(text, name: "async callable thunk of \(m.displayName)")
        let a = try makeMethod(def, on: m.owner, instantiation: m.instantiation, returnSig: t, synthesizedIL: text)
        a.isAsyncVariant = true
        a.otherVariant = m
        m.otherVariant = a
        return a
    }

    /// The exact method whose IL is `def` as written (for an `async` method: its async variant).
    public func writtenVariant(for def: MethodDef) throws -> RuntimeMethod? {
        guard let m = try method(for: def) else { return nil }
        if def.isAsync, !m.isAsyncVariant, let a = m.otherVariant { return a }
        return m
    }

    /// Loads the types of `m`'s parameters and return (through byrefs and pointers) at `m`'s own
    /// location, before a thunk that repeats its signature is made: an undefined type (a fuzzed
    /// `Legs(M)`) is reported at the method, not at a line of the thunk's synthetic IL. Types that
    /// mention a generic parameter are loaded with the instantiation, later.
    private func requireSignatureTypes(of m: RuntimeMethod) throws {
        let context = GenericContext(typeArgs: m.owner.instantiation, methodArgs: m.instantiation)
        for sig in m.def.parameters.map(\.type) + [m.def.returnType] where !sig.mentionsGenericParameter {
            var t = sig
            while case .byref(let e) = t { t = e }
            while case .pointer(let e) = t { t = e }
            _ = try type(t, context, at: m.def.location)
        }
    }

    /// The `<Main>$` wrapper that runs an async entry point to completion (nil for other entry points).
    public func entryWrapper(for main: MethodDef) throws -> RuntimeMethod? {
        guard let text = AsyncThunks.entryWrapper(main), main.genericParameters.isEmpty,
              main.declaringType?.genericParameters.isEmpty ?? true else {
            return nil
        }
        let def = try AsyncThunks.parse(text, name: "entry wrapper of \(main.name)")
        // A global Main's wrapper is global too: `<Module>` owns both (without it, the Task itself was
        // run as the entry point and its address became the exit code).
        guard let t = try main.declaringType.map({ try load($0, in: user, instantiation: [], at: main.location) }) ?? globalType() else {
            throw Diagnostic(.unsupported, at: main.location, "the global async entry point has no <Module> type to hold its wrapper")
        }
        return try makeMethod(def, on: t, instantiation: [], returnSig: .int32, synthesizedIL: text)
    }
}
