import Diagnostics
import IL
import JIT

/// The runtime model of one module, as the JIT sees it through `JitInterface`.
///
/// It knows every method's index (hence its fixed code slot and indirection
/// cell), resolves call sites to definitions, and names methods for listings.
public final class ModuleRuntime: JitInterface, @unchecked Sendable {
    public let module: IL.Module
    private let methods: [MethodDef]
    private let indexByIdentity: [ObjectIdentifier: Int]
    /// The module's string literals, laid out as frozen objects.
    public let strings: FrozenStrings

    public init(module: IL.Module) {
        self.module = module
        self.methods = module.allMethods
        self.strings = FrozenStrings(module: module)
        var idx: [ObjectIdentifier: Int] = [:]
        for (i, m) in methods.enumerated() { idx[ObjectIdentifier(m)] = i }
        self.indexByIdentity = idx
    }

    /// The module index of a method (its position in definition order).
    public func index(of method: MethodDef) -> Int? { indexByIdentity[ObjectIdentifier(method)] }

    public func displayName(of method: MethodDef) -> String { MethodNames.displayName(method) }

    public func codeAddress(of method: MethodDef) -> UInt64 {
        AddressMap.code(index(of: method) ?? 0)
    }

    public func readOnlyDataAddress(of method: MethodDef) -> UInt64 {
        AddressMap.data(index(of: method) ?? 0)
    }

    public func definition(of target: CallTarget) -> MethodDef? {
        target.definitionIndex.flatMap { $0 < methods.count ? methods[$0] : nil }
    }

    public func stringLiteral(_ value: String, at location: SourceLocation) throws -> UInt64 {
        guard strings.fitsRegion else {
            throw Diagnostic(.unsupported, at: location,
                             "the module's string literals need more than \(AddressMap.stringsRegionSize) bytes")
        }
        guard let address = strings.address(of: value) else {
            throw Diagnostic(.internalError, at: location, "string literal not laid out by the runtime model")
        }
        return address
    }

    /// True when `ref` names `System.Console` outside this module (a runtime helper, if one matches).
    private func isExternalConsole(_ ref: MethodRef) -> Bool {
        guard let name = ref.owner?.typeName, name.fullName == "System.Console" else { return false }
        if let asm = name.assembly, asm != module.assemblyName { return true }
        return module.type(named: "System.Console") == nil
    }

    public func resolveCall(_ ref: MethodRef, from caller: MethodDef, at location: SourceLocation) throws -> CallTarget {
        if isExternalConsole(ref) {
            guard let helper = Helpers.helper(for: ref) else {
                let known = Helpers.all.map(\.name).joined(separator: ", ")
                throw Diagnostic(.unsupported, at: location,
                                 "'\(ref)' is not a runtime helper (the runtime provides \(known))")
            }
            return CallTarget(method: ref, definitionIndex: nil, displayName: helper.name,
                              cellAddress: helper.cellAddress, helperID: helper.id)
        }
        guard let owner = ref.owner else {
            throw Diagnostic(.unsupported, at: location, "calls to global methods are not supported yet")
        }
        let ownerName: TypeName
        switch owner {
        case .class(let n), .valueType(let n): ownerName = n
        default:
            throw Diagnostic(.unsupported, at: location, "calls on '\(owner)' are not supported yet")
        }
        if let asm = ownerName.assembly, asm != module.assemblyName {
            throw Diagnostic(.unsupported, at: location,
                             "call to '\(ownerName.fullName)::\(ref.name)' in assembly '\(asm)' needs the model CoreLib, which is not supported yet")
        }
        guard let type = module.type(named: ownerName.fullName) else {
            throw Diagnostic(.undefined, at: location, "no type '\(ownerName.fullName)' in module '\(module.assemblyName)'")
        }
        let found = type.methods.first { m in
            m.name == ref.name && m.parameters.map(\.type) == ref.parameters && m.returnType == ref.returnType
                && m.isStatic == !ref.hasThis
        }
        guard let callee = found, let i = index(of: callee) else {
            throw Diagnostic(.undefined, at: location, "no method '\(ref)' in type '\(type.fullName)'")
        }
        return CallTarget(method: ref, definitionIndex: i, displayName: MethodNames.displayName(callee),
                          cellAddress: AddressMap.cell(i), entryAddress: AddressMap.code(i))
    }
}

extension ModuleCompiler {
    /// A compiler for `module` backed by its runtime model.
    public convenience init(module: IL.Module) {
        self.init(module: module, runtime: ModuleRuntime(module: module))
    }
}
