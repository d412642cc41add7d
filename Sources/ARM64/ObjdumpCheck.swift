import Foundation

/// Cross-checks encodings against GNU objdump (`aarch64-linux-gnu-objdump`).
///
/// The encoder is the source of truth for bytes; objdump is an independent decoder.
/// Disassembling our bytes and comparing the result with our own listing text catches
/// wrong bit fields and wrong printing at once. The two syntaxes differ only cosmetically,
/// and `normalize` documents exactly which differences are forgiven:
///
/// 1. Comments are dropped: ours (`// text`) and objdump's (`// #42`), and objdump's
///    `<symbol+off>` annotations.
/// 2. Case and whitespace: everything is lower-cased, tabs and runs of spaces become one space.
/// 3. Register aliases: objdump's `x29`/`x30` are JitDisasm's `fp`/`lr`.
/// 4. Condition aliases: objdump's `cs`/`cc` are JitDisasm's `hs`/`lo` (also in `b.cs`).
/// 5. Numbers: `#0x10`, `#16`, `0x10` all become decimal; in `matches`, two immediates
///    are equal if they are equal as 64-bit patterns, or, for instructions whose first
///    operand is a `w` register, as 32-bit patterns (`mov w0, #-1` vs `mov w0, #0xffffffff`).
/// 6. Shift punctuation: `#0x7FF0 LSL #32` (JitDisasm) and `#0x7ff0, lsl #32` (objdump)
///    are the same; the comma before a shift/extend keyword after an immediate is dropped.
/// 7. `ret` without operand is `ret lr`.
/// 9. Floating-point immediates (`fmov d0, #1.0000` vs `#1.000000000000000000e+00`) compare as doubles.
/// 8. PC-relative targets (`b`, `bl`, `b.cond`, `cbz`, `cbnz`, `adr`, literal `ldr`): a numeric listing
///    target must equal objdump's address; a symbolic one (a label name or a method
///    symbol) matches any address.
public enum ObjdumpCheck {
    /// The objdump binary used.
    public static let tool = "aarch64-linux-gnu-objdump"

    /// An error running objdump.
    public struct ToolError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Disassembles raw A64 bytes placed at `address`; returns (byte offset from `address`, text).
    ///
    /// The text is objdump's mnemonic and operands with the tab between them made a space.
    public static func disassemble(_ bytes: [UInt8], at address: UInt64) throws -> [(offset: Int, text: String)] {
        let dir = FileManager.default.temporaryDirectory
        let file = dir.appendingPathComponent("jitbook-arm64-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max)).bin")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool, "-D", "-b", "binary", "-m", "aarch64",
                             "--adjust-vma=0x" + String(address, radix: 16), file.path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw ToolError(description: "cannot run \(tool): \(error)")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolError(description: "\(tool) failed: \(String(decoding: errData, as: UTF8.self))")
        }
        return parse(String(decoding: data, as: UTF8.self), base: address)
    }

    /// Parses objdump's `  addr:\tWORD \tmnemonic\toperands` lines.
    public static func parse(_ output: String, base: UInt64) -> [(offset: Int, text: String)] {
        var result: [(offset: Int, text: String)] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 3 else { continue }
            let addrField = fields[0].trimmingCharacters(in: .whitespaces)
            guard addrField.hasSuffix(":"), let addr = UInt64(addrField.dropLast(), radix: 16) else { continue }
            let word = fields[1].trimmingCharacters(in: .whitespaces)
            guard word.count == 8, UInt32(word, radix: 16) != nil else { continue }
            let text = fields[2].replacingOccurrences(of: "\t", with: " ").trimmingCharacters(in: .whitespaces)
            result.append((offset: Int(addr &- base), text: text))
        }
        return result
    }

    /// Normalises either syntax to a common form (rules 1-7 above).
    public static func normalize(_ text: String) -> String {
        var s = text
        if let r = s.range(of: "//") { s = String(s[..<r.lowerBound]) }
        // Drop <symbol> annotations.
        while let open = s.firstIndex(of: "<"), let close = s[open...].firstIndex(of: ">") {
            s.removeSubrange(open...close)
        }
        s = s.lowercased().replacingOccurrences(of: "\t", with: " ")
        var tokens = tokenize(s)
        for i in tokens.indices {
            switch tokens[i] {
            case "x29": tokens[i] = "fp"
            case "x30": tokens[i] = "lr"
            case "cs": tokens[i] = "hs"
            case "cc": tokens[i] = "lo"
            case "b.cs": tokens[i] = "b.hs"
            case "b.cc": tokens[i] = "b.lo"
            default:
                if let v = number(tokens[i]) {
                    tokens[i] = (tokens[i].hasPrefix("#") ? "#" : "") + String(v)
                }
            }
        }
        // Rule 6: `#imm, lsl #n` -> `#imm lsl #n`.
        var out: [String] = []
        for (i, t) in tokens.enumerated() {
            if t == ",", i + 1 < tokens.count, shiftWords.contains(tokens[i + 1]),
               let prev = out.last, prev.hasPrefix("#") { continue }
            out.append(t)
        }
        if out == ["ret"] { out = ["ret", "lr"] }
        return render(out)
    }

    /// Whether our listing text and objdump's text denote the same instruction (rules 1-8).
    public static func matches(listing: String, objdump: String) -> Bool {
        let a = tokenize(normalize(listing))
        let b = tokenize(normalize(objdump))
        guard let mnemonic = a.first, mnemonic == b.first else { return false }
        let literalLoad = (mnemonic == "ldr" || mnemonic == "ldrsw") && !a.contains("[") && !b.contains("[")
        let pcRelative = ["b", "bl", "cbz", "cbnz", "adr"].contains(mnemonic) || mnemonic.hasPrefix("b.") || literalLoad
        if pcRelative {
            // Compare the register operand (cbz/cbnz/adr) exactly; the target is everything after it
            // (a symbol such as `Program:Add(int,int):int` may itself contain commas).
            let ai = ["cbz", "cbnz", "adr"].contains(mnemonic) || literalLoad ? 3 : 1
            let bi = ai
            guard a.count > ai, b.count > bi, equalTokens(Array(a[..<ai]), Array(b[..<bi])) else { return false }
            let ourTarget = a[ai...].joined()
            let theirTarget = b[bi...].joined()
            if let ours = number(ourTarget) {
                guard let theirs = number(theirTarget) else { return false }
                return ours == theirs
            }
            return number(theirTarget) != nil
        }
        return equalTokens(a, b)
    }

    static let shiftWords: Set<String> = ["lsl", "lsr", "asr", "ror", "uxtb", "uxth", "uxtw", "uxtx",
                                          "sxtb", "sxth", "sxtw", "sxtx"]

    /// Token-wise equality; numbers compare by value, and as 32-bit patterns when the
    /// instruction's first operand is a `w` register.
    static func equalTokens(_ a: [String], _ b: [String]) -> Bool {
        guard a.count == b.count else { return false }
        let is32 = a.count > 1 && a[1].hasPrefix("w")
        for (x, y) in zip(a, b) where x != y {
            if x.hasPrefix("#"), y.hasPrefix("#"), x.contains(".") || y.contains("."),
               let fx = Double(x.dropFirst()), let fy = Double(y.dropFirst()), fx == fy { continue }
            guard x.hasPrefix("#") == y.hasPrefix("#"), let u = number(x), let v = number(y) else { return false }
            if u == v { continue }
            let fits32: (Int64) -> Bool = { $0 >= Int64(Int32.min) && $0 <= Int64(UInt32.max) }
            guard is32 && fits32(u) && fits32(v) && UInt32(truncatingIfNeeded: u) == UInt32(truncatingIfNeeded: v) else {
                return false
            }
        }
        return true
    }

    /// Splits into words and the punctuation `, [ ] !` (each its own token).
    static func tokenize(_ s: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for ch in s {
            if ch == " " {
                if !current.isEmpty { tokens.append(current); current = "" }
            } else if ch == "," || ch == "[" || ch == "]" || ch == "!" {
                if !current.isEmpty { tokens.append(current); current = "" }
                tokens.append(String(ch))
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Renders tokens with canonical spacing: `a, b [c, d]!`.
    static func render(_ tokens: [String]) -> String {
        var s = ""
        for t in tokens {
            if t == "," || t == "]" || t == "!" { s += t; continue }
            if !s.isEmpty && !s.hasSuffix("[") { s += " " }
            s += t
        }
        return s
    }

    /// The value of `#42`, `#-0x10`, `0x1000`, `16` (as a 64-bit pattern), or nil.
    static func number(_ token: String) -> Int64? {
        var t = Substring(token)
        if t.hasPrefix("#") { t = t.dropFirst() }
        var negative = false
        if t.hasPrefix("-") { negative = true; t = t.dropFirst() }
        let magnitude: UInt64?
        if t.hasPrefix("0x") { magnitude = UInt64(t.dropFirst(2), radix: 16) }
        else if let f = t.first, f.isNumber { magnitude = UInt64(t, radix: 10) }
        else { magnitude = nil }
        guard let m = magnitude else { return nil }
        let v = Int64(bitPattern: m)
        return negative ? 0 &- v : v
    }
}
