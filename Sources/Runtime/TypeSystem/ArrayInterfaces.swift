import Diagnostics
import IL

extension TypeSystem {
    /// Gives the array type `t` (of `element`) the interfaces `IEnumerable<element>` and `IEnumerable`.
    ///
    /// As in CoreCLR, arrays implement the generic collection interfaces without any method of their
    /// own: the interface map points at methods of CoreLib's `SZArrayHelper<T>`, written as instance
    /// methods whose `this` is in fact the array. That is what lets `foreach` over an
    /// `IEnumerable<T>` (and `isinst`/`castclass` to it) accept an array. The model implements the
    /// enumeration interfaces only (not ICollection<T>/IList<T>).
    func addArrayInterfaces(_ t: RuntimeType, element: RuntimeType) throws {
        guard let helperDef = coreLib.type(named: "System.SZArrayHelper`1"),
              let sequenceDef = coreLib.type(named: "System.Collections.Generic.IEnumerable`1") else { return }
        let at = helperDef.location
        let helper = try load(helperDef, in: coreLib, instantiation: [element], at: at)
        let sequence = try load(sequenceDef, in: coreLib, instantiation: [element], at: at)
        let plain = try coreType("System.Collections.IEnumerable")
        func impl(_ name: String) throws -> RuntimeMethod {
            guard let def = helperDef.methods.first(where: { $0.name == name }) else {
                throw Diagnostic(.internalError, at: at, "SZArrayHelper has no method '\(name)'")
            }
            return try method(def, on: helper, instantiation: [], at: at)
        }
        t.interfaces = [sequence, plain]
        t.interfaceImpls = [[try impl("GetEnumerator")], [try impl("GetEnumeratorNonGeneric")]]
    }
}
