import Diagnostics
import IL

/// Compiles the methods of one IL module: the entry point the workbook, the CLI and tests use.
///
/// (Placeholder: the pipeline is wired in by the JIT work; this signature is the contract.)
public final class ModuleCompiler {
    public let module: IL.Module

    public init(module: IL.Module) {
        self.module = module
    }

    /// Compiles the method named by `selector` for `arch`, returning its listing, code and the dumps asked for.
    ///
    /// Throws a `Diagnostic` (or `DiagnosticList`) located at `location` when the method does not exist,
    /// and at the offending IL instruction when the IL is invalid or unsupported.
    public func compile(_ selector: MethodSelector, arch: Arch, config: JitConfig = JitConfig(),
                        dumps: Set<Phase> = [], location: SourceLocation) throws -> CompiledMethod {
        throw Diagnostic(.unsupported, at: location, "the JIT pipeline is not wired yet")
    }
}
