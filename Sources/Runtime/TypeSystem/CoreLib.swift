import Diagnostics
import Foundation
import IL

/// The model CoreLib: System.Private.CoreLib.il, shipped as a resource and parsed once per process.
public enum CoreLib {
    /// The assembly name CoreLib's module carries.
    public static let assemblyName = "System.Private.CoreLib"

    /// The parsed CoreLib module, or the diagnostics that prevented parsing it.
    public static let parsed: Result<IL.Module, DiagnosticList> = {
        guard let url = Bundle.module.url(forResource: "CoreLib/System.Private.CoreLib", withExtension: "il")
                ?? Bundle.module.url(forResource: "System.Private.CoreLib", withExtension: "il"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            return .failure(DiagnosticList([Diagnostic(.environment, at: .synthetic("CoreLib"),
                                                       "the model CoreLib (System.Private.CoreLib.il) is missing from the bundle")]))
        }
        do {
            return .success(try ILParser.parse(text, file: "System.Private.CoreLib.il"))
        } catch {
            return .failure(DiagnosticList(error.diagnostics(defaultLocation: .synthetic("System.Private.CoreLib.il"))))
        }
    }()

    /// The CoreLib module; throws when it could not be loaded.
    public static func module() throws -> IL.Module { try parsed.get() }
}
