import Diagnostics

/// Constant propagation (knob JitDoConstProp): constants stored to locals flow into their uses.
///
/// A forward dataflow problem over a per-local lattice: unknown (no information
/// yet), a constant k, or not constant. Uses of a local that is a constant on
/// every path become CNS_INT and the statement is folded again with `Morph.fold`.
enum ConstProp {
    enum Value: Equatable {
        case unknown
        case constant(Int64)
        case notConstant

        func meet(_ other: Value) -> Value {
            switch (self, other) {
            case (.unknown, let x), (let x, .unknown): x
            case (.constant(let a), .constant(let b)) where a == b: self
            default: .notConstant
            }
        }
    }

    static func run(_ c: Compiler) throws {
        let exposed = Set(c.locals.filter(\.addressExposed).map(\.num))
        let entry = entryState(c)
        let inStates = ForwardDataflow.solve(c, entry: entry, meet: { a, b in zip(a, b).map { $0.meet($1) } },
                                             transfer: { block, state in
            var s = state
            for stmt in block.statements { transfer(stmt.root, &s, exposed) }
            return s
        })
        let handles = handleComments(c)
        for (i, block) in c.blocks.enumerated() {
            guard var state = inStates[i] else { continue }
            for stmt in block.statements {
                substitute(stmt.root, state, handles, exposed)
                stmt.root = Morph.fold(stmt.root, c)
                transfer(stmt.root, &state, exposed)
            }
        }
    }

    /// Arguments are unknown to the method; IL locals start as zero when `.locals init` says so.
    private static func entryState(_ c: Compiler) -> [Value] {
        c.locals.map { v in
            switch v.kind {
            case .arg: .notConstant
            case .local: c.method.initLocals ? .constant(0) : .notConstant
            case .temp: .unknown
            }
        }
    }

    /// Applies the stores of a tree to `state`.
    static func transfer(_ root: Node, _ state: inout [Value], _ exposed: Set<Int> = []) {
        _ = evaluate(root, &state, exposed)
    }

    /// Abstractly evaluates a tree in execution order, recording stores; returns its value.
    private static func evaluate(_ n: Node, _ state: inout [Value], _ exposed: Set<Int> = []) -> Value {
        var operands: [Value] = []
        for op in n.operands { operands.append(evaluate(op, &state, exposed)) }
        switch n.oper {
        case .cnsInt:
            return .constant(n.value)
        case .lclVar:
            if exposed.contains(n.lclNum) { return .notConstant }
            return n.lclNum < state.count ? state[n.lclNum] : .notConstant
        case .ind, .lclAddr, .storeInd, .storeBlk, .nullCheck, .boundsCheck, .callResult2:
            return .notConstant
        case .storeLclVar:
            if exposed.contains(n.lclNum) {
                if n.lclNum < state.count { state[n.lclNum] = .notConstant }
            } else if n.lclNum < state.count {
                if case .unknown = operands.first ?? .notConstant {
                    state[n.lclNum] = .unknown
                } else {
                    state[n.lclNum] = operands.first ?? .notConstant
                }
            }
            return .notConstant
        case .call, .comma:
            return n.oper == .comma ? (operands.last ?? .notConstant) : .notConstant
        default:
            if operands.contains(.notConstant) { return .notConstant }
            if operands.contains(.unknown) { return .unknown }
            let values = operands.map { v -> Int64? in if case .constant(let k) = v { k } else { nil } }
            return Morph.evaluate(n, operandValues: values).map { .constant($0) } ?? .notConstant
        }
    }

    /// Rewrites reads of locals that are constant in `state` (stores in the tree update a copy of it).
    /// A propagated handle (a `ref` constant such as a frozen string) keeps its comment.
    private static func substitute(_ root: Node, _ state: [Value], _ handles: [Int64: String], _ exposed: Set<Int>) {
        var s = state
        func visit(_ n: Node) {
            for op in n.operands { visit(op) }
            if n.oper == .lclVar, !exposed.contains(n.lclNum), n.lclNum < s.count, case .constant(let k) = s[n.lclNum] {
                n.oper = .cnsInt
                n.value = n.type == .int ? Int64(Int32(truncatingIfNeeded: k)) : k
                if n.type == .ref { n.handleComment = handles[k] }
                n.lclNum = -1
            } else if n.oper == .storeLclVar {
                _ = evaluate(n, &s, exposed)
            }
        }
        visit(root)
    }

    /// The comment of every handle constant in the method, by value.
    private static func handleComments(_ c: Compiler) -> [Int64: String] {
        var out: [Int64: String] = [:]
        func visit(_ n: Node) {
            if n.oper == .cnsInt, let h = n.handleComment { out[n.value] = h }
            n.operands.forEach(visit)
        }
        for b in c.blocks { for s in b.statements { visit(s.root) } }
        return out
    }
}
