import Foundation
import Testing

/// The rendered site in a real browser (headless Chromium): the IL↔asm mapping, the variant diff
/// toggle, search, the layout at desktop and phone widths, JavaScript off, dark mode, and basic
/// accessibility checks. Fails (never skips) when Chromium is missing.
@Suite(.serialized, .timeLimit(.minutes(5))) struct BrowserTests {
    static let chapter8 = "08-seed-000-inlining-async-thunks-after-gdv.html"

    /// Anchors (`L` + source line) in chapter 8, found by content so that prose written above them
    /// does not move the test's expectations.
    enum Anchors {
        static let lines: [String] = {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("chapters/08-seed-000-inlining-async-thunks-after-gdv.md")
            return ((try? String(contentsOf: url, encoding: .utf8)) ?? "").components(separatedBy: "\n")
        }()
        /// The anchor of the first line (from the top) that starts with `prefix`.
        static func line(startingWith prefix: String) -> String {
            lines.firstIndex { $0.hasPrefix(prefix) }.map { "L\($0 + 1)" } ?? "no line starts with \(prefix)"
        }
        /// Foo's `callvirt` (the awaited virtual call) in the chapter's IL.
        static let callvirt = line(startingWith: "    callvirt instance valuetype [System.Runtime]System.Threading.Tasks.ValueTask`1<int32> AsyncMicro.Program/Base::Foo()")
        static let fence = "```asm x64 AsyncMicro.Program::Foo profile=AsyncMicro.Program+Derived config="
        /// The Before (thunk not inlined) and After listings of Foo.
        static let beforeX64 = line(startingWith: fence + "JitInlineAsyncThunks=0;")
        static let afterX64 = line(startingWith: fence + "JitAsyncVersions=0;")
        static let afterArm64 = line(startingWith: "```asm arm64 AsyncMicro.Program::Foo profile=AsyncMicro.Program+Derived config=JitAsyncVersions=0;")
    }

    func probe(_ page: String, _ mode: String, width: Int = 1400, dark: Bool = false) throws -> [String: Any] {
        guard Browser.executable != nil else {
            Issue.record(Comment(rawValue: Browser.missing))
            throw Browser.BrowserError(Browser.missing)
        }
        return try Browser.probe(page, mode: mode, width: width, dark: dark)
    }

    /// What every page must satisfy, whatever the probe mode.
    func expectClean(_ r: [String: Any], _ page: String) {
        #expect((r["errors"] as? [String]) == [], "console or script errors on \(page): \(r["errors"] ?? "")")
        let resources = r["resources"] as? [String] ?? []
        #expect(resources.allSatisfy { $0.hasPrefix("file:") }, "\(page) requested \(resources)")
        #expect(r["h1"] as? Int == 1, "\(page) has \(r["h1"] ?? 0) h1 elements")
        #expect(r["headingSkips"] as? Int == 0, "\(page) skips heading levels")
        #expect(r["emptyLinks"] as? Int == 0, "\(page) has links without text")
        #expect(r["lowContrastCount"] as? Int == 0, "\(page): text below WCAG AA contrast: \(r["lowContrast"] ?? "")")
        #expect((r["scrollWidth"] as? Int ?? 0) <= (r["width"] as? Int ?? 0), "\(page) scrolls sideways")
    }

    @Test func hoveringAnILInstructionHighlightsItsAsmAndBack() throws {
        let r = try probe(Self.chapter8, "map")
        expectClean(r, Self.chapter8)
        #expect(r["ilLine"] as? String == Anchors.callvirt)
        let fromIL = r["fromIL"] as? [String] ?? []
        // Before (x64): the guard and the call of the thunk; After: the guard and `mov eax, 42`.
        #expect(fromIL.contains("\(Anchors.beforeX64): cmp qword ptr [rsi], rax"), "\(fromIL)")
        #expect(fromIL.contains("\(Anchors.beforeX64): call [AsyncMicro.Program+Derived:Foo():int:this] ; (call to runtime async callable thunk)"))
        #expect(fromIL.contains("\(Anchors.afterX64): mov eax, 42"))
        #expect(fromIL.contains("\(Anchors.afterArm64): mov w0, #42"))
        // Nothing from the prolog or the epilog.
        #expect(!fromIL.contains { $0.contains("push") || $0.hasSuffix(": ret") })
        #expect(r["hlBackground"] as? String != r["plainBackground"] as? String, "highlighted lines look like the others")
        #expect(r["afterLeave"] as? Int == 0)
        // asm -> IL: the constant of the After listing came from the callvirt.
        #expect(r["asmFigure"] as? String == Anchors.afterX64)
        let fromAsm = r["fromAsm"] as? [String] ?? []
        #expect(fromAsm.count == 1 && fromAsm.first?.hasPrefix("\(Anchors.callvirt): callvirt") == true, "\(fromAsm)")
        // Keyboard: focusing a line highlights too, and ArrowDown moves to the next mapped line.
        #expect((r["focusHighlights"] as? Int ?? 0) > 0)
        #expect(r["focusMovedTo"] as? String != nil && r["focusMovedTo"] as? String != r["focusFrom"] as? String)
        #expect((r["irLinks"] as? Int ?? 0) > 0, "IR dump nodes link to their IL")
    }

    @Test func beforeAfterDiffTogglesBetweenSideBySideAndUnified() throws {
        let r = try probe(Self.chapter8, "diff")
        expectClean(r, Self.chapter8)
        #expect(r["diffs"] as? Int == 3)
        #expect(r["before"] as? [String] == ["block", "none"])
        #expect(r["after"] as? [String] == ["none", "block"])
        #expect((r["changedRows"] as? Int ?? 0) > 10)
        #expect((r["summary"] as? String ?? "").contains("JitInlineAsyncThunks=0"))
    }

    @Test func searchFindsAMethodAndAnInstruction() throws {
        let r = try probe(Self.chapter8, "search")
        expectClean(r, Self.chapter8)
        let results = r["results"] as? [String] ?? []
        #expect(results.first == "methods/AsyncMicro.Program--Foo.html", "\(results)")
        #expect(results.contains("08-seed-000-inlining-async-thunks-after-gdv.html#\(Anchors.afterX64)"))
        let instr = r["instructionResults"] as? [String] ?? []
        #expect(instr.contains("08-seed-000-inlining-async-thunks-after-gdv.html#\(Anchors.afterX64)"), "\(instr)")
    }

    @Test func listingsGetThePageWidthAndProseAReadingMeasure() throws {
        let r = try probe(Self.chapter8, "layout")
        expectClean(r, Self.chapter8)
        #expect((r["proseWidth"] as? Double ?? 9999) <= 720)
        #expect((r["listingWidth"] as? Double ?? 0) >= 1000)
        #expect(r["sidebarVisible"] as? Bool == true)
    }

    @Test func readableAtPhoneWidth() throws {
        let r = try probe(Self.chapter8, "narrow")
        expectClean(r, Self.chapter8)
        let f = r["frame"] as? [String: Any] ?? [:]
        #expect(f["width"] as? Int ?? 0 <= 390)
        #expect((f["scrollWidth"] as? Int ?? 9999) <= (f["width"] as? Int ?? 0), "the page scrolls sideways at 390 px")
        #expect((f["widestPre"] as? Double ?? 9999) <= 390)
        #expect(f["sidebarPosition"] as? String == "static")
        #expect(f["figures"] as? Int == f["visibleFigures"] as? Int)
    }

    @Test func readableWithJavaScriptOff() throws {
        let r = try probe(Self.chapter8, "nojs")
        let f = r["frame"] as? [String: Any] ?? [:]
        #expect((f["lines"] as? Int ?? 0) > 500)
        #expect(f["tabbable"] as? Int == 0, "scripts ran in the sandboxed frame")
        #expect(f["copyButtons"] as? Int == 0)
        #expect(f["figures"] as? Int == f["visibleFigures"] as? Int)
        // The diff toggle is CSS only: it works without scripts.
        #expect(f["diffBefore"] as? [String] == ["block", "none"])
        #expect(f["diffAfter"] as? [String] == ["none", "block"])
    }

    @Test(arguments: ["index.html", "08-seed-000-inlining-async-thunks-after-gdv.html", "search.html"])
    func darkModeKeepsContrast(_ page: String) throws {
        let r = try probe(page, "dark", dark: true)
        #expect(r["dark"] as? Bool == true)
        expectClean(r, page)
    }

    @Test func noPageLoadsAnythingFromTheNetwork() throws {
        let out = try Browser.site.get()
        let fm = FileManager.default
        var files: [String] = []
        if let e = fm.enumerator(atPath: out.path) {
            for case let f as String in e where (f.hasSuffix(".html") || f.hasSuffix(".css") || f.hasSuffix(".js")) && !f.hasPrefix("probe") { files.append(f) }
        }
        #expect(files.count > 20)
        for f in files {
            let text = try String(contentsOf: out.appendingPathComponent(f), encoding: .utf8)
            for bad in ["src=\"http", "src=\"//", "<link rel=\"stylesheet\" href=\"http", "url(http", "url(//", "@import"] {
                #expect(!text.contains(bad), "\(f) loads \(bad)…")
            }
        }
    }
}
