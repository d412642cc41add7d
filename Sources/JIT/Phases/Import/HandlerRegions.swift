import Diagnostics
import IL

/// The protected regions of a method with exception clauses, as the handler-record model sees them.
///
/// A region is one `.try` range with its handlers: catch and filter clauses (tested in table
/// order), or one finally, or one fault. Every region of a non-async method gets a *handler record* in its
/// frame (see `HandlerRecordMarker`): the JIT links it when control enters the `.try` and unlinks
/// it on every exit; the runtime's throw takes the newest record and resumes at the region's
/// landing pad, which tests the catch types or runs the finally/fault before throwing on.
struct HandlerRegion: Sendable {
    enum Kind: Sendable, Equatable {
        case catches
        case finally
        case fault
    }

    /// Position in `HandlerRegions.all` (its record and exception locals are keyed by it).
    var id: Int
    var tryRange: Range<Int>
    var kind: Kind
    /// The region's clauses, in table order (one for finally and fault).
    var clauses: [ExceptionClause]

    /// Handler ranges of the catch clauses.
    var handlerRanges: [Range<Int>] { clauses.map { $0.handlerStart..<$0.handlerEnd } }

    /// True when one of the clauses is a filter (the runtime's first pass cannot tell: "maybe").
    var hasFilter: Bool { clauses.contains { $0.filterRange != nil } }

    /// The catch types, in clause order (empty for finally and fault; filters have none).
    var catchTypes: [TypeSig] {
        clauses.compactMap { c in
            if case .catch(let t) = c.kind { return t }
            return nil
        }
    }
}

/// What a synthetic `nop` of the rewritten IL stands for (`Compiler.handlerMarkers`, by instruction index).
enum HandlerRecordMarker: Sendable, Equatable {
    /// `exception = CORINFO_HELP_EH_PUSH(&record, catch type)`, then the exception is pushed: null on
    /// the way in, the thrown object when the runtime resumes here (the following `brtrue` goes to the pad).
    case push(region: Int)
    /// `CORINFO_HELP_EH_POP(&record)`: the region's `.try` is left, the list head becomes record.prev.
    case pop(region: Int)
    /// Pushes the region's exception object (pads, catch handler entries, `rethrow`).
    case exception(region: Int)
}

enum HandlerRegions {
    /// Groups `method`'s clauses into regions (same `.try` range = same region), inner ones first
    /// as the clause table lists them. A `.try` with both catch and finally/fault clauses is rejected.
    static func build(_ method: MethodDef) throws -> [HandlerRegion] {
        var regions: [HandlerRegion] = []
        for clause in method.exceptionClauses {
            let range = clause.tryStart..<clause.tryEnd
            let kind: HandlerRegion.Kind
            switch clause.kind {
            case .catch, .filter: kind = .catches
            case .finally: kind = .finally
            case .fault: kind = .fault
            }
            if let i = regions.firstIndex(where: { $0.tryRange == range && $0.kind == .catches && kind == .catches }) {
                regions[i].clauses.append(clause)
                continue
            }
            if regions.contains(where: { $0.tryRange == range }) {
                let at = method.body.indices.contains(clause.handlerStart) ? method.body[clause.handlerStart].location : method.location
                throw Diagnostic(.unsupported, at: at,
                                 "a .try block with both catch and finally/fault handlers is not supported yet (nest two .try blocks)")
            }
            regions.append(HandlerRegion(id: regions.count, tryRange: range, kind: kind, clauses: [clause]))
        }
        return regions
    }
}
