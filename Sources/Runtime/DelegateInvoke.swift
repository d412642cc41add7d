import IL
import JIT

/// Which delegate `Invoke` signatures the runtime's Invoke stub can call.
///
/// A delegate's Invoke is runtime-implemented by one assembly stub (delegates.c) that receives
/// the call in the managed convention and tail-jumps to the code address `ldftn` stored: for
/// an instance target it replaces the delegate (the first argument) with the target; for a
/// static method it shifts the integer argument registers down by one, like CoreCLR's shuffle
/// thunks. The shift is exact only while every argument is in an integer register, so the
/// model accepts signatures of integers, references, byrefs and structs of at most 16 bytes,
/// six words in all counting the delegate and an x64 return buffer (x64 has six argument
/// registers; arm64 passes the buffer in x8), with any result. Floating-point arguments travel in
/// their own registers (xmm0-xmm7 / v0-v7), which the stub does not touch and the multicast stub
/// saves and restores like the integer ones: up to eight of them, and a float32/float64 result.
/// Anything else (a struct argument over 16 bytes, more words, a ninth floating-point argument)
/// is a located compile-time error at the call site rather than a silently wrong call.
public enum DelegateInvoke {
    /// Argument words the stub can shift, the delegate included.
    public static let maxWords = 6
    /// Floating-point arguments the stubs pass in registers.
    public static let maxFloatingArguments = 8

    /// Why `m` (a delegate's Invoke) cannot go through the stub; nil when it can.
    public static func rejection(of m: RuntimeMethod) -> String? {
        var total = 1
        var floating = 0
        for (i, p) in m.def.parameters.enumerated() {
            let type = m.parameters.indices.contains(i) ? m.parameters[i] : nil
            if Self.isFloating(p.type, type) {
                floating += 1
                if floating > maxFloatingArguments {
                    return "parameter \(i + 1) is its \(floating)th floating-point argument; the Invoke stub passes at most \(maxFloatingArguments)"
                }
                continue
            }
            guard let w = Self.words(of: p.type, type) else {
                let shown = type?.name ?? "\(p.type)"
                return "parameter \(i + 1) ('\(shown)') is not passed in registers (a struct over 16 bytes)"
            }
            total += w
        }
        // A struct over 16 bytes comes back through a buffer: one more argument word on x64.
        if let t = m.returnType, t.isValueType, t.primitive == nil, t.instanceSize > 16 { total += 1 }
        if total > maxWords {
            return "its arguments take \(total) words with the delegate; the Invoke stub passes at most \(maxWords)"
        }
        return nil
    }

    /// True for float32/float64 (the floating-point argument registers).
    static func isFloating(_ sig: TypeSig, _ type: RuntimeType?) -> Bool {
        switch sig {
        case .float32, .float64: return true
        case .modified(let t, _): return isFloating(t, type)
        default: return type?.primitive?.isFloating ?? false
        }
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
