import Testing
@testable import Site

@Suite struct HighlightTests {
    func spans(_ tokens: [HighlightToken]) -> [String] {
        tokens.compactMap { t in t.kind.map { "\($0.rawValue):\(t.text)" } }
    }

    @Test func il() {
        let code = """
        .method public static int32 Add(int32 a) cil managed // sum
        {
            .maxstack 2
            IL_0000: ldarg.0
            ldc.i4.s 42
            ldstr "hi"
            br IL_0000 /* back */
        }
        """
        #expect(spans(ILHighlighter.tokens(code)) == [
            "dir:.method", "kw:public", "kw:static", "kw:int32", "kw:int32", "kw:cil", "kw:managed", "com:// sum",
            "dir:.maxstack", "num:2",
            "lbl:IL_0000:", "op:ldarg.0",
            "op:ldc.i4.s", "num:42",
            "op:ldstr", "str:\"hi\"",
            "op:br", "com:/* back */",
        ])
    }

    @Test func ilBlockCommentSpansLines() {
        #expect(spans(ILHighlighter.tokens("/* a\nb */ ret")) == ["com:/* a", "com:b */", "op:ret"])
    }

    @Test func asm() {
        let code = """
        ; Assembly listing for method Program:Add(int,int):int (FullOpts)
        G_M32752_IG01:        ;; offset=0x0000
               lea      eax, [rdi+rsi]
               mov      qword ptr [rsp+0x08], r8
               jne      SHORT G_M32752_IG03
               add      x0, x0, #1
        """
        #expect(spans(AsmHighlighter.tokens(code)) == [
            "com:; Assembly listing for method Program:Add(int,int):int (FullOpts)",
            "lbl:G_M32752_IG01:", "com:;; offset=0x0000",
            "op:lea", "reg:eax", "reg:rdi", "reg:rsi",
            "op:mov", "kw:qword", "kw:ptr", "reg:rsp", "num:0x08", "reg:r8",
            "op:jne", "lbl:G_M32752_IG03",
            "op:add", "reg:x0", "reg:x0", "num:#1",
        ])
    }

    @Test func ir() {
        let code = """
        *************** After Morph - Global
        ------------ BB01 [0000..0004) (return), preds={} succs={}
        [000003] -----------                         *  RETURN    int
        [000002] -----------                         \\--*  ADD       int
        [000000] -----------                            +--*  LCL_VAR   int    V00 arg0
        [000001] -----------                            \\--*  CNS_INT   int    42
        """
        let s = spans(IRHighlighter.tokens(code))
        #expect(s.first == "hdr:*************** After Morph - Global")
        #expect(s.contains("bb:BB01"))
        #expect(s.contains("node:[000003]"))
        #expect(s.contains("op:RETURN"))
        #expect(s.contains("op:LCL_VAR"))
        #expect(s.contains("typ:int"))
        #expect(s.contains("lcl:V00"))
        #expect(s.contains("num:42"))
        #expect(!s.contains("op:V00"))
    }

    @Test func renderedSpansUseCssClasses() {
        #expect(Highlighter.html("ret", as: .il) == "<span class=\"tok-op\">ret</span>")
        #expect(Highlighter.html("BB02", as: .ir) == "<span class=\"tok-bb\">BB02</span>")
    }
}
