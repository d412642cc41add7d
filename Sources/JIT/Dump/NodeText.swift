/// The text of one node shared by the HIR and LIR dumps: operator, type and details.
enum NodeText {
    /// `ADD       int` / `CAST      long <- int` / `STORE_LCL_VAR int` (operator padded to 10 columns).
    static func head(_ n: Node, _ c: Compiler) -> String {
        let op = n.oper.rawValue
        return IRDumper.pad(op, 9) + " " + IRDumper.pad(typeText(n, c), 6)
    }

    /// The type column: the local's type for stores, `to <- from` for casts.
    static func typeText(_ n: Node, _ c: Compiler) -> String {
        switch n.oper {
        case .storeLclVar:
            return n.lclNum >= 0 && n.lclNum < c.locals.count ? c.locals[n.lclNum].type.rawValue : n.type.rawValue
        case .cast:
            var from = n.operands.first?.type ?? .void
            if n.isUnsigned { from = from == .int ? .uint : from == .long ? .ulong : from }
            let middle = n.castType != n.type && n.castType != .void ? " <- \(n.castType.rawValue)" : ""
            return "\(n.type.rawValue)\(middle) <- \(from.rawValue)"
        default:
            return n.type.rawValue
        }
    }

    /// Operator-specific details: constant value, local, callee.
    static func detail(_ n: Node, _ c: Compiler) -> String? {
        switch n.oper {
        case .cnsInt:
            if let h = n.handleComment { return "0x" + String(UInt64(bitPattern: n.value), radix: 16, uppercase: true) + " " + h }
            return String(n.value)
        case .cnsDbl:
            // Swift's description is the shortest text that reads back as the same double.
            let v = n.doubleValue
            return v.isNaN ? "NaN" : v.isInfinite ? (v < 0 ? "-Infinity" : "Infinity") : "\(v)"
        case .lclVar, .storeLclVar, .lclAddr: return local(n.lclNum, c)
        case .call: return n.callTarget?.displayName ?? "?"
        default: return nil
        }
    }

    /// `V00 arg0`.
    static func local(_ num: Int, _ c: Compiler) -> String {
        guard num >= 0 && num < c.locals.count else { return "V??" }
        let v = c.locals[num]
        return "\(v.displayName) \(v.role)"
    }

    /// Markers after the details: `(uns)` (`(unord)` on a compare of floating-point values, which is
    /// then also true for NaN), `(contained)`, `(unused)`, `REG rax`.
    static func markers(_ n: Node, _ c: Compiler) -> [String] {
        var m: [String] = []
        let floatingCompare = n.oper.isCompare && (n.operands.first?.type.isFloating ?? false)
        if n.isUnsigned && n.oper != .cast { m.append(floatingCompare ? "(unord)" : "(uns)") }
        if n.isContained { m.append("(contained)") }
        if n.flags.contains(.unusedValue) { m.append("(unused)") }
        if let r = n.reg { m.append("REG \(c.target.name(r))") }
        return m
    }
}

/// HIR statements drawn as trees: `*  ` for the root, `+--*  ` / `\--*  ` for operands.
enum HIRDump {
    static func lines(_ s: Statement, _ c: Compiler) -> [String] {
        var out = ["STMT\(String(zeroPadded: s.id, 5)) \(range(s))"]
        draw(s.root, prefix: "", connector: "*  ", childPrefix: "", c, &out)
        return out
    }

    private static func range(_ s: Statement) -> String {
        func off(_ v: Int?) -> String { v.map { "0x\(IRDumper.hex($0, 3))" } ?? "  ???" }
        return "(IL \(off(s.ilOffset))...\(off(s.ilLastOffset ?? s.ilOffset)))"
    }

    private static func draw(_ n: Node, prefix: String, connector: String, childPrefix: String,
                             _ c: Compiler, _ out: inout [String]) {
        var text = NodeText.head(n, c)
        if let d = NodeText.detail(n, c) { text += " " + d }
        for m in NodeText.markers(n, c) { text += " " + m }
        out.append("[\(id(n))] \(prefix)\(connector)\(text)")
        for (i, op) in n.operands.enumerated() {
            let last = i == n.operands.count - 1
            draw(op, prefix: childPrefix, connector: last ? "\\--*  " : "+--*  ",
                 childPrefix: childPrefix + (last ? "   " : "|  "), c, &out)
        }
    }

    static func id(_ n: Node) -> String { String(zeroPadded: n.id, 6) }
}

/// LIR: `N003 [000002] t2 = ADD       int    t0, t1`.
enum LIRDump {
    static func lines(_ b: BasicBlock, _ c: Compiler, firstNumber: inout Int) -> [String] {
        let width = b.lir.filter(\.isValue).map { "t\($0.id) = ".count }.max() ?? 0
        var out: [String] = []
        for n in b.lir {
            let number = String(zeroPadded: firstNumber, 3)
            firstNumber += 1
            let def = n.isValue ? "t\(n.id) = " : ""
            var parts: [String] = []
            if let d = NodeText.detail(n, c) { parts.append(d) }
            parts += n.operands.map { "t\($0.id)" }
            var text = NodeText.head(n, c)
            if !parts.isEmpty { text += " " + parts.joined(separator: ", ") }
            for m in NodeText.markers(n, c) { text += " " + m }
            out.append("N\(number) [\(HIRDump.id(n))] \(IRDumper.pad(def, width))\(text)")
        }
        return out
    }
}

extension String {
    /// Decimal, zero-padded to `width` digits (node, statement and sequence numbers).
    init(zeroPadded v: Int, _ width: Int) {
        let s = String(v)
        self = String(repeating: "0", count: Swift.max(0, width - s.count)) + s
    }
}
