import IL
import JIT

/// Which delegate `Invoke` signatures the runtime's forwarder can call.
///
/// A delegate's Invoke is runtime-implemented: the C runtime (delegates.c) receives the
/// delegate and the arguments in the managed calling convention and calls the code address
/// `ldftn` stored, with the target first for an instance method or without it for a static
/// one. It forwards the argument *registers* as opaque 8-byte words and hands back both
/// return registers, so it is exact for any signature whose arguments all travel in integer
/// registers and whose result comes back in rax:rdx / x0:x1: integers, references, byrefs
/// and structs of at most 16 bytes, six words in all counting the delegate (the number of
/// argument registers x64 has, so no argument is on the stack on either target). Anything
/// else (floating point, larger structs, more words) is a located compile-time error at the
/// call site rather than a silently wrong call.
public enum DelegateInvoke {
    /// Argument words the forwarder passes on, the delegate included.
    public static let maxWords = 6

    /// Why `m` (a delegate's Invoke) cannot go through the forwarder; nil when it can.
    public static func rejection(of m: RuntimeMethod) -> String? {
        var total = 1
        for (i, p) in m.def.parameters.enumerated() {
            guard let w = Self.words(of: p.type, m.parameters.indices.contains(i) ? m.parameters[i] : nil) else {
                let shown = m.parameters.indices.contains(i) ? (m.parameters[i]?.name ?? "\(p.type)") : "\(p.type)"
                return "parameter \(i + 1) ('\(shown)') is not passed in integer registers (floating point or a struct over 16 bytes)"
            }
            total += w
        }
        if total > maxWords {
            return "its arguments take \(total) words with the delegate; the forwarder passes at most \(maxWords)"
        }
        if m.returnSig != .void {
            guard let w = Self.words(of: m.returnSig, m.returnType), w <= 2 else {
                return "its result ('\(m.returnType?.name ?? "\(m.returnSig)")') is not returned in integer registers"
            }
        }
        return nil
    }

    /// Integer-register words a value of this type takes; nil when it does not travel in them.
    static func words(of sig: TypeSig, _ type: RuntimeType?) -> Int? {
        switch sig {
        case .float32, .float64, .typedref: return nil
        case .byref, .pointer: return 1
        case .modified(let t, _): return words(of: t, type)
        default: break
        }
        guard let t = type else { return nil }
        if let p = t.primitive { return p == .float || p == .double ? nil : 1 }
        guard t.isValueType else { return 1 }
        let size = t.instanceSize
        return size <= 8 ? 1 : size <= 16 ? 2 : nil
    }
}
