import Diagnostics
import JIT
import Runtime

/// The generic-virtual descriptors of an image (Runtime/TypeSystem/GenericVirtual.swift): for each
/// instantiated generic virtual method some call site looks up, the implementation for each
/// constructed class that has it (a boxed value type's through an unboxing stub, as its vtable and
/// interface slots are: its code expects `this` to point at the value, past the method table). Built to a fixed point with the rest of the image: a new call
/// site or a new constructed class adds implementations to compile, whose code may add more.
struct GenericVirtualTables {
    /// Per call-site method, in the runtime's order: (class, implementation) pairs.
    private(set) var pairs: [(site: RuntimeMethod, impls: [(type: RuntimeType, method: RuntimeMethod)])] = []
    private var done: Set<String> = []
    private var sitesSeen = 0
    private var constructedSeen = 0

    /// True when sites or constructed classes were added since the last update.
    func isStale(_ runtime: ModuleRuntime) -> Bool {
        sitesSeen < runtime.genericVirtualSites.count || constructedSeen < runtime.constructedClasses.count
    }

    /// Pairs every site with every constructed class not paired yet; returns the implementations
    /// to compile.
    mutating func update(_ runtime: ModuleRuntime, _ types: TypeSystem) throws -> [RuntimeMethod] {
        guard isStale(runtime) else { return [] }
        while pairs.count < runtime.genericVirtualSites.count, let m = runtime.runtimeMethod(runtime.genericVirtualSites[pairs.count]) {
            pairs.append((m, []))
        }
        var found: [RuntimeMethod] = []
        for k in pairs.indices {
            for cls in runtime.constructedClasses {
                guard let t = runtime.runtimeType(cls), done.insert("\(pairs[k].site.id):\(t.id)").inserted else { continue }
                if let impl = try types.genericVirtualImplementation(of: pairs[k].site, on: t) {
                    pairs[k].impls.append((t, impl))
                    found.append(impl)
                }
            }
        }
        sitesSeen = runtime.genericVirtualSites.count
        constructedSeen = runtime.constructedClasses.count
        return found
    }

    /// The implementations on value types, which need unboxing stubs, in descriptor order.
    var valueTypeImplementations: [RuntimeMethod] {
        pairs.flatMap { $0.impls.filter { $0.type.isValueType }.map(\.method) }
    }

    /// One writable segment per descriptor: the cache (method table, code), the pair count, the pairs.
    /// `code` gives the address a pair's class reaches its implementation at.
    func segments(code: (RuntimeType, RuntimeMethod) -> UInt64) throws -> [CodeImage.Segment] {
        try pairs.map { site, impls in
            let capacity = (Int(AddressMap.genericVirtualSlotSize) - 24) / 16
            guard impls.count <= capacity else {
                throw Diagnostic(.unsupported, at: site.def.location,
                                 "'\(site.displayName)' has \(impls.count) implementations, more than its descriptor holds (\(capacity))")
            }
            var words: [UInt64] = [0, 0, UInt64(impls.count)]
            for (t, m) in impls { words += [t.methodTableAddress, code(t, m)] }
            let bytes = words.flatMap { w in (0..<8).map { UInt8(truncatingIfNeeded: w >> UInt64(8 * $0)) } }
            return CodeImage.Segment(address: AddressMap.genericVirtualDescriptor(site.displayName), bytes: bytes,
                                     protection: [.read, .write], name: "generic virtual \(site.displayName)")
        }
    }
}
