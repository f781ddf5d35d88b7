import DataArtsMock
import Testing

/// How to use dataarts-mock from a Swift test suite: start it in process on a free port,
/// point the client under test at `server.url`, then steer and inspect it directly.
@Suite struct InProcessExampleTests {
    @Test func aClientUnderTestSeesAnInjectedOutageAndTheJournalShowsWhatItSent() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }

        // Reproducible times, and one failure for the next create.
        server.freezeClock(atMilliseconds: 1_735_689_600_000)
        server.faults.add(FaultRule(method: "POST", path: "/v1/{project_id}/data-connections", status: 500))

        // The client under test would do this; here libcurl stands in for it.
        let client = APIClient(server: server)
        #expect(try client.create(named: "retry_me").status == 500)
        #expect(try client.create(named: "retry_me").status == 200)

        // What did the client send, and what did it get?
        let creates = server.journal.entries(matching: .init(method: "POST")).entries
        #expect(creates.map(\.status) == [500, 200])
        #expect(creates.first?.errorCode == "DAYU.3531")
        #expect(server.connectionCount == 1)

        // Between tests: back to empty.
        server.reset()
        #expect(server.connectionCount == 0)
        #expect(server.journal.entries().entries.isEmpty)
    }
}
