/// Prints a method definition back as ilasm source, in the style of ildasm.
///
/// The JIT's `il` dump uses it to show the IL a method is compiled from: the body as
/// written for ordinary methods, and the parsed synthesized IL for the runtime's thunks,
/// so that a chapter can check that IL like any other listing. Every instruction gets an
/// `IL_xxxx:` label (its IL offset, lowercase hex as ildasm prints it) and branches name
/// those labels, so the text parses again into the same body (exception clauses, written
/// in ilasm's label form, are printed as comments the parser skips). Output is deterministic:
/// attributes are printed in a fixed order, never in set order.
public enum ILPrinter {
    /// The `.method` declaration of `method` with its directives and body, ending with a newline.
    public static func text(of method: MethodDef) -> String {
        var lines = [header(method), "{"]
        if method.isEntryPoint { lines.append("  .entrypoint") }
        for o in method.overrides { lines.append("  .override method \(o)") }
        lines.append("  .maxstack \(method.maxStack)")
        if !method.locals.isEmpty {
            let locals = method.locals.enumerated().map { i, l in "\(l.type) \(name(l.name) ?? "V_\(i)")" }
            lines.append("  .locals \(method.initLocals ? "init " : "")(\(locals.joined(separator: ", ")))")
        }
        for (i, ins) in method.body.enumerated() {
            lines += instructionLines(ins, index: i, in: method)
        }
        // Printed as comments: the parser reads this label form too, but the end label may lie past
        // the last instruction, where the printed body defines no label.
        for clause in method.exceptionClauses {
            lines.append("  // " + clauseText(clause, in: method))
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `IL_000a`: the label of the instruction at `index` (the end of the body past the last one).
    public static func label(_ index: Int, in method: MethodDef) -> String {
        let offset = index < method.body.count ? method.body[index].offset : method.ilSize
        let hex = String(offset, radix: 16)
        return "IL_" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Method attributes in the order ildasm prints them; unknown ones follow alphabetically.
    private static let attributeOrder = ["public", "private", "family", "assembly", "famandassem", "famorassem",
                                         "privatescope", "final", "hidebysig", "specialname", "rtspecialname",
                                         "static", "virtual", "newslot", "strict", "abstract", "pinvokeimpl"]

    /// Impl flags after `cil managed`, in ildasm's order.
    private static let implOrder: [(MethodImplFlags, String)] = [
        (.forwardRef, "forwardref"), (.preserveSig, "preservesig"), (.internalCall, "internalcall"),
        (.synchronized, "synchronized"), (.noInlining, "noinlining"), (.aggressiveInlining, "aggressiveinlining"),
        (.noOptimization, "nooptimization"), (.aggressiveOptimization, "aggressiveoptimization"), (.async, "async"),
    ]

    static func header(_ m: MethodDef) -> String {
        let known = attributeOrder.filter { m.attributes.contains($0) }
        let others = m.attributes.subtracting(attributeOrder).sorted()
        var words = [".method"] + known + others
        if !m.isStatic { words.append("instance") }
        words.append(m.returnType.description)
        let generics = m.genericParameters.isEmpty ? "" : "<\(m.genericParameters.joined(separator: ", "))>"
        let params = m.parameters.enumerated().map { i, p in "\(p.type) \(name(p.name) ?? "A_\(i)")" }
        words.append("\(name(m.name) ?? m.name)\(generics)(\(params.joined(separator: ", ")))")
        words.append(m.implFlags.contains(.runtime) ? "runtime managed" : "cil managed")
        words += implOrder.filter { m.implFlags.contains($0.0) }.map(\.1)
        return words.joined(separator: " ")
    }

    /// A name as ilasm needs it: quoted when it is not a plain identifier (`'<Main>$'`, `'value'`).
    static func name(_ n: String?) -> String? {
        guard let n else { return nil }
        if n == ".ctor" || n == ".cctor" { return n }
        let plain = n.first.map { $0.isLetter || $0 == "_" } == true
            && n.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "`" }
            && !quotedWords.contains(n)
        return plain ? n : "'" + n.map { $0 == "'" ? "\\'" : String($0) }.joined() + "'"
    }

    /// Identifiers that are also ilasm keywords and must be quoted when used as names.
    private static let quotedWords: Set<String> = ["value", "object", "method", "string", "class", "valuetype",
                                                   "int", "float", "char", "bool", "void", "native", "instance"]

    private static func instructionLines(_ ins: Instruction, index: Int, in m: MethodDef) -> [String] {
        var lines: [String] = []
        var offset = ins.offset
        for p in ins.prefixes {
            let operand = p == .constrained ? ins.constrainedType.map { " \($0)" } ?? "" : ""
            lines.append("  \(offsetLabel(offset)):  \(p.rawValue)\(operand)")
            offset += p.encodedSize
        }
        var text = ins.opcode.rawValue
        if let operand = operandText(ins, in: m) {
            text += String(repeating: " ", count: max(1, 11 - text.count)) + operand
        }
        lines.append("  \(offsetLabel(offset)):  \(text)")
        return lines
    }

    private static func offsetLabel(_ offset: Int) -> String {
        let hex = String(offset, radix: 16)
        return "IL_" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private static func operandText(_ ins: Instruction, in m: MethodDef) -> String? {
        switch ins.operand {
        case .none: return nil
        case .int(let v): return String(v)
        case .float(let v): return floatText(v)
        case .target(let t): return label(t, in: m)
        case .targets(let ts): return "(\(ts.map { label($0, in: m) }.joined(separator: ", ")))"
        case .variable(let i): return variableText(i, opcode: ins.opcode, in: m)
        case .method(let ref): return methodText(ref)
        case .field(let ref):
            let text = "\(ref.type) \(typeOperand(ref.owner))::\(name(ref.name) ?? ref.name)"
            return ins.opcode == .ldtoken ? "field " + text : text
        case .type(let t): return typeOperand(t)
        case .string(let s): return quoted(s)
        case .token(let t): return t
        }
    }

    /// `instance RET Owner::Name<args>(params)`, the owner written as a type reference (no `class`).
    private static func methodText(_ ref: MethodRef) -> String {
        let owner = ref.owner.map { "\(typeOperand($0))::" } ?? ""
        let gen = ref.genericArgs.isEmpty ? "" : "<\(ref.genericArgs.map(\.description).joined(separator: ","))>"
        let params = ref.parameters.map(\.description).joined(separator: ", ")
        return "\(ref.hasThis ? "instance " : "")\(ref.returnType) \(owner)\(name(ref.name) ?? ref.name)\(gen)(\(params))"
    }

    /// A type operand as ilasm writes it after `box`, `newarr`, `initobj` ...: class names without `class`.
    private static func typeOperand(_ t: TypeSig) -> String {
        switch t {
        case .class(let n), .valueType(let n): return n.description
        default: return t.description
        }
    }

    /// Locals and parameters by name when they have one, else by number.
    private static func variableText(_ i: Int, opcode: Opcode, in m: MethodDef) -> String {
        let isArgument = [Opcode.ldarg, .ldarg_s, .ldarga, .ldarga_s, .starg, .starg_s].contains(opcode)
        if isArgument {
            let p = i - (m.isStatic ? 0 : 1)
            if p >= 0, p < m.parameters.count, let n = name(m.parameters[p].name) { return n }
            return String(i)
        }
        if i < m.locals.count, let n = name(m.locals[i].name) { return n }
        return String(i)
    }

    private static func floatText(_ v: Double) -> String {
        if v.isNaN || v.isInfinite {
            let bits = String(v.bitPattern, radix: 16, uppercase: true)
            return "(" + String(repeating: "0", count: max(0, 16 - bits.count)) + bits + ")"
        }
        return v == v.rounded() && abs(v) < 1e15 ? "\(Int64(v)).0" : "\(v)"
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    private static func clauseText(_ c: ExceptionClause, in m: MethodDef) -> String {
        let range = ".try \(label(c.tryStart, in: m)) to \(label(c.tryEnd, in: m))"
        let handler = "handler \(label(c.handlerStart, in: m)) to \(label(c.handlerEnd, in: m))"
        switch c.kind {
        case .catch(let t): return "\(range) catch \(typeOperand(t)) \(handler)"
        case .finally: return "\(range) finally \(handler)"
        case .fault: return "\(range) fault \(handler)"
        case .filter(let f): return "\(range) filter \(label(f, in: m)) \(handler)"
        }
    }
}
