import Diagnostics

/// The verifier's rules for protected regions and their handlers (ECMA-335 I.12.4.2.8).
///
/// Control may enter a `.try` block only at its first instruction and a handler
/// never from outside (the runtime enters it); `endfinally` belongs to finally and
/// fault handlers, `endfilter` to filter blocks, and `ret` may not leave a finally or fault handler. A `ret` inside a
/// `.try` block or a catch handler is accepted, as CoreCLR's importer accepts it.
extension VerifierRun {
    /// Checks the clause table itself: ranges inside the body, non-empty, try and handler disjoint.
    mutating func checkClauses() {
        let count = body.count
        for c in method.exceptionClauses {
            let ok = 0 <= c.tryStart && c.tryStart < c.tryEnd && c.tryEnd <= count
                && 0 <= c.handlerStart && c.handlerStart < c.handlerEnd && c.handlerEnd <= count
                && (c.tryEnd <= c.handlerStart || c.handlerEnd <= c.tryStart)
            if !ok {
                diagnostics.append(Diagnostic(.invalidIL, at: method.location,
                                              "exception clause of method '\(method.name)' has an empty, overlapping or out-of-range block"))
            }
            // A filter block lies right before its handler, outside the `.try` block.
            if let f = c.filterRange, f.isEmpty || f.lowerBound < 0 || (c.tryStart..<c.tryEnd).overlaps(f) {
                diagnostics.append(Diagnostic(.invalidIL, at: method.location,
                                              "filter block of method '\(method.name)' is empty or overlaps its '.try' block"))
            }
        }
    }

    /// Reports a transfer from instruction `source` to `target` that enters a region from outside.
    mutating func checkEntry(from source: Int, to target: Int, fallingThrough: Bool = false) {
        guard target >= 0 && target < body.count, !method.exceptionClauses.isEmpty else { return }
        for c in method.exceptionClauses {
            let inTry = (c.tryStart..<c.tryEnd).contains(target), fromTry = (c.tryStart..<c.tryEnd).contains(source)
            if inTry && !fromTry && target != c.tryStart {
                report(source, "branch into a '.try' block from outside it (only its first instruction can be a target)")
            }
            let inHandler = (c.handlerStart..<c.handlerEnd).contains(target)
            if inHandler && !(c.handlerStart..<c.handlerEnd).contains(source) {
                report(source, fallingThrough ? "control falls into a handler from outside it"
                                              : "branch into a handler from outside it")
            }
            if let f = c.filterRange, f.contains(target), !f.contains(source) {
                report(source, fallingThrough ? "control falls into a filter block from outside it"
                                              : "branch into a filter block from outside it")
            }
        }
    }

    /// `endfinally` only inside a finally or fault handler; `ret` never inside one.
    mutating func checkPlacement(_ i: Int) {
        func inHandler(_ c: ExceptionClause) -> Bool { (c.handlerStart..<c.handlerEnd).contains(i) }
        switch body[i].opcode {
        case .endfinally:
            let ok = method.exceptionClauses.contains { c in
                guard inHandler(c) else { return false }
                switch c.kind {
                case .catch, .filter: return false
                case .finally, .fault: return true
                }
            }
            if !ok { report(i, "'endfinally' outside a finally or fault handler") }
        case .ret:
            // CoreCLR accepts `ret` in a catch handler (dotnet/runtime's IL tests use it); never in a finally.
            let inFinally = method.exceptionClauses.contains { c in
                guard inHandler(c) else { return false }
                switch c.kind {
                case .catch, .filter: return false
                case .finally, .fault: return true
                }
            }
            if inFinally { report(i, "'ret' inside a finally or fault handler; use 'endfinally'") }
        case .endfilter:
            if !method.exceptionClauses.contains(where: { $0.filterRange?.contains(i) ?? false }) {
                report(i, "'endfilter' outside a filter block")
            }
        default:
            break
        }
    }
}
