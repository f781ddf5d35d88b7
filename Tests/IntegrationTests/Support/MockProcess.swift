import Foundation

/// The real `dataarts-mock` executable in a child process: for what only a process shows
/// (exit codes, signals, the ready line, a restart after SIGKILL).
final class MockProcess {
    let process = Process()
    let stdout = Pipe()
    let stderr = Pipe()
    private(set) var port: UInt16 = 0

    /// The executable SwiftPM built beside the test bundle (debug, or the TSan build), or
    /// `DATAARTS_MOCK_EXECUTABLE` (to run these tests against another build, e.g. an older one).
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["DATAARTS_MOCK_EXECUTABLE"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("dataarts-mock")
    }

    /// `launcher` runs the executable, e.g. `["/usr/bin/prlimit", "--fsize=4096", "--"]`;
    /// `standardError` replaces the pipe the test reads (a closed pipe, /dev/full).
    init(_ arguments: [String], launcher: [String] = [], standardError: Any? = nil,
         environment: [String: String]? = nil) throws {
        if let tool = launcher.first {
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = Array(launcher.dropFirst()) + [Self.executable.path] + arguments
        } else {
            process.executableURL = Self.executable
            process.arguments = arguments
        }
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = stdout
        process.standardError = standardError ?? stderr
        try process.run()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Reads the ready line (`listening on http://HOST:PORT`) and remembers the port.
    func waitUntilReady() throws -> String {
        var line: [UInt8] = []
        let handle = stdout.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            guard let first = byte.first else {
                throw CurlError(message: "exited before ready: \(String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
            }
            if first == UInt8(ascii: "\n") { break }
            line.append(first)
        }
        let text = String(decoding: line, as: UTF8.self)
        if let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) { self.port = port }
        return text
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the exit and answers its status. A process still running after `seconds`
    /// (one that should have exited but serves on, e.g. a second server on a locked state
    /// file) is killed, so the test fails on its status instead of hanging the suite.
    func exitStatus(killingAfter seconds: Double = 60) -> Int32 {
        let pid = process.processIdentifier
        let process = process
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            if process.isRunning { kill(pid, SIGKILL) }
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    var standardError: String {
        String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Reads stderr while the process runs, until what it has read satisfies `done` or `seconds`
    /// pass; answers what it read.
    func readStandardError(seconds: Double, until done: (String) -> Bool) -> String {
        let descriptor = stderr.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(seconds)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !done(String(decoding: bytes, as: UTF8.self)) {
            let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard left > 0, poll(&ready, 1, left) > 0 else { break }
            let count = read(descriptor, &chunk, chunk.count)
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dataarts-mock-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
