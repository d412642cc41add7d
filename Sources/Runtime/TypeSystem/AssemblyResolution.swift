import Diagnostics
import IL

/// Which module a type reference lands in: the user's module or the model CoreLib.
///
/// Real-world IL names the core library under many assemblies (`mscorlib` from
/// mcs, `System.Runtime` and `System.Console` from Roslyn reference assemblies,
/// `netstandard`, `System.Private.CoreLib`); they all forward to one CoreLib, as
/// type forwarders do in .NET. The rules:
/// - a scope naming the user's assembly is the user's module;
/// - `mscorlib`, `netstandard` and any `System` / `System.*` scope is CoreLib;
/// - an unscoped name is the user's when the module defines it, else CoreLib's
///   when its namespace is `System` or `System.*` (ilasm does the same);
/// - anything else is an error located at the reference.
public enum AssemblyResolution {
    /// True when an assembly name forwards to the model CoreLib.
    public static func isCoreLibAssembly(_ name: String) -> Bool {
        name == "mscorlib" || name == "netstandard" || name == "System" || name.hasPrefix("System.")
    }

    /// The module and definition a type name denotes.
    static func resolve(_ name: TypeName, user: IL.Module, coreLib: IL.Module,
                        at location: SourceLocation) throws -> (IL.Module, TypeDef) {
        let full = name.fullName
        if let asm = name.assembly, !user.isOwnAssembly(asm) {
            guard isCoreLibAssembly(asm) else {
                throw Diagnostic(.unsupported, at: location, "assembly '\(asm)' is not available: the model runtime loads one module and its CoreLib")
            }
            guard let t = coreLib.type(named: full) else {
                throw Diagnostic(.unsupported, at: location, "type '\(full)' is not in the model CoreLib")
            }
            return (coreLib, t)
        }
        if let t = user.type(named: full) { return (user, t) }
        if name.assembly == nil, name.namespace == "System" || name.namespace.hasPrefix("System."),
           let t = coreLib.type(named: full) {
            return (coreLib, t)
        }
        if name.assembly == nil && (name.namespace == "System" || name.namespace.hasPrefix("System.")) {
            throw Diagnostic(.unsupported, at: location, "type '\(full)' is not in the model CoreLib")
        }
        throw Diagnostic(.undefined, at: location, "no type '\(full)' in module '\(user.assemblyName)'")
    }
}
