import Diagnostics
import IL

/// Protected regions: the IL the importer reads for a method with exception clauses.
///
/// The model has no unwinder and no funclets. Instead each `.try` region gets a *handler record*
/// (HandlerRegions.swift), like setjmp-based exception handling: linked when control enters the
/// `.try`, unlinked on each exit, and used by the runtime's throw to resume at the region's
/// landing pad. The rewrite is done on the IL, with synthetic `nop`s standing for the record
/// operations (`HandlerRecordMarker`, imported by `BlockImporter`):
///
/// ```text
///  .try entry (branches from outside go here):  nop<push R> ; brtrue PAD_R ; <try body>
///  leave L   exiting regions R1 (inner) .. Rn:   leave +1 ; nop<pop R1> ; F1' ; ... ; nop<pop Rn> ; Fn' ; br L
///  ret       inside regions R1 .. Rn:            nop<pop R1> ; F1' ; ... ; ret   (value stays on the stack)
///  PAD_R (catch T1..Tk):  nop<ex R> isinst T1 brtrue C1 ... nop<ex R> throw ; C1: nop<ex R> <handler 1> ...
///         (filter k):     nop<ex R> <filter k, its endfilter a brtrue Ck> ...  (in clause order with the catches)
///  PAD_R (finally/fault): F' ; nop<ex R> throw
///  rethrow (in a catch of R):                    nop<ex R> ; throw
///  Fk'       = a copy of the finally's code, its endfinally a branch to what follows the copy
/// ```
///
/// A finally so runs on normal exits (one copy per exit path, as RyuJIT's finally cloning does)
/// and on the exceptional path (one more copy in the pad). Async methods use the same records: at
/// an await inside a `.try` the suspension unlinks the records `Result.linked` names and the
/// resumption links them again (AsyncCode). `recordsEnabled == false` (tests only) shows the
/// shape without records: catch and fault handlers left out, finally only on normal exits.
enum FinallyCloning {
    /// The rewritten body, the marker of each synthetic `nop`, and notes for the `import` dump.
    struct Result {
        var body: [Instruction]
        var markers: [Int: HandlerRecordMarker]
        var regions: [HandlerRegion]
        var notes: [String]
        /// Per output index of a `call`: the records linked there, outermost first (for awaits:
        /// what a suspension unlinks and a resumption links again).
        var linked: [Int: [LinkedRecord]]
    }

    /// A record linked at some point of the rewritten body: its region and the output index of
    /// the landing pad the record's throw resumes at (pads are per copy).
    struct LinkedRecord: Equatable {
        var region: Int
        var pad: Int
    }

    /// Rewrites `method`'s body as described above; the clause table must have passed the verifier.
    static func lower(_ method: MethodDef, recordsEnabled: Bool = true) throws -> Result {
        let regions = try HandlerRegions.build(method)
        var run = Run(method: method, regions: regions, records: recordsEnabled)
        let whole = Context(range: 0..<method.body.count, ownHandler: nil, keepsStack: false)
        try run.emit(whole, depth: 0)
        try run.resolve()
        var notes: [String] = []
        for c in method.exceptionClauses {
            let at = ILPrinter.label(c.handlerStart, in: method) + ".." + ILPrinter.label(c.handlerEnd, in: method)
            switch c.kind {
            case .catch(let t) where !recordsEnabled:
                notes.append("no records: catch \(t) handler \(at) not imported")
            case .fault where !recordsEnabled:
                notes.append("no records: fault handler \(at) not imported")
            case .finally where !recordsEnabled:
                notes.append("no records: finally handler \(at) cloned into the exits of its try block")
            case .catch(let t): notes.append("EH: catch \(t) handler \(at) entered from the landing pad of its try block")
            case .fault: notes.append("EH: fault handler \(at) cloned into the landing pad of its try block")
            case .filter(let f):
                notes.append("EH: filter \(ILPrinter.label(f, in: method)) of handler \(at) run in the landing pad of its try block")
            case .finally: notes.append("EH: finally handler \(at) cloned into the exits and the landing pad of its try block")
            }
        }
        let linked = run.linkedAtCall.mapValues { records in
            records.compactMap { r in run.labels[r.pad].map { LinkedRecord(region: r.region, pad: $0) } }
        }
        return Result(body: run.out, markers: run.markers, regions: regions, notes: notes, linked: linked)
    }

    /// One copy of a range of the original body: the whole method, a finally handler, or a catch handler.
    struct Context {
        var range: Range<Int>
        /// The handler range being copied (nil for the method itself).
        var ownHandler: Range<Int>?
        /// On a `ret` path the return value sits under the finally's own values: `leave` and
        /// `endfinally` become plain branches so it is kept.
        var keepsStack: Bool
        /// Copying a filter block: the label of its handler's entry (its `endfilter` branches there).
        var filterEntry: Int? = nil
    }

    /// Where a branch written in the output should go, resolved once everything is emitted.
    enum Destination {
        /// An original instruction index, in the copy with id `copy`, branched to from original index `from`
        /// (nil: from synthetic code outside every region).
        case original(Int, copy: Int, from: Int?)
        /// An output index.
        case output(Int)
        /// A label (pads, catch handler entries), by label id.
        case label(Int)
    }

    struct Run {
        let method: MethodDef
        let regions: [HandlerRegion]
        let records: Bool
        var out: [Instruction] = []
        var markers: [Int: HandlerRecordMarker] = [:]
        /// Per copy: original instruction index -> output index.
        var maps: [[Int: Int]] = []
        /// Per copy: region id -> output index of its push marker.
        var entries: [[Int: Int]] = []
        /// Per copy: regions whose pads are still to be emitted.
        var pendingPads: [[Int]] = []
        var labels: [Int?] = []
        /// Per copy: the records linked when the copy starts (those of the code it was copied into).
        var bases: [[LinkedRecord]] = []
        /// Output index of each `call` -> the records linked there (pads as label ids until resolved).
        var linkedAtCall: [Int: [LinkedRecord]] = [:]
        var fixups: [(index: Int, to: [Destination])] = []

        init(method: MethodDef, regions: [HandlerRegion], records: Bool) {
            self.method = method
            self.regions = regions
            self.records = records
        }

        /// True when original instruction `i` lies in a handler nested in the range being copied
        /// (every handler, for the method itself).
        func isSkipped(_ i: Int, in ctx: Context) -> Bool {
            method.exceptionClauses.contains { c in
                // A filter block comes right before its handler: both are left out of the code around them.
                let h = (c.filterRange?.lowerBound ?? c.handlerStart)..<c.handlerEnd
                return h.contains(i) && h != ctx.ownHandler
                    && ctx.range.lowerBound <= h.lowerBound && h.upperBound <= ctx.range.upperBound
            }
        }

        /// Regions whose `.try` block contains `from` but not `to` (nil: every one containing `from`),
        /// innermost first. Without records only finally regions count.
        func exitedRegions(from: Int, to: Int?) -> [HandlerRegion] {
            let exited = regions.filter { r in
                guard records || r.kind == .finally else { return false }
                return r.tryRange.contains(from) && !(to.map { r.tryRange.contains($0) } ?? false)
            }
            return exited.sorted { a, b in
                a.tryRange.count != b.tryRange.count ? a.tryRange.count < b.tryRange.count : a.id < b.id
            }
        }

        /// Regions (with records) whose `.try` starts at `i`, outermost first.
        func regionsStarting(at i: Int) -> [HandlerRegion] {
            guard records else { return [] }
            return regions.filter { $0.tryRange.lowerBound == i }.sorted { a, b in
                a.tryRange.count != b.tryRange.count ? a.tryRange.count > b.tryRange.count : a.id > b.id
            }
        }

        /// The innermost region whose catch handler contains `i`.
        func catchRegion(containing i: Int) -> HandlerRegion? {
            regions.filter { $0.kind == .catches && $0.handlerRanges.contains { $0.contains(i) } }
                .min { a, b in
                    let sa = a.handlerRanges.first { $0.contains(i) }?.count ?? 0
                    let sb = b.handlerRanges.first { $0.contains(i) }?.count ?? 0
                    return sa < sb
                }
        }

        mutating func newLabel() -> Int {
            labels.append(nil)
            return labels.count - 1
        }

        mutating func marker(_ m: HandlerRecordMarker, like ins: Instruction) {
            markers[out.count] = m
            out.append(Instruction(offset: ins.offset, opcode: .nop, location: ins.location))
        }

        mutating func emit(_ ctx: Context, depth: Int, base: [LinkedRecord] = []) throws {
            guard depth < 32 else {
                throw Diagnostic(.unsupported, at: method.location, "exception handlers nested too deeply to clone")
            }
            let copy = maps.count
            maps.append([:])
            entries.append([:])
            pendingPads.append([])
            bases.append(base)
            try emitRange(ctx, copy: copy, depth: depth)
            while let r = pendingPads[copy].first {
                pendingPads[copy].removeFirst()
                try emitPad(regions[r], copy: copy, depth: depth)
            }
        }

        /// Appends the instructions of `ctx.range` (less nested handlers) as part of copy `copy`.
        mutating func emitRange(_ ctx: Context, copy: Int, depth: Int) throws {
            for i in ctx.range where !isSkipped(i, in: ctx) {
                let ins = method.body[i]
                for r in regionsStarting(at: i) {
                    entries[copy][r.id] = out.count
                    marker(.push(region: r.id), like: ins)
                    let pad = newLabel()
                    padLabels[copy, default: [:]][r.id] = pad
                    add(ins, .brtrue, to: [.label(pad)])
                    pendingPads[copy].append(r.id)
                }
                maps[copy][i] = out.count
                switch ins.opcode {
                case .leave, .leave_s:
                    guard case .target(let target) = ins.operand else {
                        throw Diagnostic(.invalidIL, at: ins.location, "'\(ins.opcode.rawValue)' needs a branch target")
                    }
                    let exited = exitedRegions(from: i, to: target)
                    if exited.isEmpty {
                        add(ins, ctx.keepsStack ? .br : ins.opcode, to: [.original(target, copy: copy, from: i)])
                    } else {
                        add(ins, ctx.keepsStack ? .br : ins.opcode, to: [.output(out.count + 1)])
                        try exit(exited, for: ins, at: i, copy: copy, keepsStack: ctx.keepsStack, depth: depth)
                        add(ins, .br, to: [.original(target, copy: copy, from: i)])
                    }
                case .endfilter:
                    guard let entry = ctx.filterEntry else {
                        throw Diagnostic(.invalidIL, at: ins.location, "'endfilter' outside a filter block")
                    }
                    // Non-zero: the handler takes the exception; zero: the pad goes on with the next clause.
                    add(ins, .brtrue, to: [.label(entry)])
                case .endfinally where ctx.ownHandler != nil:
                    // Continues after this copy: resolved by the caller, which knows where the copy ends.
                    add(ins, ctx.keepsStack ? .br : .leave, to: [.output(-1)])
                case .ret where ctx.ownHandler == nil || catchRegion(containing: i) != nil:
                    try exit(exitedRegions(from: i, to: nil), for: ins, at: i, copy: copy, keepsStack: true, depth: depth)
                    out.append(ins)
                case .rethrow where records:
                    guard let r = catchRegion(containing: i) else {
                        throw Diagnostic(.invalidIL, at: ins.location, "'rethrow' outside a catch handler")
                    }
                    marker(.exception(region: r.id), like: ins)
                    out.append(Instruction(offset: ins.offset, opcode: .throw_, location: ins.location))
                default:
                    out.append(ins)
                    if ins.opcode == .call || ins.opcode == .callvirt { linkedAtCall[out.count - 1] = linked(at: i, copy: copy) }
                    switch ins.operand {
                    case .target(let t): fixups.append((out.count - 1, [.original(t, copy: copy, from: i)]))
                    case .targets(let ts): fixups.append((out.count - 1, ts.map { .original($0, copy: copy, from: i) }))
                    default: break
                    }
                }
            }
        }

        /// Region id -> pad label, per copy.
        var padLabels: [Int: [Int: Int]] = [:]

        /// The records linked at original instruction `i` of copy `copy`, outermost first: the copy's
        /// base, then the copy's own regions whose `.try` holds `i` (pads as label ids).
        func linked(at i: Int, copy: Int) -> [LinkedRecord] {
            guard records else { return [] }
            let own = regions.filter { $0.tryRange.contains(i) && padLabels[copy]?[$0.id] != nil }
                .sorted { a, b in a.tryRange.count != b.tryRange.count ? a.tryRange.count > b.tryRange.count : a.id > b.id }
            return bases[copy] + own.compactMap { r in padLabels[copy]?[r.id].map { LinkedRecord(region: r.id, pad: $0) } }
        }

        /// The records still linked in the landing pad of region `r` (the throw unlinked r's own).
        func linked(outside r: HandlerRegion, copy: Int) -> [LinkedRecord] {
            linked(at: r.tryRange.lowerBound, copy: copy).filter { l in
                let t = regions[l.region].tryRange
                return bases[copy].contains(l)
                    || (t != r.tryRange && t.lowerBound <= r.tryRange.lowerBound && r.tryRange.upperBound <= t.upperBound)
            }
        }

        /// The landing pad of region `r` in copy `copy` (and, for catches, the handler bodies).
        mutating func emitPad(_ r: HandlerRegion, copy: Int, depth: Int) throws {
            guard let first = r.clauses.first, method.body.indices.contains(first.handlerStart) else { return }
            let at = method.body[first.handlerStart]
            if let pad = padLabels[copy]?[r.id] { labels[pad] = out.count }
            switch r.kind {
            case .finally, .fault:
                let handler = first.handlerStart..<first.handlerEnd
                try runHandlerCopy(handler, for: at, keepsStack: false, depth: depth, base: linked(outside: r, copy: copy))
                marker(.exception(region: r.id), like: at)
                out.append(Instruction(offset: at.offset, opcode: .throw_, location: at.location))
            case .catches:
                var entryLabels: [Int] = []
                for c in r.clauses {
                    let entry = newLabel()
                    entryLabels.append(entry)
                    switch c.kind {
                    case .catch(let t):
                        let ins = method.body[c.handlerStart]
                        marker(.exception(region: r.id), like: ins)
                        out.append(Instruction(offset: ins.offset, opcode: .isinst, operand: .type(t), location: ins.location))
                        add(ins, .brtrue, to: [.label(entry)])
                    case .filter(let f):
                        let filter = f..<c.handlerStart
                        marker(.exception(region: r.id), like: method.body[f])
                        try emitRange(Context(range: filter, ownHandler: filter, keepsStack: false, filterEntry: entry),
                                      copy: copy, depth: depth)
                    case .finally, .fault:
                        continue
                    }
                }
                marker(.exception(region: r.id), like: at)
                out.append(Instruction(offset: at.offset, opcode: .throw_, location: at.location))
                for (k, c) in r.clauses.enumerated() where k < entryLabels.count {
                    let handler = c.handlerStart..<c.handlerEnd
                    labels[entryLabels[k]] = out.count
                    marker(.exception(region: r.id), like: method.body[c.handlerStart])
                    try emitRange(Context(range: handler, ownHandler: handler, keepsStack: false), copy: copy, depth: depth)
                }
            }
        }

        /// On a path leaving `exited` regions (innermost first): each one's record is unlinked, then
        /// its finally (if it is one) runs.
        mutating func exit(_ exited: [HandlerRegion], for ins: Instruction, at i: Int, copy: Int, keepsStack: Bool, depth: Int) throws {
            var still = linked(at: i, copy: copy)
            for r in exited {
                if records { marker(.pop(region: r.id), like: ins) }
                still.removeAll { $0.region == r.id }
                if r.kind == .finally, let f = r.clauses.first {
                    try runHandlerCopy(f.handlerStart..<f.handlerEnd, for: ins, keepsStack: keepsStack, depth: depth, base: still)
                }
            }
        }

        /// Appends a copy of a finally/fault handler; its `endfinally` continues after it.
        mutating func runHandlerCopy(_ handler: Range<Int>, for ins: Instruction, keepsStack: Bool, depth: Int,
                                     base: [LinkedRecord]) throws {
            let first = fixups.count
            try emit(Context(range: handler, ownHandler: handler, keepsStack: keepsStack), depth: depth + 1, base: base)
            for k in first..<fixups.count {
                fixups[k].to = fixups[k].to.map { d in
                    if case .output(-1) = d { return .output(out.count) }
                    return d
                }
            }
        }

        /// Appends `ins` as `opcode` (a branch) with its target to be resolved.
        mutating func add(_ ins: Instruction, _ opcode: Opcode, to: [Destination]) {
            out.append(Instruction(offset: ins.offset, opcode: opcode, operand: .target(-1), location: ins.location))
            fixups.append((out.count - 1, to))
        }

        /// The output index a branch from `from` to original `t` in copy `copy` lands on: the push
        /// marker of the outermost region starting at `t` that does not contain `from` (entering
        /// the `.try` links its record), else the instruction itself.
        func destination(_ t: Int, copy: Int, from: Int?) -> Int? {
            for r in regionsStarting(at: t) where !(from.map { r.tryRange.contains($0) } ?? false) {
                if let e = entries[copy][r.id] { return e }
            }
            return maps[copy][t]
        }

        /// Writes the output index of every branch target.
        mutating func resolve() throws {
            for (index, destinations) in fixups {
                var targets: [Int] = []
                for d in destinations {
                    switch d {
                    case .output(let o):
                        targets.append(o)
                    case .label(let l):
                        guard labels.indices.contains(l), let o = labels[l] else {
                            throw Diagnostic(.internalError, at: out[index].location, "unresolved exception-handling label")
                        }
                        targets.append(o)
                    case .original(let t, let copy, let from):
                        guard let o = destination(t, copy: copy, from: from) else {
                            throw Diagnostic(.invalidIL, at: out[index].location,
                                             "branch target of '\(out[index].opcode.rawValue)' is inside a handler the model does not import")
                        }
                        targets.append(o)
                    }
                }
                if out[index].opcode == .switch_ {
                    out[index].operand = .targets(targets)
                } else if let t = targets.first {
                    out[index].operand = .target(t)
                }
            }
        }
    }
}
