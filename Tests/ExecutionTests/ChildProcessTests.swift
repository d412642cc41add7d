import Execution
import Foundation
import Testing

/// What a child process started by jitbook (a runtime, a compiler, qemu) inherits from it.
@Suite struct ChildProcessTests {
    /// Only stdin, stdout and stderr: a descriptor jitbook holds open (here one at 100) is not
    /// inherited, so a program cannot keep `serve`'s socket or another example's files open.
    @Test func onlyTheStandardDescriptorsAreInherited() throws {
        let fd = open("/dev/null", O_RDONLY)
        #expect(fd >= 0)
        #expect(dup2(fd, 100) == 100)
        defer { close(100); close(fd) }
        let r = try ChildProcess.run("/bin/ls", ["/proc/self/fd"], timeout: 10)
        let fds = r.stdout.split(separator: "\n").compactMap { Int($0) }
        #expect(fds.contains(0) && fds.contains(1) && fds.contains(2), "\(fds)")
        // ls's own descriptor for the directory it reads is the only other one.
        #expect(fds.filter { $0 > 2 }.count <= 1, "\(fds)")
        #expect(!fds.contains(100), "\(fds)")
    }
}
