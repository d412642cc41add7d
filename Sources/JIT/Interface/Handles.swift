import IL

/// An opaque reference to a runtime type (RyuJIT's CORINFO_CLASS_HANDLE).
///
/// The JIT never looks inside: it hands the handle back to the runtime to ask
/// about sizes, layouts, method tables and names.
public struct ClassHandle: Hashable, Sendable {
    public let id: Int
    public init(id: Int) { self.id = id }
}

/// An opaque reference to one exact method instantiation (CORINFO_METHOD_HANDLE).
public struct MethodHandle: Hashable, Sendable {
    public let id: Int
    public init(id: Int) { self.id = id }
}

/// What a signature type is to the JIT: a JIT type plus, for structs and objects, its class.
public struct JitTypeDesc: Hashable, Sendable {
    /// The storage type (`.struct` for user value types, `.ref` for objects, small types for bool/byte ...).
    public var varType: VarType
    /// The class for `.struct` (always) and `.ref` (when known).
    public var classHandle: ClassHandle?

    public init(_ varType: VarType, _ classHandle: ClassHandle? = nil) {
        self.varType = varType
        self.classHandle = classHandle
    }
}

/// What kind of type a class handle denotes.
public enum ClassKind: Sendable, Hashable {
    case `class`, valueType, interface, array, string
}

/// One eightbyte of a struct as the calling convention classifies it (SysV INTEGER class).
public struct StructLayoutInfo: Hashable, Sendable {
    /// Size in bytes of the struct's data.
    public var size: Int
    /// Natural alignment of the struct.
    public var alignment: Int
    /// For each 8-byte chunk: true when it holds an object reference (GC pointer), for the ABI's register types.
    public var gcChunks: [Bool]
    public init(size: Int, alignment: Int, gcChunks: [Bool]) {
        self.size = size
        self.alignment = alignment
        self.gcChunks = gcChunks
    }
}

/// What the JIT may ask about a class (getClassAttribs, getClassSize, getClassName...).
public struct ClassInfo: Sendable {
    public var handle: ClassHandle
    public var kind: ClassKind
    /// The name listings print for the class handle: `Program+Derived`.
    public var name: String
    /// Address of the method table (the object header's value), printed with `name` as its comment.
    public var methodTable: UInt64
    /// Boxed / allocated object size for classes; data size for value types.
    public var size: Int
    /// Layout of a value type's data (value types only).
    public var structLayout: StructLayoutInfo?
    /// Array element type (arrays only).
    public var elementType: JitTypeDesc?
    /// Array element size in bytes (arrays only).
    public var componentSize: Int
    /// No type derives from it (casts can compare the method table directly).
    public var isSealed: Bool
    /// Multi-dimensional arrays: the number of dimensions (`MDArrayLayout`); 0 otherwise.
    public var rank = 0

    public init(handle: ClassHandle, kind: ClassKind, name: String, methodTable: UInt64, size: Int,
                structLayout: StructLayoutInfo? = nil, elementType: JitTypeDesc? = nil, componentSize: Int = 0,
                isSealed: Bool = false) {
        self.handle = handle
        self.kind = kind
        self.name = name
        self.methodTable = methodTable
        self.size = size
        self.structLayout = structLayout
        self.elementType = elementType
        self.componentSize = componentSize
        self.isSealed = isSealed
    }
}

/// A resolved field reference (resolveToken + getFieldInfo).
public struct FieldInfo: Sendable {
    public var name: String
    public var owner: ClassHandle
    public var type: JitTypeDesc
    public var isStatic: Bool
    /// Byte offset: from the object start for instance fields of classes (the method table
    /// pointer is at 0), from the data start for value types.
    public var offset: Int
    /// Absolute address of a static field in its type's statics block.
    public var staticAddress: UInt64?
    /// `Program:counter`, for handle comments.
    public var displayName: String

    public init(name: String, owner: ClassHandle, type: JitTypeDesc, isStatic: Bool, offset: Int,
                staticAddress: UInt64?, displayName: String) {
        self.name = name
        self.owner = owner
        self.type = type
        self.isStatic = isStatic
        self.offset = offset
        self.staticAddress = staticAddress
        self.displayName = displayName
    }
}

/// Method attributes the JIT asks for (getMethodAttribs, after CORINFO_FLG_*).
public struct MethodAttribs: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static let isStatic = MethodAttribs(rawValue: 1 << 0)
    public static let isVirtual = MethodAttribs(rawValue: 1 << 1)
    public static let isFinal = MethodAttribs(rawValue: 1 << 2)
    public static let isAbstract = MethodAttribs(rawValue: 1 << 3)
    public static let isNewSlot = MethodAttribs(rawValue: 1 << 4)
    public static let noInlining = MethodAttribs(rawValue: 1 << 5)
    public static let aggressiveInlining = MethodAttribs(rawValue: 1 << 6)
    /// Implemented natively by the runtime (an FCall / internalcall): calls go to a helper.
    public static let internalCall = MethodAttribs(rawValue: 1 << 7)
    /// A constructor (`.ctor`).
    public static let constructor = MethodAttribs(rawValue: 1 << 8)
    /// Declared on an interface.
    public static let onInterface = MethodAttribs(rawValue: 1 << 9)
    /// The method has the `async` impl flag (runtime async).
    public static let async = MethodAttribs(rawValue: 1 << 10)
    /// This handle is an async variant: compiled and called with the async calling convention
    /// (hidden continuation argument, continuation returned in rcx / x2), returning the unwrapped T.
    public static let asyncVariant = MethodAttribs(rawValue: 1 << 11)
    /// The IL behind this handle was synthesized by the runtime model (a thunk, an entry wrapper):
    /// like CoreCLR's IL stubs it is trusted, not verified.
    public static let ilStub = MethodAttribs(rawValue: 1 << 12)
}

/// A resolved method: signature with exact types, attributes and how to reach it.
public struct MethodInfo: Sendable {
    public var handle: MethodHandle
    public var owner: ClassHandle
    /// `Program+Derived:Foo():int:this`.
    public var displayName: String
    public var attribs: MethodAttribs
    /// Parameter types without `this`.
    public var parameters: [JitTypeDesc]
    public var returnType: JitTypeDesc
    /// Vtable slot of a virtual method (in the owner's method table), nil otherwise.
    public var vtableSlot: Int?
    /// Address of the method's indirection cell (a helper cell for internalcall methods).
    public var cellAddress: UInt64
    /// Runtime helper id when the method is implemented by the C runtime.
    public var helperID: Int?

    public init(handle: MethodHandle, owner: ClassHandle, displayName: String, attribs: MethodAttribs,
                parameters: [JitTypeDesc], returnType: JitTypeDesc, vtableSlot: Int?, cellAddress: UInt64,
                helperID: Int?) {
        self.handle = handle
        self.owner = owner
        self.displayName = displayName
        self.attribs = attribs
        self.parameters = parameters
        self.returnType = returnType
        self.vtableSlot = vtableSlot
        self.cellAddress = cellAddress
        self.helperID = helperID
    }

    public var hasThis: Bool { !attribs.contains(.isStatic) }

    /// An async variant the runtime synthesized: the async callable thunk of an ordinary
    /// Task-returning method (a task-returning thunk is synthesized too, but is no async variant).
    public var isAsyncCallableThunk: Bool { attribs.contains(.asyncVariant) && attribs.contains(.ilStub) }

    /// What the listing says after a direct call of this method, if anything.
    public var callListingNote: String? { isAsyncCallableThunk ? "(call to runtime async callable thunk)" : nil }
}

/// A class constructor the JIT triggers with CORINFO_HELP_INITCLASS.
public struct ClassInitializer: Sendable, Equatable {
    /// The `.cctor` (reported to the runtime so that it gets compiled).
    public var cctor: MethodHandle
    /// Its code address: the helper's argument, and the runtime's key for "has it run".
    public var codeAddress: UInt64
    /// No `beforefieldinit`: the class initializes before its first static method or constructor
    /// runs, not only before the first access to one of its static fields.
    public var isPrecise: Bool

    public init(cctor: MethodHandle, codeAddress: UInt64, isPrecise: Bool) {
        self.cctor = cctor
        self.codeAddress = codeAddress
        self.isPrecise = isPrecise
    }
}
