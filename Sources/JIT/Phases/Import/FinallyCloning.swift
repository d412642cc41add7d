import Diagnostics
import IL

/// Protected regions without a handler model ("EH-lite"): the IL the importer reads for a
/// method with exception clauses.
///
/// The model has no unwinder, funclets or filters yet, so handlers that only an exception
/// enters (catch, fault) are never entered: they are left out of the imported IL and the
/// `import` dump says so. `.try` bodies are ordinary code. A finally runs on every normal
/// exit of its `.try` block, so each exit path gets its own copy of the finally's code, as
/// RyuJIT's finally cloning (fgCloneFinally) does for the normal path; here it is the only
/// way a finally runs:
///
/// ```text
///  leave L   exiting try/finally F1 (inner) and F2:   leave +1 ; F1' ; F2' ; br L
///  ret       inside try/finally F1 and F2:            F1' ; F2' ; ret   (value stays on the stack)
///  Fk'       = the finally's code, its endfinally a branch to what follows the copy
/// ```
///
/// An exception thrown inside a `.try` block is not caught and runs no finally: the process
/// reports it as unhandled (exceptions.c). Without a catch that is exactly .NET's behaviour,
/// whose first pass finds no handler and fails fast before any finally runs.
enum FinallyCloning {
    /// The rewritten body, and one note per handler left out.
    struct Result {
        var body: [Instruction]
        var notes: [String]
    }

    /// Rewrites `method`'s body as described above; the clause table must have passed the verifier.
    static func lower(_ method: MethodDef) throws -> Result {
        var run = Run(method: method)
        let whole = Context(range: 0..<method.body.count, ownHandler: nil, keepsStack: false)
        try run.emit(whole, depth: 0)
        try run.resolve()
        var notes: [String] = []
        for c in method.exceptionClauses {
            let at = ILPrinter.label(c.handlerStart, in: method) + ".." + ILPrinter.label(c.handlerEnd, in: method)
            switch c.kind {
            case .catch(let t): notes.append("EH-lite: catch \(t) handler \(at) not imported (no exception handling yet)")
            case .fault: notes.append("EH-lite: fault handler \(at) not imported (no exception handling yet)")
            case .finally: notes.append("EH-lite: finally handler \(at) cloned into the exits of its try block")
            }
        }
        return Result(body: run.out, notes: notes)
    }

    /// One copy of a range of the original body: the whole method, or one finally handler.
    struct Context {
        var range: Range<Int>
        /// The handler range being cloned (nil for the method itself).
        var ownHandler: Range<Int>?
        /// On a `ret` path the return value sits under the finally's own values: `leave` and
        /// `endfinally` become plain branches so it is kept.
        var keepsStack: Bool
    }

    /// Where a branch written in the output should go, resolved once everything is emitted.
    enum Destination {
        /// An original instruction index, in the copy with id `copy`.
        case original(Int, copy: Int)
        /// An output index.
        case output(Int)
    }

    struct Run {
        let method: MethodDef
        var out: [Instruction] = []
        /// Per copy: original instruction index -> output index.
        var maps: [[Int: Int]] = []
        var fixups: [(index: Int, to: [Destination])] = []

        init(method: MethodDef) { self.method = method }

        /// True when original instruction `i` lies in a handler nested in the range being copied
        /// (every handler, for the method itself).
        func isSkipped(_ i: Int, in ctx: Context) -> Bool {
            method.exceptionClauses.contains { c in
                let h = c.handlerStart..<c.handlerEnd
                return h.contains(i) && h != ctx.ownHandler
                    && ctx.range.lowerBound <= h.lowerBound && h.upperBound <= ctx.range.upperBound
            }
        }

        /// Finally clauses whose `.try` block contains `from` but not `to` (nil: every one containing
        /// `from`), innermost first (the clause table lists inner clauses first).
        func exitedFinallies(from: Int, to: Int?) -> [ExceptionClause] {
            let exited = method.exceptionClauses.enumerated().filter { _, c in
                guard case .finally = c.kind else { return false }
                let t = c.tryStart..<c.tryEnd
                return t.contains(from) && !(to.map { t.contains($0) } ?? false)
            }
            // Smaller (inner) try blocks first; table order between equal ones.
            return exited.sorted { a, b in
                let sa = a.element.tryEnd - a.element.tryStart, sb = b.element.tryEnd - b.element.tryStart
                return sa != sb ? sa < sb : a.offset < b.offset
            }.map(\.element)
        }

        mutating func emit(_ ctx: Context, depth: Int) throws {
            guard depth < 32 else {
                throw Diagnostic(.unsupported, at: method.location, "finally handlers nested too deeply to clone")
            }
            let copy = maps.count
            maps.append([:])
            for i in ctx.range where !isSkipped(i, in: ctx) {
                let ins = method.body[i]
                maps[copy][i] = out.count
                switch ins.opcode {
                case .leave, .leave_s:
                    guard case .target(let target) = ins.operand else {
                        throw Diagnostic(.invalidIL, at: ins.location, "'\(ins.opcode.rawValue)' needs a branch target")
                    }
                    let finallies = exitedFinallies(from: i, to: target)
                    if finallies.isEmpty {
                        add(ins, ctx.keepsStack ? .br : ins.opcode, to: [.original(target, copy: copy)])
                    } else {
                        add(ins, ctx.keepsStack ? .br : ins.opcode, to: [.output(out.count + 1)])
                        try runFinallies(finallies, for: ins, keepsStack: ctx.keepsStack, depth: depth)
                        add(ins, .br, to: [.original(target, copy: copy)])
                    }
                case .endfinally where ctx.ownHandler != nil:
                    // Continues after this copy: resolved by the caller, which knows where the copy ends.
                    add(ins, ctx.keepsStack ? .br : .leave, to: [.output(-1)])
                case .ret where ctx.ownHandler == nil:
                    let finallies = exitedFinallies(from: i, to: nil)
                    try runFinallies(finallies, for: ins, keepsStack: true, depth: depth)
                    out.append(ins)
                default:
                    out.append(ins)
                    switch ins.operand {
                    case .target(let t): fixups.append((out.count - 1, [.original(t, copy: copy)]))
                    case .targets(let ts): fixups.append((out.count - 1, ts.map { .original($0, copy: copy) }))
                    default: break
                    }
                }
            }
        }

        /// Appends a copy of each finally in turn; each copy's `endfinally` continues after it.
        mutating func runFinallies(_ finallies: [ExceptionClause], for ins: Instruction, keepsStack: Bool, depth: Int) throws {
            for f in finallies {
                let first = fixups.count
                let handler = f.handlerStart..<f.handlerEnd
                try emit(Context(range: handler, ownHandler: handler, keepsStack: keepsStack), depth: depth + 1)
                for k in first..<fixups.count {
                    fixups[k].to = fixups[k].to.map { d in
                        if case .output(-1) = d { return .output(out.count) }
                        return d
                    }
                }
            }
        }

        /// Appends `ins` as `opcode` (a branch) with its target to be resolved.
        mutating func add(_ ins: Instruction, _ opcode: Opcode, to: [Destination]) {
            out.append(Instruction(offset: ins.offset, opcode: opcode, operand: .target(-1), location: ins.location))
            fixups.append((out.count - 1, to))
        }

        /// Writes the output index of every branch target.
        mutating func resolve() throws {
            for (index, destinations) in fixups {
                var targets: [Int] = []
                for d in destinations {
                    switch d {
                    case .output(let o):
                        targets.append(o)
                    case .original(let t, let copy):
                        guard let o = maps[copy][t] else {
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
