/// The JitDisasm listing text of an instruction.
///
/// Format: mnemonic left-justified in 9 columns, operands separated by `, `, then
/// `      ; comment`. Registers are lower case; memory is `dword ptr [rax+4*rcx+0x10]`
/// (scale before index, displacement hex with at least two uppercase digits);
/// immediates are decimal when -1000 < v < 1000, else `0x`/`-0x` uppercase hex;
/// short label branches print `SHORT label`.
extension Instruction {
    /// The listing line, without indentation and without trailing spaces.
    public func text(labelName: (Int) -> String) -> String {
        let name = mnemonic.spelling(condition)
        var line = operands.isEmpty
            ? name
            : name + String(repeating: " ", count: max(1, 9 - name.count))
                + operands.map { operandText($0, labelName: labelName) }.joined(separator: ", ")
        if let comment { line += "      ; " + comment }
        return line
    }

    private func operandText(_ op: Operand, labelName: (Int) -> String) -> String {
        switch op {
        case .reg(let r, let w):
            return r.name(w)
        case .xmm(let x):
            return x.description
        case .imm(let v):
            return Self.immediateText(v)
        case .label:
            let name = target.map(labelName) ?? "<no label>"
            return isShort ? "SHORT " + name : name
        case .address(let a):
            return symbol ?? Self.immediateText(a)
        case .mem(let m):
            let size = m.width.map { "\($0) ptr " } ?? ""
            return size + "[" + addressText(m, labelName: labelName) + "]"
        }
    }

    private func addressText(_ m: Memory, labelName: (Int) -> String) -> String {
        switch m.address {
        case .absolute(let a):
            return symbol ?? Self.immediateText(a)
        case .label:
            return target.map(labelName) ?? "<no label>"
        case .registers(let base, let index, let scale, let disp):
            var s = base?.name(.qword) ?? ""
            if let index {
                if !s.isEmpty { s += "+" }
                s += scale == 1 ? index.name(.qword) : "\(scale)*\(index.name(.qword))"
            }
            if disp != 0 || s.isEmpty {
                s += Self.displacementText(disp)
            }
            return s
        }
    }

    /// An immediate as JitDisasm prints it: decimal in (-1000, 1000), else `0x`/`-0x` hex.
    public static func immediateText(_ v: Int64) -> String {
        if v > -1000 && v < 1000 { return String(v) }
        return v < 0 ? "-0x" + hex(v.magnitude, minDigits: 1) : "0x" + hex(UInt64(v), minDigits: 1)
    }

    /// An unsigned immediate (addresses) in the same style.
    public static func immediateText(_ v: UInt64) -> String {
        v < 1000 ? String(v) : "0x" + hex(v, minDigits: 1)
    }

    /// A displacement: `+0x10`, `-0x04` (hex, at least two uppercase digits).
    public static func displacementText(_ d: Int64) -> String {
        (d < 0 ? "-" : "+") + "0x" + hex(d.magnitude, minDigits: 2)
    }

    private static func hex(_ v: UInt64, minDigits: Int) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, minDigits - digits.count)) + digits
    }
}
