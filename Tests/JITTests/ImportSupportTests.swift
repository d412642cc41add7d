import Diagnostics
import Foundation
import IL
import Testing
@testable import JIT

/// A small IL assembler for tests (the real parser lives on branch `il`).
///
/// One instruction per line: `[label:] opcode [operand]`. Operands: integers,
/// labels for branches, `(L1, L2)` for switch, argument/local numbers, a method
/// name of the test module for `call`. Offsets come from the real opcode sizes.
enum TestIL {
    struct Spec {
        var name: String
        var params: [TypeSig] = []
        var locals: [TypeSig] = []
        var ret: TypeSig = .int32
        var isStatic = true
        var body: String
    }

    static let file = "test.il"

    /// `Sum(n)`: adds 0, 1, .. n-1 in a loop (two locals, a back edge), for tests about loop-carried locals.
    static let sumLoop = Spec(name: "Sum", params: [.int32], locals: [.int32, .int32], body: """
        ldc.i4.0
        stloc.0
        ldc.i4.0
        stloc.1
        br.s COND
        BODY: ldloc.0
        ldloc.1
        add
        stloc.0
        ldloc.1
        ldc.i4.1
        add
        stloc.1
        COND: ldloc.1
        ldarg.0
        blt.s BODY
        ldloc.0
        ret
        """)

    /// Builds a module with one class `Program` holding the methods.
    static func module(_ specs: [Spec]) throws -> IL.Module {
        let m = IL.Module(assemblyName: "Test")
        let type = TypeDef(namespace: "", name: "Program", location: Diagnostics.SourceLocation(file: file, line: 1, column: 1))
        m.types.append(type)
        for (i, s) in specs.enumerated() {
            let def = MethodDef(name: s.name, attributes: s.isStatic ? ["static", "public"] : ["public"],
                                returnType: s.ret, parameters: s.params.map { Parameter(type: $0) },
                                locals: s.locals.map { Local(type: $0) }, initLocals: true,
                                location: Diagnostics.SourceLocation(file: file, line: 100 * (i + 1), column: 5))
            def.declaringType = type
            type.methods.append(def)
        }
        for (i, s) in specs.enumerated() {
            type.methods[i].body = try assemble(s.body, in: m, firstLine: 100 * (i + 1) + 1)
        }
        return m
    }

    /// Assembles a body; line numbers in locations start at `firstLine` (blank lines count).
    static func assemble(_ text: String, in module: IL.Module, firstLine: Int = 1) throws -> [Instruction] {
        struct Line { var label: String?; var op: Opcode; var arg: String; var line: Int }
        var lines: [Line] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = raw.trimmingCharacters(in: .whitespaces)
            if rest.isEmpty { continue }
            var label: String?
            if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains(" ") {
                label = String(rest[..<colon])
                rest = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let parts = rest.split(separator: " ", maxSplits: 1).map(String.init)
            guard let op = Opcode.named(parts[0]) else {
                throw Diagnostic(.syntax, at: Diagnostics.SourceLocation(file: file, line: firstLine + n, column: 5),
                                 "unknown opcode \(parts[0])")
            }
            lines.append(Line(label: label, op: op, arg: parts.count > 1 ? parts[1] : "", line: firstLine + n))
        }
        var labels: [String: Int] = [:]
        for (i, l) in lines.enumerated() { if let lb = l.label { labels[lb] = i } }
        let program = TypeSig.class(TypeName(namespace: "", name: "Program"))
        var out: [Instruction] = []
        var offset = 0
        for l in lines {
            let loc = Diagnostics.SourceLocation(file: file, line: l.line, column: 5)
            let operand: Operand
            switch l.op.operandKind {
            case .none: operand = .none
            case .int8, .uint8, .int32, .int64: operand = .int(Int64(l.arg) ?? 0)
            case .float32, .float64: operand = .float(Double(l.arg) ?? 0)
            case .branch, .shortBranch: operand = .target(labels[l.arg] ?? 10_000)
            case .switchTable:
                let names = l.arg.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
                    .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                operand = .targets(names.map { labels[$0] ?? 10_000 })
            case .shortVar, .variable: operand = .variable(Int(l.arg) ?? 0)
            case .method:
                let def = module.allMethods.first { $0.name == l.arg }
                operand = .method(MethodRef(hasThis: !(def?.isStatic ?? true), returnType: def?.returnType ?? .void,
                                            owner: program, name: l.arg, parameters: def?.parameters.map(\.type) ?? []))
            case .field: operand = .field(FieldRef(type: .int32, owner: program, name: l.arg))
            case .type: operand = .type(.int32)
            case .token: operand = .token(l.arg)
            case .string: operand = .string(l.arg)
            case .signature: operand = .none
            }
            let ins = Instruction(offset: offset, opcode: l.op, operand: operand, label: l.label, location: loc)
            offset += ins.size
            out.append(ins)
        }
        return out
    }
}

/// The runtime side of the tests: resolves calls inside the module, names methods like the listings do.
final class FakeRuntime: JitInterface, @unchecked Sendable {
    let module: IL.Module
    init(_ module: IL.Module) { self.module = module }

    func resolveCall(_ ref: MethodRef, from caller: MethodDef, at location: Diagnostics.SourceLocation) throws -> CallTarget {
        let all = module.allMethods
        guard let index = all.firstIndex(where: { $0.name == ref.name && $0.parameters.map(\.type) == ref.parameters }) else {
            throw Diagnostic(.undefined, at: location, "no method '\(ref)'")
        }
        return CallTarget(method: ref, definitionIndex: index, displayName: displayName(of: all[index]),
                          cellAddress: 0x1000 + UInt64(index) * 8)
    }

    func definition(of target: CallTarget) -> MethodDef? { target.definitionIndex.map { module.allMethods[$0] } }

    func displayName(of method: MethodDef) -> String {
        let owner = method.declaringType?.fullName ?? ""
        let params = method.parameters.map { Self.short($0.type) }.joined(separator: ",")
        return "\(owner):\(method.name)(\(params)):\(Self.short(method.returnType))"
    }

    func codeAddress(of method: MethodDef) -> UInt64 { 0x10000 }

    static func short(_ t: TypeSig) -> String {
        switch t {
        case .void: "void"
        case .bool: "bool"
        case .int8: "byte"
        case .uint8: "ubyte"
        case .int16: "short"
        case .uint16, .char: "ushort"
        case .int32: "int"
        case .uint32: "uint"
        case .int64, .nativeInt: "long"
        case .uint64, .nativeUInt: "ulong"
        default: t.description
        }
    }

    func readOnlyDataAddress(of method: MethodDef) -> UInt64 { 0x7FF0_0020_0000 }
}

/// Runs the front half on one method of a test module.
enum Pipeline {
    /// Compiles `name` through `last` (inclusive) and returns the compiler state.
    static func run(_ module: IL.Module, _ name: String, through last: Phase,
                    config: JitConfig = JitConfig()) throws -> Compiler {
        guard let method = module.allMethods.first(where: { $0.name == name }) else {
            throw Diagnostic(.undefined, at: .synthetic("test"), "no method \(name)")
        }
        let c = Compiler(method: method, module: module, runtime: FakeRuntime(module), arch: .x64, config: config)
        for phase in Phase.allCases where phase <= last { try PhaseRunner.run(phase, c) }
        return c
    }

    /// Builds a one-method module from a spec and compiles it through `last`.
    static func run(_ spec: TestIL.Spec, through last: Phase, config: JitConfig = JitConfig()) throws -> Compiler {
        try run(TestIL.module([spec]), spec.name, through: last, config: config)
    }

    /// The dump of a one-method module after `last`.
    static func dump(_ spec: TestIL.Spec, after last: Phase, config: JitConfig = JitConfig()) throws -> String {
        IRDumper.dump(try run(spec, through: last, config: config), after: last)
    }

    /// The error a spec produces when imported (nil when it imports fine).
    static func importError(_ spec: TestIL.Spec) -> Diagnostic? {
        do {
            _ = try run(spec, through: .importation)
            return nil
        } catch let d as Diagnostic {
            return d
        } catch let list as DiagnosticList {
            return list.diagnostics.first
        } catch {
            return Diagnostic(.internalError, at: .synthetic("test"), "\(error)")
        }
    }

    /// The error the importer itself (without the verifier in front) reports for a spec.
    static func importerOwnError(_ spec: TestIL.Spec) -> Diagnostic? {
        do {
            let m = try TestIL.module([spec])
            let c = Compiler(method: m.allMethods[0], module: m, runtime: FakeRuntime(m), arch: .x64, config: JitConfig())
            try Importer.importWithoutVerifying(c)
            return nil
        } catch let d as Diagnostic {
            return d
        } catch {
            return Diagnostic(.internalError, at: .synthetic("test"), "\(error)")
        }
    }

    static var minOpts: JitConfig { (try? config("JitMinOpts=1")) ?? JitConfig() }

    static func config(_ text: String) throws -> JitConfig {
        try JitConfig(parsing: text, at: .synthetic("test"))
    }
}

/// Shapes of trees, as compact S-expressions: `ADD(LCL_VAR V00, CNS_INT 1)`.
func shape(_ n: Node) -> String {
    var s = n.oper.rawValue
    switch n.oper {
    case .cnsInt: s += " \(n.value)"
    case .lclVar, .storeLclVar: s += " V\(n.lclNum < 10 ? "0" : "")\(n.lclNum)"
    default: break
    }
    if !n.operands.isEmpty { s += "(" + n.operands.map(shape).joined(separator: ", ") + ")" }
    return s
}

/// The statement shapes of each block.
func shapes(_ c: Compiler) -> [[String]] { c.blocks.map { $0.statements.map { shape($0.root) } } }

@Suite struct TestAssemblerTests {
    @Test func offsetsFollowOpcodeSizes() throws {
        let m = try TestIL.module([.init(name: "F", params: [.int32], body: """
            ldarg.0
            ldc.i4 100
            ldc.i4.s 5
            L: br L
            """)])
        let body = m.allMethods[0].body
        #expect(body.map(\.offset) == [0, 1, 6, 8])
        #expect(body[3].operand == .target(3))
        #expect(body[1].location.line == 102)
    }
}

extension JitConfig {
    /// The default configuration with the inliner off, for tests about how calls themselves are compiled.
    static var noInline: JitConfig {
        var c = JitConfig()
        try? c.set("JitNoInline", "1", at: .synthetic("test"))
        return c
    }
}
