import Diagnostics
import Foundation
import IL

/// Seed 001 (dotnet/runtime #128384): async versions of ordinary Task-returning methods.
///
/// Before the seed, the async variant of a Task-returning method that is not `async` is the
/// runtime's *async callable thunk*: call the method, then await the task it returns. Every
/// frame of a chain of such wrappers makes a Task the next frame only awaits. With an *async
/// version* the JIT compiles the method's own IL a second time, as an async method:
///
/// ```text
///  IL of the method         task-returning variant        async version ([async])
///  call Task<T> M(..)       call M [task]                 call M [async]   tail await: M's
///  ret                      ret  (the Task)               ret  (its T)     continuation is ours
///
///  <anything> -> task       ...                           call TransparentAwait<T>(task)  await
///  ret                      ret  (the Task)               ret  (its T)
/// ```
///
/// - A `call`/`callvirt` of a Task-returning method directly followed by `ret`, whose task
///   type is the method's own, becomes a *tail await* of the callee's async variant: no Task,
///   and on a suspension the callee's continuation is returned unchanged (`JitAsyncTailAwait`).
/// - Every other `ret` awaits the task it returns with `AsyncHelpers.TransparentAwait`
///   (getAwaitReturnCall), which continues where the task completes and captures no context;
///   being the version's last act, that await is a tail await as well.
/// - Everything else is compiled as in the task-returning variant; like the thunk, the version
///   neither captures nor restores contexts (it stands for a synchronous method).
///
/// `decide` says whether a method gets a version; the rules under which it falls back to the
/// thunk are `rejection(_:)`'s. The inliner does not inline versions (as upstream).
public enum AsyncVersion {
    /// How the async variant of an ordinary Task-returning method is compiled.
    public enum Decision: Sendable {
        /// An async version compiled from this IL (the task-returning variant's definition).
        case version(MethodDef)
        /// The runtime's async callable thunk, for this reason.
        case thunk(reason: String)

        /// The IL of the version, nil for the thunk.
        public var source: MethodDef? {
            if case .version(let d) = self { return d }
            return nil
        }
    }

    /// The decision for `method`; nil when it is not the async variant of an ordinary
    /// Task-returning method (an `async` method's IL, a task-returning variant, any other method).
    public static func decide(_ method: MethodHandle, runtime: JitInterface, config: JitConfig) -> Decision? {
        guard let def = runtime.asyncVersionSource(of: method) else { return nil }
        guard config.isOn("JitAsyncVersions") else { return .thunk(reason: "JitAsyncVersions=0") }
        if let why = rejection(def, method, runtime) { return .thunk(reason: why) }
        return .version(def)
    }

    /// Why `def` cannot be compiled as an async version, nil when it can.
    ///
    /// The async version is an async method: what an async method may not contain, it may not
    /// contain (`tail.`, `localloc`, `synchronized`, seen in the review's async-versions.il test
    /// with `jmp`). Exception handling regions are allowed: a `return` inside a `try` is a store,
    /// a leave and a `ret` after the handlers, so the version awaits the task where the original
    /// method's handlers could not see its exceptions either.
    static func rejection(_ def: MethodDef, _ handle: MethodHandle, _ runtime: JitInterface) -> String? {
        guard runtime.taskKind(ofReturnOf: def) != nil else {
            return "returns \(def.returnType), a class derived from Task (a covariant override): the thunk awaits it as its slot's task type"
        }
        if def.implFlags.contains(.synchronized) { return "is synchronized (an async method cannot be)" }
        for ins in def.body {
            // The offset as the reason prints it, formatted only for a reason (not per instruction).
            func at() -> String { String(format: "IL_%04X", ins.offset) }
            if ins.prefixes.contains(.tail) { return "explicit 'tail.' prefix at \(at()) (not allowed in an async method)" }
            switch ins.opcode {
            case .jmp: return "'jmp' at \(at()) (the jump target would not get the async calling convention)"
            case .localloc: return "'localloc' at \(at()) (not allowed in an async method)"
            case .call, .callvirt:
                guard case .method(let ref) = ins.operand,
                      let info = try? runtime.resolveMethod(ref, in: handle, at: ins.location),
                      runtime.asyncHelperKind(info.handle) != nil || info.attribs.contains(.asyncVariant) else { continue }
                return "calls \(info.displayName) at \(at()), which only async code may call"
            default: continue
            }
        }
        return nil
    }

    /// The one-line account the `async` dump prints for a method that had the choice.
    static func note(_ d: Decision, _ name: String) -> String {
        switch d {
        case .version: "Async version of \(name): compiled from its own IL (JitAsyncVersions=1)"
        case .thunk(let why): "No async version of \(name): \(why); compiled the runtime async callable thunk"
        }
    }
}

extension BlockImporter {
    /// In an async version, `call[virt] M` directly followed by `ret`, where M returns the version's
    /// own task type: the async variant of M to call as a tail await; nil when the pattern does not apply.
    func matchVersionTailCall(_ info: MethodInfo, _ ins: Instruction) -> MethodInfo? {
        guard c.isAsyncVersion, ins.opcode == .call || ins.opcode == .callvirt, ins.prefixes.isEmpty,
              !info.attribs.contains(.asyncVariant), let variant = c.runtime.asyncVariant(of: info.handle) else { return nil }
        if ins.opcode == .callvirt && info.attribs.contains(.isVirtual) && !info.attribs.contains(.isFinal)
            && c.runtime.methodInfo(variant).vtableSlot == nil { return nil }
        let body = c.ilBody
        let next = currentIndex + 1
        guard next < body.count, layout.blockOfInstruction[next] == layout.blockOfInstruction[currentIndex],
              body[next].opcode == .ret, body[next].prefixes.isEmpty else { return nil }
        let v = c.runtime.methodInfo(variant)
        guard v.returnType == c.returnType, info.returnType == versionTaskType else { return nil }
        pendingAwait = (c.config.isOn("JitAsyncTailAwait") ? .tailAwait : .await, .inline)
        returnsAwaitedResult = true
        return v
    }

    /// The task type the version's IL returns (its task-returning variant's return type).
    private var versionTaskType: JitTypeDesc? {
        try? c.runtime.resolveType(c.method.returnType, in: c.methodHandle, at: c.method.location)
    }

    /// `ret` in an async version: the task on the stack is awaited (TransparentAwait) and its result
    /// returned, unless the value is already the result of a tail-awaited call.
    func importVersionReturn(_ ins: Instruction) throws {
        if returnsAwaitedResult {
            returnsAwaitedResult = false
            return
        }
        guard let h = c.methodHandle else { return }
        let (ref, target) = try c.runtime.awaitReturnCall(for: h, at: ins.location)
        c.runtime.reportReference(target.handle)
        let args = try pop(target.parameters.count)
        var call = ins
        call.opcode = .call
        call.operand = .method(ref)
        // The await is the last thing the version does: a tail await too, so that the version
        // never allocates a continuation of its own (nothing of it is left to resume).
        pendingAwait = (c.config.isOn("JitAsyncTailAwait") ? .tailAwait : .await, .inline)
        try makeCall(target, ref, args, virtual: false, call)
    }
}
