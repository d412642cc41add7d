/// One await of an async method: where the importer left it for the async transformation.
///
/// The importer ends every await with `STORE_LCL_VAR contTemp (CALL_RESULT2 CALL)` (or, for
/// `AsyncSuspend(c)`, `STORE_LCL_VAR contTemp (c)`) and hangs an `AsyncSite` on that store.
/// The transformation (Phases/Async/) splits the block after the store and builds the test,
/// the suspension and the resumption from what the site says.
public final class AsyncSite: @unchecked Sendable {
    public enum Kind: Sendable, Hashable {
        /// `call M; call Await`: a call of an async variant that may suspend.
        case await
        /// `AsyncSuspend(c)`: always suspends, `c` playing the callee's continuation.
        case suspend
        /// `return await M()`: on suspension return the callee's continuation unchanged.
        case tailAwait
    }

    public var kind: Kind
    /// The local holding the continuation the callee returned (null: completed synchronously).
    public var continuationLocal: Int
    /// The local the awaited result is stored into (nil for void results).
    public var resultLocal: Int?
    /// Plain `await` continues on the captured context; `ConfigureAwait(false)` on the thread pool;
    /// the model's transparent awaits (thunks, CoreLib helpers) resume inline.
    public var continuation: ContinuationMode
    /// What is awaited, for dumps (`Program:Fib(int):int`).
    public var calleeName: String
    public var ilOffset: Int?
    /// The handler records linked at the await (its enclosing `.try` regions), outermost first:
    /// the suspension unlinks them, the resumption links them again (and the continuation gets
    /// an exception slot, which the resumption rethrows from).
    public var records: [LinkedRecord] = []
    /// The inlined async methods (seed 002) this await sits in, outermost first: a suspension here
    /// also does each frame's part of suspending (InlinedAsyncFrame), a resumption here resumes them all.
    public var frames: [InlinedAsyncFrame] = []

    /// One handler record linked across an await.
    public struct LinkedRecord {
        /// The region (its record and exception locals are the `Compiler.handlerRecordLocals` entry).
        public var region: Int
        public var recordLocal: Int
        public var exceptionLocal: Int
        /// The push helper's catch-type argument (a method table, 1 or 0) and its listing comment.
        public var catchType: Int64
        public var catchTypeComment: String?
        /// The region's landing pad in this copy of the code: where the record's throw resumes.
        public var pad: BasicBlock
    }

    public enum ContinuationMode: Sendable, Hashable {
        case capturedContext, threadPool, inline
    }

    public init(kind: Kind, continuationLocal: Int, resultLocal: Int?, continuation: ContinuationMode,
                calleeName: String, ilOffset: Int?) {
        self.kind = kind
        self.continuationLocal = continuationLocal
        self.resultLocal = resultLocal
        self.continuation = continuation
        self.calleeName = calleeName
        self.ilOffset = ilOffset
    }
}

/// The logical frame of an async method inlined into an async caller (general async inlining, seed 002).
///
/// Inlined, the method has no frame and no continuation of its own, but what its caller sees must
/// not change. Its locals (the caller's temps after inlining):
/// - `execContext`, `syncContext`, `resumed`: its own "save async contexts" locals, captured at its
///   entry (`resumed = 0`), restored when it returns synchronously; `resumed` is set to 1 by every
///   resumption inside it (and inside the frames it encloses);
/// - `callerExecContext`, `callerContext`, `callerFlags`: what its caller's continuation would hold,
///   captured when it suspends for the first time (`AsyncHelpers.CaptureInlinedFrameContexts`),
///   saved in the merged continuation at the awaits inside the frame, and put back by the code after its
///   return when it was resumed (`RestoreInlinedFrameExecutionContext`, then the await of
///   `RestoreInlinedFrameContinuationContext`, which switches context when the thread is not on it).
public final class InlinedAsyncFrame: @unchecked Sendable {
    /// The inlined method, for dumps (`Program:Bar():Task`).
    public let methodName: String
    public let execContextLocal: Int
    public let syncContextLocal: Int
    public let resumedLocal: Int
    public let callerExecContextLocal: Int
    public let callerContextLocal: Int
    public let callerFlagsLocal: Int
    /// How the caller's await of this method continues (its ConfigureAwait), which decides what
    /// the caller's continuation captures.
    public let callerMode: AsyncSite.ContinuationMode

    public init(methodName: String, execContextLocal: Int, syncContextLocal: Int, resumedLocal: Int,
                callerExecContextLocal: Int, callerContextLocal: Int, callerFlagsLocal: Int,
                callerMode: AsyncSite.ContinuationMode) {
        self.methodName = methodName
        self.execContextLocal = execContextLocal
        self.syncContextLocal = syncContextLocal
        self.resumedLocal = resumedLocal
        self.callerExecContextLocal = callerExecContextLocal
        self.callerContextLocal = callerContextLocal
        self.callerFlagsLocal = callerFlagsLocal
        self.callerMode = callerMode
    }

    /// The inline dump's line for the frame: its locals and how its caller continues.
    func dumpLine(_ c: Compiler) -> String {
        func v(_ n: Int) -> String { c.locals[n].displayName }
        return "Async frame \(methodName): resumed \(v(resumedLocal)), contexts on entry \(v(execContextLocal)) \(v(syncContextLocal)), "
            + "caller's continuation \(v(callerExecContextLocal)) \(v(callerContextLocal)) \(v(callerFlagsLocal)) (caller continues: \(callerMode))"
    }

    /// The `mode` argument of CaptureInlinedFrameContexts: 1 captured context, 2 thread pool, 0 inline.
    public var callerModeArgument: Int64 {
        switch callerMode {
        case .capturedContext: 1
        case .threadPool: 2
        case .inline: 0
        }
    }
}

/// The runtime async facts of the method being compiled.
public struct AsyncState: Sendable {
    /// The method is an async variant: async calling convention, state machine.
    public var isAsync = false
    /// The hidden continuation parameter's local (async methods).
    public var continuationArg: Int?
    /// Locals of the "save async contexts" phase: captured ExecutionContext, SynchronizationContext,
    /// and the `resumed` flag. Never saved in continuations: once resumed, the restore helpers ignore them.
    public var contextLocals: [Int] = []
    /// The logical frames of the async methods inlined with awaits, in inlining order.
    public var inlinedFrames: [InlinedAsyncFrame] = []
    public var execContextLocal: Int?
    public var syncContextLocal: Int?
    public var resumedLocal: Int?
    /// The method captures and restores contexts (user async methods; not CoreLib's await helpers
    /// nor the transparent async callable thunks).
    public var managesContexts = false
    /// Layouts of the continuations, one per suspension point, in state order (for dumps).
    public var layouts: [ContinuationLayout] = []
    /// The suspension block of each state: its address is the ResumeInfo's diagnostic IP.
    public var suspensionBlocks: [BasicBlock] = []
    public init() {}
}

/// The continuation object: the ONE description of its layout shared by the JIT, the runtime
/// model and the C runtime (CRuntime/jitbook_runtime.h mirrors the numbers).
///
/// ```text
/// +0x00  MethodTable*   System.Runtime.CompilerServices.Continuation
/// +0x08  Next           the caller's continuation (toward the root of the chain)
/// +0x10  ResumeInfo*    -> {u64 resume entry, u64 diagnostic IP, u64 result bytes} in the method's RWD
/// +0x18  int32 Flags    see below
/// +0x1C  int32 State    which suspension point to resume at
/// +0x20  data           ExecutionContext, continuation context, exception, result, then the
///                       saved locals (object references first), as async.cpp orders them
/// ```
/// Flags, as in upstream AsyncHelpers.CoreCLR.cs (ContinuationFlags): bit 0 ContinueOnThreadPool,
/// bit 1 ContinueOnCapturedSynchronizationContext, bit 2 ContinueOnCapturedTaskScheduler; bits 3-4
/// the index of the ExecutionContext slot, 5-6 of the continuation context, 7-9 of the exception,
/// 10-31 of the result; index k (1-based) means offset `0x20 + 8 * (k - 1)`, 0 means absent.
/// The third ResumeInfo word is the model's own: how many bytes of the return registers
/// (rax:rdx / x0:x1) the dispatcher stores into the caller's result slot.
public struct ContinuationLayout: Sendable {
    public static let nextOffset = 0x08
    public static let resumeInfoOffset = 0x10
    public static let flagsOffset = 0x18
    public static let stateOffset = 0x1C
    public static let dataOffset = 0x20

    public static let continueOnThreadPool: Int64 = 1 << 0
    public static let continueOnCapturedSynchronizationContext: Int64 = 1 << 1
    public static let continueOnCapturedTaskScheduler: Int64 = 1 << 2
    public static let executionContextIndexShift = 3
    public static let continuationContextIndexShift = 5
    public static let exceptionIndexShift = 7
    public static let resultIndexShift = 10
    /// Bytes of one ResumeInfo record in the method's read-only data.
    public static let resumeInfoSize = 24
    /// ResumeInfo's third word: the result goes through a return buffer (bit 32).
    public static let resumeResultInBuffer = 1 << 32
    /// ResumeInfo's third word: the method has `this` (bit 33; x64 then takes the buffer second).
    public static let resumeHasThis = 1 << 33
    /// ResumeInfo's third word, bit 34: the result is floating point, returned in xmm0 / d0.
    public static let resumeResultFloating = 1 << 34

    /// What one data slot holds.
    public enum SlotKind: Sendable, Hashable {
        case executionContext, continuationContext, exception, result, local(Int)
    }

    public struct Slot: Sendable {
        public var kind: SlotKind
        /// Offset from the object start.
        public var offset: Int
        public var size: Int
        /// Dump text: `V03 loc1 (int)`.
        public var what: String
    }

    /// Suspension point number (the value stored in State).
    public var state: Int
    public var slots: [Slot] = []
    /// Allocation size of the object.
    public var size: Int = dataOffset
    /// The Flags value the suspension stores (index fields and the continuation mode bits known statically).
    public var flags: Int64 = 0
    public var calleeName: String = ""
    public var mode: AsyncSite.ContinuationMode = .inline
    /// The inlined async methods the await sits in, outermost first (for dumps).
    public var frames: [String] = []

    public init(state: Int) { self.state = state }

    /// The 1-based index a slot offset has in the Flags index fields.
    public static func index(ofOffset offset: Int) -> Int64 { Int64((offset - dataOffset) / 8 + 1) }

    /// Appends a slot of `size` bytes (rounded up to 8).
    public mutating func add(_ kind: SlotKind, size: Int, what: String) -> Int {
        let offset = self.size
        slots.append(Slot(kind: kind, offset: offset, size: size, what: what))
        self.size += (size + 7) / 8 * 8
        return offset
    }

    /// The offset of the slot of `kind`, if the layout has one.
    public func offset(of kind: SlotKind) -> Int? { slots.first { $0.kind == kind }?.offset }

    /// Dump lines: `+0x20  8  ExecutionContext`.
    public func dumpLines() -> [String] {
        let inlinees = frames.isEmpty ? "" : " in inlinee \(frames.joined(separator: " > "))"
        var out = ["Continuation layout for state \(state) (await of \(calleeName)\(inlinees)), \(size) bytes, flags 0x\(String(flags, radix: 16, uppercase: true)):"]
        out.append("  +0x00  8  MethodTable (System.Runtime.CompilerServices.Continuation)")
        out.append("  +0x08  8  Next")
        out.append("  +0x10  8  ResumeInfo")
        out.append("  +0x18  4  Flags")
        out.append("  +0x1C  4  State")
        for s in slots {
            let off = String(s.offset, radix: 16, uppercase: true)
            out.append("  +0x\(off.count < 2 ? "0" + off : off)  \(s.size)  \(s.what)")
        }
        return out
    }
}
