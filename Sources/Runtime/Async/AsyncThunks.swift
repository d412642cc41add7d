import Diagnostics
import IL
import JIT

/// The IL the runtime model synthesizes for runtime async (CoreCLR's asyncthunks.cpp, as IL text).
///
/// - The *task-returning thunk* of an `async` method: call the async variant; if
///   `AsyncCallContinuation()` is null, wrap the result in a completed task; otherwise
///   `FinalizeTaskReturningThunk` builds a task that owns the continuation chain. All of it
///   inside a `.try`: an exception thrown before the method first suspends becomes a faulted task.
/// - The *async callable thunk* of an ordinary Task-returning method: an async method that
///   calls it and awaits the returned task transparently (`TransparentAwait`), then returns its result.
/// - The *entry wrapper* of an async `Main` (what C# emits as `<Main>$`): call Main, then block
///   on the task (`HandleAsyncEntryPoint`) and return its result as the exit code.
///
/// The text is parsed like any IL and compiled like any method; `jitbook jit --dump il` prints it.
enum AsyncThunks {
    static let core = "[System.Private.CoreLib]"
    static let helpers = "\(core)System.Runtime.CompilerServices.AsyncHelpers"
    static let continuation = "class \(core)System.Runtime.CompilerServices.Continuation"

    /// The task-like kind of a signature type.
    static func taskKind(_ sig: TypeSig) -> TaskKind? {
        switch sig {
        case .modified(let t, _): return taskKind(t)
        case .class(let n) where isCore(n) && n.fullName == "System.Threading.Tasks.Task": return .task
        case .valueType(let n) where isCore(n) && n.fullName == "System.Threading.Tasks.ValueTask": return .valueTask
        case .generic(let n, let vt, let args) where isCore(n) && args.count == 1:
            if !vt && n.fullName == "System.Threading.Tasks.Task`1" { return .taskOfT }
            if vt && n.fullName == "System.Threading.Tasks.ValueTask`1" { return .valueTaskOfT }
            return nil
        default: return nil
        }
    }

    private static func isCore(_ n: TypeName) -> Bool {
        n.assembly.map(AssemblyResolution.isCoreLibAssembly) ?? true
    }

    /// The T of `Task<T>` / `ValueTask<T>`; `.void` for Task and ValueTask; nil when not task-like.
    static func unwrapped(_ sig: TypeSig) -> TypeSig? {
        switch sig {
        case .modified(let t, _): return unwrapped(t)
        case .generic(_, _, let args) where taskKind(sig) != nil: return args[0]
        default: return taskKind(sig) != nil ? .void : nil
        }
    }

    /// How IL names the declaring type of `def` (its own generic parameters as `!n`); nil for a
    /// global method, which a call names without an owner (`call RET Name(...)`).
    static func ownerSig(_ def: MethodDef, coreLib: Bool) -> TypeSig? {
        guard let t = def.declaringType else { return nil }
        let name = TypeName(assembly: coreLib ? "System.Private.CoreLib" : nil, namespace: "", name: t.ilName)
        if t.genericParameters.isEmpty { return t.isValueType ? .valueType(name) : .class(name) }
        return .generic(name, isValueType: t.isValueType, args: t.genericParameters.indices.map { TypeSig.typeParam($0) })
    }

    /// `call [instance] RET Owner::Name<!!0..>(params)` for `def` with return type `ret`.
    static func callText(_ def: MethodDef, returning ret: TypeSig, coreLib: Bool) -> String {
        let ref = MethodRef(hasThis: !def.isStatic, returnType: ret, owner: ownerSig(def, coreLib: coreLib), name: def.name,
                            parameters: def.parameters.map(\.type),
                            genericArgs: def.genericParameters.indices.map { TypeSig.methodParam($0) })
        return "call \(ref)"
    }

    /// The method header: `.method public hidebysig [static] RET Name<T..>(params) cil managed [async]`.
    static func header(_ def: MethodDef, returning ret: TypeSig, async: Bool) -> String {
        let gen = def.genericParameters.isEmpty ? "" : "<\(def.genericParameters.joined(separator: ", "))>"
        let params = def.parameters.enumerated().map { i, p in "\(p.type) \(p.name.map { "'\($0)'" } ?? "a\(i)")" }
        let name = def.name.contains(where: { !$0.isLetter && !$0.isNumber && $0 != "_" }) ? "'\(def.name)'" : def.name
        return ".method public hidebysig \(def.isStatic ? "static" : "instance") \(ret) \(name)\(gen)(\(params.joined(separator: ", "))) cil managed\(async ? " async" : "")"
    }

    /// `ldarg.0` ... for `this` and every parameter.
    static func loadArguments(_ def: MethodDef) -> [String] {
        let count = def.parameters.count + (def.isStatic ? 0 : 1)
        return (0..<count).map { "ldarg \($0)" }
    }

    /// The task-returning thunk of an async method.
    static func taskReturningThunk(_ def: MethodDef, coreLib: Bool) -> String? {
        guard let kind = taskKind(def.returnType), let t = unwrapped(def.returnType) else { return nil }
        let hasResult = t != .void
        var body = [".try", "{"]
        body += loadArguments(def)
        body.append(callText(def, returning: t, coreLib: coreLib) + "   // the async variant")
        body.append("call \(continuation) \(helpers)::AsyncCallContinuation()")
        body.append("brtrue.s SUSPENDED")
        switch kind {
        case .taskOfT:
            body.append("call class \(core)System.Threading.Tasks.Task`1<!!0> \(core)System.Threading.Tasks.Task::FromResult<\(t)>(!!0)")
        case .task:
            body.append("call class \(core)System.Threading.Tasks.Task \(core)System.Threading.Tasks.Task::get_CompletedTask()")
        case .valueTaskOfT:
            body.append("newobj instance void valuetype \(core)System.Threading.Tasks.ValueTask`1<\(t)>::.ctor(!0)")
        case .valueTask:
            body.append("call valuetype \(core)System.Threading.Tasks.ValueTask \(core)System.Threading.Tasks.ValueTask::get_CompletedTask()")
        }
        body.append("stloc.0")
        body.append("leave.s DONE")
        body.append("SUSPENDED:")
        if hasResult { body.append("pop") }
        let finalize: String
        switch kind {
        case .taskOfT: finalize = "class \(core)System.Threading.Tasks.Task`1<!!0> \(helpers)::FinalizeTaskReturningThunk<\(t)>()"
        case .task: finalize = "class \(core)System.Threading.Tasks.Task \(helpers)::FinalizeTaskReturningThunk()"
        case .valueTaskOfT: finalize = "valuetype \(core)System.Threading.Tasks.ValueTask`1<!!0> \(helpers)::FinalizeValueTaskReturningThunk<\(t)>()"
        case .valueTask: finalize = "valuetype \(core)System.Threading.Tasks.ValueTask \(helpers)::FinalizeValueTaskReturningThunk()"
        }
        body.append("call \(finalize)")
        body.append("stloc.0")
        body.append("leave.s DONE")
        body.append("}")
        body.append("catch \(core)System.Exception")
        body.append("{")
        // The exception object is on the stack: the faulted task keeps that very object.
        let task = "\(core)System.Threading.Tasks.Task"
        switch kind {
        case .taskOfT:
            body.append("call class \(task)`1<!!0> \(task)::FromException<\(t)>(class \(core)System.Exception)")
        case .task:
            body.append("call class \(task) \(task)::FromException(class \(core)System.Exception)")
        case .valueTaskOfT:
            body.append("call class \(task)`1<!!0> \(task)::FromException<\(t)>(class \(core)System.Exception)")
            body.append("newobj instance void valuetype \(core)System.Threading.Tasks.ValueTask`1<\(t)>::.ctor(class \(task)`1<!0>)")
        case .valueTask:
            body.append("call class \(task) \(task)::FromException(class \(core)System.Exception)")
            body.append("newobj instance void valuetype \(core)System.Threading.Tasks.ValueTask::.ctor(class \(task))")
        }
        body.append("stloc.0")
        body.append("leave.s DONE")
        body.append("}")
        body.append("DONE:")
        body.append("ldloc.0")
        body.append("ret")
        return method(header(def, returning: def.returnType, async: false), locals: [def.returnType], body)
    }

    /// The async callable thunk of an ordinary Task-returning method.
    ///
    /// `slotReturn` is the return type of the virtual slot `def` overrides when `def` itself
    /// returns a class derived from Task (a covariant `.override`): the thunk calls `def` and
    /// awaits its result as the slot's task type.
    static func asyncCallableThunk(_ def: MethodDef, coreLib: Bool, slotReturn: TypeSig? = nil) -> String? {
        let taskType = slotReturn ?? def.returnType
        guard let kind = taskKind(taskType), let t = unwrapped(taskType) else { return nil }
        var body = loadArguments(def)
        body.append(callText(def, returning: def.returnType, coreLib: coreLib) + "   // the task-returning method")
        body.append("stloc.0")
        let vt = "valuetype \(core)System.Threading.Tasks.ValueTask"
        switch kind {
        case .task, .taskOfT:
            body.append("ldloc.0")
            body.append("call void \(helpers)::TransparentAwait(object)")
            if kind == .taskOfT {
                body.append("ldloc.0")
                body.append("callvirt instance !0 class \(core)System.Threading.Tasks.Task`1<\(t)>::get_Result()")
            }
        case .valueTask, .valueTaskOfT:
            let type = kind == .valueTask ? vt : "\(vt)`1<\(t)>"
            let task = kind == .valueTask ? "class \(core)System.Threading.Tasks.Task" : "class \(core)System.Threading.Tasks.Task`1<!0>"
            body.append("ldloca.s 0")
            body.append("call instance bool \(type)::get_IsCompleted()")
            body.append("brtrue.s DONE")
            body.append("ldloca.s 0")
            body.append("call instance \(task) \(type)::AsTask()")
            body.append("call void \(helpers)::TransparentAwait(object)")
            body.append("DONE:")
            if kind == .valueTaskOfT {
                body.append("ldloca.s 0")
                body.append("call instance !0 \(type)::get_Result()")
            } else {
                // No result to read: a ValueTask that completed faulted must still throw its exception.
                body.append("ldloca.s 0")
                body.append("call instance void \(type)::ThrowIfFaulted()")
            }
        }
        body.append("ret")
        return method(header(def, returning: t, async: true), locals: [taskType], body)
    }

    /// The reference to the typed `AsyncHelpers.TransparentAwait` overload that awaits a task of
    /// type `taskType` (seed 001's getAwaitReturnCall): an async CoreLib method returning its T.
    static func transparentAwait(returning taskType: TypeSig) -> MethodRef? {
        guard let kind = taskKind(taskType), let t = unwrapped(taskType) else { return nil }
        let scope = "System.Private.CoreLib"
        func name(_ ns: String, _ n: String) -> TypeName { TypeName(assembly: scope, namespace: ns, name: n) }
        let owner = TypeSig.class(name("System.Runtime.CompilerServices", "AsyncHelpers"))
        let param: TypeSig
        switch kind {
        case .task: param = .class(name("System.Threading.Tasks", "Task"))
        case .valueTask: param = .valueType(name("System.Threading.Tasks", "ValueTask"))
        case .taskOfT: param = .generic(name("System.Threading.Tasks", "Task`1"), isValueType: false, args: [.methodParam(0)])
        case .valueTaskOfT: param = .generic(name("System.Threading.Tasks", "ValueTask`1"), isValueType: true, args: [.methodParam(0)])
        }
        let generic = kind == .taskOfT || kind == .valueTaskOfT
        return MethodRef(hasThis: false, returnType: generic ? .methodParam(0) : .void, owner: owner, name: "TransparentAwait",
                         parameters: [param], genericArgs: generic ? [t] : [], genericArity: generic ? 1 : 0)
    }

    /// `<Main>$`: runs an async Main to completion; returns its int result (or 0).
    static func entryWrapper(_ main: MethodDef) -> String? {
        guard let kind = taskKind(main.returnType), kind == .task || kind == .taskOfT else { return nil }
        var body = loadArguments(main)
        body.append(callText(main, returning: main.returnType, coreLib: false))
        if kind == .taskOfT {
            body.append("call int32 \(helpers)::HandleAsyncEntryPoint(class \(core)System.Threading.Tasks.Task`1<int32>)")
        } else {
            body.append("call void \(helpers)::HandleAsyncEntryPoint(class \(core)System.Threading.Tasks.Task)")
            body.append("ldc.i4.0")
        }
        body.append("ret")
        let params = main.parameters.enumerated().map { i, p in "\(p.type) a\(i)" }
        return method(".method public hidebysig static int32 '<Main>$'(\(params.joined(separator: ", "))) cil managed",
                      locals: [], body)
    }

    private static func method(_ header: String, locals: [TypeSig], _ body: [String]) -> String {
        var lines = [header, "{"]
        lines.append("  .maxstack 8")
        if !locals.isEmpty {
            lines.append("  .locals init (\(locals.enumerated().map { "\($0.element) V_\($0.offset)" }.joined(separator: ", ")))")
        }
        for l in body { lines.append(l.hasSuffix(":") ? l : "  " + l) }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses a synthesized method (wrapped in a scratch class) into a definition.
    static func parse(_ text: String, name: String) throws -> MethodDef {
        let wrapped = ".assembly '<thunks>' {}\n.class private auto ansi '<thunks>' extends [System.Private.CoreLib]System.Object\n{\n" + text + "}\n"
        let module = try ILParser.parse([SourceChunk(text: wrapped, file: "<\(name)>")], assemblyName: "<thunks>")
        guard let m = module.types.first?.methods.first else {
            throw Diagnostic(.internalError, at: .synthetic(name), "the synthesized IL of \(name) has no method")
        }
        return m
    }
}
