import IL
import JIT

/// How loaded types and methods are named: in listings (RyuJIT's eeGetClassName /
/// eeGetMethodFullName) and in messages (reflection's Type.ToString()).
enum TypeNames {
    /// Listing and reflection names of a definition with its instantiation.
    ///
    /// Listing: `Program+Box`1[int]` (type arguments by their JIT names);
    /// reflection: `Program+Box`1[System.Int32]`.
    static func names(def: TypeDef, instantiation: [RuntimeType]) -> (listing: String, reflection: String) {
        let base = def.fullName
        guard !instantiation.isEmpty else { return (base, base) }
        return ("\(base)[\(instantiation.map(jitName).joined(separator: ","))]",
                "\(base)[\(instantiation.map(\.reflectionName).joined(separator: ","))]")
    }

    /// The name of a type inside a method signature: primitives by their JIT type names (`int`).
    static func jitName(_ t: RuntimeType) -> String {
        if let p = t.primitive, t.def?.extends?.typeName?.isNamed("System", "Enum") != true {
            return primitiveName(p, t)
        }
        return t.name
    }

    private static func primitiveName(_ p: VarType, _ t: RuntimeType) -> String {
        switch t.name {
        case "System.Char": return "ushort"
        case "System.IntPtr": return "long"
        case "System.UIntPtr": return "ulong"
        default: return p.rawValue
        }
    }

    /// `Owner:Name[inst](params):ret[:this]`, signature types resolved.
    ///
    /// Appended piece by piece into one string: every exact method gets this name when it is
    /// made, and the interpolation with mapped and joined arrays built three strings and two
    /// arrays on the way.
    static func methodName(_ m: RuntimeMethod) -> String {
        var name = m.owner.name
        // Room for the signature too, so that the appends below rarely grow the string.
        name.reserveCapacity(name.utf8.count + m.def.name.utf8.count + 16 * (m.def.parameters.count + 2))
        name += ":"
        name += m.def.name
        if !m.instantiation.isEmpty {
            name += "["
            for (k, t) in m.instantiation.enumerated() {
                if k > 0 { name += "," }
                name += t.signatureName
            }
            name += "]"
        }
        name += "("
        for (k, (p, t)) in zip(m.def.parameters, m.parameters).enumerated() {
            if k > 0 { name += "," }
            name += t?.signatureName ?? sigName(p.type)
        }
        name += "):"
        name += m.returnType?.signatureName ?? sigName(m.returnSig)
        if !m.isStatic { name += ":this" }
        return name
    }

    /// Signature types without a method table (void, byrefs, pointers).
    private static func sigName(_ sig: TypeSig) -> String { MethodNames.typeName(sig) }
}
