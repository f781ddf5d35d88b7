import DataArtsMock
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Process-wide settings are the executable's (issue 8): `dataarts-mock` ignores SIGPIPE and
/// raises its open-files limit, while a server started in-process changes neither, and a
/// client that resets in the middle of a reply still cannot kill the process that hosts it.
@Suite(.serialized, .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status")))
struct ProcessSetupTests {
    /// The signal numbers `/proc/<pid>/status` lists as ignored (`SigIgn`, a hex mask).
    static func ignoredSignals(of pid: String) throws -> UInt64 {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("SigIgn:") })
        return try #require(UInt64(line.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16))
    }

    static func ignores(_ signal: Int32, in mask: UInt64) -> Bool {
        mask & (1 << UInt64(signal - 1)) != 0
    }

    @Test func theExecutableIgnoresSIGPIPEAndRaisesItsOpenFileLimit() throws {
        let mock = try MockProcess(["--port", "0"])
        _ = try mock.waitUntilReady()
        let pid = String(mock.process.processIdentifier)
        #expect(Self.ignores(SIGPIPE, in: try Self.ignoredSignals(of: pid)))
        let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
        let openFiles = try #require(limits.split(separator: "\n").first { $0.hasPrefix("Max open files") })
        // "Max open files  <soft>  <hard>  files"; a hard limit of "unlimited" cannot be reached
        // (the kernel caps descriptors at nr_open), so only a numeric one is compared.
        let fields = openFiles.split(separator: " ").dropFirst(3)
        if let hard = fields.dropFirst().first.flatMap({ Int($0) }) {
            #expect(fields.first.flatMap { Int($0) } == hard, "\(openFiles)")
        }
        mock.signal(SIGTERM)
        #expect(mock.exitStatus() == 0)
    }

    /// With SIGPIPE at its default (death), clients reset while the server writes large
    /// replies: the server's sends must not raise it, and the library must not have set it
    /// to ignored behind the test's back.
    @Test func anInProcessServerLeavesSIGPIPEAloneAndSurvivesResets() throws {
        let previous = signal(SIGPIPE, SIG_DFL)
        defer { signal(SIGPIPE, previous) }
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        #expect(!Self.ignores(SIGPIPE, in: try Self.ignoredSignals(of: "self")))

        let request = "GET /__mock/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        for _ in 0..<20 {
            let client = try RawClient(port: server.port)
            try client.send(String(repeating: request, count: 50))
            // Close with a reset while the replies are still being written.
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(client.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        }
        #expect(try Curl.get(server.url("/__mock/health")).status == 200)
        #expect(!Self.ignores(SIGPIPE, in: try Self.ignoredSignals(of: "self")))
    }
}
