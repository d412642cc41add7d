import Diagnostics
import Foundation
import IL

/// The model CoreLib: System.Private.CoreLib.il, shipped as a resource and parsed once per process.
public enum CoreLib {
    /// The assembly name CoreLib's module carries.
    public static let assemblyName = "System.Private.CoreLib"

    /// The CoreLib sources, in order: the object model, String, Console/checked arithmetic/Math,
    /// exceptions, collections, text, then tasks, delegates, contexts and async, then the model's
    /// allocation counters (Jitbook.RuntimeStats).
    static let files = ["System.Private.CoreLib", "System.Private.CoreLib.String", "System.Private.CoreLib.Console",
                        "System.Private.CoreLib.Exceptions", "System.Private.CoreLib.Collections",
                        "System.Private.CoreLib.Text", "System.Private.CoreLib.Async", "System.Private.CoreLib.Tasks",
                        "System.Private.CoreLib.AsyncHelpers", "System.Private.CoreLib.Stats"]

    /// The CoreLib source files in the bundle, in order (nil for one that is missing).
    public static func sourceURLs() -> [URL?] {
        files.map { file in
            Bundle.module.url(forResource: "CoreLib/\(file)", withExtension: "il") ?? Bundle.module.url(forResource: file, withExtension: "il")
        }
    }

    /// The parsed CoreLib module, or the diagnostics that prevented parsing it.
    public static let parsed: Result<IL.Module, DiagnosticList> = {
        var chunks: [SourceChunk] = []
        for (file, url) in zip(files, sourceURLs()) {
            guard let url, let text = try? String(contentsOf: url, encoding: .utf8) else {
                return .failure(DiagnosticList([Diagnostic(.environment, at: .synthetic("CoreLib"),
                                                           "the model CoreLib (\(file).il) is missing from the bundle")]))
            }
            chunks.append(SourceChunk(text: text, file: "\(file).il"))
        }
        do {
            return .success(try ILParser.parse(chunks, assemblyName: assemblyName))
        } catch {
            return .failure(DiagnosticList(error.diagnostics(defaultLocation: .synthetic("System.Private.CoreLib.il"))))
        }
    }()

    /// The CoreLib module; throws when it could not be loaded.
    public static func module() throws -> IL.Module { try parsed.get() }
}
