/// Preferred-alias printing: the listing shows what a disassembler shows for the word.
///
/// The same word can be asked for in several spellings (`subs xzr, x1, x2` is `cmp x1, x2`,
/// `csinc x0, xzr, xzr, ne` is `cset x0, eq`). JitDisasm and objdump print the architecture's
/// preferred alias, so the printer rewrites an instruction into it before printing. Each
/// rule is data (from, to, when, operand rewrite), and a rewrite is only taken if the alias
/// encodes to the very same word: that one check implements the architecture's fine print
/// (e.g. `orr x0, xzr, #imm` prints as `mov` only when no movz/movn could produce the value).
struct AliasRule: Sendable {
    let from: Mnemonic
    let to: Mnemonic
    /// Whether the rule applies to these operands.
    let when: @Sendable ([Operand]) -> Bool
    /// The alias's operands.
    let rewrite: @Sendable ([Operand]) -> [Operand]
}

private func isZR(_ op: Operand?) -> Bool { op == .reg(.zr) }
private func at(_ ops: [Operand], _ i: Int) -> Operand? { i < ops.count ? ops[i] : nil }
private func dropping(_ i: Int) -> @Sendable ([Operand]) -> [Operand] {
    { ops in var o = ops; if i < o.count { o.remove(at: i) }; return o }
}
/// Replaces a trailing condition by its inverse (`csinc` -> `cset`/`cinc`).
private func invertLast(_ ops: [Operand]) -> [Operand] {
    var o = ops
    if case .cond(let c)? = o.last, let inv = c.inverted { o[o.count - 1] = .cond(inv) }
    return o
}

let aliasRules: [AliasRule] = [
    AliasRule(from: .adds, to: .cmn, when: { isZR(at($0, 0)) }, rewrite: dropping(0)),
    AliasRule(from: .subs, to: .cmp, when: { isZR(at($0, 0)) }, rewrite: dropping(0)),
    AliasRule(from: .ands, to: .tst, when: { isZR(at($0, 0)) }, rewrite: dropping(0)),
    AliasRule(from: .sub, to: .neg, when: { isZR(at($0, 1)) }, rewrite: dropping(1)),
    AliasRule(from: .subs, to: .negs, when: { isZR(at($0, 1)) }, rewrite: dropping(1)),
    AliasRule(from: .negs, to: .cmp, when: { isZR(at($0, 0)) }, rewrite: { [.reg(.zr)] + $0.dropFirst() }),
    AliasRule(from: .orn, to: .mvn, when: { isZR(at($0, 1)) }, rewrite: dropping(1)),
    AliasRule(from: .orr, to: .mov, when: { isZR(at($0, 1)) }, rewrite: dropping(1)),
    AliasRule(from: .add, to: .mov, when: { at($0, 2) == .imm(0) }, rewrite: dropping(2)),
    AliasRule(from: .madd, to: .mul, when: { isZR(at($0, 3)) }, rewrite: dropping(3)),
    AliasRule(from: .msub, to: .mneg, when: { isZR(at($0, 3)) }, rewrite: dropping(3)),
    AliasRule(from: .lsl, to: .lsr, when: { at($0, 2) == .imm(0) }, rewrite: { $0 }),
    AliasRule(from: .csinc, to: .cset, when: { isZR(at($0, 1)) && isZR(at($0, 2)) },
              rewrite: { invertLast(dropping(1)(dropping(2)($0))) }),
    AliasRule(from: .cinc, to: .cset, when: { isZR(at($0, 1)) }, rewrite: dropping(1)),
    AliasRule(from: .csinc, to: .cinc, when: { $0.count == 4 && $0[1] == $0[2] },
              rewrite: { invertLast(dropping(2)($0)) }),
]

extension Instruction {
    /// This instruction spelled as its preferred alias when one encodes to the same word, or nil
    /// when it prints as itself. `selected` is `selection()`: the listing has it at hand and need
    /// not match the instruction's rows again.
    func alias(selected: FormSelection) -> Instruction? {
        let noLabels: (Int) -> UInt64? = { _ in nil }
        guard !isBranch, let word = try? encodeWord(at: 0, labels: noLabels, selected) else { return nil }
        for rule in aliasRules where rule.from == mnemonic && rule.when(operands) {
            var alias = self
            alias.mnemonic = rule.to
            alias.operands = rule.rewrite(operands)
            if let aliasWord = try? alias.encodeWord(at: 0, labels: noLabels), aliasWord == word {
                return alias
            }
        }
        return nil
    }
}
