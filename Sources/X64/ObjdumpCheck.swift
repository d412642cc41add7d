import Foundation

/// Cross-checking encodings and listing text against GNU objdump.
///
/// `disassemble` runs `objdump -D -b binary -m i386:x86-64 -M intel` once over a
/// blob of bytes. `matches(listing:objdump:)` then compares one of our listing lines
/// with objdump's text for the same bytes, after a normalisation of SYNTAX ONLY:
///
/// 1. Comments are dropped: ours after `;`, objdump's after `#` (but objdump's
///    `[rip+disp]  # 0xADDR` is first rewritten to `[0xADDR]`), and objdump's
///    `<symbol+off>` suffixes.
/// 2. Case and spacing: everything lower-cased, runs of blanks collapsed, no blank
///    after commas; operands are split at top-level commas.
/// 3. Mnemonic aliases: objdump `movabs` is our `mov`; `retq` is `ret`.
/// 4. Our `SHORT ` branch marker is dropped (objdump infers the size from the bytes).
/// 5. Memory sizes: when our operand has no `size ptr` (lea, call, jmp), objdump's
///    size is dropped; otherwise both must agree.
/// 6. Addresses: our `4*rcx` is objdump's `rcx*4`; objdump's `*1` and `+0x0` are
///    dropped.
/// 7. Numbers are compared by value, hex or decimal, `-` folded in; a value also
///    equals objdump's unsigned rendering at 8/16/32 bits (`-1` = `0xffffffff` for a
///    32-bit immediate).
/// 8. Symbolic operands (call targets, label names, `[Program:Add(int,int):int]`,
///    `[reloc @RWD00]`) cannot be checked textually: an operand of ours that is not
///    made of registers and numbers matches any numeric operand of objdump, with the
///    same brackets.
public enum ObjdumpCheck {
    /// Running objdump failed.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { "objdump check: \(message)" }
    }

    /// One listing or objdump line, normalised: lower-case mnemonic and operands.
    public struct Normalized: Equatable, Sendable, CustomStringConvertible {
        public var mnemonic: String
        public var operands: [String]

        public init(mnemonic: String, operands: [String]) {
            self.mnemonic = mnemonic
            self.operands = operands
        }

        public var description: String {
            operands.isEmpty ? mnemonic : mnemonic + " " + operands.joined(separator: ",")
        }
    }

    /// Disassembles `bytes` as if loaded at `address`; returns each instruction's
    /// offset from `address` and objdump's text (mnemonic and operands, as printed).
    public static func disassemble(_ bytes: [UInt8], at address: UInt64) throws -> [(offset: Int, text: String)] {
        let dir = FileManager.default.temporaryDirectory
        let file = dir.appendingPathComponent("jitbook-x64-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).bin")
        do {
            try Data(bytes).write(to: file)
        } catch {
            throw Failure(message: "cannot write \(file.path): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["objdump", "-D", "-b", "binary", "-m", "i386:x86-64", "-M", "intel",
                             "--insn-width=16", "--adjust-vma=0x" + String(address, radix: 16), file.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw Failure(message: "cannot run objdump: \(error)")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(message: "objdump exited with \(process.terminationStatus): "
                + (String(data: errData, encoding: .utf8) ?? ""))
        }
        return parse(String(decoding: data, as: UTF8.self), base: address)
    }

    /// Parses objdump's `  addr:\tbytes\ttext` lines.
    static func parse(_ output: String, base: UInt64) -> [(offset: Int, text: String)] {
        var result: [(offset: Int, text: String)] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count >= 3 else { continue }
            let head = parts[0].trimmingCharacters(in: .whitespaces)
            guard head.hasSuffix(":"), let addr = UInt64(head.dropLast(), radix: 16), addr >= base else { continue }
            let text = parts[2...].joined(separator: " ").trimmingCharacters(in: .whitespaces)
            result.append((offset: Int(addr - base), text: text))
        }
        return result
    }

    /// Normalises one of our listing lines (indentation and comment allowed).
    public static func normalize(listing: String) -> Normalized {
        var text = listing.trimmingCharacters(in: .whitespaces)
        if let r = text.range(of: " ;") { text = String(text[..<r.lowerBound]) }
        var n = split(text.lowercased())
        n.operands = n.operands.map { $0.hasPrefix("short ") ? String($0.dropFirst(6)) : $0 }
        return n
    }

    /// Normalises one line of objdump's instruction text.
    public static func normalize(objdump: String) -> Normalized {
        var text = objdump.lowercased()
        if let hash = text.range(of: "#") {
            let comment = text[hash.upperBound...].trimmingCharacters(in: .whitespaces)
            text = String(text[..<hash.lowerBound])
            let addr = comment.split(separator: " ").first.map(String.init) ?? ""
            if let rip = text.range(of: "[rip"), let close = text[rip.lowerBound...].firstIndex(of: "]"),
               addr.hasPrefix("0x") {
                text.replaceSubrange(rip.lowerBound...close, with: "[" + addr + "]")
            }
        }
        if let angle = text.range(of: " <") { text = String(text[..<angle.lowerBound]) }
        var n = split(text.trimmingCharacters(in: .whitespaces))
        switch n.mnemonic {
        case "movabs": n.mnemonic = "mov"
        case "retq": n.mnemonic = "ret"
        default: break
        }
        return n
    }

    /// True when our listing line and objdump's text describe the same instruction.
    public static func matches(listing: String, objdump: String) -> Bool {
        let l = normalize(listing: listing), o = normalize(objdump: objdump)
        guard l.mnemonic == o.mnemonic, l.operands.count == o.operands.count else { return false }
        return zip(l.operands, o.operands).allSatisfy(operandMatches)
    }

    // MARK: - Operands

    private static let sizes = ["byte", "word", "dword", "qword", "xmmword"]
    private static let registers: Set<String> = {
        var s: Set<String> = ["rip"]
        for r in Reg.allCases { for w in Width.allCases { s.insert(r.name(w)) } }
        for x in XMM.allCases { s.insert(x.description) }
        return s
    }()

    /// Splits `mnemonic op, op` at the first blank and top-level commas; collapses blanks.
    private static func split(_ text: String) -> Normalized {
        let collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        guard let space = collapsed.firstIndex(of: " ") else { return Normalized(mnemonic: collapsed, operands: []) }
        let mnemonic = String(collapsed[..<space])
        var operands: [String] = []
        var depth = 0, current = ""
        for c in collapsed[collapsed.index(after: space)...] {
            if c == "(" || c == "[" { depth += 1 }
            if c == ")" || c == "]" { depth -= 1 }
            if c == "," && depth == 0 {
                operands.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(c)
            }
        }
        operands.append(current.trimmingCharacters(in: .whitespaces))
        return Normalized(mnemonic: mnemonic, operands: operands)
    }

    private static func stripSize(_ op: String) -> (size: String?, rest: String) {
        for s in sizes where op.hasPrefix(s + " ptr ") {
            return (s, String(op.dropFirst(s.count + 5)).trimmingCharacters(in: .whitespaces))
        }
        return (nil, op)
    }

    private enum Token: Equatable {
        case word(String), number(Int64), punct(Character)
    }

    private static func tokens(_ s: String) -> [Token]? {
        var out: [Token] = []
        var chars = Array(s)[...]
        while let c = chars.first {
            if c == " " {
                chars = chars.dropFirst()
            } else if "[]+-*".contains(c) {
                out.append(.punct(c))
                chars = chars.dropFirst()
            } else if c.isNumber {
                let run = chars.prefix { $0.isLetter || $0.isNumber }
                chars = chars.dropFirst(run.count)
                let text = String(run)
                let value: UInt64?
                if text.hasPrefix("0x") { value = UInt64(text.dropFirst(2), radix: 16) } else { value = UInt64(text) }
                guard let v = value else { return nil }
                out.append(.number(Int64(bitPattern: v)))
            } else if c.isLetter || c == "_" {
                let run = chars.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                chars = chars.dropFirst(run.count)
                out.append(.word(String(run)))
            } else {
                return nil
            }
        }
        return out
    }

    /// Canonical token order: `n*reg` -> `reg*n`, drop `*1`, drop `+0`, fold a leading `-`.
    private static func canonical(_ t: [Token]) -> [Token] {
        var t = t
        var i = 0
        while i + 2 < t.count {
            if case .number = t[i], t[i + 1] == .punct("*"), case .word = t[i + 2] { t.swapAt(i, i + 2) }
            i += 1
        }
        i = 0
        while i + 1 < t.count {
            if t[i] == .punct("*"), t[i + 1] == .number(1) { t.removeSubrange(i...i + 1); continue }
            if t[i] == .punct("+"), t[i + 1] == .number(0), i > 0 { t.removeSubrange(i...i + 1); continue }
            i += 1
        }
        if t.count >= 2, t[0] == .punct("-"), case .number(let v) = t[1] {
            t.replaceSubrange(0...1, with: [.number(0 &- v)])
        }
        return t
    }

    private static func numbersEqual(_ a: Int64, _ b: Int64) -> Bool {
        if a == b { return true }
        for bits: Int64 in [8, 16, 32] {
            let limit = Int64(1) << bits
            if b >= 0 && b < limit && b >= limit / 2 && b - limit == a { return true }
            if a >= 0 && a < limit && a >= limit / 2 && a - limit == b { return true }
        }
        return false
    }

    private static func isNumeric(_ t: [Token]) -> Bool {
        let inner = (t.first == .punct("[") && t.last == .punct("]")) ? Array(t.dropFirst().dropLast()) : t
        let c = canonical(inner)
        if c.count == 1, case .number = c[0] { return true }
        return false
    }

    private static func operandMatches(_ listing: String, _ objdump: String) -> Bool {
        let (lSize, lRest) = stripSize(listing)
        let (oSize, oRest) = stripSize(objdump)
        if let lSize, lSize != oSize { return false }
        let lBracket = lRest.hasPrefix("["), oBracket = oRest.hasPrefix("[")
        guard lBracket == oBracket, let ot = tokens(oRest) else { return false }
        guard let lt = tokens(lRest),
              lt.allSatisfy({ if case .word(let w) = $0 { return registers.contains(w) } else { return true } })
        else {
            // A symbol of ours (call target, label, relocation): any numeric address of objdump's.
            return isNumeric(ot)
        }
        let a = canonical(lt), b = canonical(ot)
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (.number(let p), .number(let q)): if !numbersEqual(p, q) { return false }
            default: if x != y { return false }
            }
        }
        return true
    }
}
