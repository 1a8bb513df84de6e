// Runs the built `labfeed` executable from tests, as a user would.

public import Foundation

/// The result of one run of the labfeed binary.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Finds and runs the `labfeed` executable built beside the tests.
public enum LabfeedBinary {
    /// `$LABFEED_BIN`, else `labfeed` in the directory of the test bundle (the build products).
    public static var url: URL? {
        if let env = ProcessInfo.processInfo.environment["LABFEED_BIN"] { return URL(fileURLWithPath: env) }
        return TestTool.url("labfeed")
    }

    /// Runs labfeed with `arguments`, waiting at most `timeout` seconds (then it is killed).
    public static func run(_ arguments: [String], directory: String? = nil, environment: [String: String]? = nil,
                           timeout: TimeInterval = 60) throws -> CommandResult {
        guard let url else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "labfeed binary not found; build it first"]) }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so a full pipe never blocks the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = group.wait(timeout: .now() + 5)
        }
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The repository root (for fixtures such as feeds.yml), found from this file's path.
    public static var repositoryRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }
}

/// A program the package builds beside the tests (one of its executable targets: `labfeed`,
/// `child-peak`), found in the build products' directory.
public enum TestTool {
    /// `name` in the directory of the test bundle (the build products), or beside the running executable.
    public static func url(_ name: String) -> URL? {
        var candidates: [URL] = []
        for bundle in Bundle.allBundles + [Bundle.main] {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
            candidates.append(bundle.bundleURL.appendingPathComponent(name))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent(name))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
