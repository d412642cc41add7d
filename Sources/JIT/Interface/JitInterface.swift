import Diagnostics
import IL

/// The JIT's window on the runtime, in the spirit of RyuJIT's ICorJitInfo.
///
/// The JIT never looks at another method's definition or at addresses on its
/// own: it asks through this interface. Chapters explain it, and later
/// chapters (async variants, helpers as JIT helpers) change its shape.
public protocol JitInterface: AnyObject, Sendable {
    /// Resolves a call site's method reference to a call target (name, cell and entry address).
    /// Throws a diagnostic located at `location` when the method does not exist or is not supported.
    func resolveCall(_ ref: MethodRef, from caller: MethodDef, at location: SourceLocation) throws -> CallTarget

    /// The definition behind a resolved call target, when the callee's IL is available (for inlining).
    func definition(of target: CallTarget) -> MethodDef?

    /// The listing name of a method, e.g. `Program:Add(int,int):int` (`:this` suffix for instance methods).
    func displayName(of method: MethodDef) -> String

    /// Absolute address where the method's code is placed in the fixed address map.
    func codeAddress(of method: MethodDef) -> UInt64

    /// Absolute address of the method's read-only data (jump tables), allocated with its code as `allocMem` does.
    func readOnlyDataAddress(of method: MethodDef) -> UInt64

    /// The address of the frozen string object for a literal (`ldstr`), in the fixed strings region.
    func stringLiteral(_ value: String, at location: SourceLocation) throws -> UInt64
}

extension JitInterface {
    /// Runtimes without string objects reject `ldstr` with a located diagnostic.
    public func stringLiteral(_ value: String, at location: SourceLocation) throws -> UInt64 {
        throw Diagnostic(.unsupported, at: location, "string literals need a runtime model with frozen strings")
    }
}
