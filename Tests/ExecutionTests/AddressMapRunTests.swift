@testable import Execution
import JIT
import Foundation
import Testing

/// The code image lives at fixed addresses; a run must never depend on where the
/// host's libraries (or qemu-user's buffers) happened to land.
@Suite struct AddressMapRunTests {
    static let hello = Programs.program(main: """
        ldstr "hi"
        call void [mscorlib]System.Console::WriteLine(string)
        ldc.i4.0
        ret
        """)

    /// An image segment on a page another mapping holds (here the runtime's own text at
    /// 0x400000, where the non-PIE runtime sits on both targets) is reported, not overwritten.
    @Test(arguments: Arch.allCases)
    func aTakenAddressIsReportedNotOverwritten(_ arch: Arch) throws {
        var image = try CodeImage.build(module: try Programs.module(Self.hello), arch: arch)
        image.segments.insert(CodeImage.Segment(address: 0x40_0000, bytes: [0xCC], protection: .read, name: "squatter"), at: 0)
        let r = try Runner.run(image: image)
        #expect(r.exitCode == nil)
        #expect(r.fault == "jitbook-runtime: address map busy at 0x400000 (another mapping is there)")
        #expect(r.stdout == "")
    }

    /// Children start without address randomization (the personality flag is inherited across
    /// exec), so the layout around the image is the same on every run.
    @Test func childrenRunWithoutAddressRandomization() throws {
        let r = try ChildProcess.run("/bin/cat", ["/proc/self/personality"], timeout: 10)
        #expect(r.status == .exited(0))
        let flags = UInt32(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16)
        let addrNoRandomize: UInt32 = 0x0040000
        // Where a sandbox refuses the flag, the runtime's busy check and the runner's retry (the
        // test above) are what keep runs reliable; the child then simply runs randomized.
        let permitted = ChildProcess.disableAddressRandomization()
        #expect(flags.map { $0 & addrNoRandomize != 0 } == permitted, "personality \(r.stdout)")
    }
}
