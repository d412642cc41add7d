import Diagnostics
import IL
import JIT
import Runtime

/// Builds a code image: compiles what the entry point reaches, lays out method tables,
/// statics, cells and stubs at the fixed address map.
///
/// Reachability follows the JIT's reports: the entry point and every `.cctor` of the
/// user module start the worklist; each compiled method adds the methods it calls
/// (instantiations included) and, for each class it allocates, the implementations
/// in that class's vtable and interface map. Worklist order is first-in first-out,
/// so the same module always compiles the same methods in the same order.
///
/// Class constructors: every `.cctor` of the user module is compiled and listed in the
/// image; the runtime runs one the first time a CORINFO_HELP_INITCLASS check asks for it
/// (the JIT places the checks by ECMA-335 II.10.5.3: before a static field access, and at
/// the entry of a precise class's static methods and constructors).
struct ImageBuilder {
    let module: IL.Module
    let arch: Arch
    let config: JitConfig
    let runtime: ModuleRuntime
    let compiler: ModuleCompiler
    let types: TypeSystem

    init(module: IL.Module, arch: Arch, config: JitConfig) throws {
        self.module = module
        self.arch = arch
        self.config = config
        runtime = ModuleRuntime(module: module)
        compiler = ModuleCompiler(module: module, runtime: runtime)
        guard let ts = runtime.typeSystem else { throw DiagnosticList(CoreLib.parsed.failureDiagnostics) }
        types = ts
    }

    private struct Compiled {
        var method: RuntimeMethod
        var code: [UInt8]
        var data: [UInt8]
    }

    mutating func build(entry: MethodDef, kind: CodeImage.EntryKind) throws -> CodeImage {
        guard let entryMethod = try types.entryWrapper(for: entry) ?? types.method(for: entry) else {
            throw Diagnostic(.unsupported, at: entry.location, "the entry point must not be generic")
        }
        var cctors: [RuntimeMethod] = []
        for t in module.types where t.genericParameters.isEmpty {
            if let cctor = t.methods.first(where: { $0.name == ".cctor" && $0.isStatic }), let m = try types.method(for: cctor) {
                cctors.append(m)
            }
        }
        // Strings exist without `newobj` (literals, runtime helpers): their type is always constructed.
        if let string = try? types.coreType("System.String") { runtime.reportConstructed(string.handle) }
        var work: [RuntimeMethod] = [entryMethod] + cctors
        var queued = Set(work.map(\.id))
        var compiled: [Compiled] = []
        var compiledIDs: Set<Int> = []
        var referencedSeen = 0
        var managedHelpersSeen = 0
        var constructedSeen = 0
        var expandedTypes: Set<Int> = []
        var next = 0
        func enqueue(_ m: RuntimeMethod) {
            if queued.insert(m.id).inserted { work.append(m) }
        }
        var genericVirtuals = GenericVirtualTables()
        while next < work.count || referencedSeen < runtime.referencedMethods.count
                || constructedSeen < runtime.constructedClasses.count || managedHelpersSeen < runtime.managedHelpers.count
                || genericVirtuals.isStale(runtime) {
            while referencedSeen < runtime.referencedMethods.count {
                if let m = runtime.runtimeMethod(runtime.referencedMethods[referencedSeen]) { enqueue(m) }
                referencedSeen += 1
            }
            // A managed helper (seed 004): the runtime, not the caller, needs its implementation.
            while managedHelpersSeen < runtime.managedHelpers.count {
                if let m = runtime.managedImplementation(of: runtime.managedHelpers[managedHelpersSeen]) { enqueue(m) }
                managedHelpersSeen += 1
            }
            while constructedSeen < runtime.constructedClasses.count {
                if let t = runtime.runtimeType(runtime.constructedClasses[constructedSeen]), expandedTypes.insert(t.id).inserted {
                    for m in t.vtable { enqueue(m) }
                    for impls in t.interfaceImpls { for m in impls { if let m { enqueue(m) } } }
                }
                constructedSeen += 1
            }
            for m in try genericVirtuals.update(runtime, types) { enqueue(m) }
            guard next < work.count else { continue }
            let m = work[next]
            next += 1
            guard m.hasILBody else { continue }
            let c = try compiler.compile(handle: m.handle, arch: arch, config: config, listing: false)
            guard UInt64(c.code.count) <= AddressMap.codeSlotSize, UInt64(c.data.count) <= AddressMap.dataSlotSize else {
                throw Diagnostic(.unsupported, at: m.def.location,
                                 "method '\(m.displayName)' does not fit its code or data slot of the address map")
            }
            compiled.append(Compiled(method: m, code: c.code, data: c.data))
            compiledIDs.insert(m.id)
        }
        // The exceptions the C runtime raises itself get method tables (loaded last, so that no other
        // type's address moves); methods nothing compiled stay not-compiled stubs in their vtables.
        for name in Self.runtimeExceptionTypes { _ = try? types.coreType(name) }
        return try layOut(compiled, compiledIDs, entry: entryMethod, cctors: cctors.filter { compiledIDs.contains($0.id) },
                          kind: kind, genericVirtuals: genericVirtuals)
    }

    private func layOut(_ compiled: [Compiled], _ compiledIDs: Set<Int>, entry: RuntimeMethod, cctors: [RuntimeMethod],
                        kind: CodeImage.EntryKind, genericVirtuals: GenericVirtualTables) throws -> CodeImage {
        var segments: [CodeImage.Segment] = []
        var methods: [CodeImage.MethodEntry] = []
        var relocations = Helpers.all.map { CodeImage.HelperRelocation(cell: $0.cellAddress, helperID: $0.id, name: $0.name) }
        // Stubs: the shared not-compiled stub, then one unboxing stub per value-type method in a vtable,
        // an interface map or a generic-virtual descriptor.
        var stubs: [UInt8] = try Stubs.jumpThroughCell(arch: arch, at: AddressMap.stubsBase, cell: Helpers.notCompiled.cellAddress)
        let notCompiled = AddressMap.stubsBase
        var unboxing: [Int: UInt64] = [:]
        func align16() { while stubs.count % 16 != 0 { stubs.append(arch == .x64 ? 0xCC : 0) } }
        for t in types.types where t.isValueType {
            for m in t.vtable + t.interfaceImpls.flatMap({ $0.compactMap { $0 } }) + genericVirtuals.valueTypeImplementations
            where m.owner === t && compiledIDs.contains(m.id) && unboxing[m.id] == nil {
                align16()
                let at = AddressMap.stubsBase + UInt64(stubs.count)
                stubs += try Stubs.unboxing(arch: arch, at: at, cell: m.cellAddress)
                unboxing[m.id] = at
                methods.append(CodeImage.MethodEntry(start: at, size: stubs.count - Int(at - AddressMap.stubsBase),
                                                     name: "\(m.displayName) [unboxing stub]"))
            }
        }
        segments.append(.init(address: AddressMap.stubsBase, bytes: stubs, protection: [.read, .execute], name: "stubs"))

        // Code, read-only data and cells.
        var userCells: [Int: UInt64] = [:]
        for c in compiled {
            let m = c.method
            segments.append(.init(address: m.codeAddress, bytes: c.code, protection: [.read, .execute], name: "code \(m.displayName)"))
            if !c.data.isEmpty {
                segments.append(.init(address: m.dataAddress, bytes: c.data, protection: .read, name: "data \(m.displayName)"))
            }
            methods.append(CodeImage.MethodEntry(start: m.codeAddress, size: c.code.count, name: m.displayName))
            if m.cellAddress >= AddressMap.cellsBase && m.cellAddress < AddressMap.methodTablesBase {
                userCells[Int((m.cellAddress - AddressMap.cellsBase) / 8)] = m.codeAddress
            } else {
                segments.append(.init(address: m.cellAddress, bytes: le(m.codeAddress), protection: .read, name: "cell \(m.displayName)"))
            }
        }
        // Cells of referenced methods that have no code (abstract, extern): the not-compiled stub.
        for h in runtime.referencedMethods {
            guard let m = runtime.runtimeMethod(h), m.helper == nil, !compiledIDs.contains(m.id) else { continue }
            if m.cellAddress >= AddressMap.cellsBase && m.cellAddress < AddressMap.methodTablesBase {
                userCells[Int((m.cellAddress - AddressMap.cellsBase) / 8), default: notCompiled] = notCompiled
            } else {
                segments.append(.init(address: m.cellAddress, bytes: le(notCompiled), protection: .read, name: "cell \(m.displayName)"))
            }
        }
        var cells = [UInt8](repeating: 0, count: 8 * max(1, (userCells.keys.max() ?? 0) + 1))
        for (i, v) in userCells { for b in 0..<8 { cells[8 * i + b] = UInt8(truncatingIfNeeded: v >> UInt64(8 * b)) } }
        segments.append(.init(address: AddressMap.cellsBase, bytes: cells, protection: .read, name: "method cells"))

        // Method tables and statics of every loaded type.
        for t in types.types {
            let mt = MethodTableBytes.build(t) { m, owner in
                if owner.isValueType, m.owner === owner { return unboxing[m.id] ?? notCompiled }
                return compiledIDs.contains(m.id) ? m.codeAddress : notCompiled
            }
            guard UInt64(mt.bytes.count) <= AddressMap.methodTableSlotSize else {
                throw Diagnostic(.unsupported, at: t.def?.location ?? .synthetic("types"),
                                 "the method table of '\(t.name)' does not fit its 4 KiB slot")
            }
            segments.append(.init(address: t.methodTableAddress, bytes: mt.bytes, protection: .read, name: "method table \(t.name)"))
            for (address, helper) in mt.helperSlots {
                relocations.append(CodeImage.HelperRelocation(cell: address, helperID: helper.id, name: helper.name))
            }
            if t.staticsSize > 0 {
                segments.append(.init(address: t.staticsAddress, bytes: [UInt8](repeating: 0, count: (t.staticsSize + 7) / 8 * 8),
                                      protection: [.read, .write], name: "statics \(t.name)"))
            }
        }
        let helpers = Helpers.all
        var helperCells = [UInt8](repeating: 0, count: 8 * helpers.count)
        // Managed helpers: their cells hold the code of the CoreLib methods implementing them.
        for h in runtime.managedHelpers {
            guard let m = runtime.managedImplementation(of: h), compiledIDs.contains(m.id) else { continue }
            let cell = Helpers.helper(h).id
            for b in 0..<8 { helperCells[8 * cell + b] = UInt8(truncatingIfNeeded: m.codeAddress >> UInt64(8 * b)) }
        }
        segments.append(.init(address: AddressMap.helpersBase, bytes: helperCells,
                              protection: .read, name: "helper cells"))
        segments.append(.init(address: AddressMap.stringsBase, bytes: runtime.strings.bytes, protection: .read,
                              name: "frozen strings"))
        if !runtime.fieldDataRegion.bytes.isEmpty {
            // Writable: an RVA static field lives in its data (`ldsflda` then a store is legal IL).
            segments.append(.init(address: AddressMap.fieldDataBase, bytes: runtime.fieldDataRegion.bytes, protection: [.read, .write],
                                  name: "field data"))
        }
        segments += try genericVirtuals.segments { t, m in
            if t.isValueType { return unboxing[m.id] ?? notCompiled }
            return compiledIDs.contains(m.id) ? m.codeAddress : notCompiled
        }
        segments.sort { $0.address < $1.address }
        methods.sort { $0.start < $1.start }
        let stringMT = (try? types.coreType("System.String"))?.methodTableAddress ?? 0
        var image = CodeImage(arch: arch, entry: entry.codeAddress, entryKind: kind, segments: segments,
                              helperRelocations: relocations, methods: methods,
                              cctors: cctors.map(\.codeAddress), stringMethodTable: stringMT)
        image.exceptionMethodTables = Self.runtimeExceptionTypes.compactMap { try? types.coreType($0).methodTableAddress }
        return image
    }

    /// The CoreLib exception types the C runtime raises (exceptions.c finds them by name).
    static let runtimeExceptionTypes = [
        "System.NullReferenceException", "System.IndexOutOfRangeException", "System.InvalidCastException",
        "System.DivideByZeroException", "System.OverflowException", "System.ArrayTypeMismatchException",
        "System.ArgumentException", "System.ArgumentNullException", "System.ArgumentOutOfRangeException",
        "System.FormatException", "System.OutOfMemoryException",
    ]

    private func le(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> UInt64(8 * $0)) } }
}

extension Result where Failure == DiagnosticList {
    /// The diagnostics of a failure (empty on success).
    var failureDiagnostics: [Diagnostic] {
        if case .failure(let e) = self { return e.diagnostics }
        return []
    }
}
