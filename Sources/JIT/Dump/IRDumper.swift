/// JitDump-like text of the method's IR after a phase: block table, locals, then every block.
///
/// A phase that made decisions worth reading (the inliner) leaves notes in
/// `Compiler.phaseNotes`; they come first, as RyuJIT's JitDump prints them while
/// the phase runs, before the IR it leaves behind.
///
/// HIR (before rationalization) is drawn as trees with RyuJIT's connectors;
/// LIR as one line per node in execution order. The text is deterministic: ids
/// come from the compiler's counters, never from addresses, and no dictionary
/// order reaches the output. Lines never end in spaces.
enum IRDumper {
    static func dump(_ c: Compiler, after phase: Phase) -> String {
        if phase == .il { return ILDump.text(c) }
        var out: [String] = []
        if let notes = c.phaseNotes[phase], !notes.isEmpty { out += notes + [""] }
        out.append("*************** After \(phase.title)")
        out += blockTable(c)
        out.append("")
        out += localsTable(c)
        if phase == .async {
            for l in c.async.layouts {
                out.append("")
                out += l.dumpLines()
            }
        }
        var lirNumber = 1
        for b in c.blocks {
            out.append("")
            out.append("------------ \(b.name) \(ilRange(b))\(jumpSuffix(b))")
            if phase.isLIR {
                out += LIRDump.lines(b, c, firstNumber: &lirNumber)
            } else {
                for s in b.statements { out += HIRDump.lines(s, c) }
            }
        }
        return out.map(trimTrailing).joined(separator: "\n") + "\n"
    }

    private static let rule = String(repeating: "-", count: 60)

    private static func blockTable(_ c: Compiler) -> [String] {
        var lines = [rule, "BBnum BBid   weight [IL range] [jump]", rule]
        for b in c.blocks {
            let weight = formatWeight(b.weight)
            let w = String(repeating: " ", count: max(0, 6 - weight.count)) + weight
            lines.append("\(pad(b.name, 5)) [\(hex(b.id, 4))] \(w) \(ilRange(b))\(jumpSuffix(b))")
        }
        lines.append(rule)
        return lines
    }

    private static func localsTable(_ c: Compiler) -> [String] {
        let roleWidth = c.locals.map { $0.role.count }.max() ?? 0
        var lines = ["Locals:"]
        for v in c.locals {
            var line = "\(v.displayName) \(pad(v.role, roleWidth)) \(pad(v.type.rawValue, 6))"
            if let name = v.name { line += " \"\(name)\"" }
            if let r = v.reg {
                line += " -> \(c.target.name(r))"
            } else if let off = v.stackOffset {
                let fp = c.target.name(c.target.framePointer)
                line += " -> [\(fp)\(off < 0 ? "-" : "+")0x\(hex(abs(off), 2))]"
            } else if let k = v.incomingStackSlot {
                line += " -> incoming stack slot \(k)"
            }
            lines.append(line)
        }
        return lines
    }

    /// `[000..00A)`.
    static func ilRange(_ b: BasicBlock) -> String { "[\(hex(b.ilStart, 3))..\(hex(b.ilEnd, 3)))" }

    /// ` -> BB03 (cond)`, ` (return)`; empty for a fall-through block.
    static func jumpSuffix(_ b: BasicBlock) -> String {
        switch b.kind {
        case .fallthrough_: return ""
        case .always: return " -> \(b.target?.name ?? "?") (always)"
        case .cond:
            let targets = [b.target?.name ?? "?"] + (b.falseTarget.map { [$0.name] } ?? [])
            return " -> \(targets.joined(separator: ",")) (cond)"
        case .switch_:
            let targets = b.switchTargets.map(\.name) + (b.falseTarget.map { [$0.name] } ?? [])
            return " -> \(targets.joined(separator: ",")) (switch)"
        case .ret: return " (return)"
        case .throw_: return " (throw)"
        }
    }

    static func formatWeight(_ w: Double) -> String {
        if w == w.rounded(), abs(w) < 1e15 { return String(Int64(w)) }
        let hundredths = Int64((w * 100).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// Uppercase hex, zero-padded to `width` digits.
    static func hex(_ v: Int, _ width: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func trimTrailing(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }
}
