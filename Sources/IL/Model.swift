import Diagnostics
import Foundation

/// A reference to a type by name, as IL writes it: `[System.Runtime]System.Threading.Tasks.Task`1`.
///
/// Resolution to a definition is the runtime model's job; the IL layer keeps names.
public struct TypeName: Hashable, Sendable, CustomStringConvertible {
    /// Resolution scope, e.g. `System.Runtime` from `[System.Runtime]`; nil for this module.
    public var assembly: String?
    /// Namespace, possibly empty.
    public var namespace: String
    /// Simple name; nested types are `Outer/Inner` joined with `/`.
    public var name: String

    public init(assembly: String? = nil, namespace: String, name: String) {
        self.assembly = assembly
        self.namespace = namespace
        self.name = name
    }

    /// `Namespace.Name` (no assembly scope); nested separator `/` as in ilasm.
    public var fullName: String { namespace.isEmpty ? name : "\(namespace).\(name)" }

    /// True when `fullName` is `namespace.name`, compared without building it (base-type checks
    /// such as "extends System.Enum" are asked per type and per signature).
    public func isNamed(_ namespace: String, _ name: String) -> Bool {
        if self.namespace.isEmpty { return self.name == namespace + "." + name }
        return self.namespace == namespace && self.name == name
    }
    public var description: String { (assembly.map { "[\($0)]" } ?? "") + fullName }
}

/// A type signature as it appears in IL: primitives, classes, value types, generics, byrefs, arrays.
public indirect enum TypeSig: Hashable, Sendable, CustomStringConvertible {
    case void, bool, char
    case int8, uint8, int16, uint16, int32, uint32, int64, uint64
    case nativeInt, nativeUInt, float32, float64
    case string, object, typedref
    /// `class N` (reference type).
    case `class`(TypeName)
    /// `valuetype N`.
    case valueType(TypeName)
    /// `class N<args>` / `valuetype N<args>`: `isValueType` tells which.
    case generic(TypeName, isValueType: Bool, args: [TypeSig])
    /// `!n`: the n-th generic parameter of the enclosing type.
    case typeParam(Int)
    /// `!!n`: the n-th generic parameter of the enclosing method.
    case methodParam(Int)
    /// `T&`.
    case byref(TypeSig)
    /// `T*`.
    case pointer(TypeSig)
    /// `T[]` (single-dimensional, zero-based).
    case szArray(TypeSig)
    /// `T[,]` / `T[0...,0...]`: a multi-dimensional array of `rank` dimensions, every lower bound 0
    /// or unspecified (the only form C# compilers emit; ilasm prints it `T[0...,0...]`).
    case mdArray(TypeSig, rank: Int)
    /// `T modreq(...)`/`modopt(...)`: modifiers are kept only for printing.
    case modified(TypeSig, modifier: String)

    /// True when the type uses a generic parameter (`!n` or `!!n`) anywhere inside.
    public var mentionsGenericParameter: Bool {
        switch self {
        case .typeParam, .methodParam: true
        case .generic(_, _, let args): args.contains { $0.mentionsGenericParameter }
        case .byref(let t), .pointer(let t), .szArray(let t), .mdArray(let t, _), .modified(let t, _): t.mentionsGenericParameter
        default: false
        }
    }

    /// ilasm spelling, e.g. `int32`, `class [System.Runtime]System.String`, `!!0`.
    public var description: String {
        switch self {
        case .void: "void"
        case .bool: "bool"
        case .char: "char"
        case .int8: "int8"
        case .uint8: "uint8"
        case .int16: "int16"
        case .uint16: "uint16"
        case .int32: "int32"
        case .uint32: "uint32"
        case .int64: "int64"
        case .uint64: "uint64"
        case .nativeInt: "native int"
        case .nativeUInt: "native uint"
        case .float32: "float32"
        case .float64: "float64"
        case .string: "string"
        case .object: "object"
        case .typedref: "typedref"
        case .class(let n): "class \(n)"
        case .valueType(let n): "valuetype \(n)"
        case .generic(let n, let vt, let args):
            "\(vt ? "valuetype" : "class") \(n)<\(args.map(\.description).joined(separator: ","))>"
        case .typeParam(let i): "!\(i)"
        case .methodParam(let i): "!!\(i)"
        case .byref(let t): "\(t)&"
        case .pointer(let t): "\(t)*"
        case .szArray(let t): "\(t)[]"
        case .mdArray(let t, let rank): "\(t)[\(Array(repeating: "0...", count: rank).joined(separator: ","))]"
        case .modified(let t, let m): "\(t) \(m)"
        }
    }
}

/// A reference to a method from an instruction operand or a `.override`.
///
/// `call int32 Program::Add(int32, int32)` becomes owner `Program`, name `Add`,
/// return `int32`, parameters `[int32, int32]`.
public struct MethodRef: Hashable, Sendable, CustomStringConvertible {
    /// `instance` in the call site signature (has a `this`).
    public var hasThis: Bool
    public var returnType: TypeSig
    /// Declaring type; nil for a global (module-level) method.
    public var owner: TypeSig?
    public var name: String
    public var parameters: [TypeSig]
    /// Method instantiation `<int32>` for generic methods; empty otherwise.
    public var genericArgs: [TypeSig]
    /// Number of generic parameters declared on the method (`<T>` in `M<T>`), when written in a reference.
    public var genericArity: Int

    public init(hasThis: Bool, returnType: TypeSig, owner: TypeSig?, name: String,
                parameters: [TypeSig], genericArgs: [TypeSig] = [], genericArity: Int = 0) {
        self.hasThis = hasThis
        self.returnType = returnType
        self.owner = owner
        self.name = name
        self.parameters = parameters
        self.genericArgs = genericArgs
        self.genericArity = genericArity
    }

    public var description: String {
        let ownerText = owner.map { "\($0)::" } ?? ""
        let gen = genericArgs.isEmpty ? "" : "<\(genericArgs.map(\.description).joined(separator: ","))>"
        return "\(hasThis ? "instance " : "")\(returnType) \(ownerText)\(name)\(gen)(\(parameters.map(\.description).joined(separator: ", ")))"
    }
}

/// A reference to a field from an instruction operand: `int32 Program::counter`.
public struct FieldRef: Hashable, Sendable, CustomStringConvertible {
    public var type: TypeSig
    public var owner: TypeSig
    public var name: String

    public init(type: TypeSig, owner: TypeSig, name: String) {
        self.type = type
        self.owner = owner
        self.name = name
    }

    public var description: String { "\(type) \(owner)::\(name)" }
}

/// The inline operand of one IL instruction, already resolved to its meaning.
public enum Operand: Hashable, Sendable {
    case none
    case int(Int64)
    case float(Double)
    /// Branch target: index into `MethodDef.body`.
    case target(Int)
    /// Switch targets: indices into `MethodDef.body`.
    case targets([Int])
    /// Local or argument index (already resolved from a name, if a name was written).
    case variable(Int)
    // The two large payloads are boxed, so that copying an Instruction (the verifier and the
    // importer do, per instruction) retains one box instead of every field of the reference.
    indirect case method(MethodRef)
    indirect case field(FieldRef)
    case type(TypeSig)
    // The two text payloads are boxed too: a `String` is two words, every other payload one, so
    // unboxed they made every operand (and instruction) a word larger for the few `ldstr` and
    // `ldtoken` instructions.
    indirect case string(String)
    /// `ldtoken` of a method or type: kept as written (`ldtoken field F` is a `.field` operand).
    indirect case token(String)
}

/// One IL instruction with its IL offset and where it was written.
public struct Instruction: Hashable, Sendable {
    /// IL offset in bytes from the start of the method body, computed from real opcode sizes.
    public var offset: Int
    public var operand: Operand
    /// (Declared after `operand`: it fits beside the operand's one-byte case tag in the word after
    /// its one-word payload, which makes an instruction 80 bytes instead of 88; a module holds
    /// every instruction of every body.)
    public var opcode: Opcode
    /// Prefixes (`tail.`, `constrained.` ...) that preceded this instruction.
    public var prefixes: [Opcode]
    /// Type operand of a `constrained.` prefix, if any.
    public var constrainedType: TypeSig?
    /// The label written before the instruction, if any (`IL_0004:` or `LOOP:`).
    public var label: String?
    public var location: SourceLocation

    /// Encoded size in bytes including the switch table, excluding prefixes.
    public var size: Int { Self.size(of: opcode, operand: operand) }

    /// The `size` of an instruction with `opcode` and `operand`, before the parser builds it (or
    /// read from an instruction's two fields in place, without copying the whole instruction).
    public static func size(of opcode: Opcode, operand: Operand) -> Int {
        if case .targets(let t) = operand, opcode == .switch_ { return switchSize(targetCount: t.count) }
        return opcode.encodedSize
    }

    /// The encoded size of a `switch` with `count` targets: the opcode, the count and the jump table.
    public static func switchSize(targetCount count: Int) -> Int { 1 + 4 + 4 * count }

    /// Encoded size in bytes including the prefixes (`offset` is where the first prefix starts).
    public var totalSize: Int { prefixes.reduce(size) { $0 + $1.encodedSize } }

    /// Where instruction `i` of `body` ends: its offset plus its `totalSize`, read in place.
    /// (`body[i].totalSize` copies the whole instruction first, retaining every reference in it.)
    public static func end(of i: Int, in body: [Instruction]) -> Int {
        body.withUnsafeBufferPointer { $0[i].offset + $0[i].totalSize }
    }
}

extension Instruction {
    /// (In an extension, so that the struct keeps its memberwise initializer for the parser: an
    /// instruction built by this one was copied whole on its way into the body array, the
    /// memberwise one is moved.)
    public init(offset: Int, opcode: Opcode, operand: Operand = .none, prefixes: [Opcode] = [],
                constrainedType: TypeSig? = nil, label: String? = nil, location: SourceLocation) {
        self.offset = offset
        self.opcode = opcode
        self.operand = operand
        self.prefixes = prefixes
        self.constrainedType = constrainedType
        self.label = label
        self.location = location
    }
}

/// A method parameter: type and optional name.
public struct Parameter: Hashable, Sendable {
    public var type: TypeSig
    public var name: String?
    public init(type: TypeSig, name: String? = nil) {
        self.type = type
        self.name = name
    }
}

/// A local variable of a method body.
public struct Local: Hashable, Sendable {
    public var type: TypeSig
    public var name: String?
    public init(type: TypeSig, name: String? = nil) {
        self.type = type
        self.name = name
    }
}

/// Method implementation attributes (after `cil managed`), as the JIT needs them.
public struct MethodImplFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// `noinlining` (0x0008).
    public static let noInlining = MethodImplFlags(rawValue: 0x0008)
    /// `forwardref` (0x0010).
    public static let forwardRef = MethodImplFlags(rawValue: 0x0010)
    /// `synchronized` (0x0020).
    public static let synchronized = MethodImplFlags(rawValue: 0x0020)
    /// `nooptimization` (0x0040).
    public static let noOptimization = MethodImplFlags(rawValue: 0x0040)
    /// `preservesig` (0x0080).
    public static let preserveSig = MethodImplFlags(rawValue: 0x0080)
    /// `aggressiveinlining` (0x0100).
    public static let aggressiveInlining = MethodImplFlags(rawValue: 0x0100)
    /// `aggressiveoptimization` (0x0200).
    public static let aggressiveOptimization = MethodImplFlags(rawValue: 0x0200)
    /// `internalcall` (0x1000).
    public static let internalCall = MethodImplFlags(rawValue: 0x1000)
    /// `async` (0x2000): runtime async method (see runtime-async.md).
    public static let async = MethodImplFlags(rawValue: 0x2000)
    /// `runtime` code type (0x0003) rather than `cil`.
    public static let runtime = MethodImplFlags(rawValue: 0x0003)
}

/// A method definition with its body.
public final class MethodDef: @unchecked Sendable {
    public var name: String
    /// Method attributes as written (`public`, `static`, `virtual`, `hidebysig`, `newslot`, `abstract` ...).
    public var attributes: Set<String> { didSet { readFlags() } }
    public var implFlags: MethodImplFlags
    /// `static`, `virtual`, `abstract`, `final`, `newslot` read from `attributes` once: the importer
    /// asks per argument access and per method it resolves, and a set lookup hashes the string each time.
    public private(set) var isStatic = false
    public private(set) var isVirtual = false
    public private(set) var isAbstract = false
    public private(set) var isFinal = false
    public private(set) var isNewSlot = false
    public var returnType: TypeSig
    public var parameters: [Parameter]
    /// Generic parameter names of the method (`M<T, U>`).
    public var genericParameters: [String]
    public var locals: [Local]
    /// `.locals init`.
    public var initLocals: Bool
    public var maxStack: Int
    public var isEntryPoint: Bool
    /// `.override` directives: the methods this one implements explicitly.
    public var overrides: [MethodRef]
    public var body: [Instruction] { didSet { readBody() } }
    /// True when the body has a `localloc`, read once per body: the inliner refuses such a callee
    /// and asks at every call site.
    public private(set) var hasLocalloc = false
    /// Exception handling clauses (`.try { } catch T { }` ...), inner clauses first as ECMA requires.
    public var exceptionClauses: [ExceptionClause] = []
    /// Where `.method` was written.
    public var location: SourceLocation
    /// Back-reference to the declaring type (set by the parser).
    public weak var declaringType: TypeDef?

    public init(name: String, attributes: Set<String> = [], implFlags: MethodImplFlags = [],
                returnType: TypeSig, parameters: [Parameter] = [], genericParameters: [String] = [],
                locals: [Local] = [], initLocals: Bool = false, maxStack: Int = 8, isEntryPoint: Bool = false,
                overrides: [MethodRef] = [], body: [Instruction] = [], location: SourceLocation) {
        self.name = name
        self.attributes = attributes
        self.implFlags = implFlags
        self.returnType = returnType
        self.parameters = parameters
        self.genericParameters = genericParameters
        self.locals = locals
        self.initLocals = initLocals
        self.maxStack = maxStack
        self.isEntryPoint = isEntryPoint
        self.overrides = overrides
        self.body = body
        self.location = location
        readFlags()
        readBody()
    }

    private func readBody() {
        hasLocalloc = body.contains { $0.opcode == .localloc }
    }

    private func readFlags() {
        isStatic = attributes.contains("static")
        isVirtual = attributes.contains("virtual")
        isAbstract = attributes.contains("abstract")
        isFinal = attributes.contains("final")
        isNewSlot = attributes.contains("newslot")
    }
    /// True when the method has the `async` impl flag (runtime async).
    public var isAsync: Bool { implFlags.contains(.async) }
    /// Total IL size of the body in bytes: where the last instruction ends (read in place).
    public var ilSize: Int { body.isEmpty ? 0 : Instruction.end(of: body.count - 1, in: body) }
}

/// A field definition.
public struct FieldDef: Hashable, Sendable {
    public var name: String
    public var type: TypeSig
    public var attributes: Set<String>
    /// The `.data` label of an RVA field (`.field ... at D_00004000`): its initial bytes live there.
    public var dataLabel: String?
    /// The value of a `literal` field initialized with an integer (`= int32(0x00000001)`), as
    /// written (the bit pattern, sign-extended from the written width): enum member values.
    public var integerConstant: Int64?
    public var location: SourceLocation
    public init(name: String, type: TypeSig, attributes: Set<String> = [], dataLabel: String? = nil,
                integerConstant: Int64? = nil, location: SourceLocation) {
        self.name = name
        self.type = type
        self.attributes = attributes
        self.dataLabel = dataLabel
        self.integerConstant = integerConstant
        self.location = location
    }
    public var isStatic: Bool { attributes.contains("static") }
}

/// A class, value type or interface definition.
public final class TypeDef: @unchecked Sendable {
    public var namespace: String
    /// Simple name; for nested types the name inside the enclosing type.
    public var name: String
    /// Enclosing type for nested classes.
    public weak var enclosing: TypeDef?
    /// Class attributes as written (`public`, `auto`, `ansi`, `beforefieldinit`, `sealed`, `abstract`, `interface` ...).
    public var attributes: Set<String> { didSet { isSealed = attributes.contains("sealed") } }
    /// `sealed`, read from `attributes` once: the runtime asks for every method and type it describes
    /// to the JIT, and a set lookup hashes the string each time.
    public private(set) var isSealed = false
    public var extends: TypeSig?
    public var implements: [TypeSig]
    public var genericParameters: [String]
    public var fields: [FieldDef]
    public var methods: [MethodDef] { didSet { indexLock.withLock { methodIndex = nil } } }
    public var nestedTypes: [TypeDef]
    /// `methods` by name, built on first use and dropped when `methods` changes (see `methods(named:)`).
    private var methodIndex: [String: [MethodDef]]?
    private let indexLock = NSLock()
    /// Full names of the custom attributes applied to the type (`System.FlagsAttribute`), in order;
    /// their arguments are not kept.
    public var customAttributes: [String] = []
    public var location: SourceLocation

    public init(namespace: String, name: String, attributes: Set<String> = [], extends: TypeSig? = nil,
                implements: [TypeSig] = [], genericParameters: [String] = [], location: SourceLocation) {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes
        self.isSealed = attributes.contains("sealed")
        self.extends = extends
        self.implements = implements
        self.genericParameters = genericParameters
        self.fields = []
        self.methods = []
        self.nestedTypes = []
        self.location = location
    }

    /// The methods called `name`, in declaration order.
    ///
    /// Method references are resolved by name on every call site the JIT imports; a linear scan of
    /// `methods` made compiling a type of N methods cost O(N²) (a quarter of `jitbook jit`'s time on
    /// a 10000-method type). The index is shared by threads (CoreLib's types are), hence the lock.
    public func methods(named name: String) -> [MethodDef] {
        indexLock.withLock {
            if methodIndex == nil { methodIndex = Dictionary(grouping: methods, by: \.name) }
            return methodIndex?[name] ?? []
        }
    }

    /// `Namespace.Name`, nested types as `Namespace.Outer+Inner` (the runtime's spelling, used in listings).
    public var fullName: String {
        if let outer = enclosing { return "\(outer.fullName)+\(name)" }
        return namespace.isEmpty ? name : "\(namespace).\(name)"
    }

    /// `Namespace.Outer/Inner`, the ilasm spelling used in type references.
    public var ilName: String {
        if let outer = enclosing { return "\(outer.ilName)/\(name)" }
        return namespace.isEmpty ? name : "\(namespace).\(name)"
    }

    public var isInterface: Bool { attributes.contains("interface") }
    public var isValueType: Bool {
        if case .class(let n)? = extends, n.isNamed("System", "ValueType") || n.isNamed("System", "Enum") { return true }
        return false
    }
}

/// One parsed IL source: the assembly's types and methods.
///
/// A chapter's `il` blocks accumulate into one module; a plain `.il` file is one module.
public final class Module: @unchecked Sendable {
    /// `.assembly NAME` (or the module name when there is none).
    public var assemblyName: String
    /// `.assembly extern` names.
    public var externAssemblies: [String]
    /// All types, nested types included, in definition order.
    public var types: [TypeDef]
    /// Methods declared outside any class (global methods), if any.
    public var globalMethods: [MethodDef]
    /// Fields declared outside any class (global fields, always static), if any.
    public var globalFields: [FieldDef] = []
    /// Other assemblies whose IL was parsed into this module (a test and the library it uses,
    /// `jitbook conformance`): `[Name]T` of one of them names a type of this module.
    public var mergedAssemblies: Set<String> = []

    /// True when an assembly scope (nil: none) names this module.
    public func isOwnAssembly(_ name: String?) -> Bool {
        guard let name else { return true }
        return name == assemblyName || mergedAssemblies.contains(name)
    }
    /// `.data` declarations, in definition order (the initial bytes of RVA fields).
    public var data: [DataDeclaration]

    public init(assemblyName: String) {
        self.assemblyName = assemblyName
        self.externAssemblies = []
        self.types = []
        self.globalMethods = []
        self.data = []
    }

    /// The `.data` declaration with this label, if any.
    public func data(labelled label: String) -> DataDeclaration? {
        data.first { $0.label == label }
    }

    /// Every method in the module, in definition order.
    public var allMethods: [MethodDef] { globalMethods + types.flatMap(\.methods) }

    /// The method marked `.entrypoint`, if any.
    public var entryPoint: MethodDef? { allMethods.first { $0.isEntryPoint } }

    /// Finds a type by full name (`Ns.Outer/Inner` or `Ns.Outer+Inner`): the first type so named.
    ///
    /// Every resolved type reference ends here, the model CoreLib has hundreds of types, and
    /// building each one's name to compare was a quarter of the JIT's time; an index built on
    /// first use (again whenever types were appended) answers in constant time.
    public func type(named name: String) -> TypeDef? {
        typeIndexLock.lock()
        defer { typeIndexLock.unlock() }
        if typeIndexCount != types.count {
            typeIndex = [:]
            for t in types {
                if typeIndex[t.ilName] == nil { typeIndex[t.ilName] = t }
                if typeIndex[t.fullName] == nil { typeIndex[t.fullName] = t }
            }
            typeIndexCount = types.count
        }
        return typeIndex[name]
    }

    /// `type(named:)`'s index, by both spellings; rebuilt when the number of types changes.
    private var typeIndex: [String: TypeDef] = [:]
    private var typeIndexCount = -1
    /// Modules (the model CoreLib above all) are shared between threads.
    private let typeIndexLock = NSLock()
}
