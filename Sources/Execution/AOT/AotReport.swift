import JIT
import Runtime

extension AotImage {
    /// The text `jitbook aot` prints and `aot` chapter blocks expect: the dependency graph, the
    /// method entry fixups (indirection cells), the helper fixups and the problems found.
    /// Deterministic: compile order, first-use order, fixed addresses.
    public var report: String {
        let shape = numbering == .after ? "as JIT helpers (JitAsyncContextHelpers=1)" : "through method handles (JitAsyncContextHelpers=0)"
        var out = "; ReadyToRun image of module \(module) for \(arch == .x64 ? "X64" : "ARM64"): async context calls \(shape)\n"
        out += "; version bubble: \(module) and the model CoreLib; helper ids \(numbering == .after ? "after" : "before") dotnet/runtime #125079\n"
        // The module's methods in full; the methods they pull in by name; the rest as a count.
        let rootNodes = nodes.filter { $0.addedBy == nil }
        let rootNames = Set(rootNodes.map(\.name))
        let direct = nodes.filter { $0.addedBy.map(rootNames.contains) ?? false }
        out += "\n; dependency graph: \(nodes.count) methods compiled: \(rootNodes.count) of the module, "
        out += "\(direct.count) whose entry points the module's code asks for, \(nodes.count - rootNodes.count - direct.count) reached from those\n"
        for n in rootNodes {
            out += n.name + "\n"
            if let f = n.failure { out += "    not compiled: \(f)\n" }
            for e in n.edges {
                switch e {
                case .methodEntry(let name, _, let compiled):
                    out += "    method entry  \(name)\(compiled ? "" : "    ; no IL: bound to the runtime")\n"
                case .helper(let h):
                    out += "    helper        \(Helpers.helper(h).name)\n"
                }
            }
        }
        out += "\n; compiled because the module's code asks for their entry points:\n"
        for n in direct where !rootNames.contains(n.name) { out += "    \(n.name)\n" }
        let moduleImage = AotImage(module: module, arch: arch, numbering: numbering, nodes: rootNodes)
        let cells = moduleImage.entryFixups
        out += "\n; method entry fixups of the module's code: \(cells.count) indirection cells (\(entryFixups.count) in the image), each bound by the delay-load stub on first use\n"
        for c in cells { out += "    [\(DelayLoadModel.hex(c.cell))]  \(c.name)\n" }
        let helpers = moduleImage.helperFixups
        out += "\n; helper fixups of the module's code: \(helpers.count) (\(helperFixups.count) in the image)\n"
        for h in helpers {
            let name = Helpers.helper(h).name
            if let r = ReadyToRunHelpers.id(of: h, numbering) {
                out += "    \(DelayLoadModel.hex16(r.id))  \(r.name)  \(name)\n"
            } else {
                out += "    model helper \(Helpers.helper(h).id)  \(name)\n"
            }
        }
        out += "\n; problems: \(problems.isEmpty ? "none" : String(problems.count))\n"
        for p in problems { out += p }
        return out
    }
}
