import IL

/// The inlining rules: may this call be inlined, and is it worth it (RyuJIT's DefaultPolicy, simplified).
///
/// Checks run in the order RyuJIT's observations fire: first the facts that rule a
/// callee out for good (`noinlining`, exception handling, `localloc`), then facts
/// about this call site (recursion, depth, budget), then size and profitability.
/// Every outcome carries the observation text RyuJIT prints in its JitDump, so
/// the `inline` dump explains each decision.
enum InlinePolicy {
    /// IL size at or below which a callee is always inlined (RyuJIT's ALWAYS_INLINE_SIZE).
    static let alwaysInlineSize = 16
    /// IL size above which a callee is never inlined unless marked `aggressiveinlining` (DEFAULT_MAX_INLINE_SIZE).
    static let defaultMaxInlineSize = 100
    /// Deepest nest of inlines (a callee inlined into an inlinee is depth 2).
    static let maxDepth = 5
    /// The root method's IL size the budget is scaled from is at least this many bytes.
    static let minBudgetBase = 20

    /// What the policy decided and why.
    enum Outcome: Equatable {
        case inline(Reason)
        case fail(Reason)

        var succeeded: Bool { if case .inline = self { true } else { false } }
        /// The observation text the `inline` dump prints.
        var reason: String {
            switch self {
            case .inline(let r), .fail(let r): r.text
            }
        }
    }

    /// Why the policy decided: a fixed text, or the profitability figures, whose text is built
    /// only when a dump asks for it (`reason`), not on every decision.
    enum Reason: Equatable, ExpressibleByStringLiteral {
        case fixed(String)
        /// The callee's estimated code size against the call site's, scaled by the benefit multiplier.
        case profitability(estimate: Int, threshold: Int, callSite: Int, multiplier: Double)

        init(stringLiteral value: String) { self = .fixed(value) }

        var text: String {
            switch self {
            case .fixed(let text):
                return text
            case let .profitability(estimate, threshold, callSite, multiplier):
                let detail = "callee estimate \(estimate), threshold \(threshold) = call site \(callSite) x \(formatMultiplier(multiplier))"
                return estimate > threshold ? "unprofitable inline (\(detail))" : "profitable inline (\(detail))"
            }
        }
    }

    /// The facts about one call site the policy looks at.
    struct Site {
        var callee: MethodDef
        /// The inline context the call sits in (the root method, or an inlinee).
        var context: InlineContext
        /// True when the call's block is inside a loop (weight above 1).
        var inLoop: Bool
        /// Number of arguments that are constants at the call site.
        var constantArguments: Int
        /// Number of arguments.
        var argumentCount: Int
        /// Runtime async: what kind of async callee this is, if any.
        var async: AsyncCallee = .none
        /// Runtime async: the root method is an async variant (its awaits become the inlinee's).
        var rootIsAsync = false
        /// Runtime async: `JitInlineAsyncThunks` is on.
        var inlineAsyncThunks = true
        /// Runtime async: `JitInlineAsyncMethods` is on (async methods that never suspend).
        var inlineAsyncMethods = false
    }

    /// The runtime async kinds of callee the policy tells apart.
    enum AsyncCallee {
        /// An ordinary method (async or not, it is called with the ordinary convention).
        case none
        /// The runtime async callable thunk of an ordinary Task-returning method (seed 000).
        case callableThunk
        /// Any other async variant: an `async` method's IL. Inlined with `JitInlineAsyncMethods`: 1 only
        /// when it has no awaits, 2 also with awaits (general async inlining, seed 002; InlineAsync.swift
        /// checks after importing it).
        case asyncMethod
        /// The async version of an ordinary Task-returning method (seed 001): never inlined, as upstream.
        case asyncVersion
    }

    /// The decision for one call site, given the IL bytes already inlined into the root and the budget.
    static func decide(_ site: Site, budgetUsed: Int, budget: Int) -> Outcome {
        let callee = site.callee
        let size = callee.ilSize
        if callee.implFlags.contains(.noInlining) { return .fail("noinline per IL/cached result") }
        if callee.implFlags.contains(.synchronized) { return .fail("is synchronized") }
        if !callee.exceptionClauses.isEmpty { return .fail("has exception handling") }
        if callee.hasLocalloc { return .fail("has localloc") }
        switch site.async {
        case .none: break
        case .asyncMethod:
            if !site.inlineAsyncMethods { return .fail("is async (only runtime async callable thunks are inlined; JitInlineAsyncMethods=0)") }
            if !site.rootIsAsync { return .fail("async method in a method that is not async") }
        case .asyncVersion: return .fail("is an async version (JitAsyncVersions=1; async versions are not inlined, as upstream)")
        case .callableThunk:
            if !site.inlineAsyncThunks { return .fail("runtime async callable thunk (JitInlineAsyncThunks=0)") }
            if !site.rootIsAsync { return .fail("runtime async callable thunk in a method that is not async") }
        }
        if site.context.contains(callee) { return .fail("recursive") }
        if site.context.depth + 1 > maxDepth { return .fail("too deep") }
        let aggressive = callee.implFlags.contains(.aggressiveInlining)
        if !aggressive && size > defaultMaxInlineSize { return .fail("too many il bytes") }
        if budgetUsed + size > budget && site.async != .callableThunk { return .fail("inline exceeds budget") }
        if aggressive { return .inline("aggressive inline attribute") }
        // The thunk is all plumbing around the call it wraps: inlining it is what lets that callee,
        // the task's construction and its IsCompleted and Result fold into the caller.
        if site.async == .callableThunk { return .inline("runtime async callable thunk") }
        if size <= alwaysInlineSize { return .inline("below ALWAYS_INLINE size") }
        let estimate = calleeSizeEstimate(size)
        let multiplier = benefitMultiplier(site)
        let callSite = callSiteSizeEstimate(site.argumentCount)
        let threshold = Int((Double(callSite) * multiplier).rounded(.down))
        let reason = Reason.profitability(estimate: estimate, threshold: threshold, callSite: callSite, multiplier: multiplier)
        return estimate > threshold ? .fail(reason) : .inline(reason)
    }

    /// Estimated native code bytes of an inlined body: about 2 bytes of code per IL byte.
    static func calleeSizeEstimate(_ ilSize: Int) -> Int { ilSize * 2 }

    /// Estimated native code bytes the call itself costs: the call, plus moving each argument into place.
    static func callSiteSizeEstimate(_ arguments: Int) -> Int { 6 + 4 * arguments }

    /// How much inlining this site is worth, after RyuJIT's DefaultPolicy multipliers: more inside
    /// loops (the call runs many times), more when constant arguments may fold the body.
    static func benefitMultiplier(_ site: Site) -> Double {
        var m = 1.5
        if site.inLoop { m += 3 }
        m += Double(min(site.constantArguments, 3))
        return m
    }

    private static func formatMultiplier(_ m: Double) -> String {
        let tenths = Int((m * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// The chain of methods an inlined body came from: the root method, then each inlinee down to it.
///
/// A call is recursive when its callee is already on the chain of the code it sits in;
/// the chain's length is the depth a new inline would have.
final class InlineContext {
    let method: MethodDef
    let parent: InlineContext?
    /// 0 for the root method, 1 for a callee inlined into it, and so on.
    let depth: Int

    init(root method: MethodDef) {
        self.method = method
        self.parent = nil
        self.depth = 0
    }

    init(inlinee method: MethodDef, in parent: InlineContext) {
        self.method = method
        self.parent = parent
        self.depth = parent.depth + 1
    }

    /// True when `m` is this context's method or one of its ancestors'.
    func contains(_ m: MethodDef) -> Bool {
        var c: InlineContext? = self
        while let x = c {
            if x.method === m { return true }
            c = x.parent
        }
        return false
    }
}
