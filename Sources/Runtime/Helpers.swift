import IL

/// One runtime helper: a function of the C runtime that generated code calls through a cell.
///
/// The JIT never calls the C runtime directly: a call site resolves to the
/// helper's cell in the helpers region (`AddressMap.helperCell(id)`), the image
/// lists a relocation for that cell, and the C runtime writes the function's
/// address into it when it loads the image.
public struct Helper: Sendable, Hashable {
    /// Stable id, shared with the C runtime's table (Sources/Execution/CRuntime/helpers.c); never reused.
    public var id: Int
    /// The runtime name printed in listings and checked by the C runtime: `System.Console:WriteLine(int)`.
    public var name: String
    /// The managed method the helper implements: name, parameter types and return type.
    public var methodName: String
    public var parameters: [TypeSig]
    public var returnType: TypeSig

    /// The address of the helper's cell in the fixed address map.
    public var cellAddress: UInt64 { AddressMap.helperCell(id) }
}

/// The helper table: the ONE place that lists runtime helpers (the C runtime mirrors it).
///
/// For now the helpers are the console methods a chapter prints with.
/// `System.Console` is accepted from any of the assemblies that forward to it
/// (mscorlib, System.Runtime, System.Console, netstandard, System.Private.CoreLib)
/// or with no scope at all.
public enum Helpers {
    /// Every helper, by id.
    public static let all: [Helper] = {
        var table: [Helper] = []
        func add(_ method: String, _ parameters: [TypeSig]) {
            let params = parameters.map(MethodNames.typeName).joined(separator: ",")
            table.append(Helper(id: table.count, name: "System.Console:\(method)(\(params))", methodName: method,
                                parameters: parameters, returnType: .void))
        }
        add("WriteLine", [])
        for t: TypeSig in [.int32, .int64, .bool, .string] { add("WriteLine", [t]) }
        for t: TypeSig in [.int32, .int64, .bool, .string] { add("Write", [t]) }
        return table
    }()

    /// Assemblies whose `System.Console` is the runtime's console.
    public static let consoleAssemblies: Set<String> = [
        "mscorlib", "System.Runtime", "System.Console", "netstandard", "System.Private.CoreLib",
    ]

    /// The helper with this id, if any.
    public static func helper(id: Int) -> Helper? { all.indices.contains(id) ? all[id] : nil }

    /// The helper a call to an external method denotes, or nil when none implements it.
    public static func helper(for ref: MethodRef) -> Helper? {
        guard !ref.hasThis, ref.genericArgs.isEmpty, let owner = ref.owner?.typeName,
              owner.fullName == "System.Console",
              owner.assembly.map(consoleAssemblies.contains) ?? true else { return nil }
        let wanted = ref.parameters.map(\.matchKey)
        return all.first { h in
            h.methodName == ref.name && h.parameters.map(\.matchKey) == wanted
                && h.returnType.matchKey == ref.returnType.matchKey
        }
    }
}
