import Foundation
import Testing

/// Out of descriptors, the server pauses accepting instead of spinning on a listener that stays
/// readable, and accepts again once descriptors are free. The pause is timed by the event loop
/// itself: a Dispatch timer may need a descriptor of its own (a timerfd), and with none to be had
/// the listener was never watched again (found by hand after the event-loop rewrite).
struct DescriptorExhaustionTests {
    @Test func acceptingResumesOnceDescriptorsAreFreeAgain() throws {
        let mock = try MockProcess(
            ["--port", "0", "--log-level", "warning"], launcher: ["/usr/bin/prlimit", "--nofile=48", "--"])
        _ = try mock.waitUntilReady()
        // Far more clients than 48 descriptors: both loops run out, the rest wait in the backlog.
        var clients = try (0..<200).map { _ in try RawClient(port: mock.port, receiveTimeoutSeconds: 1) }
        Thread.sleep(forTimeInterval: 0.3)
        clients.removeAll()

        var status: Int?
        for _ in 0..<50 where status != 200 {
            status = try? Curl.request("GET", mock.url + "/__mock/health", timeoutSeconds: 1).status
            if status != 200 { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(status == 200, "the server never accepted again after running out of descriptors")
        mock.signal(SIGTERM)
        #expect(mock.exitStatus() == 0)
        // The limit was reached: otherwise this test proves nothing.
        #expect(mock.standardError.contains("Too many open files"))
    }
}
