import Diagnostics
import IL

/// What the JIT needs from the runtime to compile runtime async code (after CORINFO_ASYNC_INFO).
///
/// The continuation class the suspension code allocates, and the six CoreLib methods that
/// capture and restore the contexts (AsyncHelpers.CaptureContexts ...). Upstream, seed 004
/// (dotnet/runtime #125079) removed those method handles from CORINFO_ASYNC_INFO in favour of
/// six JIT helpers; the model keeps them so that `JitAsyncContextHelpers=0` can still build the
/// earlier shape. `AsyncContextCalls` is the one place that turns an operation into a call.
public struct AsyncInfo: Sendable {
    /// System.Runtime.CompilerServices.Continuation: the class of every continuation object.
    public var continuationClass: ClassHandle
    /// `CaptureContexts(out ExecutionContext, out SynchronizationContext)`: at method entry.
    public var captureContexts: MethodHandle
    /// `RestoreContexts(bool resumed, ExecutionContext, SynchronizationContext)`: on synchronous return.
    public var restoreContexts: MethodHandle
    /// `RestoreContextsOnSuspension(bool resumed, ExecutionContext, SynchronizationContext)`: on suspension.
    public var restoreContextsOnSuspension: MethodHandle
    /// `CaptureContinuationContext(ref object context, ref int32 flags)`: per suspension that continues
    /// on the captured context.
    public var captureContinuationContext: MethodHandle
    /// `CaptureExecutionContext() : ExecutionContext`: per suspension, stored in the continuation.
    public var captureExecutionContext: MethodHandle
    /// `RestoreExecutionContext(ExecutionContext)`: the dispatcher's, listed for completeness.
    public var restoreExecutionContext: MethodHandle
    /// The CoreLib methods the code of inlined async methods calls (seed 002); nil in a runtime
    /// model without general async inlining.
    public var inlinedFrames: InlinedFrameMethods?

    public init(continuationClass: ClassHandle, captureContexts: MethodHandle, restoreContexts: MethodHandle,
                restoreContextsOnSuspension: MethodHandle, captureContinuationContext: MethodHandle,
                captureExecutionContext: MethodHandle, restoreExecutionContext: MethodHandle) {
        self.continuationClass = continuationClass
        self.captureContexts = captureContexts
        self.restoreContexts = restoreContexts
        self.restoreContextsOnSuspension = restoreContextsOnSuspension
        self.captureContinuationContext = captureContinuationContext
        self.captureExecutionContext = captureExecutionContext
        self.restoreExecutionContext = restoreExecutionContext
    }

    /// The CoreLib method behind an operation (the method-handle shape's call target).
    public func method(_ op: AsyncContextOperation) -> MethodHandle {
        switch op {
        case .captureContexts: captureContexts
        case .restoreContexts: restoreContexts
        case .captureExecutionContext: captureExecutionContext
        case .restoreExecutionContext: restoreExecutionContext
        case .restoreContextsOnSuspension: restoreContextsOnSuspension
        case .captureContinuationContext: captureContinuationContext
        }
    }
}

/// The CoreLib methods behind the logical frames of inlined async methods (seed 002).
///
/// Plain calls of AsyncHelpers methods, not JIT helpers: they run only on the cold paths (a
/// suspension inside an inlinee, the return of an inlinee that was resumed), as upstream's
/// design leaves everything past the `resumed` test to calls.
public struct InlinedFrameMethods: Sendable {
    /// `CaptureInlinedFrameContexts(bool resumed, ExecutionContext, SynchronizationContext, int32 mode,
    /// ref ExecutionContext, ref object, ref int32)`: one inlined frame's part of a suspension.
    public var captureInlinedFrameContexts: MethodHandle
    /// `RestoreInlinedFrameExecutionContext(ExecutionContext)`: after a resumed inlinee returns.
    public var restoreInlinedFrameExecutionContext: MethodHandle
    /// `async RestoreInlinedFrameContinuationContext(object, int32)`: after a resumed inlinee returns,
    /// continue where the caller's continuation would have (an await: it may suspend to switch).
    public var restoreInlinedFrameContinuationContext: MethodHandle

    public init(captureInlinedFrameContexts: MethodHandle, restoreInlinedFrameExecutionContext: MethodHandle,
                restoreInlinedFrameContinuationContext: MethodHandle) {
        self.captureInlinedFrameContexts = captureInlinedFrameContexts
        self.restoreInlinedFrameExecutionContext = restoreInlinedFrameExecutionContext
        self.restoreInlinedFrameContinuationContext = restoreInlinedFrameContinuationContext
    }
}

/// The six context operations of runtime async code, each a CoreLib method of AsyncHelpers and,
/// since seed 004, a JIT helper (in the order of their ReadyToRun helper ids, 0x123-0x128).
public enum AsyncContextOperation: CaseIterable, Sendable, Hashable {
    case captureContexts, restoreContexts, captureExecutionContext, restoreExecutionContext
    case restoreContextsOnSuspension, captureContinuationContext

    /// The JIT helper of the operation (the helper shape's call target).
    public var helper: JitHelper {
        switch self {
        case .captureContexts: .asyncCaptureContexts
        case .restoreContexts: .asyncRestoreContexts
        case .captureExecutionContext: .asyncCaptureExecutionContext
        case .restoreExecutionContext: .asyncRestoreExecutionContext
        case .restoreContextsOnSuspension: .asyncRestoreContextsOnSuspension
        case .captureContinuationContext: .asyncCaptureContinuationContext
        }
    }
}

/// The CoreLib methods the importer treats specially in async code (AsyncHelpers' intrinsics
/// and the await helpers whose call completes the await pattern).
public enum AsyncHelperKind: Sendable, Hashable {
    /// `AsyncHelpers.Await(...)` (any overload): ends the pattern `call M; call Await`.
    case await
    /// `AsyncHelpers.AsyncSuspend(Continuation)`: suspend, returning that continuation to the caller.
    case asyncSuspend
    /// `AsyncHelpers.AsyncCallContinuation()`: the continuation the last async call returned.
    case asyncCallContinuation
    /// `Task.ConfigureAwait(bool)` / `Task`1.ConfigureAwait(bool)`: may sit between M and Await.
    case configureAwait
}

/// Task-like return types (the shapes an `async` method may return).
public enum TaskKind: Sendable, Hashable {
    case task, taskOfT, valueTask, valueTaskOfT
}

extension JitInterface {
    /// The async info; throws when the runtime model has no runtime async support.
    public func asyncInfo(at location: SourceLocation) throws -> AsyncInfo {
        throw Diagnostic(.unsupported, at: location, "this runtime model does not support runtime async")
    }

    /// The async variant of a task-returning method (getAsyncOtherVariant); nil when it has none.
    public func asyncVariant(of method: MethodHandle) -> MethodHandle? { nil }

    /// What an AsyncHelpers method is to the importer, nil for ordinary methods.
    public func asyncHelperKind(_ method: MethodHandle) -> AsyncHelperKind? { nil }

    /// The task-like kind of a method's declared return type, nil when it is not Task-like.
    public func taskKind(ofReturnOf method: MethodDef) -> TaskKind? { nil }

    /// True for methods of the model CoreLib (its async helpers are async methods returning T).
    public func isCoreLibMethod(_ method: MethodDef) -> Bool { false }

    /// The IL text the runtime synthesized for a method (thunks, entry wrappers); nil for IL as written.
    public func synthesizedIL(of method: MethodHandle) -> String? { nil }

    /// A variant of a definition by selector suffix: `async`, `task`, or `thunk` (the synthesized one).
    public func methodVariant(_ method: MethodDef, named variant: String) -> MethodHandle? { nil }

    /// Seed 001: the IL an async version of `method` would be compiled from, when `method` is the
    /// async variant of an ordinary (not `async`) Task-returning method with an IL body (today its
    /// async callable thunk); nil otherwise. The JIT decides whether it compiles that IL
    /// (`AsyncVersion.decide`): upstream the VM flags such a method CORINFO_ASYNC_VERSION.
    public func asyncVersionSource(of method: MethodHandle) -> MethodDef? { nil }

    /// Seed 001 (getAwaitReturnCall): the async CoreLib method an async version awaits its returned
    /// task with, `AsyncHelpers.TransparentAwait` for the version's task type, instantiated in its
    /// generic context; it suspends on an incomplete task without capturing a context.
    public func awaitReturnCall(for method: MethodHandle, at location: SourceLocation) throws -> (ref: MethodRef, info: MethodInfo) {
        throw Diagnostic(.unsupported, at: location, "this runtime model does not support async versions")
    }

    /// The code address of a method for `ldftn` (the method is reported and compiled).
    public func functionEntry(_ method: MethodHandle) -> UInt64 { codeAddress(of: method) }
}
