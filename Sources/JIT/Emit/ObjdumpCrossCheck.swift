import ARM64
import X64

/// Checks a compiled method's listing against GNU objdump's disassembly of its bytes.
///
/// The listing is printed from the encoder's own instruction values; objdump decodes
/// the bytes independently. Agreement instruction by instruction (after the
/// syntax normalisation of each target's `ObjdumpCheck`) means the bytes say what
/// the listing says.
public enum ObjdumpCrossCheck {
    /// The instruction lines of a listing, without indentation (labels, comments and data excluded).
    public static func instructionLines(_ listing: String) -> [String] {
        listing.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("       "), !text.hasPrefix(";"), !text.hasPrefix("dd\t") else { return nil }
            return text
        }
    }

    /// The mismatches between `compiled`'s listing and objdump's view of its code at `address`; empty when they agree.
    public static func mismatches(_ compiled: CompiledMethod, arch: Arch, address: UInt64) throws -> [String] {
        let ours = instructionLines(compiled.listing)
        let theirs: [(offset: Int, text: String)]
        switch arch {
        case .x64: theirs = try X64.ObjdumpCheck.disassemble(compiled.code, at: address)
        case .arm64: theirs = try ARM64.ObjdumpCheck.disassemble(compiled.code, at: address)
        }
        var problems: [String] = []
        if ours.count != theirs.count {
            problems.append("instruction count: listing \(ours.count), objdump \(theirs.count)")
        }
        for (a, b) in zip(ours, theirs) {
            let same = arch == .x64 ? X64.ObjdumpCheck.matches(listing: a, objdump: b.text)
                                    : ARM64.ObjdumpCheck.matches(listing: a, objdump: b.text)
            if !same { problems.append(String(format: "+0x%04X", b.offset) + ": listing '\(a)' vs objdump '\(b.text)'") }
        }
        if !compiled.listing.hasSuffix("; Total bytes of code \(compiled.code.count)\n") {
            problems.append("'Total bytes of code' does not match the \(compiled.code.count) encoded bytes")
        }
        return problems
    }
}
