import IL

/// Which methods an image needs: the entry point and every method of the module it can call.
///
/// The scan works on IL (`call` operands resolved with `Module.resolveMethod`),
/// before anything is compiled, so the set does not depend on what the JIT
/// inlines or removes. External calls (runtime helpers) are not methods of the module.
enum Reachability {
    /// The reachable methods with their module indices, in module order.
    static func methods(from entry: MethodDef, in module: IL.Module) -> [(index: Int, method: MethodDef)] {
        let all = module.allMethods
        var indexOf: [ObjectIdentifier: Int] = [:]
        for (i, m) in all.enumerated() { indexOf[ObjectIdentifier(m)] = i }
        var seen: Set<Int> = []
        var work: [MethodDef] = [entry]
        if let i = indexOf[ObjectIdentifier(entry)] { seen.insert(i) }
        while let m = work.popLast() {
            for ins in m.body where ins.opcode == .call {
                guard case .method(let ref) = ins.operand, module.isLocalOwner(ref.owner),
                      let callee = module.resolveMethod(ref), let i = indexOf[ObjectIdentifier(callee)] else { continue }
                if seen.insert(i).inserted { work.append(callee) }
            }
        }
        return seen.sorted().map { ($0, all[$0]) }
    }
}
