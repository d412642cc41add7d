import IL

/// How the runtime names types and methods in listings, after RyuJIT's `eeGetMethodFullName`.
///
/// `Program:Add(int,int):int`, `Ns.Outer+Inner:Get():long:this`: primitive types
/// by their JIT type names (`int`, `long`, `ubyte`, `ushort` for char, `long` for
/// native int), other types by their full name.
public enum MethodNames {
    /// The listing name of a type signature.
    public static func typeName(_ sig: TypeSig) -> String {
        switch sig {
        case .void: "void"
        case .bool: "bool"
        case .char, .uint16: "ushort"
        case .int8: "byte"
        case .uint8: "ubyte"
        case .int16: "short"
        case .int32: "int"
        case .uint32: "uint"
        case .int64, .nativeInt: "long"
        case .uint64, .nativeUInt: "ulong"
        case .float32: "float"
        case .float64: "double"
        case .string: "System.String"
        case .object: "System.Object"
        case .typedref: "System.TypedReference"
        case .class(let n), .valueType(let n): n.fullName.replacingOccurrences(of: "/", with: "+")
        case .generic(let n, _, let args):
            "\(n.fullName.replacingOccurrences(of: "/", with: "+"))[\(args.map(typeName).joined(separator: ","))]"
        case .typeParam(let i): "!\(i)"
        case .methodParam(let i): "!!\(i)"
        case .byref(let t): "byref<\(typeName(t))>"
        case .pointer(let t): "ptr<\(typeName(t))>"
        case .szArray(let t): "\(typeName(t))[]"
        case .mdArray(let t, let rank): "\(typeName(t))[\(String(repeating: ",", count: rank - 1))]"
        case .modified(let t, _): typeName(t)
        }
    }

    /// `Type:Name(params):ret[:this]` for a definition.
    public static func displayName(_ m: MethodDef) -> String {
        let owner = m.declaringType?.fullName ?? "<Module>"
        let params = m.parameters.map { typeName($0.type) }.joined(separator: ",")
        return "\(owner):\(m.name)(\(params)):\(typeName(m.returnType))\(m.isStatic ? "" : ":this")"
    }

    /// `Type:Name(params):ret[:this]` for a reference (used when the callee is not in the module).
    public static func displayName(_ r: MethodRef) -> String {
        let owner = r.owner.map(typeName) ?? "<Module>"
        let params = r.parameters.map(typeName).joined(separator: ",")
        return "\(owner):\(r.name)(\(params)):\(typeName(r.returnType))\(r.hasThis ? ":this" : "")"
    }
}
