import Diagnostics
import IL

/// Runtime async: struct arguments passed by reference get a frame copy.
///
/// On arm64 a struct argument larger than 16 bytes arrives as the address of the caller's copy
/// (`ABI.StructPassing.byReference`). An async method may run on after its caller has
/// returned (a suspension returns to the caller), so that address must not be used past
/// the first await, and a byref can never be saved in a continuation anyway. As RyuJIT
/// does for implicit byrefs it cannot promote, the method copies such an argument into a
/// struct temp of its own on entry; every `ldarg` / `starg` / `ldarga` of it then names the
/// temp, which a suspension saves and a resumption reloads like any other struct local.
enum ImportAsyncArguments {
    /// Creates the copies (before importation): the argument number -> the temp standing for it.
    static func prepare(_ c: Compiler) {
        guard c.async.isAsync else { return }
        for v in c.locals where v.isParam && v.isImplicitByRef {
            guard let h = v.classHandle else { continue }
            c.implicitByRefCopies[v.num] = c.newStructTemp(h, reason: "async copy of \(v.displayName)")
        }
    }
}

