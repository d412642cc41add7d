import Diagnostics
import IL

/// The method's entry block: work that must happen once, before the first IL instruction,
/// even when a loop branches back to IL offset 0.
///
/// - The class-initialization check of a static method or constructor of a class without
///   `beforefieldinit` (ECMA-335 II.10.5.3: such a class initializes before its first static
///   method or constructor runs), a CORINFO_HELP_INITCLASS call.
/// - The checks for the `beforefieldinit` classes whose static fields the method touches: such a
///   class may initialize at any time before the first access, and initializing when the method
///   that first touches it starts is what mono does (it runs them when it compiles that method),
///   so programs compared with mono print the same. A precise class is checked at the access.
/// - Runtime async: the frame copy of each by-reference struct argument (ImportAsyncArguments).
extension BlockImporter {
    /// Prepends the entry block (after importation: it is not an IL block, so no branch can reach it).
    func insertEntryBlock() {
        let inits = (entryClassInitializer().map { [$0] } ?? []) + c.entryClassInits
        guard !inits.isEmpty || !c.implicitByRefCopies.isEmpty, let first = c.blocks.first else { return }
        let entry = c.newBlock(kind: .fallthrough_, ilStart: 0, ilEnd: 0)
        entry.weight = first.weight
        block = entry
        statementStart = 0
        for ci in inits { append(classInitCall(ci)) }
        for (arg, temp) in c.implicitByRefCopies.sorted(by: { $0.key < $1.key }) {
            let size = c.locals[temp].structSize
            append(blockCopy(to: localAddress(temp), from: c.localRead(arg), size: size))
        }
        c.blocks.insert(entry, at: 0)
        c.renumberBlocks()
    }

    /// The initializer a static field of class `owner` needs before its access. None inside the
    /// class's own `.cctor` (it runs with the class already marked initialized), nor in any other
    /// method of a precise class that implies the check already ran: its static methods and
    /// constructors check on entry, and an instance method of a class runs on an object one of
    /// those constructors made. (A struct's instance methods can run on a default value, and a
    /// `beforefieldinit` class's constructors do not check: their accesses still trigger it.)
    func fieldClassInitializer(_ owner: ClassHandle) -> ClassInitializer? {
        guard let ci = c.runtime.classInitializer(of: owner) else { return nil }
        guard let h = c.methodHandle else { return ci }
        if h == ci.cctor { return nil }
        let ownMethod = c.runtime.methodInfo(h).owner == owner
        let impliesInit = c.method.isStatic || c.method.name == ".ctor" || c.runtime.classInfo(owner).kind != .valueType
        return ci.isPrecise && ownMethod && impliesInit ? nil : ci
    }

    /// The check for a static field access: for a precise class, a statement before the current
    /// instruction; for a `beforefieldinit` class, one in the entry block. A class constructor may write any
    /// static field, so values on the IL stack that read memory are evaluated first (spilled), as
    /// well as those with side effects.
    func appendClassInit(_ ci: ClassInitializer) {
        if !ci.isPrecise {
            if !c.entryClassInits.contains(ci) { c.entryClassInits.append(ci) }
            return
        }
        spill(where: { $0.hasSideEffects || $0.contains { $0.oper == .ind } }, reason: "spill before class init")
        append(classInitCall(ci))
    }

    /// `CORINFO_HELP_INITCLASS(cctor)`; the `.cctor` is reported so that the image contains it.
    func classInitCall(_ ci: ClassInitializer) -> Node {
        c.runtime.reportReference(ci.cctor)
        let name = c.runtime.methodInfo(ci.cctor).displayName
        return helperCall(.initClass, .void, [handleConstant(ci.codeAddress, comment: name)])
    }

    /// The initializer this method must trigger on entry: static methods and instance
    /// constructors of a class without `beforefieldinit`, except its `.cctor`.
    private func entryClassInitializer() -> ClassInitializer? {
        guard let h = c.methodHandle else { return nil }
        let owner = c.runtime.methodInfo(h).owner
        guard let ci = c.runtime.classInitializer(of: owner), ci.isPrecise, ci.cctor != h else { return nil }
        guard c.method.isStatic || c.method.name == ".ctor" else { return nil }
        return ci
    }
}
