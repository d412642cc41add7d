import IL
import JIT

/// One loaded type: a method table in the making (CoreCLR's MethodTable + EEClass, merged).
///
/// Every exact instantiation is its own `RuntimeType` (`Box`1[int]` and `Box`1[long]`
/// differ), as the model has no shared generics. Primitive value types
/// (`System.Int32` ...) are CoreLib structs with a `primitive` JIT type.
public final class RuntimeType: @unchecked Sendable {
    public enum Kind: Sendable, Equatable { case `class`, valueType, interface, array, string }

    /// Index in the type system's table (the JIT's `ClassHandle.id`).
    public let id: Int
    public let kind: Kind
    /// The definition (nil for arrays).
    public let def: TypeDef?
    /// The module that defines it (CoreLib for arrays).
    public let module: IL.Module
    /// Type arguments of a generic instantiation, in order.
    public let instantiation: [RuntimeType]
    /// Array element type.
    public let elementType: RuntimeType?
    /// Multi-dimensional arrays: the number of dimensions; 0 for every other type, single-dimensional
    /// zero-based arrays (`int[]`) included, as CoreCLR tells the two kinds apart.
    public internal(set) var rank = 0
    /// The JIT type of a primitive value type (`System.Int32` is `.int`), nil for other types.
    public let primitive: VarType?

    /// The listing name: `Program+Derived`, `Box`1[int]`, `int[]`.
    public let name: String
    /// The reflection name used in messages and `Object.ToString()`: `Box`1[System.Int32]`.
    public let reflectionName: String
    /// The name inside method signatures (`int` for System.Int32): `TypeNames.jitName`, made once
    /// (every exact method's display name spells its parameter types).
    lazy var signatureName: String = TypeNames.jitName(self)

    public internal(set) var parent: RuntimeType?
    /// Interfaces implemented (declared and inherited), each once, in declaration order.
    public internal(set) var interfaces: [RuntimeType] = []
    /// Instance fields including inherited ones, in offset order.
    public internal(set) var instanceFields: [RuntimeField] = []
    public internal(set) var staticFields: [RuntimeField] = []
    /// Classes: allocation size (header included, at least 24); value types: data size.
    public internal(set) var instanceSize = 0
    /// Classes: where a derived class's first field may start.
    var fieldsEndOffset = 8
    /// Value types: natural alignment of the data.
    public internal(set) var alignment = 1
    /// Bytes of the statics block.
    public internal(set) var staticsSize = 0
    /// Implementation of each vtable slot.
    public internal(set) var vtable: [RuntimeMethod] = []
    /// Per implemented interface: the implementation of each of its slots.
    public internal(set) var interfaceImpls: [[RuntimeMethod?]] = []
    /// Interfaces: the methods, in slot order.
    public internal(set) var interfaceMethods: [MethodDef] = []

    public internal(set) var methodTableAddress: UInt64 = 0
    public internal(set) var staticsAddress: UInt64 = 0
    /// True once fields, vtable and addresses are known.
    var isLoaded = false

    init(id: Int, kind: Kind, def: TypeDef?, module: IL.Module, instantiation: [RuntimeType],
         elementType: RuntimeType?, primitive: VarType?, name: String, reflectionName: String) {
        self.id = id
        self.kind = kind
        self.def = def
        self.module = module
        self.instantiation = instantiation
        self.elementType = elementType
        self.primitive = primitive
        self.name = name
        self.reflectionName = reflectionName
    }

    public var handle: ClassHandle { ClassHandle(id: id) }
    public var isValueType: Bool { kind == .valueType }
    public var isInterface: Bool { kind == .interface }

    /// The JIT's view of a value of this type (on the stack, in a local, in a field).
    public var jitType: JitTypeDesc {
        if let p = primitive { return JitTypeDesc(p, handle) }
        return kind == .valueType ? JitTypeDesc(.struct, handle) : JitTypeDesc(.ref, handle)
    }

    /// Size of a value of this type in a field or array element.
    public var valueSize: Int {
        if let p = primitive { return p.size }
        return kind == .valueType ? instanceSize : 8
    }

    /// Alignment of a value of this type in a field or array element.
    public var valueAlignment: Int {
        if let p = primitive { return p.size }
        return kind == .valueType ? alignment : 8
    }

    /// True when `self` is `other` or derives from it (classes; arrays derive from System.Array).
    public func derives(from other: RuntimeType) -> Bool {
        var t: RuntimeType? = self
        while let c = t {
            if c === other { return true }
            t = c.parent
        }
        return false
    }

    /// The vtable slot of a virtual method declared on this type or a parent, if any.
    public func slot(of def: MethodDef) -> Int? {
        var t: RuntimeType? = self
        while let c = t {
            if let s = c.declaredSlots[ObjectIdentifier(def)] { return s }
            t = c.parent
        }
        return nil
    }

    /// Slots introduced or overridden by this type's own methods, by method identity.
    var declaredSlots: [ObjectIdentifier: Int] = [:]

    /// Runtime async: the slot of the async variant that goes with a Task-returning virtual method's
    /// slot (inherited slots included), as CoreCLR gives async variants of virtual methods their own slots.
    public internal(set) var asyncVariantSlots: [Int: Int] = [:]

    /// The slot of the async variant paired with the Task-returning slot `slot`, if it has one.
    public func asyncVariantSlot(forTaskSlot slot: Int) -> Int? { asyncVariantSlots[slot] }
}

/// One field of a loaded type, with its final offset.
public struct RuntimeField: Sendable {
    public var def: FieldDef
    public var type: RuntimeType
    /// Instance fields: from the object start (classes) or data start (value types); statics: in the block.
    public var offset: Int
    public var owner: RuntimeType
}

/// One exact method: a definition on a loaded type, with a method instantiation if generic.
public final class RuntimeMethod: @unchecked Sendable {
    /// Index in the type system's table (the JIT's `MethodHandle.id`).
    public let id: Int
    public let def: MethodDef
    public let owner: RuntimeType
    public let instantiation: [RuntimeType]
    /// The listing name, `Program+Derived:Foo():int:this`.
    public internal(set) var displayName = ""
    public internal(set) var parameters: [RuntimeType?] = []
    public internal(set) var returnType: RuntimeType?
    /// Code, cell and read-only data addresses from the address map.
    public internal(set) var codeAddress: UInt64 = 0
    public internal(set) var cellAddress: UInt64 = 0
    public internal(set) var dataAddress: UInt64 = 0
    /// The runtime helper implementing an `internalcall` method.
    public internal(set) var helper: Helper?
    /// Runtime async: this is an async variant (async calling convention, returns the unwrapped T).
    public internal(set) var isAsyncVariant = false
    /// Runtime async: the other variant of a Task-returning method (task-returning <-> async).
    public internal(set) weak var otherVariant: RuntimeMethod?
    /// The IL text the runtime synthesized for this method (thunks, entry wrapper); nil for IL as written.
    public internal(set) var synthesizedIL: String?
    /// The return type of this variant's signature (the unwrapped T for async variants).
    public internal(set) var returnSig: TypeSig = .void

    init(id: Int, def: MethodDef, owner: RuntimeType, instantiation: [RuntimeType]) {
        self.id = id
        self.def = def
        self.owner = owner
        self.instantiation = instantiation
    }

    public var handle: MethodHandle { MethodHandle(id: id) }
    public var isStatic: Bool { def.isStatic }

    /// The definition as written in IL: for a synthesized variant (a thunk), the definition of its
    /// other variant, whose attributes (virtual, abstract, final, newslot) both variants share.
    public var writtenDef: MethodDef {
        guard synthesizedIL != nil || (isAsyncVariant && !def.isAsync) else { return def }
        return otherVariant?.def ?? def
    }
    /// True when the method has code the JIT compiles (an IL body, not internalcall or abstract).
    public var hasILBody: Bool { !def.body.isEmpty && helper == nil }
}
