import Foundation
import Diagnostics

/// One JIT knob: a name (prefix `Jit`, after the real runtime's where one exists), a default and what it does.
public struct Knob: Sendable, Hashable {
    public var name: String
    public var defaultValue: Int
    public var summary: String
    /// The values the knob takes (0...1 for a switch); nil for any integer.
    public var values: ClosedRange<Int>? = 0...1
}

/// The JIT's configuration: knob values, validated against the knob table.
///
/// Chapters set knobs with `config=Knob=Value;Knob=Value` to show a before and an
/// after side by side; an unknown knob or a non-integer value is an error.
public struct JitConfig: Sendable, Hashable {
    /// Every knob the model JIT understands. Add new knobs here, nowhere else.
    public static let knobs: [Knob] = [
        Knob(name: "JitMinOpts", defaultValue: 0,
             summary: "Compile without optimization: no folding or propagation, every local lives on the stack."),
        Knob(name: "JitDoConstProp", defaultValue: 1,
             summary: "Propagate constants assigned to locals into their uses and fold the result."),
        Knob(name: "JitDoCopyProp", defaultValue: 1,
             summary: "Replace uses of a local copied from another local by the original."),
        Knob(name: "JitDoDeadCode", defaultValue: 1,
             summary: "Remove stores to locals that are never read and unreachable blocks."),
        Knob(name: "JitDoBranchFolding", defaultValue: 1,
             summary: "Fold conditional branches on constants and remove jumps to the next block."),
        Knob(name: "JitNoInline", defaultValue: 0,
             summary: "Turn the inliner off: every call stays a call."),
        Knob(name: "JitInlineBudget", defaultValue: 10,
             summary: "Inline at most this many times the root method's IL size (at least 20 bytes) of callee IL.",
             values: 0...1_000_000),
        Knob(name: "JitEnableGuardedDevirtualization", defaultValue: 1,
             summary: "With a class profile, guard a virtual call with a method-table check and call (or inline) the likely target directly."),
        Knob(name: "JitInlineAsyncThunks", defaultValue: 1,
             summary: "Runtime async: let the inliner inline a runtime async callable thunk (typically the direct call GDV makes of a non-async override) (model-only name, no such knob upstream)."),
        Knob(name: "JitInlineAsyncMethods", defaultValue: 0,
             summary: "Runtime async (seed 002): let the inliner inline `async` methods into async callers, each with its own capture and restore of the contexts. 1: only methods with no awaits, which never suspend (what upstream does today); 2: also methods with awaits (general async inlining after seed 002's design: the inlinee is a logical frame whose suspensions and returns keep its caller's ExecutionContext and continuation context), except where the call sits in a `.try` region. The default 0 keeps the book's listings showing the calls (model-only name, no such knob upstream).",
             values: 0...2),
        Knob(name: "JitAsyncTailAwait", defaultValue: 1,
             summary: "Runtime async: `return await M()` that captures no context returns M's continuation without allocating (model-only name, no such knob upstream)."),
        Knob(name: "JitAsyncVersions", defaultValue: 1,
             summary: "Runtime async (seed 001, dotnet/runtime #128384): the async variant of an ordinary Task-returning method is an async version compiled from the method's own IL, its `return M()` a tail await of M's async variant; 0 gives the async callable thunk that calls the method and awaits its task (model-only name: upstream has no knob, the VM decides and flags the method CORINFO_ASYNC_VERSION)."),
        Knob(name: "JitAsyncContextHelpers", defaultValue: 1,
             summary: "Runtime async (seed 004): 1 calls the six async context operations as CORINFO_HELP_ASYNC_* JIT helpers through the helper table (upstream since dotnet/runtime #125079); 0 calls the AsyncHelpers methods through their method handles, as before it (model-only name, no such knob upstream)."),
    ]

    private var values: [String: Int] = [:]

    /// The class profile for guarded devirtualization (`profile=`), nil when the compilation has none.
    /// Not a knob: it is data about the program, handed over with the configuration.
    public var classProfile: ClassProfileData?

    public init() {}

    /// Parses `K=V;K=V` (also accepts `,` as separator); `location` is used in errors.
    public init(parsing text: String, at location: SourceLocation) throws {
        for item in text.split(whereSeparator: { $0 == ";" || $0 == "," }) {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[0].isEmpty else {
                throw Diagnostic(.config, at: location, "knob setting '\(item)' must be written as Name=Value")
            }
            try set(pair[0], pair[1], at: location)
        }
    }

    /// Sets one knob from text; unknown names and non-integer values are errors.
    public mutating func set(_ name: String, _ value: String, at location: SourceLocation) throws {
        guard JitConfig.knobs.contains(where: { $0.name == name }) else {
            let known = JitConfig.knobs.map(\.name).joined(separator: ", ")
            throw Diagnostic(.config, at: location, "unknown JIT knob '\(name)' (known knobs: \(known))")
        }
        guard let v = Int(value) else {
            throw Diagnostic(.config, at: location, "knob '\(name)' needs an integer value, got '\(value)'")
        }
        if let knob = JitConfig.knobs.first(where: { $0.name == name }), let range = knob.values, !range.contains(v) {
            throw Diagnostic(.config, at: location,
                             "knob '\(name)' takes \(range.lowerBound) to \(range.upperBound), got \(v)")
        }
        values[name] = v
    }

    /// The value of a knob (its default if unset). Asking for an unknown knob is a programming error.
    public subscript(_ name: String) -> Int {
        guard let knob = JitConfig.knobs.first(where: { $0.name == name }) else {
            preconditionFailure("knob \(name) is not in JitConfig.knobs")
        }
        return values[name] ?? knob.defaultValue
    }

    /// True when the named knob is non-zero.
    public func isOn(_ name: String) -> Bool { self[name] != 0 }

    /// True when optimizations run (JitMinOpts=0).
    public var optimize: Bool { !isOn("JitMinOpts") }
}
