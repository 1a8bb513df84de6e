// ChildProcess's `measuringPeak` (through Tests/Tools/child-peak): the peak memory the hostile
// suite bounds is the child's own, not the test process's, and the child still ends, exits and
// takes signals as when started directly.

import Foundation
import Glibc
import LabfeedTestSupport
import Testing

@Suite(.serialized)
struct ChildPeakTests {
    static let mebibyte = 1_048_576

    /// A child that uses 64 MiB (dd's buffer, filled by each read) is measured at 64 MiB and
    /// some, while the test process holds 256 MiB: spawned directly, Linux would have reported
    /// the test process's peak as the child's.
    @Test func thePeakIsTheChildsOwnWhateverTheTestHolds() throws {
        let held = [UInt8](repeating: 1, count: 256 * Self.mebibyte)
        let exit = try withExtendedLifetime(held) {
            #expect(try #require(DaemonProbe.procStatus(getpid(), "VmHWM")) >= 256 * Self.mebibyte)
            return try ChildProcess.run("/bin/dd", ["if=/dev/zero", "of=/dev/null", "bs=64M", "count=1"],
                                        measuringPeak: true, timeout: .seconds(30))
        }
        #expect(exit.exited(0), "\(exit)")
        let peak = try #require(exit.peakMemory, "\(exit)")
        #expect(peak >= 64 * Self.mebibyte, "peak \(peak)")
        #expect(peak < 128 * Self.mebibyte, "peak \(peak)")
    }

    /// Unmeasured children report no peak rather than a wrong one.
    @Test func anUnmeasuredChildHasNoPeak() throws {
        let exit = try ChildProcess.run("/bin/sh", ["-c", "exit 0"], timeout: .seconds(30))
        #expect(exit.exited(0))
        #expect(exit.peakMemory == nil)
    }

    /// Exit codes and signals come through child-peak unchanged; a signal that ends the child
    /// ends child-peak with it.
    @Test func exitCodesAndSignalsComeThrough() throws {
        let code = try ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 7"], measuringPeak: true, timeout: .seconds(30))
        #expect(code.exited(7), "\(code)")
        #expect(code.stdout == "out\n")
        #expect(code.stderr == "err\n")
        #expect(code.peakMemory != nil)

        let killed = try ChildProcess.run("/bin/sh", ["-c", "kill -SEGV $$"], measuringPeak: true, timeout: .seconds(30))
        #expect(killed.signal == SIGSEGV, "\(killed)")
        #expect(killed.status == nil)
    }

    /// SIGTERM sent to the measured child reaches the program (which ends on it, as labfeed's
    /// daemon does); SIGKILL ends child-peak and the program at once.
    @Test func signalsReachTheProgram() throws {
        let terminated = try ChildProcess("/bin/sleep", ["30"], measuringPeak: true)
        terminated.send(SIGTERM)
        let exit = terminated.wait(timeout: .seconds(20))
        #expect(!exit.timedOut, "\(exit)")
        #expect(exit.signal == SIGTERM, "\(exit)")

        let directory = TemporaryDirectory(prefix: "child-peak")
        let pidFile = directory.path + "/pid"
        let killed = try ChildProcess("/bin/sh", ["-c", "echo $$ > \(pidFile).tmp && mv \(pidFile).tmp \(pidFile) && exec sleep 30"],
                                      measuringPeak: true)
        var program: pid_t?
        for _ in 0..<1_000 where program == nil {  // at most 10 s
            program = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if program == nil { usleep(10_000) }
        }
        let sleeper = try #require(program)
        killed.send(SIGKILL)
        let end = killed.wait(timeout: .seconds(20))
        #expect(end.signal == SIGKILL, "\(end)")
        #expect(end.peakMemory == nil)
        // The program is gone too (or a zombie waiting for whoever reaps orphans), within 10 s.
        var alive = true
        for _ in 0..<1_000 where alive {
            alive = Self.isRunning(sleeper)
            if alive { usleep(10_000) }
        }
        #expect(!alive, "sleep \(sleeper) outlived child-peak")
    }

    /// Whether `pid` exists and is not a zombie.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }
}
