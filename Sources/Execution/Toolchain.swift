import Diagnostics
import Foundation

/// The host tools a run needs: a native C compiler, the arm64 cross compiler and qemu-user.
///
/// Names without a slash are looked up in `PATH`; tests point a tool at a path
/// that does not exist to check the missing-tool diagnostic.
public struct Toolchain: Sendable, Hashable {
    /// Native C compiler for the x64 runtime.
    public var cc: String
    /// Cross compiler for the static arm64 runtime.
    public var crossCC: String
    /// User-mode emulator that runs the arm64 runtime.
    public var qemu: String

    public init(cc: String = "cc", crossCC: String = "aarch64-linux-gnu-gcc", qemu: String = "qemu-aarch64") {
        self.cc = cc
        self.crossCC = crossCC
        self.qemu = qemu
    }

    /// The Debian package that provides a tool, for the missing-tool diagnostic.
    static func package(for tool: String) -> String {
        let name = (tool as NSString).lastPathComponent
        if name.contains("aarch64-linux-gnu-gcc") { return "gcc-aarch64-linux-gnu" }
        if name.contains("qemu-aarch64") { return "qemu-user" }
        return "gcc"
    }

    /// The absolute path of `tool`, or an `.environment` diagnostic naming the package to install.
    static func locate(_ tool: String) throws -> String {
        let fm = FileManager.default
        if tool.contains("/") {
            if fm.isExecutableFile(atPath: tool) { return tool }
        } else {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(tool)"
                if fm.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        let pkg = package(for: tool)
        throw Diagnostic(.environment, at: .synthetic("jitbook"),
                         "'\(tool)' not found: install the Debian package \(pkg) (apt-get install -y \(pkg))")
    }
}
