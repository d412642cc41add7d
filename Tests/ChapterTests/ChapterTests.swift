import Testing
import Workbook

/// Every `asm`/`ir`/`run` block of the book, checked through the real JIT.
@Suite struct ChapterTests {
    @Test(arguments: ChapterExamples.all())
    func example(_ c: ChapterCase) {
        switch c.content {
        case .broken(let file, let diagnostics):
            Issue.record("\(file) does not parse:\n\(diagnostics.map(\.description).joined(separator: "\n"))")
        case .example(let example, let chapter):
            let result = Verifier(engine: ChapterExamples.engine).verify(example, in: chapter)
            let passed = result.passed
            #expect(passed, "\(result.report)")
        }
    }
}
