/// The kind of inline operand an IL opcode carries.
///
/// Drives both the parser (what token to expect after the mnemonic) and the IL
/// offset computation (how many bytes the operand occupies).
public enum OperandKind: Sendable {
    case none
    case int8, uint8, int32, int64, float32, float64
    case shortBranch, branch          // label, 1 or 4 byte displacement
    case switchTable                  // ( L1, L2, ... )
    case shortVar, variable           // local/arg index or name, 1 or 2 bytes
    case method, field, type, token, string, signature

    /// Encoded operand size in bytes (switch: per-target size is added by the caller).
    public var size: Int {
        switch self {
        case .none: 0
        case .int8, .uint8, .shortBranch, .shortVar: 1
        case .variable: 2
        case .int32, .branch, .method, .field, .type, .token, .string, .signature, .float32: 4
        case .int64, .float64: 8
        case .switchTable: 4
        }
    }
}

/// Every ECMA-335 CIL opcode, named as ilasm spells it.
///
/// Swift case names replace `.` with `_` (`ldarg.0` is `.ldarg_0`); the raw
/// value is the ilasm mnemonic. Encodings and operand kinds come from
/// ECMA-335 Partition III and are defined once, here.
public enum Opcode: String, CaseIterable, Sendable {
    case nop, break_ = "break"
    case ldarg_0 = "ldarg.0", ldarg_1 = "ldarg.1", ldarg_2 = "ldarg.2", ldarg_3 = "ldarg.3"
    case ldloc_0 = "ldloc.0", ldloc_1 = "ldloc.1", ldloc_2 = "ldloc.2", ldloc_3 = "ldloc.3"
    case stloc_0 = "stloc.0", stloc_1 = "stloc.1", stloc_2 = "stloc.2", stloc_3 = "stloc.3"
    case ldarg_s = "ldarg.s", ldarga_s = "ldarga.s", starg_s = "starg.s"
    case ldloc_s = "ldloc.s", ldloca_s = "ldloca.s", stloc_s = "stloc.s"
    case ldnull
    case ldc_i4_m1 = "ldc.i4.m1", ldc_i4_0 = "ldc.i4.0", ldc_i4_1 = "ldc.i4.1", ldc_i4_2 = "ldc.i4.2"
    case ldc_i4_3 = "ldc.i4.3", ldc_i4_4 = "ldc.i4.4", ldc_i4_5 = "ldc.i4.5", ldc_i4_6 = "ldc.i4.6"
    case ldc_i4_7 = "ldc.i4.7", ldc_i4_8 = "ldc.i4.8", ldc_i4_s = "ldc.i4.s", ldc_i4 = "ldc.i4"
    case ldc_i8 = "ldc.i8", ldc_r4 = "ldc.r4", ldc_r8 = "ldc.r8"
    case dup, pop, jmp, call, calli, ret
    case br_s = "br.s", brfalse_s = "brfalse.s", brtrue_s = "brtrue.s"
    case beq_s = "beq.s", bge_s = "bge.s", bgt_s = "bgt.s", ble_s = "ble.s", blt_s = "blt.s"
    case bne_un_s = "bne.un.s", bge_un_s = "bge.un.s", bgt_un_s = "bgt.un.s", ble_un_s = "ble.un.s", blt_un_s = "blt.un.s"
    case br, brfalse, brtrue, beq, bge, bgt, ble, blt
    case bne_un = "bne.un", bge_un = "bge.un", bgt_un = "bgt.un", ble_un = "ble.un", blt_un = "blt.un"
    case switch_ = "switch"
    case ldind_i1 = "ldind.i1", ldind_u1 = "ldind.u1", ldind_i2 = "ldind.i2", ldind_u2 = "ldind.u2"
    case ldind_i4 = "ldind.i4", ldind_u4 = "ldind.u4", ldind_i8 = "ldind.i8", ldind_i = "ldind.i"
    case ldind_r4 = "ldind.r4", ldind_r8 = "ldind.r8", ldind_ref = "ldind.ref"
    case stind_ref = "stind.ref", stind_i1 = "stind.i1", stind_i2 = "stind.i2", stind_i4 = "stind.i4"
    case stind_i8 = "stind.i8", stind_r4 = "stind.r4", stind_r8 = "stind.r8"
    case add, sub, mul, div, div_un = "div.un", rem, rem_un = "rem.un"
    case and, or, xor, shl, shr, shr_un = "shr.un", neg, not
    case conv_i1 = "conv.i1", conv_i2 = "conv.i2", conv_i4 = "conv.i4", conv_i8 = "conv.i8"
    case conv_r4 = "conv.r4", conv_r8 = "conv.r8", conv_u4 = "conv.u4", conv_u8 = "conv.u8"
    case callvirt, cpobj, ldobj, ldstr, newobj, castclass, isinst
    case conv_r_un = "conv.r.un", unbox, throw_ = "throw"
    case ldfld, ldflda, stfld, ldsfld, ldsflda, stsfld, stobj
    case conv_ovf_i1_un = "conv.ovf.i1.un", conv_ovf_i2_un = "conv.ovf.i2.un"
    case conv_ovf_i4_un = "conv.ovf.i4.un", conv_ovf_i8_un = "conv.ovf.i8.un"
    case conv_ovf_u1_un = "conv.ovf.u1.un", conv_ovf_u2_un = "conv.ovf.u2.un"
    case conv_ovf_u4_un = "conv.ovf.u4.un", conv_ovf_u8_un = "conv.ovf.u8.un"
    case conv_ovf_i_un = "conv.ovf.i.un", conv_ovf_u_un = "conv.ovf.u.un"
    case box, newarr, ldlen, ldelema
    case ldelem_i1 = "ldelem.i1", ldelem_u1 = "ldelem.u1", ldelem_i2 = "ldelem.i2", ldelem_u2 = "ldelem.u2"
    case ldelem_i4 = "ldelem.i4", ldelem_u4 = "ldelem.u4", ldelem_i8 = "ldelem.i8", ldelem_i = "ldelem.i"
    case ldelem_r4 = "ldelem.r4", ldelem_r8 = "ldelem.r8", ldelem_ref = "ldelem.ref"
    case stelem_i = "stelem.i", stelem_i1 = "stelem.i1", stelem_i2 = "stelem.i2", stelem_i4 = "stelem.i4"
    case stelem_i8 = "stelem.i8", stelem_r4 = "stelem.r4", stelem_r8 = "stelem.r8", stelem_ref = "stelem.ref"
    case ldelem, stelem, unbox_any = "unbox.any"
    case conv_ovf_i1 = "conv.ovf.i1", conv_ovf_u1 = "conv.ovf.u1", conv_ovf_i2 = "conv.ovf.i2"
    case conv_ovf_u2 = "conv.ovf.u2", conv_ovf_i4 = "conv.ovf.i4", conv_ovf_u4 = "conv.ovf.u4"
    case conv_ovf_i8 = "conv.ovf.i8", conv_ovf_u8 = "conv.ovf.u8"
    case refanyval, ckfinite, mkrefany, ldtoken
    case conv_u2 = "conv.u2", conv_u1 = "conv.u1", conv_i = "conv.i"
    case conv_ovf_i = "conv.ovf.i", conv_ovf_u = "conv.ovf.u"
    case add_ovf = "add.ovf", add_ovf_un = "add.ovf.un", mul_ovf = "mul.ovf", mul_ovf_un = "mul.ovf.un"
    case sub_ovf = "sub.ovf", sub_ovf_un = "sub.ovf.un"
    case endfinally, leave, leave_s = "leave.s", stind_i = "stind.i", conv_u = "conv.u"
    // Two-byte opcodes (0xFE prefix).
    case arglist, ceq, cgt, cgt_un = "cgt.un", clt, clt_un = "clt.un"
    case ldftn, ldvirtftn, ldarg, ldarga, starg, ldloc, ldloca, stloc, localloc
    case endfilter, unaligned = "unaligned.", volatile = "volatile.", tail = "tail."
    case initobj, constrained = "constrained.", cpblk, initblk, no = "no."
    case rethrow, sizeof, refanytype, readonly = "readonly."

    /// The opcode's encoding: one byte, or 0xFE followed by one byte (as 0xFExx).
    public var encoding: UInt16 { Opcode.table[ordinal].encoding }
    /// The inline operand this opcode takes.
    public var operandKind: OperandKind { Opcode.table[ordinal].operand }

    /// The case's position in declaration order: a payload-free enum is stored as that index
    /// (`OpcodeTableTests` checks it). Comparing and hashing it, rather than the mnemonic that
    /// `RawRepresentable` would hash, keeps opcode lookups off the profile.
    var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    public static func == (a: Opcode, b: Opcode) -> Bool { a.ordinal == b.ordinal }
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
    /// Encoded size of opcode plus operand (switch: plus 4 bytes per target, added by callers).
    public var encodedSize: Int { (encoding > 0xFF ? 2 : 1) + operandKind.size }
    /// True for prefixes (`tail.`, `volatile.`, `constrained.` ...), which modify the next instruction.
    public var isPrefix: Bool {
        switch self {
        case .unaligned, .volatile, .tail, .constrained, .no, .readonly: true
        default: false
        }
    }

    /// Looks up an opcode by its ilasm mnemonic (case-sensitive, as ilasm).
    ///
    /// The parser asks once per instruction: `init(rawValue:)` hashes the whole string with
    /// SipHash and searches its own table, a noticeable share of a parse; `mnemonicTable`
    /// answers from the mnemonic's bytes packed into two words (a `PackedNameMap`; every
    /// mnemonic is at most 15 bytes long, so a longer name is no mnemonic).
    public static func named(_ mnemonic: String) -> Opcode? { mnemonicTable[mnemonic] }

    /// Every opcode by mnemonic.
    private static let mnemonicTable = PackedNameMap(allCases.map { ($0.rawValue, $0) })

    /// Encoding and operand kind of each opcode, indexed by ordinal: the rows are in declaration
    /// order (`OpcodeTableTests` checks it).
    ///
    /// A literal of trivial values, so the compiler lays the table out as static data: reading it
    /// needs no lazy initialization (a `swift_once` call on every `encoding`/`operandKind` read,
    /// which the importer, verifier and debug-info builder make per instruction).
    static let table: [(opcode: Opcode, encoding: UInt16, operand: OperandKind)] = [
        (.nop, 0x00, .none), (.break_, 0x01, .none),
        (.ldarg_0, 0x02, .none), (.ldarg_1, 0x03, .none), (.ldarg_2, 0x04, .none), (.ldarg_3, 0x05, .none),
        (.ldloc_0, 0x06, .none), (.ldloc_1, 0x07, .none), (.ldloc_2, 0x08, .none), (.ldloc_3, 0x09, .none),
        (.stloc_0, 0x0A, .none), (.stloc_1, 0x0B, .none), (.stloc_2, 0x0C, .none), (.stloc_3, 0x0D, .none),
        (.ldarg_s, 0x0E, .shortVar), (.ldarga_s, 0x0F, .shortVar), (.starg_s, 0x10, .shortVar),
        (.ldloc_s, 0x11, .shortVar), (.ldloca_s, 0x12, .shortVar), (.stloc_s, 0x13, .shortVar),
        (.ldnull, 0x14, .none),
        (.ldc_i4_m1, 0x15, .none), (.ldc_i4_0, 0x16, .none), (.ldc_i4_1, 0x17, .none), (.ldc_i4_2, 0x18, .none),
        (.ldc_i4_3, 0x19, .none), (.ldc_i4_4, 0x1A, .none), (.ldc_i4_5, 0x1B, .none), (.ldc_i4_6, 0x1C, .none),
        (.ldc_i4_7, 0x1D, .none), (.ldc_i4_8, 0x1E, .none), (.ldc_i4_s, 0x1F, .int8), (.ldc_i4, 0x20, .int32),
        (.ldc_i8, 0x21, .int64), (.ldc_r4, 0x22, .float32), (.ldc_r8, 0x23, .float64),
        (.dup, 0x25, .none), (.pop, 0x26, .none), (.jmp, 0x27, .method), (.call, 0x28, .method),
        (.calli, 0x29, .signature), (.ret, 0x2A, .none),
        (.br_s, 0x2B, .shortBranch), (.brfalse_s, 0x2C, .shortBranch), (.brtrue_s, 0x2D, .shortBranch),
        (.beq_s, 0x2E, .shortBranch), (.bge_s, 0x2F, .shortBranch), (.bgt_s, 0x30, .shortBranch),
        (.ble_s, 0x31, .shortBranch), (.blt_s, 0x32, .shortBranch), (.bne_un_s, 0x33, .shortBranch),
        (.bge_un_s, 0x34, .shortBranch), (.bgt_un_s, 0x35, .shortBranch), (.ble_un_s, 0x36, .shortBranch),
        (.blt_un_s, 0x37, .shortBranch),
        (.br, 0x38, .branch), (.brfalse, 0x39, .branch), (.brtrue, 0x3A, .branch), (.beq, 0x3B, .branch),
        (.bge, 0x3C, .branch), (.bgt, 0x3D, .branch), (.ble, 0x3E, .branch), (.blt, 0x3F, .branch),
        (.bne_un, 0x40, .branch), (.bge_un, 0x41, .branch), (.bgt_un, 0x42, .branch), (.ble_un, 0x43, .branch),
        (.blt_un, 0x44, .branch), (.switch_, 0x45, .switchTable),
        (.ldind_i1, 0x46, .none), (.ldind_u1, 0x47, .none), (.ldind_i2, 0x48, .none), (.ldind_u2, 0x49, .none),
        (.ldind_i4, 0x4A, .none), (.ldind_u4, 0x4B, .none), (.ldind_i8, 0x4C, .none), (.ldind_i, 0x4D, .none),
        (.ldind_r4, 0x4E, .none), (.ldind_r8, 0x4F, .none), (.ldind_ref, 0x50, .none),
        (.stind_ref, 0x51, .none), (.stind_i1, 0x52, .none), (.stind_i2, 0x53, .none), (.stind_i4, 0x54, .none),
        (.stind_i8, 0x55, .none), (.stind_r4, 0x56, .none), (.stind_r8, 0x57, .none),
        (.add, 0x58, .none), (.sub, 0x59, .none), (.mul, 0x5A, .none), (.div, 0x5B, .none),
        (.div_un, 0x5C, .none), (.rem, 0x5D, .none), (.rem_un, 0x5E, .none),
        (.and, 0x5F, .none), (.or, 0x60, .none), (.xor, 0x61, .none), (.shl, 0x62, .none),
        (.shr, 0x63, .none), (.shr_un, 0x64, .none), (.neg, 0x65, .none), (.not, 0x66, .none),
        (.conv_i1, 0x67, .none), (.conv_i2, 0x68, .none), (.conv_i4, 0x69, .none), (.conv_i8, 0x6A, .none),
        (.conv_r4, 0x6B, .none), (.conv_r8, 0x6C, .none), (.conv_u4, 0x6D, .none), (.conv_u8, 0x6E, .none),
        (.callvirt, 0x6F, .method), (.cpobj, 0x70, .type), (.ldobj, 0x71, .type), (.ldstr, 0x72, .string),
        (.newobj, 0x73, .method), (.castclass, 0x74, .type), (.isinst, 0x75, .type),
        (.conv_r_un, 0x76, .none), (.unbox, 0x79, .type), (.throw_, 0x7A, .none),
        (.ldfld, 0x7B, .field), (.ldflda, 0x7C, .field), (.stfld, 0x7D, .field),
        (.ldsfld, 0x7E, .field), (.ldsflda, 0x7F, .field), (.stsfld, 0x80, .field), (.stobj, 0x81, .type),
        (.conv_ovf_i1_un, 0x82, .none), (.conv_ovf_i2_un, 0x83, .none), (.conv_ovf_i4_un, 0x84, .none),
        (.conv_ovf_i8_un, 0x85, .none), (.conv_ovf_u1_un, 0x86, .none), (.conv_ovf_u2_un, 0x87, .none),
        (.conv_ovf_u4_un, 0x88, .none), (.conv_ovf_u8_un, 0x89, .none), (.conv_ovf_i_un, 0x8A, .none),
        (.conv_ovf_u_un, 0x8B, .none), (.box, 0x8C, .type), (.newarr, 0x8D, .type), (.ldlen, 0x8E, .none),
        (.ldelema, 0x8F, .type),
        (.ldelem_i1, 0x90, .none), (.ldelem_u1, 0x91, .none), (.ldelem_i2, 0x92, .none), (.ldelem_u2, 0x93, .none),
        (.ldelem_i4, 0x94, .none), (.ldelem_u4, 0x95, .none), (.ldelem_i8, 0x96, .none), (.ldelem_i, 0x97, .none),
        (.ldelem_r4, 0x98, .none), (.ldelem_r8, 0x99, .none), (.ldelem_ref, 0x9A, .none),
        (.stelem_i, 0x9B, .none), (.stelem_i1, 0x9C, .none), (.stelem_i2, 0x9D, .none), (.stelem_i4, 0x9E, .none),
        (.stelem_i8, 0x9F, .none), (.stelem_r4, 0xA0, .none), (.stelem_r8, 0xA1, .none), (.stelem_ref, 0xA2, .none),
        (.ldelem, 0xA3, .type), (.stelem, 0xA4, .type), (.unbox_any, 0xA5, .type),
        (.conv_ovf_i1, 0xB3, .none), (.conv_ovf_u1, 0xB4, .none), (.conv_ovf_i2, 0xB5, .none),
        (.conv_ovf_u2, 0xB6, .none), (.conv_ovf_i4, 0xB7, .none), (.conv_ovf_u4, 0xB8, .none),
        (.conv_ovf_i8, 0xB9, .none), (.conv_ovf_u8, 0xBA, .none),
        (.refanyval, 0xC2, .type), (.ckfinite, 0xC3, .none), (.mkrefany, 0xC6, .type), (.ldtoken, 0xD0, .token),
        (.conv_u2, 0xD1, .none), (.conv_u1, 0xD2, .none), (.conv_i, 0xD3, .none),
        (.conv_ovf_i, 0xD4, .none), (.conv_ovf_u, 0xD5, .none),
        (.add_ovf, 0xD6, .none), (.add_ovf_un, 0xD7, .none), (.mul_ovf, 0xD8, .none), (.mul_ovf_un, 0xD9, .none),
        (.sub_ovf, 0xDA, .none), (.sub_ovf_un, 0xDB, .none),
        (.endfinally, 0xDC, .none), (.leave, 0xDD, .branch), (.leave_s, 0xDE, .shortBranch),
        (.stind_i, 0xDF, .none), (.conv_u, 0xE0, .none),
        (.arglist, 0xFE00, .none), (.ceq, 0xFE01, .none), (.cgt, 0xFE02, .none), (.cgt_un, 0xFE03, .none),
        (.clt, 0xFE04, .none), (.clt_un, 0xFE05, .none), (.ldftn, 0xFE06, .method), (.ldvirtftn, 0xFE07, .method),
        (.ldarg, 0xFE09, .variable), (.ldarga, 0xFE0A, .variable), (.starg, 0xFE0B, .variable),
        (.ldloc, 0xFE0C, .variable), (.ldloca, 0xFE0D, .variable), (.stloc, 0xFE0E, .variable),
        (.localloc, 0xFE0F, .none), (.endfilter, 0xFE11, .none), (.unaligned, 0xFE12, .uint8),
        (.volatile, 0xFE13, .none), (.tail, 0xFE14, .none), (.initobj, 0xFE15, .type),
        (.constrained, 0xFE16, .type), (.cpblk, 0xFE17, .none), (.initblk, 0xFE18, .none), (.no, 0xFE19, .uint8),
        (.rethrow, 0xFE1A, .none), (.sizeof, 0xFE1C, .type), (.refanytype, 0xFE1D, .none),
        (.readonly, 0xFE1E, .none),
    ]
}
