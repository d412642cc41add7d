import Diagnostics

/// Copy propagation (knob JitDoCopyProp): after `V = W`, uses of V read W instead.
///
/// A forward "available copies" problem: a copy (V, W) is available at a point
/// when every path there stores W into V and neither V nor W is stored again.
/// Copies are recorded with their source already resolved (after `V = W; X = V`
/// the copy is (X, W)), so one rewrite step is always enough. Dead-code
/// elimination then removes the stores that no longer have readers.
enum CopyProp {
    /// Available copies: destination local -> source local. Nil stands for "every copy" (not yet reached).
    typealias Copies = [Int: Int]

    static func run(_ c: Compiler) throws {
        let inStates = ForwardDataflow.solve(c, entry: Copies(), meet: intersect, transfer: { block, state in
            var s = state
            for stmt in block.statements { transfer(stmt.root, &s, c, rewrite: false) }
            return s
        })
        for (i, block) in c.blocks.enumerated() {
            guard var state = inStates[i] else { continue }
            for stmt in block.statements { transfer(stmt.root, &state, c, rewrite: true) }
        }
    }

    private static func intersect(_ a: Copies, _ b: Copies) -> Copies {
        a.filter { b[$0.key] == $0.value }
    }

    /// Walks a tree in execution order: resolves reads through available copies (rewriting them
    /// when `rewrite` is set) and updates the copies at stores.
    private static func transfer(_ n: Node, _ copies: inout Copies, _ c: Compiler, rewrite: Bool) {
        for op in n.operands { transfer(op, &copies, c, rewrite: rewrite) }
        switch n.oper {
        case .lclVar:
            if rewrite, let source = copies[n.lclNum] {
                n.lclNum = source
                n.type = c.locals[source].type.actualType
            }
        case .storeLclVar:
            let dst = n.lclNum
            copies = copies.filter { $0.key != dst && $0.value != dst }
            if let value = n.operands.first, value.oper == .lclVar {
                let src = copies[value.lclNum] ?? value.lclNum
                if src != dst, src < c.locals.count, dst < c.locals.count,
                   !c.locals[src].addressExposed, !c.locals[dst].addressExposed, c.locals[dst].type != .struct,
                   c.locals[src].type.actualType == c.locals[dst].type.actualType,
                   !c.locals[dst].type.isSmall || c.locals[dst].type == c.locals[src].type {
                    copies[dst] = src
                }
            }
        default:
            break
        }
    }
}
