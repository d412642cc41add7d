/// A position in a source file, 1-based line and column.
///
/// Every diagnostic jitbook prints points at one of these so that editors and
/// readers can jump straight to the offending IL token or chapter block.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// Line and column are stored as 32-bit numbers (a location is 24 bytes, not 32): every
    /// parsed instruction and many IR nodes carry one. A number past `Int32.max` (a text of more
    /// than 2 GiB) is clamped rather than trapping.
    private var storedLine: Int32
    private var storedColumn: Int32

    /// 1-based line.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    /// 1-based column.
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.storedLine = Int32(clamping: line)
        self.storedColumn = Int32(clamping: column)
    }

    /// `file:line:col`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }

    /// A location for generated code that has no source text.
    public static func synthetic(_ what: String) -> SourceLocation {
        SourceLocation(file: "<\(what)>", line: 1, column: 1)
    }
}

/// What went wrong, by category.
///
/// The kind lets tests assert on the class of error without matching prose,
/// and lets the CLI pick an exit code.
public enum DiagnosticKind: String, Sendable, CaseIterable {
    /// Lexical or syntactic error in IL source.
    case syntax
    /// A name (label, method, type, local, phase, knob) that does not resolve.
    case undefined
    /// IL that is well formed but invalid: stack underflow, type mismatch, bad operand.
    case invalidIL
    /// IL the model JIT does not support yet.
    case unsupported
    /// A malformed chapter block: bad info string, unknown key or architecture.
    case chapter
    /// Bad command-line or configuration input (unknown knob, bad value).
    case config
    /// A failure of the host environment (I/O, a missing tool).
    case environment
    /// An internal invariant failed; a bug in jitbook.
    case internalError
}

/// Severity of a diagnostic.
public enum Severity: String, Sendable {
    case error
    case warning
    case note
}

/// One diagnostic: a kind, a location and a message.
///
/// Printed as `file:line:col: error: message`, the format every consumer of
/// jitbook's output (terminal, site, tests) relies on.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var kind: DiagnosticKind
    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ kind: DiagnosticKind, at location: SourceLocation, _ message: String,
                severity: Severity = .error) {
        self.kind = kind
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `file:line:col: error: message`.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Several diagnostics thrown together, e.g. every error found in one IL file.
///
/// Parsers keep going after an error where they can, so a reader sees all
/// problems at once; this is the error they throw at the end.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Error {
    /// The diagnostics carried by an error, or one internal-error diagnostic if it carries none.
    ///
    /// Lets top-level code print any error in the uniform `file:line:col:` format.
    public func diagnostics(defaultLocation: SourceLocation) -> [Diagnostic] {
        if let d = self as? Diagnostic { return [d] }
        if let l = self as? DiagnosticList { return l.diagnostics }
        return [Diagnostic(.internalError, at: defaultLocation, "\(self)")]
    }
}
