import DataArtsJSON
import DataArtsMock
import DataArtsTestSupport
import Testing

/// The transport over real sockets: framing, keep-alive, limits, timeouts, overload.
@Suite struct HTTPServerTests {
    private let requestID = #/^[0-9a-f]{32}$/#

    @Test func healthAnswersWithTheHeadersEveryResponseCarries() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let response = try Curl.get(server.url("/__mock/health"))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json;charset=UTF-8")
        #expect(response.header("Content-Length") == "\(response.body.count)")
        #expect(response.header("Date")?.hasSuffix(" GMT") == true)
        #expect(try #require(response.header("X-Request-Id")).wholeMatch(of: requestID) != nil)
        let body = try response.json()
        #expect(body["status"]?.string == "ok")
        #expect(body["uptime_ms"]?.int != nil)
        #expect(body["connections"]?.int == 0)
    }

    @Test func unknownPathIsTheGatewaysNotFound() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let response = try Curl.get(server.url("/nope"))
        #expect(response.status == 404)
        let body = try response.json()
        #expect(body["error_code"]?.string == "APIGW.0101")
        #expect(body["error_msg"]?.string == "The API does not exist or has not been published in the environment.")
        #expect(body["request_id"]?.string == response.header("X-Request-Id"))
        #expect(response.text.hasPrefix("{\"error_msg\":"))
    }

    @Test func adminAPICanBeTurnedOff() throws {
        let server = try MockServer(MockConfiguration(port: 0, adminEnabled: false))
        defer { server.stop() }
        #expect(try Curl.get(server.url("/__mock/health")).status == 404)
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        for _ in 0..<3 {
            try client.send("GET /__mock/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 200)
            #expect(response.header("Connection") == nil)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send(
            "GET /__mock/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "POST /a HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                + "GET /__mock/health HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nhi"
                + "GET /b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        let statuses = (0..<4).compactMap { _ in client.readResponse()?.status }
        #expect(statuses == [200, 404, 200, 404])
        #expect(client.serverClosed())
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send("POST /a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        let interim = try #require(client.readResponse())
        #expect(interim.status == 100)
        try client.send("hello")
        #expect(client.readResponse()?.status == 404)
    }

    @Test(arguments: [
        ("GET /__mock/health HTTP/1.0\r\n\r\n", true),
        ("GET /__mock/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", false),
        ("GET /__mock/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", true),
    ])
    func closesWhenTheClientDoesNotKeepAlive(request: String, closes: Bool) throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send(request)
        let response = try #require(client.readResponse())
        #expect(response.status == 200)
        #expect((response.header("Connection") == "close") == closes)
        if closes { #expect(client.serverClosed()) }
    }

    @Test(arguments: [
        ("POST /a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("POST /a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        ("POST /a HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("GET /a HTTP/1.1\r\nHost: localhost\r\nX: a\r\n b\r\n\r\n", 400),
        ("GET /a HTTP/1.1\r\nHost: x\rX: y\r\n\r\n", 400),
        ("GET /a HTTP/1.1\r\n\r\n", 400),
        ("GET /a HTTP/1.1\r\nHost: localhost\r\nX: a\u{0}b\r\n\r\n", 400),
        ("POST /a HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
    ])
    func refusesMalformedAndSmugglingShapedRequestsAndCloses(request: String, status: Int) throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send(request)
        let response = try #require(client.readResponse())
        #expect(response.status == status)
        #expect(response.header("Connection") == "close")
        #expect(response.header("X-Request-Id") != nil)
        #expect(try JSONReader.parse(response.body).object != nil)
        #expect(client.serverClosed())
    }

    @Test func refusesATLSClientHelloAtOnceNotAfterATimeout() throws {
        // A long header timeout: the answer must come from the first byte, not from the timer.
        let server = try MockServer(MockConfiguration(port: 0, headerTimeout: 60))
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03])
        #expect(client.readResponse()?.status == 400)
    }

    @Test func answersTheLimitsWithGatewayBodies() throws {
        let server = try MockServer(MockConfiguration(
            port: 0, maxRequestLineBytes: 100, maxHeaderBytes: 200, maxBodyBytes: 10))
        defer { server.stop() }
        let cases: [(String, Int, String)] = [
            ("GET /\(String(repeating: "a", count: 200)) HTTP/1.1\r\nHost: localhost\r\n\r\n", 414, "Request URI too large"),
            ("GET / HTTP/1.1\r\nHost: localhost\r\nX: \(String(repeating: "b", count: 300))\r\n\r\n", 494, "Request headers too large"),
            ("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 11\r\n\r\n", 413, "Request entity too large"),
            ("POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n", 413, "Request entity too large"),
        ]
        for (request, status, message) in cases {
            let client = try RawClient(port: server.port)
            try client.send(request)
            let response = try #require(client.readResponse())
            #expect(response.status == status)
            let body = try #require(try JSONReader.parse(response.body).dictionary(of: \.string))
            #expect(body["error_code"] == "APIGW.0201")
            #expect(body["error_msg"] == message)
            #expect(body["request_id"] == response.header("X-Request-Id"))
        }
    }

    @Test func incompleteHeadIsTimedOutWith408() throws {
        let server = try MockServer(MockConfiguration(port: 0, headerTimeout: 0.2))
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost:")
        let response = try #require(client.readResponse())
        #expect(response.status == 408)
        #expect(client.serverClosed())
    }

    @Test func stalledBodyIsTimedOutWith408() throws {
        let server = try MockServer(MockConfiguration(port: 0, bodyTimeout: 0.2))
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc")
        #expect(client.readResponse()?.status == 408)
    }

    @Test func idleKeepAliveConnectionIsClosed() throws {
        let server = try MockServer(MockConfiguration(port: 0, idleTimeout: 0.2))
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send("GET /__mock/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
        #expect(client.serverClosed())
    }

    @Test func clientsBeyondTheCapGet503WhileOthersAreServed() throws {
        let server = try MockServer(MockConfiguration(port: 0, maxClients: 2))
        defer { server.stop() }
        let first = try RawClient(port: server.port)
        let second = try RawClient(port: server.port)
        for client in [first, second] {
            try client.send("GET /__mock/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
        }
        let third = try RawClient(port: server.port)
        let refused = try #require(third.readResponse())
        #expect(refused.status == 503)
        #expect(refused.header("Connection") == "close")
        try first.send("GET /__mock/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(first.readResponse()?.status == 200)
    }

    @Test func aClosedConnectionFreesItsSlotAtOnce() throws {
        // After a final reply the server lingers to drain the socket, but a client that has
        // closed must not hold a --max-clients slot meanwhile.
        let server = try MockServer(MockConfiguration(port: 0, maxClients: 2))
        defer { server.stop() }
        for _ in 0..<10 {
            let client = try RawClient(port: server.port)
            try client.send("GET /__mock/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
            #expect(client.serverClosed())
        }
    }

    @Test func aSlowClientDoesNotDelayOthers() throws {
        let server = try MockServer(MockConfiguration(port: 0, headerTimeout: 60))
        defer { server.stop() }
        let slow = try RawClient(port: server.port)
        try slow.send("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Le")
        for _ in 0..<20 {
            #expect(try Curl.get(server.url("/__mock/health")).status == 200)
        }
        try slow.send("ngth: 0\r\n\r\n")
        #expect(slow.readResponse()?.status == 404)
    }

    @Test func aSecondServerOnTheSamePortFailsClearly() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        #expect {
            _ = try MockServer(MockConfiguration(port: server.port))
        } throws: { error in
            (error as? MockServerError)?.kind == .addressInUse
        }
    }

    @Test func stopClosesTheListenerAndIdleConnections() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        let idle = try RawClient(port: server.port)
        try idle.send("GET /__mock/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(idle.readResponse()?.status == 200)
        server.stop()
        #expect(server.waitUntilStopped(seconds: 5))
        #expect(idle.serverClosed())
        #expect(throws: (any Error).self) { try Curl.get(server.url("/__mock/health")) }
    }
}
