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

    /// An event loop keeps its turn's lines until the turn ends, and the turn ends before its
    /// answers are sent: so each request sent once the last one was answered is logged after it,
    /// whichever of the loops its new connection lands on.
    @Test func requestsSentOneAfterAnotherAreLoggedInThatOrder() throws {
        let mock = try MockProcess(["--port", "0"])
        _ = try mock.waitUntilReady()
        var sent: [String] = []
        // 100 lines: well within the pipe's 64 KiB, which nobody reads until the exit.
        for _ in 0..<100 {
            let response = try Curl.get(mock.url + "/__mock/health")
            sent.append(try #require(response.header("X-Request-Id")))
        }
        mock.signal(SIGTERM)
        #expect(mock.exitStatus() == 0)
        let logged = mock.standardError.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("request.id=") }.map { String($0.dropFirst(11)) }
        }
        #expect(logged == sent)
    }

    /// A line is written while the server goes on serving, not only when it stops.
    @Test func aLineReachesStderrWhileTheServerRuns() throws {
        let mock = try MockProcess(["--port", "0"])
        _ = try mock.waitUntilReady()
        let response = try Curl.get(mock.url + "/__mock/health")
        let requestID = try #require(response.header("X-Request-Id"))
        let read = mock.readStandardError(seconds: 5) { $0.contains("request.id=\(requestID)") }
        #expect(read.contains("request.id=\(requestID)"))
        mock.signal(SIGTERM)
        #expect(mock.exitStatus() == 0)
    }

    /// The command line formats the access line itself (not through swift-log's event, for
    /// speed): it must still read as swift-log's `StreamLogHandler` line for that event.
    @Test func theAccessLineHasSwiftLogsLayout() throws {
        let mock = try MockProcess(["--port", "0"])
        _ = try mock.waitUntilReady()
        let response = try Curl.request(
            "GET", mock.url + "/v1/p1/data-connections?limit=x", headers: ["X-Auth-Token": "t", "workspace": "w"])
        let requestID = try #require(response.header("X-Request-Id"))
        mock.signal(SIGTERM)
        #expect(mock.exitStatus() == 0)
        let line = try #require(mock.standardError.split(separator: "\n").first { $0.contains(requestID) })
        let time = try #require(line.split(separator: " ").first)
        let milliseconds = try #require(line.split(separator: " ").first { $0.hasPrefix("request.ms=") }?.dropFirst(11))
        // As swift-log prints the metadata value `"\(Double)"`.
        #expect(Double(String(milliseconds)).map { "\($0)" } == String(milliseconds))
        #expect(time.count == "2026-12-02T05:21:04+0000".count)
        #expect(line == """
            \(time) info dataarts-mock: request.error_code=DAYU.4402 request.id=\(requestID) request.method=GET \
            request.ms=\(milliseconds) request.path=/v1/p1/data-connections request.status=400 \
            [DataArtsMock] GET /v1/p1/data-connections 400
            """)
    }
}
