import Diagnostics
import IL
import JIT
import Runtime

/// A module compiled for one architecture and laid out at the fixed address map (DESIGN §5).
///
/// The image holds everything the C runtime needs and nothing it has to
/// compute: segments of bytes at absolute addresses (code, read-only data,
/// method cells, helper cells, frozen strings), the helper cells it must fill,
/// a method map for crash reports, and the entry point. Building the same
/// module twice gives the same bytes.
public struct CodeImage: Sendable, Equatable {
    /// A run of bytes placed at a fixed address with a final protection.
    public struct Segment: Sendable, Equatable {
        public var address: UInt64
        public var bytes: [UInt8]
        public var protection: Protection
        /// What the segment holds, for tests and `jitbook` output (not serialized).
        public var name: String
    }

    /// Final page protection of a segment.
    public struct Protection: OptionSet, Sendable, Equatable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let read = Protection(rawValue: 1)
        public static let write = Protection(rawValue: 2)
        public static let execute = Protection(rawValue: 4)
    }

    /// A helper cell the runtime fills with the address of its C function.
    public struct HelperRelocation: Sendable, Equatable {
        public var cell: UInt64
        public var helperID: Int
        public var name: String
    }

    /// One compiled method: where its code starts, how long it is, its listing name.
    public struct MethodEntry: Sendable, Equatable {
        public var start: UInt64
        public var size: Int
        public var name: String
    }

    /// How the runtime calls the entry point.
    public struct EntryKind: OptionSet, Sendable, Equatable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// Main returns int32 (the process exit code); otherwise void (exit code 0).
        public static let returnsInt32 = EntryKind(rawValue: 1)
        /// Main takes `string[] args` (the runtime passes an empty array).
        public static let takesArgs = EntryKind(rawValue: 2)
    }

    public var arch: Arch
    public var entry: UInt64
    public var entryKind: EntryKind
    /// Segments in ascending address order.
    public var segments: [Segment]
    public var helperRelocations: [HelperRelocation]
    /// Compiled methods (and stubs) in address order.
    public var methods: [MethodEntry]
    /// Class constructors the runtime calls before Main, in order.
    public var cctors: [UInt64] = []
    /// CoreLib's System.String method table (the C runtime allocates strings).
    public var stringMethodTable: UInt64 = 0
    /// Method tables of the exception types the C runtime raises itself (null reference, index out
    /// of range, invalid cast ...): it allocates the exception object when a handler may catch it.
    public var exceptionMethodTables: [UInt64] = []
}

extension CodeImage {
    /// Compiles every method reachable from the module's entry point for `arch` and lays out the image.
    ///
    /// Throws diagnostics located in the IL for compile errors, and for a missing
    /// or unsupported entry point.
    public static func build(module: IL.Module, arch: Arch, config: JitConfig = JitConfig()) throws -> CodeImage {
        guard let entryMethod = module.entryPoint else {
            let where_ = module.allMethods.first?.location ?? .synthetic(module.assemblyName)
            throw Diagnostic(.undefined, at: where_, "module '\(module.assemblyName)' has no method marked .entrypoint")
        }
        let kind = try entryKind(entryMethod)
        var builder = try ImageBuilder(module: module, arch: arch, config: config)
        return try builder.build(entry: entryMethod, kind: kind)
    }

    /// Task or Task<int32> (an async Main).
    static func isAsyncEntryReturn(_ t: TypeSig) -> Bool {
        switch t {
        case .class(let n): return n.fullName == "System.Threading.Tasks.Task"
        case .generic(let n, false, let args): return n.fullName == "System.Threading.Tasks.Task`1" && args == [.int32]
        default: return false
        }
    }

    /// Main must be static, return int32 (or uint32, as CoreCLR accepts), void, Task or Task<int32>,
    /// and take nothing or `string[]`.
    static func entryKind(_ m: MethodDef) throws -> EntryKind {
        // Nothing could instantiate a generic entry point (ECMA-335 II.15.4.1.2): said before an
        // async Main's `<Main>$` wrapper would call it with no instantiation.
        if !m.genericParameters.isEmpty || !(m.declaringType?.genericParameters.isEmpty ?? true) {
            throw Diagnostic(.unsupported, at: m.location, "the entry point must not be generic")
        }
        var kind: EntryKind = []
        switch m.returnType {
        case .int32, .uint32: kind.insert(.returnsInt32)
        case .void: break
        case let t where isAsyncEntryReturn(t):
            // An async Main runs through its `<Main>$` wrapper, which returns int32 (TypeSystem+Async.swift).
            kind.insert(.returnsInt32)
        default:
            throw Diagnostic(.unsupported, at: m.location,
                             "the entry point must return int32, void, Task or Task<int32>, not \(m.returnType)")
        }
        let params = m.parameters.map(\.type)
        switch params.count == 1 ? params[0] : nil {
        case nil where params.isEmpty: break
        case .szArray(.string)?: kind.insert(.takesArgs)
        case .szArray(.class(let n))? where n.fullName == "System.String": kind.insert(.takesArgs)
        default:
            throw Diagnostic(.unsupported, at: m.location, "the entry point must take no arguments or string[]")
        }
        if !m.isStatic {
            throw Diagnostic(.unsupported, at: m.location, "the entry point must be static")
        }
        return kind
    }
}
