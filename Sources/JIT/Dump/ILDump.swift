import IL

/// The dump of phase `il`: the IL the method is compiled from, in ilasm syntax.
///
/// For a method written in the module that is its body; for a method the runtime
/// synthesized (the task-returning thunk of an async method, the async callable thunk of an
/// ordinary Task-returning method, the entry wrapper of an async Main) it is the synthesized
/// IL, printed from the definition the JIT really imports, so a chapter's `ir il` block
/// checks the thunk's IL the way `asm` blocks check listings.
enum ILDump {
    static func text(_ c: Compiler) -> String {
        var out = "*************** IL of \(c.displayName)\n"
        if c.isAsyncVersion {
            out += "// async version: the method's own IL, compiled as an async method (JitAsyncVersions=1)\n"
        } else if let origin = synthesizedKind(c) {
            out += "// synthesized by the runtime: \(origin)\n"
        }
        return out + ILPrinter.text(of: c.method)
    }

    /// What the runtime synthesized this method as, or nil when its IL is written in the module.
    static func synthesizedKind(_ c: Compiler) -> String? {
        guard let h = c.methodHandle, c.runtime.synthesizedIL(of: h) != nil else { return nil }
        if c.runtime.methodInfo(h).attribs.contains(.asyncVariant) { return "async callable thunk" }
        if c.method.name == "<Main>$" { return "entry wrapper of an async Main" }
        return "task-returning thunk"
    }
}
