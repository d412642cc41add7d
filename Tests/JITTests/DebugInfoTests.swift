import Foundation
import IL
import Runtime
import Testing
@testable import JIT

/// The IL offset mapping of emitted instructions (RyuJIT's debug info, `JitDisasmWithDebugInfo`).
@Suite struct DebugInfoTests {
    static let methods = """
        .method public static int32 SumTo(int32 n) cil managed
        {
            .locals init (int32 sum, int32 i)
            IL_0000: ldc.i4.0
            IL_0001: stloc.0
            IL_0002: ldc.i4.1
            IL_0003: stloc.1
            IL_0004: br.s IL_000e
            IL_0006: ldloc.0
            IL_0007: ldloc.1
            IL_0008: add
            IL_0009: stloc.0
            IL_000a: ldloc.1
            IL_000b: ldc.i4.1
            IL_000c: add
            IL_000d: stloc.1
            IL_000e: ldloc.1
            IL_000f: ldarg.0
            IL_0010: ble.s IL_0006
            IL_0012: ldloc.0
            IL_0013: ret
        }
        .method public static int32 Twice(int32 x) cil managed
        {
            ldarg.0
            ldc.i4.2
            mul
            ret
        }
        .method public static int32 CallsTwice(int32 y) cil managed
        {
            IL_0000: ldarg.0
            IL_0001: ldc.i4.1
            IL_0002: add
            IL_0003: call int32 Program::Twice(int32)
            IL_0008: ret
        }
        """

    static func compile(_ name: String, _ arch: Arch, config: JitConfig = JitConfig(),
                        dumps: Set<Phase> = []) throws -> CompiledMethod {
        try InlineHarness.compile(methods, name, arch: arch, config: config, dumps: dumps)
    }

    static func lines(_ s: String) -> [String] { s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// `(listing line, mapping)` of every instruction.
    static func mapped(_ m: CompiledMethod) -> [(text: String, mapping: ILMapping)] {
        let l = lines(m.listing)
        return m.debugInfo.instructions.map { (l[$0.listingLine].trimmingCharacters(in: .whitespaces), $0.mapping) }
    }

    static func il(_ start: Int, _ end: Int) -> ILMapping { .il(ILRange(start: start, end: end)) }

    @Test(arguments: Arch.allCases)
    func everyInstructionHasOneEntryOnItsOwnListingLine(_ arch: Arch) throws {
        let m = try Self.compile("SumTo", arch)
        let l = Self.lines(m.listing)
        #expect(m.debugInfo.instructions.count == l.filter { $0.hasPrefix("  ") && !$0.trimmingCharacters(in: .whitespaces).hasPrefix(";;") }.count)
        var offset = 0
        for i in m.debugInfo.instructions {
            #expect(i.codeOffset == offset)
            offset += i.size
            #expect(!l[i.listingLine].hasPrefix(";") && !l[i.listingLine].hasPrefix("G_M"))
        }
        #expect(offset == m.code.count)
    }

    @Test func loopMapsEachInstructionToItsIL() throws {
        let m = Self.mapped(try Self.compile("SumTo", .x64))
        let expected: [(String, ILMapping)] = [
            ("xor      eax, eax", Self.il(0x0, 0x1)),
            ("mov      ecx, 1", Self.il(0x2, 0x3)),
            ("jmp      SHORT G_M50335_IG04", Self.il(0x4, 0x6)),
            ("add      eax, ecx", Self.il(0x8, 0x9)),
            // The contained constant 1 is encoded in the instruction of the add that uses it.
            ("add      ecx, 1", Self.il(0xB, 0xD)),
            ("cmp      ecx, edi", Self.il(0x10, 0x12)),
            ("jle      SHORT G_M50335_IG03", Self.il(0x10, 0x12)),
            ("ret", .epilog),
        ]
        #expect(m.count == expected.count)
        for (got, want) in zip(m, expected) {
            #expect(got.text == want.0)
            #expect(got.mapping == want.1, "\(got.text)")
        }
    }

    @Test(arguments: Arch.allCases)
    func prologAndEpilogHaveNoIL(_ arch: Arch) throws {
        var config = JitConfig()
        try config.set("JitNoInline", "1", at: .synthetic("test"))
        let m = try Self.compile("CallsTwice", arch, config: config)
        let mapped = Self.mapped(m)
        let first = try #require(mapped.first)
        #expect(first.mapping == .prolog)
        #expect(mapped.last?.mapping == .epilog)
        #expect(mapped.contains { $0.mapping == Self.il(0x3, 0x8) && ($0.text.hasPrefix("call") || $0.text.hasPrefix("blr") || $0.text.hasPrefix("bl")) })
    }

    @Test(arguments: Arch.allCases)
    func inlinedCodeMapsToTheCallSite(_ arch: Arch) throws {
        let m = try Self.compile("CallsTwice", arch)
        #expect(!m.listing.contains("Program:Twice(int):int"))
        let ranges = Set(m.debugInfo.instructions.compactMap(\.mapping.range))
        // Nothing maps outside the caller's 9 bytes of IL; the multiplication inlined from Twice
        // maps to the call instruction at 0x0003.
        #expect(ranges.allSatisfy { $0.start >= 0 && $0.end <= 9 })
        let mul = Self.mapped(m).filter { $0.text.hasPrefix("imul") || $0.text.hasPrefix("lsl") || $0.text.hasPrefix("mul") }
        #expect(mul.count == 1)
        #expect(mul.allSatisfy { $0.mapping == Self.il(0x3, 0x8) }, "\(mul)")
    }

    @Test func ilSitesAreTheMethodsInstructionsWithTheirLines() throws {
        let m = try Self.compile("CallsTwice", .x64)
        let sites = m.debugInfo.ilInstructions
        #expect(sites.map(\.range.start) == [0, 1, 2, 3, 8])
        #expect(sites.map(\.opcode) == ["ldarg.0", "ldc.i4.1", "add", "call", "ret"])
        #expect(sites[3].range == ILRange(start: 3, end: 8))
        #expect(sites.allSatisfy { $0.location.file == "inline.il" })
        #expect(Set(sites.map(\.location.line)).count == 5)
        #expect(m.debugInfo.ilInstruction(at: 3)?.opcode == "call")
        #expect(m.debugInfo.ilInstruction(at: 4) == nil)
    }

    @Test func dumpNodesCarryTheirILOffsets() throws {
        let m = try Self.compile("SumTo", .x64, dumps: [.importation, .lsra])
        let hir = try #require(m.debugInfo.dumpNodeOffsets[.importation])
        let lir = try #require(m.debugInfo.dumpNodeOffsets[.lsra])
        // `[000010] t10 = ADD` of the loop body comes from `add` at IL_0008.
        #expect(hir[10] == 0x8)
        #expect(lir[10] == 0x8)
        #expect(m.dumps[.importation]?.contains("[000010]") == true)
        #expect(m.debugInfo.dumpNodeOffsets[.morph] == nil)
    }

    @Test(arguments: Arch.allCases)
    func debugInfoIsDeterministicAndLeavesTheListingAlone(_ arch: Arch) throws {
        let a = try Self.compile("SumTo", arch)
        let b = try Self.compile("SumTo", arch)
        #expect(a.debugInfo == b.debugInfo)
        #expect(a.listing == b.listing)
        let annotated = a.debugInfo.annotate(a.listing)
        #expect(annotated.contains("; IL 0x0008..0x0009"))
        #expect(annotated.contains("; EPILOG"))
        // Stripping the annotations gives the listing back.
        let stripped = annotated.replacingOccurrences(of: #"    ; (IL 0x[0-9A-F]{4}\.\.0x[0-9A-F]{4}|PROLOG|EPILOG|NO_MAPPING)"#,
                                                      with: "", options: .regularExpression)
        #expect(stripped == a.listing)
    }
}
