import Foundation

/// Prints a JitDisasm-style listing (DESIGN §3) from encoded instruction groups.
enum ListingPrinter {
    /// The listing text, and the 0-based listing line of each instruction, in code order.
    static func print<I>(_ c: Compiler, groups: [Emitter.Group], layout: Emitter.Layout<I>, groupName: (Int) -> String,
                      labelName: (Int) -> String, totalSize: Int, dataLines: [String]) -> (String, [Int]) {
        var instructionLines: [Int] = []
        var out: [String] = []
        let tier = c.optimizing ? "FullOpts" : "MinOpts"
        out.append("; Assembly listing for method \(c.displayName) (\(tier))")
        out.append("; Emitting BLENDED_CODE for \(c.arch.headerName)")
        out.append("; \(tier) code")
        out.append(c.optimizing ? "; optimized code" : "; minopts code")
        switch c.arch {
        case .x64: out.append(c.frame.usesFramePointer ? "; rbp based frame" : "; rsp based frame")
        case .arm64: out.append("; fp based frame")
        }
        out.append("; partially interruptible")
        out.append("; No PGO data")
        out.append(";")
        out.append(contentsOf: localsTable(c))
        out.append(";")
        out.append("; Lcl frame size = \(c.frame.localsSize + c.frame.outgoingArgSize)")
        out.append("")
        let indent = c.arch == .x64 ? "       " : "            "
        for (g, group) in groups.enumerated() {
            out.append("\(groupName(g)):        ;; offset=\(ListingFormat.hex(group.offset, width: 4))")
            var size = 0
            var score = 0.0
            for i in group.instructions {
                let inst = layout.instructions[i]
                instructionLines.append(out.count)
                out.append(indent + inst.text(labelName: labelName))
                size += layout.sizes[i]
                score += cost(inst.costs) * group.weight
            }
            out.append(String(repeating: " ", count: 48)
                       + ";; size=\(size) bbWeight=\(weightText(group.weight)) PerfScore \(ListingFormat.twoDecimals(score))")
        }
        out.append(contentsOf: dataLines)
        out.append("")
        out.append("; Total bytes of code \(totalSize)")
        return (out.joined(separator: "\n") + "\n", instructionLines)
    }

    /// The method's PerfScore: what the listing's groups print, summed (without their rounding),
    /// from each instruction's `cost`, by instruction index.
    static func perfScore(_ groups: [Emitter.Group], costs: [Double]) -> Double {
        groups.reduce(0) { total, g in
            total + g.instructions.reduce(0) { $0 + costs[$1] * g.weight }
        }
    }

    /// PerfScore of one instruction from its `costs`: its throughput, or its latency when that is
    /// longer than the one cycle out-of-order execution is assumed to hide. (Given the costs, not the
    /// instruction: the emitter reads them in place, without copying the instruction.)
    static func cost(_ costs: (throughput: Double, latency: Double)) -> Double {
        max(costs.throughput, costs.latency - 1)
    }

    /// `1`, `8`, `0.50`: whole weights without decimals, as RyuJIT prints them.
    static func weightText(_ w: Double) -> String {
        w == w.rounded() ? String(Int(w)) : ListingFormat.twoDecimals(w)
    }

    /// `;  V00 arg0         int  ->  rdi` lines, one per local.
    static func localsTable(_ c: Compiler) -> [String] {
        var refs = [Int](repeating: 0, count: c.locals.count)
        for b in c.blocks {
            for n in b.lir where n.oper == .lclVar || n.oper == .storeLclVar { refs[n.lclNum] += 1 }
        }
        var tempIndex = 0
        return c.locals.map { v in
            let role: String
            var reason = ""
            switch v.kind {
            case .arg(let i): role = "arg\(i)"
            case .local(let i): role = "loc\(i)"
            case .temp(let why):
                role = "tmp\(tempIndex)"
                tempIndex += 1
                reason = "         \"\(why)\""
            }
            let home: String
            if let r = v.reg {
                home = c.target.name(r)
            } else if v.stackOffset != nil || v.incomingStackSlot != nil {
                home = FrameBuilder.homeText(v, c)
            } else {
                home = "zero-ref"
            }
            let mark = refs[v.num] == 0 && !(v.isParam && v.reg != nil) ? ";*" : "; "
            let name = ListingFormat.padded(role, 12)
            let type = ListingFormat.padded(v.type.rawValue, 6)
            return "\(mark) \(v.displayName) \(name) \(type) ->  \(home)\(reason)"
        }
    }
}
