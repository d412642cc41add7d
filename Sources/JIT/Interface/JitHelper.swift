/// The runtime helpers generated code calls for object-model operations, named after CORINFO_HELP_*.
///
/// The JIT asks `JitInterface.helperTarget(_:)` for the call target of one; the
/// runtime model maps each to a cell of its helper table (Runtime/Helpers.swift),
/// which the C runtime fills at load time. Listings print the name:
/// `call     [CORINFO_HELP_NEWSFAST]` (x64) — through the cell, as ReadyToRun code
/// calls helpers, because the C runtime's functions are not within rel32 reach.
public enum JitHelper: String, CaseIterable, Sendable, Hashable {
    /// Hashes the case, not the string `RawRepresentable` would hash: set and dictionary lookups
    /// keyed by it are on the JIT's hot path.
    public func hash(into hasher: inout Hasher) { withUnsafeBytes(of: self) { hasher.combine(bytes: $0) } }

    /// Allocates an object: (MethodTable*) -> object.
    case newSFast = "CORINFO_HELP_NEWSFAST"
    /// Allocates a single-dimensional array: (MethodTable*, length) -> array.
    case newArr1 = "CORINFO_HELP_NEWARR_1_VC"
    /// Throws IndexOutOfRangeException (the shared throw block of a method's bounds checks).
    case rngChkFail = "CORINFO_HELP_RNGCHKFAIL"
    /// Throws NullReferenceException.
    case throwNullRef = "CORINFO_HELP_THROWNULLREF"
    /// castclass to a class: (MethodTable*, object) -> object or throw InvalidCastException.
    case chkCastClass = "CORINFO_HELP_CHKCASTCLASS"
    /// isinst of a class: (MethodTable*, object) -> object or null.
    case isInstanceOfClass = "CORINFO_HELP_ISINSTANCEOFCLASS"
    /// castclass to an interface.
    case chkCastInterface = "CORINFO_HELP_CHKCASTINTERFACE"
    /// isinst of an interface.
    case isInstanceOfInterface = "CORINFO_HELP_ISINSTANCEOFINTERFACE"
    /// castclass to an array type.
    case chkCastAny = "CORINFO_HELP_CHKCASTANY"
    /// isinst of an array type.
    case isInstanceOfAny = "CORINFO_HELP_ISINSTANCEOFANY"
    /// Boxes a value type: (MethodTable*, void* data) -> object.
    case box = "CORINFO_HELP_BOX"
    /// Unboxes: (MethodTable*, object) -> byref to the data, or throw InvalidCastException.
    case unbox = "CORINFO_HELP_UNBOX"
    /// Throws the exception object: (object) -> does not return.
    case `throw` = "CORINFO_HELP_THROW"
    /// Throws DivideByZeroException.
    case throwDivZero = "CORINFO_HELP_THROWDIVZERO"
    /// Throws OverflowException.
    case overflow = "CORINFO_HELP_OVERFLOW"
    /// Interface dispatch: (object, interface MethodTable*, slot) -> code address of the implementation.
    case virtualFuncPtr = "CORINFO_HELP_VIRTUAL_FUNC_PTR"
    /// Runtime async: allocates a continuation and links it after the callee's:
    /// (Continuation prev, MethodTable*, int32 size) -> Continuation (prev.Next = new when prev is not null).
    case allocContinuation = "CORINFO_HELP_ALLOC_CONTINUATION"
    /// `RuntimeHelpers.InitializeArray(array, fieldHandle)`: copies the RVA field's data into the
    /// array's elements. RyuJIT treats the call as an intrinsic and, when it does not unroll the
    /// copy, calls the runtime's FCall; the model always calls it, under the FCall's name.
    case initializeArray = "System.Runtime.CompilerServices.RuntimeHelpers:InitializeArray(System.Array,System.RuntimeFieldHandle)"
    /// `stelem.ref` (array, int index, object value): the covariant store check, then the store.
    /// Array covariance lets a `Dog[]` hide behind an `Animal[]`; storing a Cat there throws
    /// ArrayTypeMismatchException. Range-checks and null-checks the array too.
    case arrAddrSt = "CORINFO_HELP_ARRADDR_ST"
    /// (class constructor's code address): runs a class's `.cctor` if it has not run yet
    /// (ECMA-335 II.10.5.3: before the first access to a static field, and for a type without
    /// `beforefieldinit`, before the first call of one of its static methods or constructors).
    /// The runtime marks the class initialized before it calls the `.cctor`, so a class
    /// constructor that touches its own statics does not recurse.
    case initClass = "CORINFO_HELP_INITCLASS"
    /// (record address, catch type) -> null, or the exception object when a throw resumes here:
    /// links a handler record as the head of the runtime's list, saving what a throw must restore
    /// (callee-saved registers, sp, the return address), setjmp-like. The catch type is the method
    /// table of the region's one catch clause, 1 for several, 0 for a finally/fault region.
    case ehPush = "CORINFO_HELP_EH_PUSH"
    /// (record address): unlinks a handler record (head = record.prev) on an exit of its `.try`.
    case ehPop = "CORINFO_HELP_EH_POP"
    /// (method table, length0, length1, ...) -> a multi-dimensional array, zero-based, zeroed
    /// (`MDArrayLayout`). CoreCLR passes the lengths as a count and a pointer to them; the model
    /// passes them in argument registers, one per dimension (the rank is in the method table).
    case newMDArr = "CORINFO_HELP_NEW_MDARR"
    /// (multi-dimensional array, object value): the covariant store check of `T[,]::Set` for a
    /// reference element type that is not sealed (ArrayTypeMismatchException); CoreCLR calls the
    /// array's own Set, which checks, instead of expanding the access.
    case mdArrayStoreCheck = "jitbook:MDArrayStoreCheck"

    // Seed 004 (dotnet/runtime #125079): the six async context operations as JIT helpers. Each is
    // implemented by a managed method of CoreLib's AsyncHelpers (a DYNAMICJITHELPER upstream): the
    // runtime, not the JIT, binds the helper to that method, so no method entry point of it reaches
    // the caller's code or an ahead-of-time image's dependency graph.
    /// (out ExecutionContext, out SynchronizationContext): at the entry of an async method.
    case asyncCaptureContexts = "CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS"
    /// (bool resumed, ExecutionContext, SynchronizationContext): before a synchronous return.
    case asyncRestoreContexts = "CORINFO_HELP_ASYNC_RESTORE_CONTEXTS"
    /// () -> ExecutionContext: in each suspension, stored in the continuation.
    case asyncCaptureExecutionContext = "CORINFO_HELP_ASYNC_CAPTURE_EXECUTION_CONTEXT"
    /// (ExecutionContext): the dispatcher's, when it resumes a continuation that carries one.
    case asyncRestoreExecutionContext = "CORINFO_HELP_ASYNC_RESTORE_EXECUTION_CONTEXT"
    /// (bool resumed, ExecutionContext, SynchronizationContext): in each suspension, before returning.
    case asyncRestoreContextsOnSuspension = "CORINFO_HELP_ASYNC_RESTORE_CONTEXTS_ON_SUSPENSION"
    /// (ref object context, ref int flags): in a suspension that continues on the captured context.
    case asyncCaptureContinuationContext = "CORINFO_HELP_ASYNC_CAPTURE_CONTINUATION_CONTEXT"

    // Floating point (issue 14): the conversions x64 has no instruction for, and `rem`.
    /// (double) -> int32, saturating (.NET 9: NaN -> 0, out of range -> MinValue/MaxValue).
    case dbl2Int = "CORINFO_HELP_DBL2INT"
    /// (double) -> uint32, saturating.
    case dbl2UInt = "CORINFO_HELP_DBL2UINT"
    /// (double) -> int64, saturating.
    case dbl2Lng = "CORINFO_HELP_DBL2LNG"
    /// (double) -> uint64, saturating.
    case dbl2ULng = "CORINFO_HELP_DBL2ULNG"
    /// (uint64) -> double (`conv.r.un` of a 64-bit value on x64).
    case ulng2Dbl = "CORINFO_HELP_ULNG2DBL"
    /// (double, double) -> double: IEEE fmod, `rem` of float64.
    case dblRem = "CORINFO_HELP_DBLREM"
    /// (float, float) -> float: `rem` of float32.
    case fltRem = "CORINFO_HELP_FLTREM"

    // Block operations (issue 14).
    /// (void* dst, void* src, native uint size): `cpblk`.
    case memCpy = "CORINFO_HELP_MEMCPY"
    /// (void* dst, int32 value, native uint size): `initblk`, the low byte of value in every byte.
    case memSet = "CORINFO_HELP_MEMSET"
    /// (native uint size) -> zeroed block from the bump arena, never freed: `localloc` inside a
    /// protected region or handler (elsewhere the block is on the stack, LCLHEAP; see ImportBlocks).
    case locAlloc = "jitbook:LocAlloc"
    /// (object, descriptor) -> code address: the implementation of an instantiated generic virtual
    /// method for the object's exact type (Runtime/TypeSystem/GenericVirtual.swift); throws
    /// NullReferenceException for a null object.
    case genericVirtualLookup = "jitbook:GenericVirtualLookup"
    /// (array, index, element MethodTable*) -> byref: `ldelema T` of a reference type that is not
    /// sealed and not under `readonly.`: null, range and exact-type checks (ArrayTypeMismatchException
    /// when a covariant array's element type is not exactly T), then the element's address.
    case ldelemaRef = "CORINFO_HELP_LDELEMA_REF"

    // Explicit tail calls via the runtime's helpers (TailCallHelper.swift, tailcalls.c).
    /// () -> the thread's tail-call buffer (`TailCallBuffer`), a call now pending in it.
    case tailCallBuffer = "jitbook:TailCallBuffer"
    /// () -> the result of the call pending in the buffer: returns at once when the calling method
    /// was called by the dispatcher (which then makes the call), else runs the dispatcher loop.
    /// Reads the calling method's return address from its frame (which must have a frame pointer).
    case tailCallFinish = "jitbook:TailCallFinish"

    /// The helpers of issue 14's second part (blocks, generic virtual methods), appended at the
    /// very end of the helper table in this order.
    public static let blockOps: [JitHelper] = [.memCpy, .memSet, .locAlloc, .genericVirtualLookup, .ldelemaRef]

    /// The tail-call helpers, appended at the very end of the helper table in this order.
    public static let tailCalls: [JitHelper] = [.tailCallBuffer, .tailCallFinish]

    /// The floating-point helpers, appended at the very end of the helper table in this order.
    public static let floatingPoint: [JitHelper] = [.dbl2Int, .dbl2UInt, .dbl2Lng, .dbl2ULng, .ulng2Dbl, .dblRem, .fltRem]

    /// The helpers of the object-model issue, in their original id order (later ones are appended
    /// after them in the helper table, so that no id changes).
    public static let objectModel: [JitHelper] = Array(allCases.prefix(16))

    /// The helpers of the runtime async issue (they follow CoreLib's internalcalls in the table).
    public static let runtimeAsync: [JitHelper] = [.allocContinuation]

    /// Helpers added after those, appended at the end of the helper table in this order.
    public static let later: [JitHelper] = allCases.filter {
        !(objectModel + runtimeAsync + afterBCL + afterDelegateInvoke + asyncContexts + floatingPoint + blockOps + tailCalls).contains($0)
    }

    /// Helpers added after the BCL internalcalls, appended at the very end of the table.
    public static let afterBCL: [JitHelper] = [.arrAddrSt]

    /// Helpers added after the general delegate Invoke, appended at the very end of the table in
    /// this order: class initialization, the exception-handling records, multi-dimensional arrays.
    public static let afterDelegateInvoke: [JitHelper] = [.initClass, .ehPush, .ehPop, .newMDArr, .mdArrayStoreCheck]

    /// Seed 004's six async context helpers, appended after the array and delegate internalcalls,
    /// in the order of their ReadyToRun ids (0x123-0x128).
    public static let asyncContexts: [JitHelper] = [
        .asyncCaptureContexts, .asyncRestoreContexts, .asyncCaptureExecutionContext,
        .asyncRestoreExecutionContext, .asyncRestoreContextsOnSuspension, .asyncCaptureContinuationContext,
    ]

    /// The CoreLib method (of System.Runtime.CompilerServices.AsyncHelpers) a helper is implemented
    /// by, for the helpers the runtime binds to managed code (DYNAMICJITHELPER upstream); nil for
    /// helpers the C runtime implements.
    public var managedImplementation: String? {
        switch self {
        case .asyncCaptureContexts: "CaptureContexts"
        case .asyncRestoreContexts: "RestoreContexts"
        case .asyncCaptureExecutionContext: "CaptureExecutionContext"
        case .asyncRestoreExecutionContext: "RestoreExecutionContext"
        case .asyncRestoreContextsOnSuspension: "RestoreContextsOnSuspension"
        case .asyncCaptureContinuationContext: "CaptureContinuationContext"
        default: nil
        }
    }
}
