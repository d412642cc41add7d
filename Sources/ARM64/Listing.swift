import Foundation

/// Listing text of ARM64 instructions, in JitDisasm's syntax (DESIGN.md §3).
///
/// `add     w0, w0, w1`: the mnemonic padded to 8 columns, operands `, `-separated,
/// registers `x0`/`w0`/`fp`/`lr`/`sp`/`xzr`, immediates `#42`/`#0x1234`, memory
/// `[fp, #0x10]`, shifts and extends upper case (`LSL #3`, `SXTW`), and an optional
/// `// comment` six spaces after the operands.
enum Listing {
    /// Mnemonic column width.
    static let mnemonicWidth = 8

    /// An immediate: decimal when -1000 < v < 1000, else `0x` + upper-case hex (`-0x..` if negative).
    static func immediate(_ v: Int64) -> String {
        if v > -1000 && v < 1000 { return "\(v)" }
        return hex(v, minDigits: 1)
    }

    /// An unsigned immediate (bitmask and movz values may use all 64 bits).
    static func immediate(unsigned u: UInt64) -> String {
        if u < 1000 { return "\(u)" }
        return "0x" + String(u, radix: 16, uppercase: true)
    }

    /// `0x..`/`-0x..` with at least `minDigits` upper-case hex digits.
    static func hex(_ v: Int64, minDigits: Int) -> String {
        let magnitude = v.magnitude
        var digits = String(magnitude, radix: 16, uppercase: true)
        if digits.count < minDigits { digits = String(repeating: "0", count: minDigits - digits.count) + digits }
        return (v < 0 ? "-0x" : "0x") + digits
    }

    /// A memory displacement: `#0x10`, `#-0x08` (hex, at least two digits).
    static func displacement(_ v: Int64) -> String { "#" + hex(v, minDigits: 2) }

    static func regName(_ r: Reg, _ width: Width, _ size: OperandSize) -> String {
        switch width {
        case .sized: return r.name(size)
        case .w: return r.name(.w)
        case .x: return r.name(.x)
        }
    }

    static func memory(_ m: Memory) -> String {
        let base = m.base.name(.x)
        switch m.mode {
        case .offset(let off): return off == 0 ? "[\(base)]" : "[\(base), \(displacement(off))]"
        case .preIndex(let off): return "[\(base), \(displacement(off))]!"
        case .postIndex(let off): return "[\(base)], \(displacement(off))"
        case .register(let index, let ext, let amount):
            let indexName = index.name(ext.sourceSize)
            let extText = ext == .uxtx ? "LSL" : ext.name
            if ext == .uxtx && amount == 0 { return "[\(base), \(indexName)]" }
            return amount == 0 ? "[\(base), \(indexName), \(extText)]" : "[\(base), \(indexName), \(extText) #\(amount)]"
        }
    }

    /// Text of one operand in a slot.
    static func operand(_ slot: Slot, _ op: Operand, inst: Instruction, labelName: (Int) -> String) -> String {
        let size = inst.size
        switch (slot, op) {
        case (.reg(_, _, let width), .reg(let r)):
            return regName(r, width, size)
        case (.fp, .fp(let n, let p)):
            return "\(p.rawValue)\(n)"
        case (.fpImm8, .imm(let bits)):
            return "#" + String(format: "%.4f", Double(bitPattern: UInt64(bitPattern: bits)))
        case (.addImm, .imm(let v)):
            if v > 0 && v > 0xFFF && v & 0xFFF == 0 { return "#\(immediate(v >> 12)), LSL #12" }
            return "#\(immediate(v))"
        case (.addImm, .shiftedImm(let v, let s)):
            return s == 0 ? "#\(immediate(v))" : "#\(immediate(v)), LSL #\(s)"
        case (.logicImm, .imm(let v)), (.movZ, .imm(let v)):
            return "#" + immediate(unsigned: Encoder.sized(v, size) ?? UInt64(bitPattern: v))
        case (.movN, .imm(let v)):
            return "#" + immediate(size == .w ? Int64(Int32(truncatingIfNeeded: v)) : v)
        case (.shiftedReg, .reg(let r)):
            return r.name(size)
        case (.shiftedReg, .shifted(let r, let k, let a)):
            return a == 0 && k == .lsl ? r.name(size) : "\(r.name(size)), \(k.name) #\(a)"
        case (.extendedReg, _):
            return extended(op, inst: inst)
        case (.wideImm, .imm(let v)):
            return "#\(immediate(v))"
        case (.wideImm, .shiftedImm(let v, let s)):
            return s == 0 ? "#\(immediate(v))" : "#\(immediate(v)) LSL #\(s)"
        case (.cond, .cond(let c)):
            return c.name
        case (.shiftImm, .imm(let n)), (.imm16, .imm(let n)):
            return "#\(immediate(n))"
        case (_, .mem(let m)):
            return memory(m)
        case (_, .label(let id)):
            return labelName(id)
        case (_, .address(let a, let symbol)):
            return symbol ?? ("0x" + String(a, radix: 16, uppercase: true))
        default:
            return generic(op, size: size, labelName: labelName)
        }
    }

    /// Extended register text; with `sp` as Rd/Rn the default extend prints as `LSL` (or nothing).
    static func extended(_ op: Operand, inst: Instruction) -> String {
        let size = inst.size
        let usesSP = inst.operands.contains(.reg(.sp))
        let defaultExt: ExtendKind = size == .x ? .uxtx : .uxtw
        let r: Reg, ext: ExtendKind, amount: UInt8
        switch op {
        case .reg(let x): r = x; ext = defaultExt; amount = 0
        case .extended(let x, let e, let a): r = x; ext = e; amount = a
        case .shifted(let x, _, let a): r = x; ext = defaultExt; amount = a
        default: return generic(op, size: size, labelName: { "L\($0)" })
        }
        let name = r.name(size == .x ? ext.sourceSize : .w)
        if usesSP && ext == defaultExt {
            return amount == 0 ? name : "\(name), LSL #\(amount)"
        }
        return amount == 0 ? "\(name), \(ext.name)" : "\(name), \(ext.name) #\(amount)"
    }

    /// Operand text without a form (for instructions no row accepts).
    static func generic(_ op: Operand, size: OperandSize, labelName: (Int) -> String) -> String {
        switch op {
        case .reg(let r): return r.name(size)
        case .imm(let v): return "#\(immediate(v))"
        case .shiftedImm(let v, let s): return "#\(immediate(v)) LSL #\(s)"
        case .shifted(let r, let k, let a): return "\(r.name(size)), \(k.name) #\(a)"
        case .extended(let r, let e, let a): return "\(r.name(e.sourceSize)), \(e.name) #\(a)"
        case .mem(let m): return memory(m)
        case .cond(let c): return c.name
        case .label(let id): return labelName(id)
        case .address(let a, let symbol): return symbol ?? ("0x" + String(a, radix: 16, uppercase: true))
        case .fp(let n, let p): return "\(p.rawValue)\(n)"
        }
    }

    /// Whether an explicit movz/movn prints as its `mov` alias (the architecture's preferred
    /// disassembly): not when imm16 is 0 with a non-zero shift, nor for 32-bit movn of 0xFFFF.
    static func movWideAlias(_ inst: Instruction) -> Bool {
        guard inst.operands.count == 2 else { return false }
        let (v, s): (Int64, UInt8)
        switch inst.operands[1] {
        case .imm(let x): (v, s) = (x, 0)
        case .shiftedImm(let x, let y): (v, s) = (x, y)
        default: return false
        }
        if v == 0 && s != 0 { return false }
        if inst.mnemonic == .movn && inst.size == .w && v == 0xFFFF { return false }
        return true
    }

    /// The full listing text of `inst` (no indentation, no trailing spaces).
    ///
    /// `selected` is `original.selection()`, passed by callers that already have it.
    static func text(_ original: Instruction, labelName: (Int) -> String, selected: FormSelection) -> String {
        let alias = original.alias(selected: selected)
        let inst = alias ?? original
        let selection = alias == nil ? selected : inst.selection()
        var mnemonic = inst.mnemonic.rawValue
        var parts: [String] = []
        switch selection.row.map({ formTable[$0] }) {
        case .some(let form):
            mnemonic = form.text
            if (inst.mnemonic == .movz || inst.mnemonic == .movn) && movWideAlias(inst),
               case .reg(let r) = inst.operands[0] {
                let (v, s): (Int64, UInt8)
                switch inst.operands[1] {
                case .shiftedImm(let x, let y): (v, s) = (x, y)
                case .imm(let x): (v, s) = (x, 0)
                default: (v, s) = (0, 0)
                }
                let mask: UInt64 = inst.size == .x ? UInt64.max : 0xFFFF_FFFF
                let shifted = (UInt64(bitPattern: v) << UInt64(s & 63)) & mask
                let value = inst.mnemonic == .movz
                    ? immediate(unsigned: shifted)
                    : immediate(inst.size == .w ? Int64(Int32(truncatingIfNeeded: ~shifted & mask))
                                                : Int64(bitPattern: ~shifted))
                return finish("mov", [r.name(inst.size), "#" + value], inst.comment)
            }
            var index = 0
            for slot in form.slots {
                if case .fixedText(let t) = slot { parts.append(t); continue }
                guard index < inst.operands.count else { break }
                let op = inst.operands[index]
                index += 1
                if case .condSuffix = slot, case .cond(let c) = op { mnemonic += c.name; continue }
                parts.append(operand(slot, op, inst: inst, labelName: labelName))
            }
        case .none:
            if inst.mnemonic == .bcond, case .cond(let c)? = inst.operands.first {
                mnemonic = "b." + c.name
                parts = inst.operands.dropFirst().map { generic($0, size: inst.size, labelName: labelName) }
            } else {
                parts = inst.operands.map { generic($0, size: inst.size, labelName: labelName) }
            }
        }
        return finish(mnemonic, parts, inst.comment)
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func finish(_ mnemonic: String, _ parts: [String], _ comment: String?) -> String {
        var line = parts.isEmpty ? mnemonic : pad(mnemonic, max(mnemonicWidth, mnemonic.count + 1))
            + parts.joined(separator: ", ")
        if let comment {
            if parts.isEmpty { line = pad(line, mnemonicWidth) }
            line += "      // " + comment
        }
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }
}

extension Instruction {
    /// The listing text (DESIGN.md §3) without indentation or trailing spaces; branch
    /// targets print `labelName(id)`, symbolic addresses their symbol.
    public func text(labelName: (Int) -> String) -> String {
        Listing.text(self, labelName: labelName, selected: selection())
    }

    /// The listing text, with the row `selection()` chose for this instruction.
    public func text(labelName: (Int) -> String, _ selected: FormSelection) -> String {
        Listing.text(self, labelName: labelName, selected: selected)
    }
}
