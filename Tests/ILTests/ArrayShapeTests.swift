import Diagnostics
@testable import IL
import Testing

/// Multi-dimensional array types: the shapes monodis and ilasm write, and the bounded ones the model refuses.
@Suite struct ArrayShapeTests {
    /// The type of local 0 of a method whose locals are `(TYPE a)`.
    static func localType(_ type: String) throws -> TypeSig {
        let text = ".class P {\n.method static void M() cil managed {\n.locals init (\(type) a)\nret }\n}"
        let module = try ILParser.parse(text, file: "t.il")
        let method = try #require(module.types.first?.methods.first)
        return try #require(method.locals.first?.type)
    }

    @Test(arguments: [
        ("int32[0...,0...]", TypeSig.mdArray(.int32, rank: 2)),
        ("int32[,]", TypeSig.mdArray(.int32, rank: 2)),
        ("int64[0...,0...,0...]", TypeSig.mdArray(.int64, rank: 3)),
        ("string[...]", TypeSig.mdArray(.string, rank: 1)),
        ("object[*]", TypeSig.mdArray(.object, rank: 1)),
        ("int32[][,]", TypeSig.mdArray(.szArray(.int32), rank: 2)),
    ])
    func parsesShapes(_ text: String, _ expected: TypeSig) throws {
        #expect(try Self.localType(text) == expected)
    }

    @Test func printsAsMonodisDoes() {
        #expect(TypeSig.mdArray(.int32, rank: 2).description == "int32[0...,0...]")
        #expect(TypeSig.mdArray(.int32, rank: 3).matchKey == "int32[,,]")
        #expect(TypeSig.szArray(.int32) != TypeSig.mdArray(.int32, rank: 1))
    }

    @Test(arguments: ["int32[1...5]", "int32[0...3,0...]", "int32[2]"])
    func boundedArraysAreLocatedErrors(_ text: String) {
        do {
            _ = try Self.localType(text)
            Issue.record("'\(text)' parsed")
        } catch let list as DiagnosticList {
            let d = list.diagnostics.first
            #expect(d?.kind == .unsupported)
            #expect(d?.location.line == 3)
            #expect(d?.message == "arrays with lower bounds other than 0 or fixed sizes are not supported")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
