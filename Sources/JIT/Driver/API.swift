import Foundation
import Diagnostics
import IL

/// A target architecture of the model JIT.
public enum Arch: String, CaseIterable, Sendable, Hashable {
    case x64
    case arm64

    /// The name used in the listing header: `; Emitting BLENDED_CODE for X64 - Unix`.
    public var headerName: String {
        switch self {
        case .x64: "X64 - Unix"
        case .arm64: "generic ARM64"
        }
    }
}

/// What to compile: a method of a module, named as chapters name it.
///
/// `Namespace.Class::Name`, optionally with a parenthesised parameter list to pick
/// an overload (`Program::Add(int32,int32)`), and optionally a variant suffix such
/// as `[async]` or `[thunk]` (async variants arrive with the runtime-async issue).
public struct MethodSelector: Hashable, Sendable, CustomStringConvertible {
    /// `Namespace.Class` (nested types joined with `/` or `+`); empty for global methods.
    public var typeName: String
    public var methodName: String
    /// Parameter types as written (`int32`, `native int` ...), nil when not given.
    public var parameters: [String]?
    /// Variant suffix without brackets, nil for the ordinary method.
    public var variant: String?

    public init(typeName: String, methodName: String, parameters: [String]? = nil, variant: String? = nil) {
        self.typeName = typeName
        self.methodName = methodName
        self.parameters = parameters
        self.variant = variant
    }

    /// Parses `Ns.Class::Name(sig)[variant]`.
    public static func parse(_ text: String, at location: SourceLocation) throws -> MethodSelector {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var variant: String?
        if rest.hasSuffix("]"), let open = rest.lastIndex(of: "[") {
            variant = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
            rest = rest[..<open]
        }
        var params: [String]?
        if rest.hasSuffix(")"), let open = rest.firstIndex(of: "(") {
            let inner = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            params = inner.isEmpty ? [] : inner.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            rest = rest[..<open]
        }
        guard let sep = rest.range(of: "::") else {
            throw Diagnostic(.chapter, at: location, "method '\(text)' must be written as Type::Method")
        }
        let typeName = String(rest[..<sep.lowerBound])
        let methodName = String(rest[sep.upperBound...])
        guard !methodName.isEmpty else {
            throw Diagnostic(.chapter, at: location, "method '\(text)' has an empty method name")
        }
        return MethodSelector(typeName: typeName, methodName: methodName, parameters: params, variant: variant)
    }

    public var description: String {
        var s = "\(typeName)::\(methodName)"
        if let p = parameters { s += "(\(p.joined(separator: ",")))" }
        if let v = variant { s += "[\(v)]" }
        return s
    }
}

/// The result of compiling one method: its listing, its code bytes and the IR dumps asked for.
public struct CompiledMethod: Sendable {
    /// The JitDisasm-style listing (DESIGN §3), ending with a newline.
    public var listing: String
    /// The encoded machine code.
    public var code: [UInt8]
    /// Read-only data placed at the method's data address (jump tables).
    public var data: [UInt8]
    /// IR dumps after the requested phases, keyed by phase.
    public var dumps: [Phase: String]
    /// Which IL each instruction of the listing (and each node of the dumps) came from.
    public var debugInfo: MethodDebugInfo
    /// The method's PerfScore (the sum of the listing's group figures), also without a listing.
    public var perfScore: Double
    /// Seconds each phase of the table took, then the emitter's under `nil` (`jitbook bench`'s
    /// per-phase rows, like RyuJIT's JitTimeLogFile).
    public var phaseSeconds: [(phase: Phase?, seconds: Double)] = []

    public init(listing: String, code: [UInt8], data: [UInt8] = [], dumps: [Phase: String],
                debugInfo: MethodDebugInfo = MethodDebugInfo(), perfScore: Double = 0) {
        self.listing = listing
        self.code = code
        self.data = data
        self.dumps = dumps
        self.debugInfo = debugInfo
        self.perfScore = perfScore
    }
}

extension Duration {
    /// The duration in seconds, as a Double (phase times, the bench's timings).
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
