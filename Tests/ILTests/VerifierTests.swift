import Testing
import Diagnostics
@testable import IL

@Suite("Verifier")
struct VerifierTests {
    /// A class P with the given methods, starting at line 3 of t.il.
    func errors(_ methods: String) -> [String] {
        verifyErrors(".class public P extends [mscorlib]System.Object\n{\n\(methods)\n}\n")
    }

    /// `newobj` of a value type named without `valuetype` pushes the value type, not an object reference.
    @Test func newobjOfBareValueTypeNamePushesTheValueType() {
        let text = """
        .class public sequential sealed V extends [mscorlib]System.ValueType
        {
          .field public int32 X
          .method public specialname rtspecialname instance void .ctor(int32 x) cil managed { ldarg.0 ldarg.1 stfld int32 V::X ret }
        }
        .class public P extends [mscorlib]System.Object
        {
          .method static valuetype V Make() cil managed { ldc.i4.1 newobj instance void V::.ctor(int32) ret }
          .method static object Wrong() cil managed { ldc.i4.1 newobj instance void V::.ctor(int32) ret }
        }
        """
        #expect(verifyErrors(text) == ["t.il:9:93: error: type mismatch: 'ret' returns valuetype V but the method returns object"])
    }

    /// `newobj` of a method that is not a constructor is invalid IL, not a JIT internal error (fuzzer, jit, seed 101, input 5030).
    @Test func newobjNeedsAConstructor() {
        #expect(errors("""
        .method static void M() cil managed {
          ldstr "x"
          newobj void [System.Console]System.Console::WriteLine(string)
          ret
        }
        """) == ["t.il:5:3: error: 'newobj' needs a constructor (.ctor), not 'WriteLine'"])
    }

    /// The old conformance tests' constructors are instance methods named after their class
    /// (`IL_Conformance/Old/Conformance_Base/ldc_ret_ref.il`): CoreCLR runs them, so they verify.
    @Test func newobjOfAnInstanceMethodReturningVoidVerifies() {
        #expect(verifyErrors("""
        .class public _ret extends [mscorlib]System.Object {
          .method public void _ret() { ret }
          .method public static int32 main() { newobj instance void _ret::_ret() pop ldc.i4 100 ret }
        }
        """).isEmpty)
    }

    /// A field of a generic owner's `!N` type has the reference's type argument, and a primitive is
    /// boxed only from its own stack category (fuzz jit seed 201, input 659175: `ldind.r8` of the int32
    /// `Pair`2<string,int32>::Second`, boxed as Int32, reached the JIT as an internal error).
    @Test func genericFieldIsInstantiatedAndBoxMatchesItsType() {
        let pair = """
        .class public sequential sealed Pair`2<A,B> extends [mscorlib]System.ValueType
        {
          .field public !0 First
          .field public !1 Second
        }
        .class public P extends [mscorlib]System.Object
        {

        """
        #expect(verifyErrors(pair + """
          .method static void M(valuetype Pair`2<string,int32>& p) cil managed {
            ldarg.0 ldfld !1 valuetype Pair`2<string,int32>::Second ldind.r8 pop ret
          }
        }
        """) == ["t.il:9:61: error: type mismatch: 'ldind.r8' cannot take int32"])
        #expect(verifyErrors(pair + """
          .method static object M(valuetype Pair`2<string,int32>& p) cil managed {
            ldarg.0 ldfld !1 valuetype Pair`2<string,int32>::Second box [mscorlib]System.Int32 ret
          }
        }
        """).isEmpty)
        #expect(verifyErrors(pair + """
          .method static object M(valuetype Pair`2<string,int32>& p) cil managed {
            ldarg.0 ldfld !1 valuetype Pair`2<string,int32>::Second box [mscorlib]System.Int64 ret
          }
        }
        """) == ["t.il:9:61: error: type mismatch: 'box' cannot take int32"])
        #expect(errors("""
        .method static object M() cil managed { ldc.r8 1.5 box [mscorlib]System.Int32 ret }
        """) == ["t.il:3:52: error: type mismatch: 'box' cannot take F"])
    }

    /// `stelem` and `stind` store a value of their element's category (fuzz jit seed 201, input
    /// 844671: a `stelem.r8` of a string trapped in the x64 code generator).
    @Test func storesTakeTheirElementCategory() {
        #expect(errors("""
        .method static void M(object[] a) cil managed { ldarg.0 ldc.i4.0 ldstr "x" stelem.r8 ret }
        """) == ["t.il:3:76: error: type mismatch: 'stelem.r8' cannot take O"])
        #expect(errors("""
        .method static void M(float64& p) cil managed { ldarg.0 ldnull stind.r8 ret }
        """) == ["t.il:3:64: error: type mismatch: 'stind.r8' cannot take O"])
        #expect(errors("""
        .method static void M(object[] a, int64[] b, float64& p, native int& q) cil managed {
          ldarg.0 ldc.i4.0 ldstr "x" stelem.ref
          ldarg.1 ldc.i4.0 ldc.i8 7 stelem.i8
          ldarg.2 ldc.r8 1.5 stind.r8
          ldarg.3 ldc.i4.1 stind.i
          ret
        }
        """).isEmpty)
    }

    /// A method reference binds the `!N` and `!!N` of its signature: `!N` to its owner's type
    /// arguments, `!!N` to its own (fuzz jit seed 205, input 694735: `callvirt instance !!0
    /// object::ToString()` read as unknown, so `stelem.r8` stored the string it returns).
    @Test func aReferenceBindsTheGenericParametersOfItsSignature() {
        #expect(errors("""
        .method static void M(object o) cil managed { ldarg.0 callvirt instance !!0 object::ToString() pop ret }
        """) == ["t.il:3:55: error: '!!0' in the signature of 'ToString', which has 0 method type argument(s)"])
        #expect(errors("""
        .method static void M(object o) cil managed { ldarg.0 ldc.i4.0 callvirt instance bool object::Equals(!0) pop ret }
        """) == ["t.il:3:64: error: '!0' in the signature of 'Equals', which has 0 type argument(s) of its owner"])
        #expect(errors("""
        .method static void M() cil managed { ldftn void class [System.Runtime]System.Collections.Generic.List`1<int32>::Add(!1) pop ret }
        """) == ["t.il:3:39: error: '!1' in the signature of 'Add', which has 1 type argument(s) of its owner"])
        // Bound: the owner's `!0`, a generic method's `!!0`, and an owner named without arguments.
        #expect(errors("""
        .method static void M(class [System.Runtime]System.Collections.Generic.List`1<int32> l) cil managed {
          ldarg.0 ldc.i4.1 callvirt instance void class [System.Runtime]System.Collections.Generic.List`1<int32>::Add(!0)
          ldc.i4.1 call !!0 [System.Runtime]System.Threading.Volatile::Read<int32>(!!0&) pop
          ldnull ldnull call bool [System.Runtime]System.Object::ReferenceEquals(object, object) pop
          ret
        }
        """).isEmpty)
    }

    /// The `!0` of a generic owner's method is the reference's type argument (fuzz jit input 32594):
    /// a float32 from `IEnumerator`1<float32>::get_Current()` does not go into an int32 local,
    /// and a `List`1<int32>::Add(!0)` argument must be an int32.
    @Test func genericReturnIsInstantiated() {
        #expect(errors("""
        .method static void M(class [System.Runtime]System.Collections.Generic.IEnumerator`1<float32> e) cil managed {
          .locals init (int32 x)
          ldarg.0
          callvirt instance !0 class [System.Runtime]System.Collections.Generic.IEnumerator`1<float32>::get_Current()
          stloc.0
          ret
        }
        """).first?.contains("type mismatch") == true)
        #expect(errors("""
        .method static void M(class [System.Runtime]System.Collections.Generic.List`1<int32> l) cil managed {
          ldarg.0
          ldstr "x"
          callvirt instance void class [System.Runtime]System.Collections.Generic.List`1<int32>::Add(!0)
          ret
        }
        """).first?.contains("argument 1 of 'Add' expects int32") == true)
        #expect(errors("""
        .method static int32 M(class [System.Runtime]System.Collections.Generic.List`1<int32> l) cil managed {
          ldarg.0
          ldc.i4.0
          callvirt instance !0 class [System.Runtime]System.Collections.Generic.List`1<int32>::get_Item(int32)
          ret
        }
        """).isEmpty)
    }

    @Test func stackUnderflow() {
        #expect(errors("""
        .method static int32 M() cil managed {
          ldc.i4.1
          add
          ret
        }
        """) == ["t.il:5:3: error: stack underflow: 'add' needs 2 values, the stack has 1"])
    }

    @Test func binaryTypeMismatch() {
        #expect(errors("""
        .method static int64 M(int32 a, int64 b) cil managed {
          ldarg.0
          ldarg.1
          add
          ret
        }
        """) == ["t.il:6:3: error: type mismatch: 'add' cannot combine int32 and int64"])
    }

    @Test(arguments: [
        ("int32", "native int", "add", "native int"), ("native int", "int32", "sub", "native int"),
        ("int64", "int64", "mul", "int64"), ("float64", "float32", "div", "float64"),
        ("int32", "int32", "rem.un", "int32"), ("int64", "int32", "shl", "int64"),
        ("native int", "native int", "shr.un", "native int"), ("int32", "int32", "xor", "int32"),
    ])
    func validBinaryOps(a: String, b: String, op: String, result: String) {
        #expect(errors("""
        .method static \(result) M(\(a) x, \(b) y) cil managed {
          ldarg.0
          ldarg.1
          \(op)
          ret
        }
        """) == [])
    }

    @Test(arguments: [
        ("float64", "int32", "add", "F", "int32"), ("float64", "float64", "and", "F", "F"),
        ("int32", "int64", "shl", "int32", "int64"), ("object", "int32", "mul", "O", "int32"),
        ("int32", "int64", "ceq", "int32", "int64"),
    ])
    func invalidBinaryOps(a: String, b: String, op: String, left: String, right: String) {
        #expect(errors("""
        .method static void M(\(a) x, \(b) y) cil managed {
          ldarg.0
          ldarg.1
          \(op)
          pop
          ret
        }
        """) == ["t.il:6:3: error: type mismatch: '\(op)' cannot combine \(left) and \(right)"])
    }

    @Test func inconsistentStackDepthAtJoin() {
        #expect(errors("""
        .method static int32 M(int32 a) cil managed {
          ldarg.0
          brtrue.s L
          ldc.i4.1
        L: ldc.i4.2
          ret
        }
        """) == ["t.il:7:4: error: stack depth mismatch at 'L': 0 on one path, 1 on another"])
    }

    @Test func inconsistentStackTypesAtJoin() {
        #expect(errors("""
        .method static int32 M(int32 a) cil managed {
          ldarg.0
          brtrue.s ONE
          ldc.i8 1
          br.s JOIN
        ONE: ldc.i4.1
        JOIN: pop
          ldc.i4.0
          ret
        }
        """) == ["t.il:9:7: error: stack type mismatch at 'JOIN': slot 0 is int32 on one path, int64 on another"])
    }

    @Test func retDepthAndType() {
        #expect(errors("""
        .method static int32 A() cil managed {
          ret
        }
        .method static void B() cil managed {
          ldc.i4.0
          ret
        }
        .method static int32 C() cil managed {
          ldc.i8 5
          ret
        }
        """) == [
            "t.il:4:3: error: 'ret' in a method returning int32 needs exactly 1 value, the stack has 0",
            "t.il:8:3: error: 'ret' in a method returning void needs an empty stack, the stack has 1",
            "t.il:12:3: error: type mismatch: 'ret' returns int64 but the method returns int32",
        ])
    }

    @Test func fallingOffTheEnd() {
        #expect(errors("""
        .method static void M() cil managed {
          nop
        }
        """) == ["t.il:4:3: error: control falls off the end of the method body after 'nop'"])
    }

    @Test func maxStackExceeded() {
        #expect(errors("""
        .method static int32 M() cil managed {
          .maxstack 1
          ldc.i4.1
          ldc.i4.2
          add
          ret
        }
        """) == ["t.il:6:3: error: stack depth 2 exceeds .maxstack 1"])
    }

    @Test func localAndArgumentIndexOutOfRange() {
        #expect(errors("""
        .method static void M(int32 a) cil managed {
          .locals init (int32 x)
          ldloc.1
          pop
          ret
        }
        .method static void L(int32 a) cil managed {
          ldarg.s 3
          pop
          ret
        }
        .method instance void N() cil managed {
          ldarg.0
          pop
          ldarg.1
          pop
          ret
        }
        """) == [
            "t.il:5:3: error: local index 1 is out of range (the method has 1 local)",
            "t.il:10:3: error: argument index 3 is out of range (the method has 1 argument)",
            "t.il:17:3: error: argument index 1 is out of range (the method has 1 argument)",
        ])
    }

    @Test func callsToThisModuleMustResolve() throws {
        let text = """
        .class public P extends [mscorlib]System.Object
        {
        .method static int32 Add(int32 a, int32 b) cil managed { ldarg.0 ldarg.1 add ret }
        .method static int32 M() cil managed {
          ldc.i4.1
          ldc.i4.2
          call int32 P::Add(int32, int32)
          ldc.i4.3
          call int32 P::Add(int32, int64)
          call int32 class P::Missing(int32)
          call void [mscorlib]System.Console::WriteLine(int32)
          call void Q::Nope()
          ret
        }
        }
        """
        #expect(verifyErrors(text) == [
            "t.il:9:3: error: undefined method 'P::Add(int32, int64)'",
        ])
        do {
            try ILVerifier.verify(try ILParser.parse(text, file: "t.il"))
        } catch let list as DiagnosticList {
            #expect(list.diagnostics.map(\.kind) == [.undefined])
        }
        // Once the bad call is fixed the next problems show up.
        let fixed = text.replacingOccurrences(of: "int32 P::Add(int32, int64)", with: "int32 P::Add(int32, int32)")
        #expect(verifyErrors(fixed) == [
            "t.il:10:3: error: undefined method 'P::Missing(int32)'",
        ])
        let fixed2 = fixed.replacingOccurrences(of: "call int32 class P::Missing(int32)", with: "nop")
        #expect(verifyErrors(fixed2) == ["t.il:12:3: error: undefined type 'Q' in call to 'Nope'"])
    }

    @Test func callArgumentTypesAreChecked() {
        #expect(errors("""
        .method static int32 F(int64 x) cil managed { ldc.i4.0 ret }
        .method static int32 M() cil managed {
          ldc.i4.1
          call int32 P::F(int64)
          ret
        }
        """) == ["t.il:6:3: error: type mismatch: 'call' argument 1 of 'F' expects int64, found int32"])
    }

    @Test func exceptionHandlersStartWithTheirStack() {
        #expect(errors("""
        .method static int32 M(int32 a) cil managed {
          .locals init (int32 r)
          .try {
            ldc.i4.1
            ldarg.0
            div
            stloc.0
            leave.s DONE
          }
          catch [mscorlib]System.Exception {
            pop
            ldc.i4.m1
            stloc.0
            leave.s DONE
          }
        DONE:
          ldloc.0
          ret
        }
        """) == [])
    }

    @Test func validProgramsVerify() throws {
        for file in Fixtures.monodisPrograms + ["Handwritten.il"] {
            let module = try ILParser.parse(try Fixtures.text(file), file: file)
            try ILVerifier.verify(module)
        }
    }
}

/// `jmp` and `tail.`: the placement rules of ECMA-335.
@Suite("Verifier: control transfer")
struct VerifierTransferRuleTests {
    func errors(_ methods: String) -> [String] {
        verifyErrors(".class public P extends [mscorlib]System.Object\n{\n\(methods)\n}\n")
    }

    @Test func jmpToTheSameSignatureIsValid() {
        #expect(errors("""
        .method static int32 A(int32 x) cil managed { jmp int32 P::B(int32) }
        .method static int32 B(int32 x) cil managed { ldarg.0 ret }
        """) == [])
    }

    @Test func jmpNeedsTheSameSignature() {
        #expect(errors("""
        .method static int32 A(int32 x) cil managed { jmp int32 P::B(int64) }
        .method static int32 B(int64 x) cil managed { ldc.i4.0 ret }
        """) == ["t.il:3:47: error: 'jmp' needs a target with the same signature as 'A'"])
    }

    @Test func tailCallMustBeFollowedByRet() {
        #expect(errors("""
        .method static int32 A() cil managed {
          tail. call int32 P::B()
          pop
          ldc.i4.0
          ret
        }
        .method static int32 B() cil managed { ldc.i4.0 ret }
        """) == ["t.il:4:9: error: a 'tail.' call must be followed by 'ret'"])
        #expect(errors("""
        .method static int32 A() cil managed {
          tail. call int32 P::B()
          ret
        }
        .method static int32 B() cil managed { ldc.i4.0 ret }
        """) == [])
    }
}
