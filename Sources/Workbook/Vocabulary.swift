import IL
import JIT

/// Names the workbook's languages use, for tools (like the site's highlighters) that do not link the JIT.
public enum Vocabulary {
    /// Every IL opcode mnemonic (`ldarg.0`, `call`, `add.ovf.un` ...).
    public static let ilOpcodes: Set<String> = Set(Opcode.allCases.map(\.rawValue))
    /// Every JIT phase name usable in `ir PHASE` blocks.
    public static let phases: [String] = Phase.allCases.map(\.rawValue)
    /// Every architecture name.
    public static let architectures: [String] = Arch.allCases.map(\.rawValue)
}
