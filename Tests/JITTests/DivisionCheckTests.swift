import IL
import Runtime
import Testing
@testable import JIT

/// .NET division semantics in the listings: which explicit checks each target emits before
/// `idiv`/`div` (x64) and `sdiv`/`udiv` (arm64), depending on the divisor.
@Suite struct DivisionCheckTests {
    /// What a listing contains, reduced to the checks this suite is about.
    struct Checks: Equatable, CustomStringConvertible {
        var zeroTest = false          // arm64 `cbz` on the divisor, or an unconditional branch to the block
        var minusOneTest = false      // `cmp r, -1` (x64) / `cmn r, #1` (arm64)
        var dividendTest = false      // `jo` (x64) / `b.vs` (arm64)
        var divZeroBlocks = 0         // calls of CORINFO_HELP_THROWDIVZERO
        var overflowBlocks = 0        // calls of CORINFO_HELP_OVERFLOW
        var description: String {
            "zero=\(zeroTest) minusOne=\(minusOneTest) dividend=\(dividendTest) divZero=\(divZeroBlocks) overflow=\(overflowBlocks)"
        }

        init(zero: Bool = false, minusOne: Bool = false, dividend: Bool = false) {
            zeroTest = zero
            minusOneTest = minusOne
            dividendTest = dividend
            divZeroBlocks = zero ? 1 : 0
            overflowBlocks = dividend ? 1 : 0
        }

        init(listing: String) {
            for line in listing.split(separator: "\n") {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
                guard let m = words.first else { continue }
                if m == "cbz" || (m == "b" && words.count > 1 && words[1].hasPrefix("G_M")) { zeroTest = true }
                if (m == "cmp" && words.last == "-1") || (m == "cmn" && words.last == "#1") { minusOneTest = true }
                if m == "jo" || m == "b.vs" { dividendTest = true }
                if line.contains("CORINFO_HELP_THROWDIVZERO") { divZeroBlocks += 1 }
                if line.contains("CORINFO_HELP_OVERFLOW") { overflowBlocks += 1 }
            }
        }
    }

    static func listing(_ returns: String, _ params: String, _ body: String, _ arch: Arch) throws -> String {
        let module = try ILParser.parse("""
            .assembly T {}
            .class public P extends [System.Runtime]System.Object {
              .method public static \(returns) F(\(params)) cil managed { \(body) }
            }
            """, file: "t.il")
        return try ModuleCompiler(module: module).compile(module.allMethods[0], arch: arch).listing
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let returns: String
        let params: String
        let body: String
        let x64: Checks
        let arm64: Checks
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "int / variable", returns: "int32", params: "int32 a, int32 b", body: "ldarg.0 ldarg.1 div ret",
             x64: Checks(), arm64: Checks(zero: true, minusOne: true, dividend: true)),
        Case(name: "long % variable", returns: "int64", params: "int64 a, int64 b", body: "ldarg.0 ldarg.1 rem ret",
             x64: Checks(), arm64: Checks(zero: true, minusOne: true, dividend: true)),
        Case(name: "uint / variable", returns: "int32", params: "int32 a, int32 b", body: "ldarg.0 ldarg.1 div.un ret",
             x64: Checks(), arm64: Checks(zero: true)),
        Case(name: "ulong % variable", returns: "int64", params: "int64 a, int64 b", body: "ldarg.0 ldarg.1 rem.un ret",
             x64: Checks(), arm64: Checks(zero: true)),
        Case(name: "int / 7", returns: "int32", params: "int32 a", body: "ldarg.0 ldc.i4.7 div ret",
             x64: Checks(), arm64: Checks()),
        Case(name: "long % -3", returns: "int64", params: "int64 a", body: "ldarg.0 ldc.i8 -3 rem ret",
             x64: Checks(), arm64: Checks()),
        Case(name: "int / -1", returns: "int32", params: "int32 a", body: "ldarg.0 ldc.i4.m1 div ret",
             x64: Checks(), arm64: Checks(dividend: true)),
        Case(name: "long % -1", returns: "int64", params: "int64 a", body: "ldarg.0 ldc.i8 -1 rem ret",
             x64: Checks(), arm64: Checks(dividend: true)),
        Case(name: "uint / -1 (0xFFFFFFFF)", returns: "int32", params: "int32 a", body: "ldarg.0 ldc.i4.m1 div.un ret",
             x64: Checks(), arm64: Checks()),
        Case(name: "int / 0", returns: "int32", params: "int32 a", body: "ldarg.0 ldc.i4.0 div ret",
             x64: Checks(), arm64: Checks(zero: true)),
    ]

    @Test(arguments: cases)
    func checksFollowTheDivisor(_ k: Case) throws {
        #expect(Checks(listing: try Self.listing(k.returns, k.params, k.body, .x64)) == k.x64)
        #expect(Checks(listing: try Self.listing(k.returns, k.params, k.body, .arm64)) == k.arm64)
    }

    /// Every division of a method jumps to the same throw block of each kind (arm64); x64 emits no
    /// checks and no throw blocks at all: the runtime decodes the faulting `idiv`, as CoreCLR does.
    @Test(arguments: Arch.allCases)
    func throwBlocksAreSharedPerMethod(_ arch: Arch) throws {
        let body = "ldarg.0 ldarg.1 div ldarg.0 ldarg.1 rem add ldarg.1 ldarg.0 div add ret"
        let listing = try Self.listing("int32", "int32 a, int32 b", body, arch)
        let c = Checks(listing: listing)
        #expect(c.overflowBlocks == (arch == .arm64 ? 1 : 0))
        #expect(c.divZeroBlocks == (arch == .arm64 ? 1 : 0))
        let overflowJumps = listing.split(separator: "\n").filter { $0.contains(" jo ") || $0.contains(" b.vs ") }
        #expect(overflowJumps.count == (arch == .arm64 ? 3 : 0))
        if arch == .arm64 {
            #expect(Set(overflowJumps.map { $0.split(separator: " ").last.map(String.init) ?? "" }).count == 1)
        }
    }

    /// The arm64 order is RyuJIT's: zero test, then -1, then the dividend, and the divide after the skip label.
    @Test func arm64SignedDivisionSequence() throws {
        let listing = try Self.listing("int32", "int32 a, int32 b", "ldarg.0 ldarg.1 div ret", .arm64)
        let ops = listing.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("            "), let m = line.split(separator: " ").first, m != ";;" else { return nil }
            return String(m)
        }
        let i = try #require(ops.firstIndex(of: "cbz"))
        #expect(Array(ops[i..<(i + 6)]) == ["cbz", "cmn", "b.ne", "cmp", "b.vs", "sdiv"])
    }
}
