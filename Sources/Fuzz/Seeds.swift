import Foundation
import IL
import JIT
import Workbook

/// The seed inputs a book root provides: its chapters and the IL corpora of its tests.
///
/// Loaded once per run and sorted, so the corpus (and with it every input index) is the
/// same on every machine. Files that cannot be read are skipped; the committed corpus
/// `Tests/FuzzTests/Corpus/TARGET/` holds small seeds and every regression input found.
public struct FuzzSeeds: Sendable {
    public var root: URL
    /// Chapter texts (`chapters/*.md`).
    public var chapterTexts: [String]
    /// IL files of the test corpora.
    public var ilFiles: [String]

    public init(root: URL) {
        self.root = root
        chapterTexts = Self.files(root.appendingPathComponent("chapters"), ext: "md")
        ilFiles = ["Tests/ExecutionTests/Corpus", "Tests/ExecutionTests/AsyncPrograms",
                   "Tests/ExecutionTests/ObjectPrograms", "Tests/ILTests/Resources"]
            .flatMap { Self.files(root.appendingPathComponent($0), ext: "il") }
    }

    /// Every file with extension `ext` in `dir` (not recursive), by name.
    static func files(_ dir: URL, ext: String) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { ext.isEmpty ? !$0.hasPrefix(".") : $0.hasSuffix("." + ext) }.sorted()
        return names.compactMap { try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }
    }

    private var parsedChapters: [Chapter] {
        chapterTexts.enumerated().compactMap { try? Chapter(source: $0.element, path: "chapters/\($0.offset).md") }
    }

    /// The committed corpus of a target.
    public func committed(_ target: String) -> [[UInt8]] {
        Self.files(root.appendingPathComponent("Tests/FuzzTests/Corpus/\(target)"), ext: "").map { Array($0.utf8) }
    }

    /// IL: the corpora's files and each chapter module's blocks joined.
    public var ilSources: [[UInt8]] {
        let modules = parsedChapters.flatMap { $0.modules.map { $0.chunks.map(\.text).joined() } }
        return (ilFiles + modules).map { Array($0.utf8) }
    }

    /// Chapters, whole.
    public var chapters: [[UInt8]] { chapterTexts.map { Array($0.utf8) } }

    /// Every info string of every code block of the chapters.
    public var infoStrings: [[UInt8]] {
        Array(Set(parsedChapters.flatMap { $0.blocks.map(\.info) })).sorted().map { Array($0.utf8) }
    }

    /// Every expected block body of the chapters.
    public var expectedBodies: [[UInt8]] { parsedChapters.flatMap { $0.examples.map { Array($0.expected.utf8) } } }

    /// Expected lines with `{{` holes, plus the first 200 listing lines (where holes get inserted).
    public var holeLines: [[UInt8]] {
        let lines = parsedChapters.flatMap { $0.examples.flatMap { textLines($0.expected) } }
        let withHoles = Array(Set(lines.filter { $0.contains("{{") })).sorted()
        return (withHoles + lines.prefix(200)).map { Array($0.utf8) }
    }
}

/// The words token mutations insert, per input language.
public enum FuzzDictionary {
    /// Every opcode, the directives and keywords of ilasm, and preprocessor words.
    public static let il: [String] = Opcode.allCases.map(\.rawValue) + [
        ".assembly", ".class", ".method", ".field", ".locals", ".maxstack", ".entrypoint", ".try", "catch", "finally",
        "filter", "fault", ".data", ".override", ".ctor", ".cctor", ".custom", ".module", ".namespace", "extern",
        "public", "private", "static", "instance", "virtual", "newslot", "abstract", "sealed", "valuetype", "class",
        "extends", "implements", "cil", "managed", "async", "noinlining", "aggressiveinlining", "init", "int8",
        "int16", "int32", "int64", "uint8", "uint32", "float32", "float64", "bool", "char", "string", "object", "void",
        "native", "int", "[mscorlib]System.Object", "[mscorlib]System.Console::WriteLine(int32)",
        "[System.Runtime]System.Threading.Tasks.Task", "!0", "!!0", "<T>", "int32[]", "int32&", "int32*",
        "Program::Main", "#define", "#ifdef", "#ifndef", "#else", "#endif", "IL_0000:", "L:", "'quoted'", "\"str\"",
    ]

    /// Info-string words: block kinds, architectures, phases, keys, knobs, method names.
    public static let info: [String] = ["il", "asm", "ir", "run", "aot", "x64", "arm64", "module=", "config=",
                                        "profile=", "arch=", "main", "Program::Main", "Program::Foo(int32,int64)",
                                        "[async]", "[task]", "[thunk]", "IL_0004:", "=50", ";", "="]
        + Phase.allCases.map(\.rawValue) + JitConfig.knobs.map { $0.name + "=1" }

    /// Regex and hole syntax.
    public static let holes: [String] = ["{{", "}}", "{{.*}}", "{{[0-9]+}}", "{{(a+)+}}", "{{\\d{4}}}", "{{[}}",
                                         "{{(?<n>x)\\k<n>}}", "{{\\}}", "{{}}}", "{{{{}}}}", "(", ")", "[", "]", "*",
                                         "+", "?", "|", "^", "$", "\\", "{0,}", "{99999}", "(?i)", "\\p{L}", "[^]"]

    /// Markdown structure: fences, containers, info strings.
    public static let chapter: [String] = ["```", "~~~", "````", "~~~~~", "```il", "```asm x64 Program::Main",
                                           "```run", "```ir import Program::Main", "> ", "- ", "1. ", "    ", "\t",
                                           "# ", "<div>", "</div>", "<script>", "[x](javascript:alert(1))", "\\",
                                           "\r\n", "{{.*}}", "* * *", "<!--", "-->", "&amp;"] + info
}
