import DataArtsMock
import Foundation
import Testing

/// The access log as a process shows it: it never holds a request back.
@Suite struct LoggingTests {
    /// stderr is a pipe nobody reads: it fills after a few hundred lines, and a server that
    /// wrote its log in the request path would then stop answering.
    @Test(arguments: ["text", "json"])
    func aStderrNobodyReadsDoesNotStopTheServer(_ format: String) throws {
        let mock = try MockProcess(["--port", "0", "--log-format", format])
        _ = try mock.waitUntilReady()
        for index in 0..<1500 {
            let response = try Curl.request("GET", mock.url + "/__mock/health", timeoutSeconds: 5)
            #expect(response.status == 200, "request \(index)")
            if response.status != 200 { break }
        }
        mock.signal(SIGTERM)
        #expect(mock.exitStatus() == 0)
    }

    @Test func linesAcceptedBeforeSIGTERMAreWrittenBeforeTheExit() throws {
        let mock = try MockProcess(["--port", "0"])
        _ = try mock.waitUntilReady()
        for _ in 0..<50 { _ = try Curl.get(mock.url + "/__mock/health") }
        mock.signal(SIGTERM)
        #expect(mock.exitStatus() == 0)
        let lines = mock.standardError.split(separator: "\n").filter { $0.contains("GET /__mock/health 200") }
        #expect(lines.count == 50)
    }
}
