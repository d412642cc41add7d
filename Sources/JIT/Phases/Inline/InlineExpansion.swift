import Diagnostics
import IL

/// One call the inliner looks at: the statement and block it sits in, and its inline context.
struct InlineSite {
    var block: BasicBlock
    var statement: Statement
    var call: Node
    var context: InlineContext
}

/// Why an inline that the policy accepted could not be carried out (the callee's IL could not be imported).
struct InlineFailure: Error {
    var reason: String
}

/// Carries out one inline: imports the callee and splices its HIR into the caller
/// (RyuJIT's fgInvokeInlineeCompiler + fgInsertInlineeBlocks).
///
/// The callee is imported by a compiler of its own (the same importer the root
/// method uses) that shares the root's id counters, so its nodes, statements and
/// blocks keep unique ids in the root. Then:
///
/// ```text
///  caller block B:  s0 .. s(k-1)  [s(k) holds the CALL]  s(k+1) ..
///
///  one-block callee:   B = s0 .. s(k-1), spills, arg temps, callee statements,
///                          s(k) with the CALL replaced by the returned tree, s(k+1) ..
///  multi-block callee: B = s0 .. s(k-1), spills, arg temps  (falls into the callee)
///                      callee blocks; each `ret` stores the return temp, jumps to C
///                      C = s(k) with the CALL replaced by the return temp, s(k+1) ..
///                          (C takes over B's jump)
/// ```
///
/// Arguments that are constants, caller locals or a caller local's address (`this`
/// of a struct method) are substituted into the body when the callee never stores
/// to the parameter; every other argument is
/// evaluated once into an `inline arg` temp. Callee IL locals become `inline ldloc`
/// temps (zeroed first when the callee says `.locals init`).
enum InlineExpansion {
    /// Imports `callee` on its own; a verifier or importer error becomes an inline failure.
    static func importInlinee(_ callee: MethodDef, handle: MethodHandle?, for c: Compiler) throws -> Compiler {
        let ic = Compiler(inlinee: callee, handle: handle, of: c)
        do {
            try Importer.run(ic)
        } catch {
            let first = error.diagnostics(defaultLocation: callee.location).first?.message ?? "\(error)"
            throw InlineFailure(reason: "importer: \(first)")
        }
        if ic.retBufLocal != nil {
            throw InlineFailure(reason: "returns a struct")
        }
        if ic.locals.contains(where: { $0.isParam && $0.type == .struct }) {
            throw InlineFailure(reason: "has struct arguments")
        }
        return ic
    }

    /// Splices the imported inlinee `ic` in place of the site's call; returns the calls of the inlined body.
    /// `awaited` is the caller's side of the await when the inlinee is an async variant (`InlineAsync.prepare`).
    static func expand(_ site: InlineSite, inlinee ic: Compiler, awaited: InlineAsync.Await?, into c: Compiler) throws -> [Node] {
        let block = site.block, stmt = site.statement, call = site.call
        guard let k = block.statements.firstIndex(where: { $0 === stmt }),
              let path = path(to: call, from: stmt.root) else {
            throw InlineFailure(reason: "call site not found")
        }
        let callOffset = call.ilOffset ?? stmt.ilOffset ?? block.ilStart
        // 1. Whatever the caller's statement evaluates before the call and the body could disturb
        //    (side effects, memory reads) is evaluated first, into temps.
        var pre = try spillLeftSiblings(path, of: stmt, at: callOffset, c)
        func addStatement(_ root: Node) { pre.append(statement(root, like: stmt, at: callOffset, c)) }

        // Runtime async: an inlined async variant's awaits become awaits of the caller.
        var after = Array(block.statements[(k + 1)...])
        if awaited != nil { after.removeFirst() }

        // 2. Arguments: substituted, or evaluated once into temps, in order.
        let paramCount = ic.locals.prefix { if case .arg = $0.kind { true } else { false } }.count
        let arguments = awaited?.arguments ?? call.operands
        guard paramCount == arguments.count else {
            throw InlineFailure(reason: "argument count mismatch (\(arguments.count) for \(paramCount) parameters)")
        }
        let stored = storedLocals(ic)
        var substitute: [Int: Node] = [:]
        var map = [Int](repeating: -1, count: ic.locals.count)
        for (i, arg) in arguments.enumerated() {
            let paramType = ic.locals[i].type
            let canSubstitute = !stored.contains(i) && !paramType.isSmall && paramType.actualType == arg.type
                && paramType != .struct
                && (arg.oper == .cnsInt || arg.oper == .lclAddr
                    || (arg.oper == .lclVar && arg.lclNum >= 0 && !c.locals[arg.lclNum].addressExposed))
            if canSubstitute {
                substitute[i] = arg
            } else {
                let temp = newTemp(like: ic.locals[i], reason: "inline arg", c)
                addStatement(c.localStore(temp, coerce(arg, to: paramType, c)))
                map[i] = temp
            }
        }

        // 3. The callee's IL locals and import temps become caller temps.
        for v in ic.locals.dropFirst(paramCount) {
            switch v.kind {
            case .local:
                map[v.num] = newTemp(like: v, reason: "inline ldloc", c)
                if ic.method.initLocals && v.type != .struct {
                    addStatement(c.localStore(map[v.num], c.zero(v.type)))
                } else if ic.method.initLocals {
                    let address = c.node(.lclAddr, .byref)
                    address.lclNum = map[v.num]
                    let zero = c.node(.storeBlk, .void, [address, c.constant(0, .long)], flags: .mayThrow)
                    zero.blockSize = v.structSize
                    addStatement(zero)
                }
            case .temp where v.num == ic.async.continuationArg:
                continue  // the inlinee's own continuation parameter: never read once inlined
            case .temp(let why):
                map[v.num] = newTemp(like: v, reason: why, c)
            case .arg:
                map[v.num] = newTemp(like: v, reason: "inline arg", c)
            }
        }
        let callEnd = callOffset + callInstructionSize
        for b in ic.blocks {
            b.ilStart = callOffset
            b.ilEnd = callEnd
            b.weight = block.weight
            for s in b.statements {
                s.ilOffset = stmt.ilOffset ?? callOffset
                s.ilLastOffset = callOffset
                s.root = remap(s.root, map: map, substitute: substitute, ilOffset: callOffset, c)
            }
        }
        let frame = awaited.flatMap { InlineAsync.adopt($0, inlinee: ic, map: map, into: c) }
        let structDestination = try InlineStructReturn.rewriteReturns(of: ic, at: stmt, call: call, into: c)
        InlineeFolding.run(ic)
        if ic.hasRangeCheckThrow { c.hasRangeCheckThrow = true }
        var calls: [Node] = []
        for b in ic.blocks { for s in b.statements { s.root.forEachPostOrder { if $0.oper == .call { calls.append($0) } } } }

        // 4. Splice.
        let before = Array(block.statements[..<k])
        if frame == nil, ic.blocks.count == 1, let only = ic.blocks.first, only.kind == .ret,
           let last = only.statements.last, last.root.oper == .ret {
            let body = Array(only.statements.dropLast())
            let keep = structDestination == nil && replace(call, in: stmt, path: path, with: last.root.operands.first)
            block.statements = before + pre + body + (keep ? [stmt] : []) + after
            return calls
        }
        let continuation = continuationBlock(of: block, from: callEnd, c)
        // An inlined async frame's return code sits between its returns and what follows the call.
        let frameReturn = try frame.map { try InlineAsync.returnBlocks($0, awaited!, to: continuation, at: callEnd, c) }
        let returnTemp = call.type == .void || structDestination != nil ? nil : c.newTemp(call.type, reason: "inline return value")
        for b in ic.blocks where b.kind == .ret {
            if let last = b.statements.last, last.root.oper == .ret {
                if let temp = returnTemp, let value = last.root.operands.first {
                    last.root = c.localStore(temp, value)
                } else if last.root.operands.first?.hasSideEffects == true, let value = last.root.operands.first {
                    last.root = value
                } else {
                    b.statements.removeLast()
                }
            }
            b.kind = .always
            b.target = frameReturn?.check ?? continuation
        }
        let keep = structDestination == nil && replace(call, in: stmt, path: path, with: returnTemp.map { c.localRead($0) })
        block.statements = before + pre
        continuation.statements = (keep ? [stmt] : []) + after
        try endBlock(block, at: callOffset, kind: .fallthrough_, target: nil, followedBy: ic.blocks + (frameReturn.map { [$0.check] } ?? []) + [continuation], c)
        if let cold = frameReturn?.restore { c.blocks.append(cold) }
        return calls
    }

    // MARK: helpers

    /// A new block for what followed the call in `block`: from `ilStart` (clamped to the block)
    /// to the block's end, ending the way `block` ended, with its weight.
    ///
    /// Inline expansion and guarded devirtualization both split a block at a call this way.
    static func continuationBlock(of block: BasicBlock, from ilStart: Int, _ c: Compiler) -> BasicBlock {
        let continuation = c.newBlock(kind: block.kind, ilStart: min(ilStart, block.ilEnd), ilEnd: block.ilEnd)
        continuation.target = block.target
        continuation.falseTarget = block.falseTarget
        continuation.switchTargets = block.switchTargets
        continuation.weight = block.weight
        return continuation
    }

    /// Ends `block` at the call (its IL range cut at `callOffset`) with the jump `kind`/`target`,
    /// and lays `blocks` out right after it: the other half of splitting a block at a call.
    static func endBlock(_ block: BasicBlock, at callOffset: Int, kind: JumpKind, target: BasicBlock?,
                         followedBy blocks: [BasicBlock], _ c: Compiler) throws {
        block.ilEnd = max(block.ilStart, min(callOffset, block.ilEnd))
        block.kind = kind
        block.target = target
        block.falseTarget = nil
        block.switchTargets = []
        guard let at = c.blocks.firstIndex(where: { $0 === block }) else {
            throw InlineFailure(reason: "call block not found")
        }
        c.blocks.insert(contentsOf: blocks, at: at + 1)
    }

    /// A new statement for code the inliner adds at a call site: IL range of the call's statement.
    static func statement(_ root: Node, like stmt: Statement, at callOffset: Int, _ c: Compiler) -> Statement {
        let s = c.statement(root, ilOffset: stmt.ilOffset ?? callOffset)
        s.ilLastOffset = callOffset
        return s
    }

    /// Stores the operands evaluated before the call on `path` that code placed before the
    /// statement could disturb into temps, and returns those stores (in evaluation order).
    static func spillLeftSiblings(_ path: [(Node, Int)], of stmt: Statement, at callOffset: Int,
                                  _ c: Compiler) throws -> [Statement] {
        var out: [Statement] = []
        for (parent, index) in path {
            for j in 0..<index where !isLocallyPure(parent.operands[j], c) {
                let operand = parent.operands[j]
                guard operand.type != .void else { throw InlineFailure(reason: "call site too complex") }
                let temp = c.newTemp(operand.type, reason: "spill side effect")
                out.append(statement(c.localStore(temp, operand), like: stmt, at: callOffset, c))
                parent.operands[j] = c.localRead(temp)
            }
        }
        return out
    }

    /// `call` and `callvirt` take 5 bytes of IL (opcode and method token): the IL range given to inlined blocks.
    static let callInstructionSize = 5

    /// The (parent, operand index) steps from `root` down to `target`; nil when `target` is not in the tree.
    static func path(to target: Node, from root: Node) -> [(Node, Int)]? {
        if root === target { return [] }
        for (i, op) in root.operands.enumerated() {
            if let rest = path(to: target, from: op) { return [(root, i)] + rest }
        }
        return nil
    }

    /// True when the tree only reads constants and locals and computes with them (nothing the
    /// inlined body could change, nothing that could throw or have an effect). A local whose
    /// address is taken may be written through a byref by the inlinee, so reading it is not pure.
    static func isLocallyPure(_ n: Node, _ c: Compiler) -> Bool {
        !n.contains { x in
            switch x.oper {
            case .lclVar:
                x.lclNum < 0 || x.lclNum >= c.locals.count || c.locals[x.lclNum].addressExposed
            case .cnsInt, .lclAddr, .neg, .not, .cast, .add, .sub, .mul, .and, .or, .xor, .lsh, .rsh, .rsz,
                 .eq, .ne, .lt, .le, .ge, .gt:
                x.flags.contains(.mayThrow)
            default:
                true
            }
        }
    }

    /// Locals the inlinee stores to (`starg`) or takes the address of (`ldarga`): such parameters
    /// are never substituted.
    private static func storedLocals(_ ic: Compiler) -> Set<Int> {
        var out = Set<Int>()
        for b in ic.blocks {
            for s in b.statements {
                s.root.forEachPostOrder { if $0.oper != .lclVar && $0.lclNum >= 0 { out.insert($0.lclNum) } }
            }
        }
        return out
    }

    /// A caller temp standing for inlinee local `v`: same type, struct layout and address exposure.
    private static func newTemp(like v: LocalVar, reason: String, _ c: Compiler) -> Int {
        let num = c.newTemp(v.type, reason: reason)
        let t = c.locals[num]
        t.classHandle = v.classHandle
        t.structSize = v.structSize
        t.addressExposed = v.addressExposed
        if v.type == .struct || v.addressExposed { t.isRegCandidate = false }
        return num
    }

    /// The argument value as the parameter's storage type expects it (small types are narrowed).
    private static func coerce(_ arg: Node, to type: VarType, _ c: Compiler) -> Node {
        if type.isSmall {
            let cast = c.node(.cast, .int, [arg])
            cast.castType = type
            cast.ilOffset = arg.ilOffset
            return cast
        }
        return arg
    }

    /// Rewrites an inlinee tree for the caller: locals renumbered, substituted parameters replaced.
    private static func remap(_ n: Node, map: [Int], substitute: [Int: Node], ilOffset: Int, _ c: Compiler) -> Node {
        if n.oper == .lclVar, let arg = substitute[n.lclNum] {
            let copy = c.node(arg.oper, arg.type, [], flags: arg.flags)
            copy.value = arg.value
            copy.lclNum = arg.lclNum
            copy.handleComment = arg.handleComment
            copy.ilOffset = ilOffset
            return copy
        }
        for i in n.operands.indices {
            n.operands[i] = remap(n.operands[i], map: map, substitute: substitute, ilOffset: ilOffset, c)
        }
        if n.lclNum >= 0, n.lclNum < map.count { n.lclNum = map[n.lclNum] }
        n.ilOffset = ilOffset
        return n
    }

    /// Puts `value` where the call was; with no value, a call that is the statement itself disappears.
    /// Returns false when the statement should be dropped.
    static func replace(_ call: Node, in stmt: Statement, path: [(Node, Int)], with value: Node?) -> Bool {
        guard let (parent, index) = path.last else {
            if let v = value {
                stmt.root = v
                return true
            }
            return false
        }
        parent.operands[index] = value ?? call
        return true
    }
}
