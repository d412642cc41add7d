import Testing
import X64

/// Disassembles all triples once with GNU objdump and compares each instruction's text.
@Suite("x64 objdump cross-check")
struct ObjdumpCrossCheckTests {
    /// Lays the triples out one after another from `base`, labels kept at the same
    /// relative distance, and returns (offset, listing text, bytes) per instruction.
    static func layout(base: UInt64, labelName: @escaping (UInt64, Int) -> String) throws
        -> (blob: [UInt8], items: [(offset: Int, text: String)])
    {
        var blob: [UInt8] = []
        var items: [(offset: Int, text: String)] = []
        for t in encodingTriples {
            let address = base + UInt64(blob.count)
            let labels = Fixture.labels(relativeTo: address)
            let bytes = try t.instruction.encode(at: address, labels: labels)
            items.append((blob.count, t.instruction.text(labelName: { labelName(address, $0) })))
            blob += bytes
        }
        return (blob, items)
    }

    @Test("objdump decodes every triple to the same instruction, at the same boundaries")
    func crossCheck() throws {
        let base: UInt64 = 0x40_0000
        // Label names print as the labels' hex addresses so that branch targets are checked too.
        let (blob, items) = try Self.layout(base: base) { address, id in
            let labels = Fixture.labels(relativeTo: address)
            return labels(id).map { "0x" + String($0, radix: 16, uppercase: true) } ?? "?"
        }
        let decoded = try ObjdumpCheck.disassemble(blob, at: base)
        #expect(decoded.count == items.count)
        for (ours, theirs) in zip(items, decoded) {
            #expect(ours.offset == theirs.offset, "\(ours.text) vs \(theirs.text)")
            #expect(ObjdumpCheck.matches(listing: ours.text, objdump: theirs.text),
                    "listing `\(ours.text)` vs objdump `\(theirs.text)`")
        }
    }

    @Test("symbolic listings (label names, call targets) also match objdump")
    func symbolic() throws {
        let base: UInt64 = 0x40_0000
        let (blob, items) = try Self.layout(base: base) { _, id in Fixture.labelName(id) }
        let decoded = try ObjdumpCheck.disassemble(blob, at: base)
        #expect(decoded.count == items.count)
        for (ours, theirs) in zip(items, decoded) {
            #expect(ObjdumpCheck.matches(listing: ours.text, objdump: theirs.text),
                    "listing `\(ours.text)` vs objdump `\(theirs.text)`")
        }
    }
}
