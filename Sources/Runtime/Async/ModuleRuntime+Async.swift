import Diagnostics
import IL
import JIT

/// The runtime async questions of the JIT interface (getAsyncInfo, async variant lookups).
extension ModuleRuntime {
    static let asyncHelpersName = "System.Runtime.CompilerServices.AsyncHelpers"

    public func asyncInfo(at location: SourceLocation) throws -> AsyncInfo {
        guard let ts = typeSystem else { throw Diagnostic(.environment, at: location, "the model CoreLib is not available") }
        let cont = try ts.coreType("System.Runtime.CompilerServices.Continuation")
        let helpers = try ts.coreType(Self.asyncHelpersName)
        func method(_ name: String) throws -> MethodHandle {
            guard let def = helpers.def?.methods.first(where: { $0.name == name }) else {
                throw Diagnostic(.internalError, at: location, "the model CoreLib has no AsyncHelpers.\(name)")
            }
            return try ts.method(def, on: helpers, instantiation: [], at: location).handle
        }
        var info = AsyncInfo(continuationClass: cont.handle, captureContexts: try method("CaptureContexts"),
                             restoreContexts: try method("RestoreContexts"),
                             restoreContextsOnSuspension: try method("RestoreContextsOnSuspension"),
                             captureContinuationContext: try method("CaptureContinuationContext"),
                             captureExecutionContext: try method("CaptureExecutionContext"),
                             restoreExecutionContext: try method("RestoreExecutionContext"))
        info.inlinedFrames = InlinedFrameMethods(captureInlinedFrameContexts: try method("CaptureInlinedFrameContexts"),
                                                 restoreInlinedFrameExecutionContext: try method("RestoreInlinedFrameExecutionContext"),
                                                 restoreInlinedFrameContinuationContext: try method("RestoreInlinedFrameContinuationContext"))
        return info
    }

    public func asyncVariant(of method: MethodHandle) -> MethodHandle? {
        guard let m = runtimeMethod(method), let ts = typeSystem else { return nil }
        return (try? ts.asyncVariant(of: m))??.handle
    }

    public func asyncHelperKind(_ method: MethodHandle) -> AsyncHelperKind? {
        guard let m = runtimeMethod(method), m.owner.module === typeSystem?.coreLib, let owner = m.owner.def else { return nil }
        if owner.fullName == Self.asyncHelpersName {
            switch m.def.name {
            case "Await": return .await
            case "AsyncSuspend": return .asyncSuspend
            case "AsyncCallContinuation": return .asyncCallContinuation
            default: return nil
            }
        }
        if m.def.name == "ConfigureAwait", owner.namespace == "System.Threading.Tasks" { return .configureAwait }
        return nil
    }

    public func taskKind(ofReturnOf method: MethodDef) -> TaskKind? { AsyncThunks.taskKind(method.returnType) }

    public func isCoreLibMethod(_ method: MethodDef) -> Bool {
        guard let owner = method.declaringType, let core = typeSystem?.coreLib else { return false }
        return core.types.contains { $0 === owner }
    }

    public func synthesizedIL(of method: MethodHandle) -> String? { runtimeMethod(method)?.synthesizedIL }

    /// The async variant, task-returning variant, and synthesized one of a definition, for selectors.
    public func variants(of def: MethodDef) -> (async: MethodHandle?, task: MethodHandle?, synthesized: MethodHandle?) {
        guard let ts = typeSystem, let m = try? ts.method(for: def) else { return (nil, nil, nil) }
        let other = m.isAsyncVariant ? nil : (try? ts.asyncVariant(of: m)) ?? nil
        let a = m.isAsyncVariant ? m : other
        let t = m.isAsyncVariant ? m.otherVariant : m
        let synthesized = [a, t].compactMap { $0 }.first { $0.synthesizedIL != nil }
        return (a?.handle, t?.handle, synthesized?.handle)
    }

    public func asyncVersionSource(of method: MethodHandle) -> MethodDef? {
        guard let a = runtimeMethod(method), a.isAsyncVariant, a.synthesizedIL != nil,
              let t = a.otherVariant, !t.def.isAsync, t.synthesizedIL == nil, t.hasILBody else { return nil }
        return t.def
    }

    public func awaitReturnCall(for method: MethodHandle, at location: SourceLocation) throws -> (ref: MethodRef, info: MethodInfo) {
        guard let def = asyncVersionSource(of: method), let ref = AsyncThunks.transparentAwait(returning: def.returnType) else {
            throw Diagnostic(.internalError, at: location, "'\(displayName(of: method))' is not an async version: it awaits no returned task")
        }
        return (ref, try resolveMethod(ref, in: method, at: location))
    }

    public func methodVariant(_ method: MethodDef, named variant: String) -> MethodHandle? {
        let v = variants(of: method)
        switch variant {
        case "async": return v.async
        case "task": return v.task
        case "thunk": return v.synthesized
        default: return nil
        }
    }
}
