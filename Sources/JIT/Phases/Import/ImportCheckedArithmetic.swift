import Diagnostics
import IL

/// Checked arithmetic and conversions (`add.ovf`, `sub.ovf.un`, `mul.ovf`, `conv.ovf.u1` ...).
///
/// The model imports each as a call to a small IL method of CoreLib's
/// `System.Runtime.CompilerServices.CheckedArithmetic`, which computes the result and throws
/// OverflowException when it does not fit: the shape RyuJIT uses where a target has no cheap
/// overflow test (CORINFO_HELP_LMUL_OVF on 32-bit targets). The calls are ordinary direct calls,
/// so the inliner may fold them into the caller. A checked conversion widens its source to 64
/// bits (zero-extending for the `.un` forms), checks the range, then narrows as the unchecked
/// conversion does.
extension BlockImporter {
    /// Imports `ins` if it is a checked opcode; returns false for any other opcode.
    func importCheckedOpcode(_ ins: Instruction) throws -> Bool {
        let op = ins.opcode
        if let name = Self.checkedBinary(op) {
            let ops = try pop(2)
            let (a, b) = balance(ops[0], ops[1])
            try requireInteger(a, ins)
            let t: TypeSig = a.type == .long ? .int64 : .int32
            try callCheckedArithmetic(name, [t, t], returns: t, [a, b], ins)
            return true
        }
        guard let (narrow, range) = Self.checkedConversion(op) else { return false }
        let v = try pop()
        if v.type.isFloating {
            try importCheckedFloatConversion(v, op, narrow: narrow, ins)
            return true
        }
        try requireInteger(v, ins)
        let unsignedSource = op.rawValue.hasSuffix(".un")
        let wide = try convert(v, unsignedSource ? .conv_u8 : .conv_i8)
        switch range {
        case .none:
            push(wide)
        case .signed(let min, let max):
            try callCheckedArithmetic("InRange", [.int64, .int64, .int64], returns: .int64,
                            [wide, constant(min, .long), constant(max, .long)], ins)
        case .unsigned(let max):
            try callCheckedArithmetic("InRangeUn", [.int64, .int64], returns: .int64, [wide, constant(max, .long)], ins)
        }
        if narrow != .conv_i8 { push(try convert(try pop(), narrow)) }
        return true
    }

    private func requireInteger(_ v: Node, _ ins: Instruction) throws {
        guard v.type == .int || v.type == .long else {
            throw Diagnostic(.unsupported, at: ins.location,
                             "'\(ins.opcode.rawValue)' of a \(v.type) value is not supported by the model JIT yet (integers only)")
        }
    }

    /// Calls `CheckedArithmetic::name(params)` with `args` and pushes its result.
    func callCheckedArithmetic(_ name: String, _ params: [TypeSig], returns: TypeSig, _ args: [Node],
                             _ ins: Instruction) throws {
        let owner = TypeSig.class(TypeName(assembly: "System.Private.CoreLib", namespace: "System.Runtime.CompilerServices",
                                           name: "CheckedArithmetic"))
        let ref = MethodRef(hasThis: false, returnType: returns, owner: owner, name: name, parameters: params)
        let info = try c.runtime.resolveMethod(ref, in: c.methodHandle, at: ins.location)
        c.runtime.reportReference(info.handle)
        try makeCall(info, ref, args, virtual: false, ins)
    }

    /// The CheckedArithmetic method of a checked binary opcode; nil for any other opcode.
    ///
    /// A switch rather than a dictionary: every instruction the general import path does not take
    /// asks here first, and a switch on the opcode costs no hashing.
    static func checkedBinary(_ op: Opcode) -> String? {
        switch op {
        case .add_ovf: "AddOvf"
        case .sub_ovf: "SubOvf"
        case .mul_ovf: "MulOvf"
        case .add_ovf_un: "AddOvfUn"
        case .sub_ovf_un: "SubOvfUn"
        case .mul_ovf_un: "MulOvfUn"
        default: nil
        }
    }

    /// The range a checked conversion tests, on the source widened to 64 bits.
    enum CheckedRange {
        /// Every value fits (`conv.ovf.i8` of a signed source, `conv.ovf.u8.un`).
        case none
        case signed(Int64, Int64)
        /// The source, read as unsigned, must not exceed the bound.
        case unsigned(Int64)
    }

    /// The unchecked conversion that narrows the checked value of a checked conversion, and the
    /// range it tests; nil for any other opcode (a switch, as `checkedBinary`).
    static func checkedConversion(_ op: Opcode) -> (Opcode, CheckedRange)? {
        switch op {
        case .conv_ovf_i1: (.conv_i1, .signed(-128, 127))
        case .conv_ovf_u1: (.conv_u1, .signed(0, 255))
        case .conv_ovf_i2: (.conv_i2, .signed(-32768, 32767))
        case .conv_ovf_u2: (.conv_u2, .signed(0, 65535))
        case .conv_ovf_i4: (.conv_i4, .signed(Int64(Int32.min), Int64(Int32.max)))
        case .conv_ovf_u4: (.conv_u4, .signed(0, Int64(UInt32.max)))
        case .conv_ovf_i8, .conv_ovf_i: (.conv_i8, .none)
        case .conv_ovf_u8, .conv_ovf_u: (.conv_i8, .signed(0, Int64.max))
        case .conv_ovf_i1_un: (.conv_i1, .unsigned(127))
        case .conv_ovf_u1_un: (.conv_u1, .unsigned(255))
        case .conv_ovf_i2_un: (.conv_i2, .unsigned(32767))
        case .conv_ovf_u2_un: (.conv_u2, .unsigned(65535))
        case .conv_ovf_i4_un: (.conv_i4, .unsigned(Int64(Int32.max)))
        case .conv_ovf_u4_un: (.conv_u4, .unsigned(Int64(UInt32.max)))
        case .conv_ovf_i8_un, .conv_ovf_i_un: (.conv_i8, .unsigned(Int64.max))
        case .conv_ovf_u8_un, .conv_ovf_u_un: (.conv_i8, .none)
        default: nil
        }
    }
}
