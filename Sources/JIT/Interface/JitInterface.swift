import Diagnostics
import IL

/// The JIT's window on the runtime, in the spirit of RyuJIT's ICorJitInfo.
///
/// The JIT never looks at another method's definition or at addresses on its
/// own: it asks through this interface. Chapters explain it, and later
/// chapters (async variants, helpers as JIT helpers) change its shape.
public protocol JitInterface: AnyObject, Sendable {
    /// Resolves a call site's method reference to a call target (name, cell and entry address).
    /// Throws a diagnostic located at `location` when the method does not exist or is not supported.
    func resolveCall(_ ref: MethodRef, from caller: MethodDef, at location: SourceLocation) throws -> CallTarget

    /// The definition behind a resolved call target, when the callee's IL is available (for inlining).
    func definition(of target: CallTarget) -> MethodDef?

    /// The listing name of a method, e.g. `Program:Add(int,int):int` (`:this` suffix for instance methods).
    func displayName(of method: MethodDef) -> String

    /// Absolute address where the method's code is placed in the fixed address map.
    func codeAddress(of method: MethodDef) -> UInt64

    /// Absolute address of the method's read-only data (jump tables), allocated with its code as `allocMem` does.
    func readOnlyDataAddress(of method: MethodDef) -> UInt64

    /// The address of the frozen string object for a literal (`ldstr`), in the fixed strings region.
    func stringLiteral(_ value: String, at location: SourceLocation) throws -> UInt64

    /// The handle of an RVA field for `ldtoken field F` (the data behind `.field ... at LABEL`).
    /// Throws a located diagnostic when the field does not exist or has no `.data`.
    func fieldData(_ ref: FieldRef, in context: MethodHandle?, at location: SourceLocation) throws -> FieldDataInfo

    // MARK: the object model (resolveToken, getClassAttribs, getFieldInfo, getCallInfo ...)

    /// The handle of a method definition compiled on its own (its typical, non-generic instantiation);
    /// nil when the method is generic or the runtime has no type system.
    func methodHandle(of method: MethodDef) -> MethodHandle?

    /// The IL definition behind a method handle (getMethodInfo / getMethodIL): the inliner imports it.
    func definition(of method: MethodHandle) -> MethodDef?

    /// Everything about one exact method: signature, attributes (getMethodAttribs), slot, cell.
    func methodInfo(_ method: MethodHandle) -> MethodInfo

    /// Resolves a method token in the generic context of the method being compiled (`!0`, `!!0` are
    /// bound by `context`); the result is an exact instantiation.
    func resolveMethod(_ ref: MethodRef, in context: MethodHandle?, at location: SourceLocation) throws -> MethodInfo

    /// Resolves a type token (locals, `box`, `newarr`, `castclass` ...) in the generic context.
    func resolveType(_ sig: TypeSig, in context: MethodHandle?, at location: SourceLocation) throws -> JitTypeDesc

    /// Resolves a field token in the generic context: owner, type, offset or static address.
    func resolveField(_ ref: FieldRef, in context: MethodHandle?, at location: SourceLocation) throws -> FieldInfo

    /// Class attributes, size, layout and method table (getClassAttribs, getClassSize, getClassName ...).
    func classInfo(_ cls: ClassHandle) -> ClassInfo

    /// The class constructor of `cls` that the JIT must trigger (initClass), or nil when the class
    /// has none the runtime runs lazily.
    func classInitializer(of cls: ClassHandle) -> ClassInitializer?

    /// The class of single-dimensional arrays of `element` (getArrayClass-like), for `newarr`.
    func arrayClass(of element: JitTypeDesc, at location: SourceLocation) throws -> ClassHandle

    /// The class of `rank`-dimensional arrays of `element` (`int[,]`), for their `newobj` and accesses.
    func arrayClass(of element: JitTypeDesc, rank: Int, at location: SourceLocation) throws -> ClassHandle

    /// The call target of a runtime helper (getHelperFtn).
    func helperTarget(_ helper: JitHelper) -> CallTarget

    /// The listing name of a method handle (instantiations included: `Box`1[int]:Get():int:this`).
    func displayName(of method: MethodHandle) -> String

    /// Where the code of a method handle is placed.
    func codeAddress(of method: MethodHandle) -> UInt64

    /// Where the read-only data of a method handle is placed.
    func readOnlyDataAddress(of method: MethodHandle) -> UInt64

    /// The method that implements virtual or interface method `method` on objects of exact class
    /// `cls` (resolveVirtualMethod: devirtualization, `constrained.` calls); nil when unknown.
    func resolveVirtualMethod(_ method: MethodHandle, on cls: ClassHandle) -> MethodHandle?

    /// The JIT reports each method its code calls or takes the address of (and each instantiation
    /// it references), so the image builder can compile them too.
    func reportReference(_ method: MethodHandle)

    /// The JIT reports each class its code allocates (newobj, box, newarr): the virtual methods of
    /// constructed types are reachable through their vtables.
    func reportConstructed(_ cls: ClassHandle)

    /// The class the virtual call site at `ilOffset` of `method` most likely sees, according to the
    /// compilation's class profile (getLikelyClasses over the PGO data); nil when the profile says
    /// nothing about the site or names no class the runtime knows.
    func likelyClass(atIL ilOffset: Int, in method: MethodDef, profile: ClassProfileData) -> LikelyClass?

    // MARK: runtime async (AsyncInterface.swift has the defaults and the details)

    func asyncInfo(at location: SourceLocation) throws -> AsyncInfo
    func asyncVariant(of method: MethodHandle) -> MethodHandle?
    func asyncHelperKind(_ method: MethodHandle) -> AsyncHelperKind?
    func taskKind(ofReturnOf method: MethodDef) -> TaskKind?
    func isCoreLibMethod(_ method: MethodDef) -> Bool
    func synthesizedIL(of method: MethodHandle) -> String?
    func methodVariant(_ method: MethodDef, named variant: String) -> MethodHandle?
    func asyncVersionSource(of method: MethodHandle) -> MethodDef?
    func awaitReturnCall(for method: MethodHandle, at location: SourceLocation) throws -> (ref: MethodRef, info: MethodInfo)
    func functionEntry(_ method: MethodHandle) -> UInt64
    /// The address of the descriptor a call of the instantiated generic virtual method `method`
    /// passes to the lookup helper (JitHelper.genericVirtualLookup); nil when `method` is not one.
    func genericVirtualDescriptor(_ method: MethodHandle, at location: SourceLocation) throws -> UInt64?
}

extension JitInterface {
    /// Runtimes without generic virtual methods have no descriptors.
    public func genericVirtualDescriptor(_ method: MethodHandle, at location: SourceLocation) throws -> UInt64? { nil }

    /// Runtimes without class constructors never need a class-initialization check.
    public func classInitializer(of cls: ClassHandle) -> ClassInitializer? { nil }

    /// Runtimes without string objects reject `ldstr` with a located diagnostic.
    public func stringLiteral(_ value: String, at location: SourceLocation) throws -> UInt64 {
        throw Diagnostic(.unsupported, at: location, "string literals need a runtime model with frozen strings")
    }

    /// Runtimes without a field-data region reject `ldtoken field` with a located diagnostic.
    public func fieldData(_ ref: FieldRef, in context: MethodHandle?, at location: SourceLocation) throws -> FieldDataInfo {
        throw Diagnostic(.unsupported, at: location, "'ldtoken field' needs a runtime model with RVA field data")
    }

    public func methodHandle(of method: MethodDef) -> MethodHandle? { nil }
    public func definition(of method: MethodHandle) -> MethodDef? { nil }
    public func methodInfo(_ method: MethodHandle) -> MethodInfo {
        MethodInfo(handle: method, owner: ClassHandle(id: -1), displayName: "?", attribs: [.isStatic],
                   parameters: [], returnType: JitTypeDesc(.void), vtableSlot: nil, cellAddress: 0, helperID: nil)
    }
    public func resolveMethod(_ ref: MethodRef, in context: MethodHandle?, at location: SourceLocation) throws -> MethodInfo {
        throw Diagnostic(.unsupported, at: location, "this runtime model has no type system (method '\(ref.name)')")
    }
    public func resolveType(_ sig: TypeSig, in context: MethodHandle?, at location: SourceLocation) throws -> JitTypeDesc {
        if let t = VarType(parameter: sig) { return JitTypeDesc(t) }
        throw Diagnostic(.unsupported, at: location, "type '\(sig)' is not supported by the model JIT yet")
    }
    public func resolveField(_ ref: FieldRef, in context: MethodHandle?, at location: SourceLocation) throws -> FieldInfo {
        throw Diagnostic(.unsupported, at: location, "this runtime model has no type system (field '\(ref.name)')")
    }
    public func classInfo(_ cls: ClassHandle) -> ClassInfo {
        ClassInfo(handle: cls, kind: .class, name: "?", methodTable: 0, size: 0)
    }
    public func arrayClass(of element: JitTypeDesc, at location: SourceLocation) throws -> ClassHandle {
        throw Diagnostic(.unsupported, at: location, "this runtime model has no arrays")
    }
    public func arrayClass(of element: JitTypeDesc, rank: Int, at location: SourceLocation) throws -> ClassHandle {
        throw Diagnostic(.unsupported, at: location, "this runtime model has no arrays")
    }
    public func helperTarget(_ helper: JitHelper) -> CallTarget {
        CallTarget(method: MethodRef(hasThis: false, returnType: .void, owner: nil, name: helper.rawValue, parameters: []),
                   definitionIndex: nil, displayName: helper.rawValue, cellAddress: 0)
    }
    public func displayName(of method: MethodHandle) -> String { methodInfo(method).displayName }
    public func reportReference(_ method: MethodHandle) {}
    public func resolveVirtualMethod(_ method: MethodHandle, on cls: ClassHandle) -> MethodHandle? { nil }
    public func reportConstructed(_ cls: ClassHandle) {}
    public func likelyClass(atIL ilOffset: Int, in method: MethodDef, profile: ClassProfileData) -> LikelyClass? { nil }
    public func codeAddress(of method: MethodHandle) -> UInt64 { definition(of: method).map { codeAddress(of: $0) } ?? 0 }
    public func readOnlyDataAddress(of method: MethodHandle) -> UInt64 {
        definition(of: method).map { readOnlyDataAddress(of: $0) } ?? 0
    }
}
