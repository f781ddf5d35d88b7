import Foundation
import Testing

/// Issue 10 item 6: a log write that fails (stderr's reader gone: EPIPE; stderr on a full
/// disk: ENOSPC) must cost log lines, never the server. `--log-format json` died of SIGILL.
@Suite struct LogFailureTests {
    enum BrokenStderr: String, CaseIterable {
        case closedPipe, fullDisk
    }

    @Test(arguments: ["json", "text"], BrokenStderr.allCases)
    func theServerKeepsAnsweringWhenStderrFails(_ format: String, _ broken: BrokenStderr) throws {
        let pipe = Pipe()
        let stderr: FileHandle = switch broken {
        case .closedPipe: pipe.fileHandleForWriting
        case .fullDisk: try #require(FileHandle(forWritingAtPath: "/dev/full"))
        }
        let mock = try MockProcess(["--port", "0", "--log-format", format], standardError: stderr)
        // No reader left: every write to the pipe fails with EPIPE.
        pipe.fileHandleForReading.closeFile()
        pipe.fileHandleForWriting.closeFile()
        _ = try mock.waitUntilReady()
        for index in 0..<200 {
            let response = try Curl.request(
                index % 2 == 0 ? "GET" : "POST", mock.url + (index % 2 == 0 ? "/nope" : "/v1/p/data-connections"),
                headers: ["X-Auth-Token": "t", "workspace": "w", "Content-Type": "application/json"],
                body: Array("{\"data_source_vos\":[{\"dw_name\":\"c\(index)\",\"dw_type\":\"DWS\",\"dw_config\":{}}]}".utf8))
            #expect(response.status == (index % 2 == 0 ? 404 : 200))
        }
        #expect(try Curl.get(mock.url + "/__mock/health").status == 200)
        mock.signal(SIGTERM)
        #expect(mock.exitStatus() == 0)
    }
}
