import IL
import JIT

/// One runtime helper: a function of the C runtime that generated code calls through a cell.
///
/// The JIT never calls the C runtime directly: a call site resolves to the
/// helper's cell in the helpers region (`AddressMap.helperCell(id)`), the image
/// lists a relocation for that cell, and the C runtime writes the function's
/// address into it when it loads the image.
public struct Helper: Sendable, Hashable {
    /// Stable id, shared with the C runtime's table (Sources/Execution/CRuntime/helpers.c); never reused.
    public var id: Int
    /// The runtime name printed in listings and checked by the C runtime: `System.Console:WriteLine(int)`.
    public var name: String
    /// The CoreLib `internalcall` method the helper implements (its listing name), if any.
    public var implements: String?
    /// The JIT helper (CORINFO_HELP_*) the helper is, if any.
    public var jitHelper: JitHelper?

    /// The address of the helper's cell in the fixed address map.
    public var cellAddress: UInt64 { AddressMap.helperCell(id) }
}

/// The helper table: the ONE place that lists runtime helpers (the C runtime mirrors it).
///
/// Three groups, ids never reused:
/// - System.Console output (ids 0-12): the `internalcall` methods of CoreLib's
///   System.Console, named without their return type as the first chapters print them;
/// - the JIT helpers (CORINFO_HELP_*), named as RyuJIT names them;
/// - the other `internalcall` methods of CoreLib (FCalls), named by their listing names;
/// - then, appended by later issues, the runtime async helpers, delegates and array initialization,
///   and seed 004's six async context helpers (CORINFO_HELP_ASYNC_*), which are *managed*: the C
///   runtime has no function for them, the image fills their cells with the code of the CoreLib
///   methods that implement them (`managedImplementation`), as DYNAMICJITHELPER does upstream.
public enum Helpers {
    /// Every helper, by id.
    public static let all: [Helper] = {
        var table: [Helper] = []
        func console(_ method: String, _ params: String) {
            table.append(Helper(id: table.count, name: "System.Console:\(method)(\(params))",
                                implements: "System.Console:\(method)(\(params)):void"))
        }
        console("WriteLine", "")
        for t in ["int", "long", "bool", "System.String"] { console("WriteLine", t) }
        for t in ["int", "long", "bool", "System.String"] { console("Write", t) }
        for t in ["ushort", "System.Object"] { console("WriteLine", t) }
        for t in ["ushort", "System.Object"] { console("Write", t) }
        for h in JitHelper.objectModel {
            table.append(Helper(id: table.count, name: h.rawValue, jitHelper: h))
        }
        for m in internalCalls { table.append(Helper(id: table.count, name: m, implements: m)) }
        table.append(Helper(id: table.count, name: notCompiledName))
        // The runtime async issue: JIT helpers, then CoreLib internalcalls, then delegates.
        for h in JitHelper.runtimeAsync {
            table.append(Helper(id: table.count, name: h.rawValue, jitHelper: h))
        }
        for m in asyncInternalCalls { table.append(Helper(id: table.count, name: m, implements: m)) }
        for m in delegateHelpers { table.append(Helper(id: table.count, name: m)) }
        // Later issues: appended, so that no earlier id moves.
        for h in JitHelper.later { table.append(Helper(id: table.count, name: h.rawValue, jitHelper: h)) }
        for m in bclInternalCalls { table.append(Helper(id: table.count, name: m, implements: m)) }
        for h in JitHelper.afterBCL { table.append(Helper(id: table.count, name: h.rawValue, jitHelper: h)) }
        table.append(Helper(id: table.count, name: delegateInvokeNName))
        for h in JitHelper.afterDelegateInvoke { table.append(Helper(id: table.count, name: h.rawValue, jitHelper: h)) }
        for m in arrayAndDelegateInternalCalls { table.append(Helper(id: table.count, name: m, implements: m)) }
        for h in JitHelper.asyncContexts { table.append(Helper(id: table.count, name: h.rawValue, jitHelper: h)) }
        for m in statsInternalCalls { table.append(Helper(id: table.count, name: m, implements: m)) }
        for h in JitHelper.floatingPoint { table.append(Helper(id: table.count, name: h.rawValue, jitHelper: h)) }
        for m in floatingPointInternalCalls { table.append(Helper(id: table.count, name: m, implements: m)) }
        for h in JitHelper.blockOps { table.append(Helper(id: table.count, name: h.rawValue, jitHelper: h)) }
        for h in JitHelper.tailCalls { table.append(Helper(id: table.count, name: h.rawValue, jitHelper: h)) }
        return table
    }()

    /// AsyncHelpers' internalcalls: what the continuation dispatcher cannot do in IL.
    static let asyncInternalCalls: [String] = [
        "System.Runtime.CompilerServices.AsyncHelpers:ResumeContinuation(System.Runtime.CompilerServices.Continuation,byref<ubyte>):System.Runtime.CompilerServices.Continuation",
        "System.Runtime.CompilerServices.AsyncHelpers:ResultStorage(System.Runtime.CompilerServices.Continuation):byref<ubyte>",
        "System.Runtime.CompilerServices.AsyncHelpers:ContinuationSlot(System.Runtime.CompilerServices.Continuation,int):System.Object",
    ]

    /// The runtime-implemented methods of delegate types: `.ctor(object, native int)` and `Invoke`.
    /// The Invoke helpers are one general stub (see `DelegateInvoke`); the 0-, 1- and 2-argument
    /// names predate it and stay so that listings keep their call targets.
    public static let delegateHelpers: [String] = [
        "jitbook:DelegateCtor", "jitbook:DelegateInvoke0", "jitbook:DelegateInvoke1", "jitbook:DelegateInvoke2",
    ]

    /// The Invoke stub under its name for 3 or more arguments (appended later).
    public static let delegateInvokeNName = "jitbook:DelegateInvokeN"

    /// The helper implementing a `runtime managed` method of a delegate type, if the model has one:
    /// the constructor, and any Invoke whose signature the stub can pass on exactly
    /// (`DelegateInvoke.rejection(of:)` says why not otherwise).
    static func delegateHelper(for m: RuntimeMethod) -> Helper? {
        let def = m.def
        guard def.implFlags.contains(.runtime) else { return nil }
        let name: String
        switch def.name {
        case ".ctor" where def.parameters.count == 2: name = "jitbook:DelegateCtor"
        case "Invoke" where DelegateInvoke.rejection(of: m) == nil:
            name = def.parameters.count <= 2 ? "jitbook:DelegateInvoke\(def.parameters.count)" : delegateInvokeNName
        default: return nil
        }
        return all.first { $0.name == name }
    }

    /// CoreLib's other `internalcall` methods, in id order.
    static let internalCalls: [String] = [
        "System.Object:ToString():System.String:this",
        "System.Object:GetHashCode():int:this",
        "System.String:Concat(System.String,System.String):System.String",
        "System.String:Concat(System.String,System.String,System.String):System.String",
        "System.String:Concat(System.String,System.String,System.String,System.String):System.String",
        "System.String:Concat(System.Object,System.Object):System.String",
        "System.String:Concat(System.Object,System.Object,System.Object):System.String",
        "System.String:Concat(System.String[]):System.String",
        "System.String:Concat(System.Object[]):System.String",
        "System.String:Equals(System.String,System.String):bool",
        "System.String:Format(System.String,System.Object):System.String",
        "System.String:Format(System.String,System.Object,System.Object):System.String",
        "System.String:Format(System.String,System.Object,System.Object,System.Object):System.String",
        "System.String:Format(System.String,System.Object[]):System.String",
        "System.String:FromChar(ushort):System.String",
        "System.Number:Int32ToString(int):System.String",
        "System.Number:Int64ToString(long):System.String",
        "System.Number:UInt32ToString(uint):System.String",
        "System.Number:UInt64ToString(ulong):System.String",
        "System.Console:WriteLine(System.String,System.Object):void",
        "System.Console:WriteLine(System.String,System.Object,System.Object):void",
        "System.Console:WriteLine(System.String,System.Object,System.Object,System.Object):void",
    ]

    /// The internalcalls of the BCL surface (strings, StringBuilder, collections): the two
    /// primitives IL cannot express, allocating a string of a given length and copying array elements.
    static let bclInternalCalls: [String] = [
        "System.String:FastAllocateString(int):System.String",
        "System.Array:Copy(System.Array,int,System.Array,int,int):void",
        "System.Object:MemberwiseClone():System.Object:this",
    ]

    /// The internalcalls of multi-dimensional arrays (System.Array reads the rank from the method
    /// table) and of multicast delegates (the address of the stub that walks an invocation list).
    static let arrayAndDelegateInternalCalls: [String] = [
        "System.Array:get_Rank():int:this",
        "System.Array:GetLength(int):int:this",
        "System.Array:GetLowerBound(int):int:this",
        "System.Delegate:MulticastInvokeStub():long",
    ]

    /// The model's allocation counters (seed 001's chapter counts the tasks wrappers allocate).
    static let statsInternalCalls: [String] = [
        "Jitbook.RuntimeStats:ObjectsAllocated():long",
        "Jitbook.RuntimeStats:TasksAllocated():long",
        "Jitbook.RuntimeStats:ContinuationsAllocated():long",
        "Jitbook.RuntimeStats:StartCountingInstructions():void",
        "Jitbook.RuntimeStats:StopCountingInstructions():long",
    ]

    /// Floating point: formatting (Number) and System.Math, implemented by the C runtime's floating.c.
    static let floatingPointInternalCalls: [String] = [
        "System.Number:FormatDouble(double):System.String",
        "System.Number:FormatSingle(float):System.String",
        "System.Math:Sqrt(double):double",
        "System.Math:Abs(double):double",
        "System.Math:Floor(double):double",
        "System.Math:Ceiling(double):double",
        "System.Math:Round(double):double",
        "System.Math:Pow(double,double):double",
        "System.Math:Max(double,double):double",
        "System.Math:Min(double,double):double",
    ]

    /// The helper behind the stub that vtable slots of methods that were not compiled point to.
    public static let notCompiledName = "jitbook:MethodNotCompiled"

    /// The not-compiled helper.
    public static var notCompiled: Helper { all.first { $0.name == notCompiledName }! }

    /// Assemblies whose `System.Console` is the runtime's console.
    public static let consoleAssemblies: Set<String> = [
        "mscorlib", "System.Runtime", "System.Console", "netstandard", "System.Private.CoreLib",
    ]

    /// The helper with this id, if any.
    public static func helper(id: Int) -> Helper? { all.indices.contains(id) ? all[id] : nil }

    /// The helper for a JIT helper.
    public static func helper(_ h: JitHelper) -> Helper {
        all.first { $0.jitHelper == h }!
    }

    /// The console helper a call to `System.Console` denotes, or nil when none implements it.
    public static func helper(for ref: MethodRef) -> Helper? {
        guard !ref.hasThis, ref.genericArgs.isEmpty, let owner = ref.owner?.typeName,
              owner.fullName == "System.Console",
              owner.assembly.map(consoleAssemblies.contains) ?? true else { return nil }
        let params = ref.parameters.map(MethodNames.typeName).joined(separator: ",")
        let wanted = "System.Console:\(ref.name)(\(params)):\(MethodNames.typeName(ref.returnType))"
        return all.first { $0.implements == wanted }
    }
}
