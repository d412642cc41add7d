import ArgumentParser
import Foundation
import Site
import Workbook

/// `jitbook test [CHAPTER...]`: verify every example; exit 1 if any failed.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test",
                                                    abstract: "Check every example of the chapters against the JIT.")
    @OptionGroup var options: BookOptions
    @OptionGroup var engineOptions: EngineOptions
    @Flag(help: "Verify every chapter, even those that passed before with the same text and the same jitbook.")
    var noCache = false
    @Argument(help: "Chapters (paths, or file names in chapters/). Default: every chapters/*.md.")
    var chapters: [String] = []

    func run() throws {
        let engine = engineOptions.engine
        let report = try BookTest(book: options.book, engine: engine,
                                  cache: noCache ? nil : PassCache.standard(settings: engine.cacheSettings))
            .run(chapters: chapters)
        Output.diagnostics(report.errors)
        Output.out(report.log)
        if report.failed > 0 { throw ExitCode(1) }
    }
}

/// `jitbook bless [--check] [CHAPTER...]`: rewrite stale expected blocks.
struct BlessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bless",
                                                    abstract: "Rewrite stale expected blocks with the JIT's actual output.")
    @OptionGroup var options: BookOptions
    @OptionGroup var engineOptions: EngineOptions
    @Flag(help: "Write nothing; exit 1 if any block is stale.")
    var check = false
    @Argument(help: "Chapters (paths, or file names in chapters/). Default: every chapters/*.md.")
    var chapters: [String] = []

    func run() throws {
        let report = try BookBless(book: options.book, engine: engineOptions.engine).run(chapters: chapters, check: check)
        Output.diagnostics(report.errors)
        Output.out(report.log)
        if report.anyFailed || (check && report.anyStale) { throw ExitCode(1) }
    }
}

/// `jitbook tangle --out DIR`: write each chapter's IL modules and expectations as files.
struct TangleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tangle",
                                                    abstract: "Extract IL modules and expected blocks into files.")
    @OptionGroup var options: BookOptions
    @Option(help: "Output directory.")
    var out: String

    func run() throws {
        let book = options.book
        let chapters = try book.chapterFiles().map { try book.load($0) }
        let written = try Tangler.write(chapters, to: URL(fileURLWithPath: out))
        Output.out("wrote \(written.count) files to \(out)")
    }
}

/// `jitbook render [--out DIR]`: build the static site, verifying every listing.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render",
                                                    abstract: "Render the book to HTML, checking every listing live.")
    @OptionGroup var options: BookOptions
    @OptionGroup var engineOptions: EngineOptions
    @Option(help: "Output directory. Default: site/out under the root.")
    var out: String?

    func run() throws {
        let book = options.book
        let dir = out.map { URL(fileURLWithPath: $0) } ?? book.root.appendingPathComponent("site/out")
        let report = try SiteRenderer(book: book, engine: engineOptions.engine).render(to: dir)
        Output.diagnostics(report.warnings)
        Output.diagnostics(report.errors)
        Output.out("wrote \(report.pages.count) files to \(book.displayPath(dir)): "
                   + "\(report.verified) verified, \(report.stale) stale, \(report.failed) failed")
        if !report.isClean { throw ExitCode(1) }
    }
}
