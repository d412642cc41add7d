//! Importation: IL -> HIR, after RyuJIT's importer (importer.cpp).
//!
//! ```text
//!  MethodDef ──locals──> V00.. args, then IL locals        (ImportLocals)
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
        try ILVerifier.verify(c.method, in: c.module)
        try importWithoutVerifying(c)
    }

    /// The importer proper, without the verifier in front (tests use it to reach the importer's own checks).
    static func importWithoutVerifying(_ c: Compiler) throws {
        try ImportLocals.setUp(c)
        let layout = try BlockBuilder.build(c)
        let importer = BlockImporter(c, layout)
        try importer.importAll()
    }
}

/// Creates the method's locals: arguments, then IL locals (temps come later from `Compiler.newTemp`).
enum ImportLocals {
    static func setUp(_ c: Compiler) throws {
        let m = c.method
        guard m.isStatic else {
            throw c.error(.unsupported, "instance methods are not supported yet")
        }
        if !m.genericParameters.isEmpty {
            throw c.error(.unsupported, "generic methods are not supported yet")
        }
        guard let ret = VarType(m.returnType) else {
            throw c.error(.unsupported, "return type '\(m.returnType)' is not supported by the model JIT yet")
        }
        _ = ret
        c.locals = []
        for (i, p) in m.parameters.enumerated() {
            guard let t = VarType(parameter: p.type), t != .void else {
                throw c.error(.unsupported, "type '\(p.type)' of argument \(i) is not supported by the model JIT yet")
            }
            append(c, .arg(i), t, p.name)
        }
        for (i, l) in m.locals.enumerated() {
            guard let t = VarType(l.type), t != .void else {
                throw c.error(.unsupported, "type '\(l.type)' of local \(i) is not supported by the model JIT yet")
            }
            append(c, .local(i), t, l.name)
        }
    }

    private static func append(_ c: Compiler, _ kind: LocalKind, _ type: VarType, _ name: String?) {
        let v = LocalVar(num: c.locals.count, kind: kind, type: type, name: name)
        v.isRegCandidate = c.optimizing
        c.locals.append(v)
    }

    /// The JIT type of the method's return value (`.void` for none); valid after `setUp`.
    static func returnType(_ c: Compiler) -> VarType { VarType(c.method.returnType) ?? .void }
}
