import JIT

/// ReadyToRun helper ids (READYTORUN_HELPER_*, readytorun.h) of the helpers seed 004 touches.
///
/// An ahead-of-time image cannot hold the address of a runtime helper: each helper a method
/// calls becomes an entry of the image's helper fixup table, named by a ReadyToRun helper id
/// that the runtime maps back to its helper when it loads the image. Seed 004
/// (dotnet/runtime #125079) adds ids 0x123-0x128 for the six async context helpers and moves
/// the three continuation allocation helpers from 0x113-0x115 to 0x120-0x122, so that the
/// async helpers sit together in one group (InitClass and InitInstClass keep 0x116 and 0x117).
/// Only these ids come from the seed; the model gives no ReadyToRun id to its other helpers
/// (the report names them by the model's helper id instead).
public enum ReadyToRunHelpers {
    /// The numbering of one side of the seed: `before` the renumbering or `after` it.
    public enum Numbering: Sendable, Hashable {
        case before, after
    }

    /// The ReadyToRun name and id of a JIT helper under a numbering, nil when the seed gives none
    /// (and for the async context helpers before the seed, when they were not helpers at all).
    public static func id(of helper: JitHelper, _ numbering: Numbering) -> (name: String, id: Int)? {
        switch (helper, numbering) {
        case (.allocContinuation, .before): ("READYTORUN_HELPER_AllocContinuation", 0x113)
        case (.allocContinuation, .after): ("READYTORUN_HELPER_AllocContinuation", 0x120)
        case (.initClass, _): ("READYTORUN_HELPER_InitClass", 0x116)
        case (.asyncCaptureContexts, .after): ("READYTORUN_HELPER_AsyncCaptureContexts", 0x123)
        case (.asyncRestoreContexts, .after): ("READYTORUN_HELPER_AsyncRestoreContexts", 0x124)
        case (.asyncCaptureExecutionContext, .after): ("READYTORUN_HELPER_AsyncCaptureExecCtx", 0x125)
        case (.asyncRestoreExecutionContext, .after): ("READYTORUN_HELPER_AsyncRestoreExecCtx", 0x126)
        case (.asyncRestoreContextsOnSuspension, .after): ("READYTORUN_HELPER_AsyncRestoreCtxOnSusp", 0x127)
        case (.asyncCaptureContinuationContext, .after): ("READYTORUN_HELPER_AsyncCaptureContinCtx", 0x128)
        default: nil
        }
    }

    /// The group as the seed's readytorun.h lists it (the model has only the first allocation
    /// helper; the `_CLASS` and `_METHOD` forms keep a generic context alive, see chapter 5).
    public static func table(_ numbering: Numbering) -> [(name: String, id: Int)] {
        let alloc = numbering == .before ? 0x113 : 0x120
        var rows: [(String, Int)] = [
            ("READYTORUN_HELPER_AllocContinuation", alloc),
            ("READYTORUN_HELPER_AllocContinuationClass", alloc + 1),
            ("READYTORUN_HELPER_AllocContinuationMethod", alloc + 2),
            ("READYTORUN_HELPER_InitClass", 0x116),
            ("READYTORUN_HELPER_InitInstClass", 0x117),
        ]
        if numbering == .after {
            rows += JitHelper.asyncContexts.compactMap { id(of: $0, .after) }
        }
        return rows.sorted { $0.1 < $1.1 }
    }
}
