/// One exception-handling clause of a method body: a protected range and its handler.
///
/// Ranges are half-open intervals of instruction indices into `MethodDef.body`
/// (not byte offsets), so the JIT can map them to basic blocks directly; the IL
/// offsets are available through the instructions' `offset`.
public struct ExceptionClause: Hashable, Sendable {
    /// What kind of handler the clause has.
    public enum Kind: Hashable, Sendable {
        /// `catch TYPE { ... }`: entered with the exception object on the stack.
        case `catch`(TypeSig)
        /// `finally { ... }`: runs on every exit, ends with `endfinally`.
        case finally
        /// `fault { ... }`: runs only when an exception leaves the try, ends with `endfinally`.
        case fault
        /// `filter { ... } { ... }`: the filter block (from this instruction index to `handlerStart`)
        /// gets the exception object and ends with `endfilter`, whose int32 says whether the
        /// handler that follows it takes the exception (non-zero) or the search goes on (zero).
        case filter(Int)
    }

    /// The filter block's range, for a filter clause.
    public var filterRange: Range<Int>? {
        if case .filter(let start) = kind { return start..<handlerStart }
        return nil
    }

    public var kind: Kind
    /// First instruction of the protected block.
    public var tryStart: Int
    /// One past the last instruction of the protected block.
    public var tryEnd: Int
    /// First instruction of the handler.
    public var handlerStart: Int
    /// One past the last instruction of the handler.
    public var handlerEnd: Int

    public init(kind: Kind, tryStart: Int, tryEnd: Int, handlerStart: Int, handlerEnd: Int) {
        self.kind = kind
        self.tryStart = tryStart
        self.tryEnd = tryEnd
        self.handlerStart = handlerStart
        self.handlerEnd = handlerEnd
    }
}
