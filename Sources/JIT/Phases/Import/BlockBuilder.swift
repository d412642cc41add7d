import Diagnostics
import IL

/// Which instructions each imported block covers.
struct BlockLayout {
    /// Instruction index range of each block, parallel to `Compiler.blocks`.
    var ranges: [Range<Int>]
    /// Block index of each instruction.
    var blockOfInstruction: [Int]
}

/// Splits the IL into basic blocks (RyuJIT's fgFindBasicBlocks / fgMakeBasicBlocks).
///
/// A block starts at the first instruction, at every branch or switch target and after
/// every instruction that transfers control; its jump kind comes from its last instruction.
enum BlockBuilder {
    static func build(_ c: Compiler) throws -> BlockLayout {
        let body = c.ilBody
        guard !body.isEmpty else { throw c.error(.invalidIL, "method '\(c.method.name)' has no IL body") }

        var isLeader = [Bool](repeating: false, count: body.count)
        isLeader[0] = true
        // Instructions are read in place (field by field: `body[i]` whole copies the instruction,
        // retaining every reference in it) and targets marked without building an array per branch.
        for i in body.indices {
            let op = body[i].opcode
            if hasTargets(op) { try forEachBranchTarget(of: i, in: body) { isLeader[$0] = true } }
            if endsBlock(op), i + 1 < body.count { isLeader[i + 1] = true }
        }

        var ranges: [Range<Int>] = []
        var start = 0
        for i in 1..<(body.count + 1) where i == body.count || isLeader[i] {
            ranges.append(start..<i)
            start = i
        }
        var blockOf = [Int](repeating: 0, count: body.count)
        for (b, r) in ranges.enumerated() { for i in r { blockOf[i] = b } }

        c.blocks = ranges.map { r in
            let last = r.upperBound - 1
            return c.newBlock(ilStart: body[r.lowerBound].offset,
                              ilEnd: body[last].offset + Instruction.size(of: body[last].opcode, operand: body[last].operand))
        }
        let blocks = c.blocks
        for (b, r) in ranges.enumerated() {
            let block = blocks[b]
            let last = r.upperBound - 1
            let op = body[last].opcode
            switch kind(of: op) {
            case .always:
                block.kind = .always
                block.target = try firstTarget(of: last, in: body).map { blocks[blockOf[$0]] }
            case .cond:
                block.kind = .cond
                block.target = try firstTarget(of: last, in: body).map { blocks[blockOf[$0]] }
            case .switch_:
                block.kind = .switch_
                block.switchTargets = try branchTargets(of: last, in: body).map { blocks[blockOf[$0]] }
            case .ret:
                block.kind = .ret
            case .throw_:
                block.kind = .throw_
            case .fallthrough_:
                block.kind = .fallthrough_
            }
            let fallsThrough = block.kind == .fallthrough_ || block.kind == .cond || block.kind == .switch_
            if fallsThrough && b == ranges.count - 1 && !isUnsupportedTerminator(op) {
                throw Diagnostic(.invalidIL, at: body[last].location,
                                 "control falls through the end of the method after '\(op.rawValue)'")
            }
        }
        return BlockLayout(ranges: ranges, blockOfInstruction: blockOf)
    }

    /// Calls `visit` with each branch/switch target of instruction `i` of `body`, once all of them
    /// are validated against the body size (without building an array: the first pass asks per instruction).
    static func forEachBranchTarget(of i: Int, in body: [Instruction], _ visit: (Int) -> Void) throws {
        let op = body[i].opcode
        switch op.operandKind {
        case .branch, .shortBranch:
            guard case .target(let t) = body[i].operand else {
                throw Diagnostic(.invalidIL, at: body[i].location, "'\(op.rawValue)' needs a branch target")
            }
            try checkTarget(t, of: i, in: body)
            visit(t)
        case .switchTable:
            guard case .targets(let ts) = body[i].operand else {
                throw Diagnostic(.invalidIL, at: body[i].location, "'switch' needs a list of branch targets")
            }
            for t in ts { try checkTarget(t, of: i, in: body) }
            for t in ts { visit(t) }
        default:
            return
        }
    }

    /// True for the opcodes with branch or switch targets (only their instructions are read whole).
    static func hasTargets(_ op: Opcode) -> Bool {
        switch op.operandKind {
        case .branch, .shortBranch, .switchTable: true
        default: false
        }
    }

    private static func checkTarget(_ t: Int, of i: Int, in body: [Instruction]) throws {
        if t < 0 || t >= body.count {
            throw Diagnostic(.invalidIL, at: body[i].location, "branch target of '\(body[i].opcode.rawValue)' is outside the method body")
        }
    }

    /// The first branch target of instruction `i` (nil without one), validated like `forEachBranchTarget`:
    /// a branch has one target, and building the array of them per block showed in the profile.
    static func firstTarget(of i: Int, in body: [Instruction]) throws -> Int? {
        guard hasTargets(body[i].opcode) else { return nil }
        var first: Int?
        try forEachBranchTarget(of: i, in: body) { t in if first == nil { first = t } }
        return first
    }

    /// Branch/switch target instruction indices of instruction `i` of `body`, validated against the body size.
    static func branchTargets(of i: Int, in body: [Instruction]) throws -> [Int] {
        var targets: [Int] = []
        try forEachBranchTarget(of: i, in: body) { targets.append($0) }
        return targets
    }

    /// The jump kind a block ending in `op` gets.
    static func kind(of op: Opcode) -> JumpKind {
        switch op {
        case .br, .br_s, .leave, .leave_s: .always
        case .switch_: .switch_
        case .ret, .jmp: .ret
        case .throw_: .throw_
        default: op.operandKind == .branch || op.operandKind == .shortBranch ? .cond : .fallthrough_
        }
    }

    /// True when the instruction ends its block.
    static func endsBlock(_ op: Opcode) -> Bool {
        kind(of: op) != .fallthrough_ || isUnsupportedTerminator(op)
    }

    /// Terminators the importer rejects as unsupported (so they get that diagnostic, not a fall-through one).
    static func isUnsupportedTerminator(_ op: Opcode) -> Bool {
        switch op {
        case .rethrow, .endfinally, .endfilter: true
        default: false
        }
    }
}
