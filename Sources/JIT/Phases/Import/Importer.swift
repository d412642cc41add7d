//! Importation: IL -> HIR, after RyuJIT's importer (importer.cpp).
//!
//! ```text
//!  MethodDef ──locals──> V00.. args, then IL locals        (ImportLocals)
//!            ──regions─> finally handlers cloned into leave/ret paths,
//!                        handler records at each .try      (FinallyCloning)
//!            ──blocks──> leaders at branch targets/after jumps (BlockBuilder)
//!            ──trees───> an evaluation stack of trees per block;
//!                        statements for stores, void calls, JTRUE, SWITCH, RETURN
//!                        (BlockImporter + ImportOpcodes)
//! ```
import Diagnostics
import IL

/// The importation phase: builds locals, basic blocks and HIR statements from the method's IL.
enum Importer {
    static func run(_ c: Compiler) throws {
        // Invalid IL gets the verifier's diagnostics (all of them, as a DiagnosticList); the importer
        // below still checks what it relies on, so it never crashes on IL the verifier let through.
        // IL the runtime synthesized (async thunks) is trusted, as CoreCLR's IL stubs are.
        let isStub = !c.isAsyncVersion && (c.methodHandle.map { c.runtime.methodInfo($0).attribs.contains(.ilStub) } ?? false)
        // The runtime async rules are about the method as a whole: checked before its instructions.
        if c.method.isAsync && !isStub { try AsyncImport.validate(c) }
        if !isStub { try ILVerifier.verify(c.method, in: c.module) }
        try importWithoutVerifying(c)
    }

    /// The importer proper, without the verifier in front (tests use it to reach the importer's own checks).
    static func importWithoutVerifying(_ c: Compiler) throws {
        var lowered: FinallyCloning.Result?
        if !c.method.exceptionClauses.isEmpty {
            lowered = try FinallyCloning.lower(c.method)
            c.usesHandlerRecords = true
        }
        try ImportLocals.setUp(c)
        ImportAsyncArguments.prepare(c)
        if let lowered {
            c.ilBody = lowered.body
            c.handlerMarkers = lowered.markers
            c.handlerRegions = lowered.regions
            c.handlerLinked = lowered.linked
            c.phaseNotes[.importation, default: []] += lowered.notes
        }
        let layout = try BlockBuilder.build(c)
        let importer = BlockImporter(c, layout)
        try importer.importAll()
        importer.insertEntryBlock()
    }
}

/// Creates the method's locals: arguments, then IL locals (temps come later from `Compiler.newTemp`).
///
/// Argument types come from the runtime (`resolveType` in the method's generic
/// context); `this` is V00, an object reference, or a byref for value types. Each
/// parameter also gets its incoming registers (`ABI.assignParameters`); a struct
/// returned through a hidden buffer adds a `return buffer` local after the IL locals.
enum ImportLocals {
    static func setUp(_ c: Compiler) throws {
        let m = c.method
        if !m.isStatic && c.methodHandle == nil {
            throw c.error(.unsupported, "instance methods are not supported yet")
        }
        if !m.genericParameters.isEmpty && c.methodHandle == nil {
            throw c.error(.unsupported, "generic methods are not supported yet")
        }
        try AsyncImport.setUp(c)
        let ret = AsyncImport.returnType(c) ?? (try? c.runtime.resolveType(m.returnType, in: c.methodHandle, at: m.location))
        guard let ret, isSupported(ret) else {
            throw c.error(.unsupported, "return type '\(m.returnType)' is not supported by the model JIT yet")
        }
        c.returnType = ret
        c.locals = []
        if !m.isStatic, let h = c.methodHandle {
            let owner = c.runtime.classInfo(c.runtime.methodInfo(h).owner)
            let t: VarType = owner.kind == .valueType ? .byref : .ref
            let v = append(c, .arg(0), t, "this")
            v.classHandle = owner.handle
        }
        let first = m.isStatic ? 0 : 1
        for (i, p) in m.parameters.enumerated() {
            let t = try resolve(c, p.type)
            guard let t, isSupported(t), t.varType != .void else {
                throw c.error(.unsupported, "type '\(p.type)' of argument \(i) is not supported by the model JIT yet")
            }
            let v = append(c, .arg(first + i), t.varType, p.name)
            setStruct(c, v, t)
        }
        for (i, l) in m.locals.enumerated() {
            let t = try resolve(c, l.type)
            guard let t, isSupported(t), t.varType != .void else {
                throw c.error(.unsupported, "type '\(l.type)' of local \(i) is not supported by the model JIT yet")
            }
            let v = append(c, .local(i), t.varType, l.name)
            setStruct(c, v, t)
        }
        AsyncImport.addContinuationParameter(c)
        try ABI.assignParameters(c)
    }

    /// A signature type in the method's context; nil when the runtime does not support it (the caller
    /// reports which argument or local), an error when it does not exist.
    static func resolve(_ c: Compiler, _ sig: TypeSig) throws -> JitTypeDesc? {
        do {
            return try c.runtime.resolveType(sig, in: c.methodHandle, at: c.method.location)
        } catch let d as Diagnostic where d.kind == .unsupported {
            return nil
        }
    }

    /// Types the model JIT compiles: integers, float32/float64, references, byrefs and (with a type system) structs.
    static func isSupported(_ t: JitTypeDesc) -> Bool {
        t.varType != .struct || t.classHandle != nil
    }

    /// Records a struct local's class and size; struct locals live on the stack.
    static func setStruct(_ c: Compiler, _ v: LocalVar, _ t: JitTypeDesc) {
        v.classHandle = t.classHandle
        if t.varType == .struct, let h = t.classHandle {
            v.structSize = c.runtime.classInfo(h).size
            v.isRegCandidate = false
            v.addressExposed = true
        }
    }

    @discardableResult
    private static func append(_ c: Compiler, _ kind: LocalKind, _ type: VarType, _ name: String?) -> LocalVar {
        let v = LocalVar(num: c.locals.count, kind: kind, type: type, name: name)
        v.isRegCandidate = c.enregistersLocals
        c.locals.append(v)
        return v
    }

    /// The JIT type of the method's return value (`.void` for none); valid after `setUp`.
    static func returnType(_ c: Compiler) -> VarType { c.returnType.varType }
}
