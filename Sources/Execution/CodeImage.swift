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
    /// Compiled methods in module order.
    public var methods: [MethodEntry]
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
        let runtime = ModuleRuntime(module: module)
        let compiler = ModuleCompiler(module: module, runtime: runtime)
        let reachable = Reachability.methods(from: entryMethod, in: module)

        var segments: [Segment] = []
        var methods: [MethodEntry] = []
        var cells = [UInt8](repeating: 0, count: 8 * max(1, (reachable.map(\.index).max() ?? 0) + 1))
        for (index, method) in reachable {
            let compiled = try compiler.compile(method, arch: arch, config: config)
            let name = runtime.displayName(of: method)
            guard UInt64(compiled.code.count) <= AddressMap.codeSlotSize,
                  UInt64(compiled.data.count) <= AddressMap.dataSlotSize else {
                throw Diagnostic(.unsupported, at: method.location,
                                 "method '\(name)' does not fit its code or data slot of the address map")
            }
            let codeAddress = AddressMap.code(index)
            segments.append(Segment(address: codeAddress, bytes: compiled.code, protection: [.read, .execute],
                                    name: "code \(name)"))
            if !compiled.data.isEmpty {
                segments.append(Segment(address: AddressMap.data(index), bytes: compiled.data, protection: .read,
                                        name: "data \(name)"))
            }
            methods.append(MethodEntry(start: codeAddress, size: compiled.code.count, name: name))
            for b in 0..<8 { cells[8 * index + b] = UInt8(truncatingIfNeeded: codeAddress >> UInt64(8 * b)) }
        }
        segments.append(Segment(address: AddressMap.cellsBase, bytes: cells, protection: .read, name: "method cells"))
        let helpers = Helpers.all
        segments.append(Segment(address: AddressMap.helpersBase, bytes: [UInt8](repeating: 0, count: 8 * helpers.count),
                                protection: .read, name: "helper cells"))
        segments.append(Segment(address: AddressMap.stringsBase, bytes: runtime.strings.bytes, protection: .read,
                                name: "frozen strings"))
        segments.sort { $0.address < $1.address }
        let relocations = helpers.map { HelperRelocation(cell: $0.cellAddress, helperID: $0.id, name: $0.name) }
        guard let entryIndex = runtime.index(of: entryMethod) else {
            throw Diagnostic(.internalError, at: entryMethod.location, "entry point has no module index")
        }
        return CodeImage(arch: arch, entry: AddressMap.code(entryIndex), entryKind: kind, segments: segments,
                         helperRelocations: relocations, methods: methods)
    }

    /// Main must be static, return int32 or void, and take nothing or `string[]`.
    static func entryKind(_ m: MethodDef) throws -> EntryKind {
        var kind: EntryKind = []
        switch m.returnType {
        case .int32: kind.insert(.returnsInt32)
        case .void: break
        default:
            throw Diagnostic(.unsupported, at: m.location,
                             "the entry point must return int32 or void, not \(m.returnType)")
        }
        switch m.parameters.map(\.type) {
        case []: break
        case [.szArray(.string)]: kind.insert(.takesArgs)
        default:
            throw Diagnostic(.unsupported, at: m.location, "the entry point must take no arguments or string[]")
        }
        if !m.isStatic {
            throw Diagnostic(.unsupported, at: m.location, "the entry point must be static")
        }
        return kind
    }
}
