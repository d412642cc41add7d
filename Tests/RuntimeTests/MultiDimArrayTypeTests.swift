import Diagnostics
import IL
import JIT
import Runtime
import Testing

/// Multi-dimensional array types and the delegate fields the runtime's stubs read at fixed offsets.
@Suite struct MultiDimArrayTypeTests {
    static func system() throws -> (ModuleRuntime, TypeSystem) {
        let rt = ModuleRuntime(module: try ILParser.parse(".assembly T {}", file: "t.il"))
        return (rt, try #require(rt.typeSystem))
    }

    @Test(arguments: [(2, "int[,]", "System.Int32[,]", 32), (3, "int[,,]", "System.Int32[,,]", 40)])
    func arrayTypeHasCoreCLRsLayout(_ rank: Int, _ name: String, _ reflection: String, _ base: Int) throws {
        let (rt, ts) = try Self.system()
        let t = try #require(try ts.type(.mdArray(.int32, rank: rank), GenericContext(), at: .synthetic("t")))
        #expect(t.name == name)
        #expect(t.reflectionName == reflection)
        #expect(t.rank == rank)
        #expect(t.instanceSize == base)
        #expect(MDArrayLayout.dataOffset(rank: rank) == base)
        #expect(t.parent?.name == "System.Array")
        #expect(rt.classInfo(t.handle).rank == rank)
        #expect(rt.classInfo(t.handle).componentSize == 4)
        let again = try ts.type(.mdArray(.int32, rank: rank), GenericContext(), at: .synthetic("t"))
        #expect(again === t)
        let vector = try #require(try ts.type(.szArray(.int32), GenericContext(), at: .synthetic("t")))
        #expect(vector !== t)
        #expect(vector.rank == 0)
    }

    @Test func methodTableCarriesTheKindAndTheRank() throws {
        let (_, ts) = try Self.system()
        let t = try #require(try ts.type(.mdArray(.int64, rank: 2), GenericContext(), at: .synthetic("t")))
        let bytes = MethodTableBytes.build(t, slotValue: { _, _ in 0 }).bytes
        func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) } }
        #expect(u32(MethodTableLayout.flagsOffset) == MethodTableLayout.flagArray | MethodTableLayout.flagMultiDimensional)
        #expect(u32(MethodTableLayout.baseSizeOffset) == 32)
        #expect(u32(MethodTableLayout.componentSizeOffset) == 8)
    }

    @Test func lowerBoundsFollowTheLengths() {
        #expect(MDArrayLayout.lengthOffset(dimension: 0) == 16)
        #expect(MDArrayLayout.lengthOffset(dimension: 2) == 24)
        #expect(MDArrayLayout.lowerBoundOffset(dimension: 0, rank: 3) == 28)
        #expect(MDArrayLayout.lowerBoundOffset(dimension: 2, rank: 3) == 36)
    }

    /// delegates.c reads _target at 8, _methodPtr at 16, _invocationList at 24 and _invocationCount at 32.
    @Test func delegateFieldsSitWhereTheStubsReadThem() throws {
        let (_, ts) = try Self.system()
        let d = try ts.coreType("System.MulticastDelegate")
        let offsets = d.instanceFields.map { "\($0.def.name)@\($0.offset)" }
        #expect(offsets == ["_target@8", "_methodPtr@16", "_invocationList@24", "_invocationCount@32"])
    }
}
