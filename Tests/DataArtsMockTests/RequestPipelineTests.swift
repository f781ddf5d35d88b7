@testable import DataArtsMock
import DataArtsHTTP1
import DataArtsJSON
import DataArtsLocking
import DataArtsServices
import Testing

/// The pipeline's stages, each observed through the outcome and the facts it leaves in the
/// context: no socket, no bytes read back.
@Suite struct RequestPipelineTests {
    static let project = "0123456789abcdef0123456789abcdef"
    static let collection = "/v1/\(project)/data-connections"

    /// A pipeline wired as `MockServer` wires it, over a fresh store.
    struct Harness {
        let controls: MockControls
        let pipeline: RequestPipeline

        init(_ configuration: MockConfiguration = MockConfiguration(port: 0)) {
            let clock = MockClock()
            let ids = IdentifierGenerator(seed: 1)
            let store = DataConnectionStore(clock: clock, ids: ids)
            controls = MockControls(
                store: store, journal: RequestJournal(capacity: 100), faults: FaultRules(), clock: clock, ids: ids,
                directory: WorkspaceDirectory(), tokens: TokenRegistry(clock: clock, seed: 1),
                account: Account(users: Dictionary(
                    configuration.auth.users.map { ($0.name, $0.password) }, uniquingKeysWith: { _, last in last })))
            let strict = configuration.auth.mode == .strict
            pipeline = RequestPipeline(
                configuration: configuration, controls: controls,
                services: [
                    DataConnectionAPI(store: store),
                    IAMAPI(account: controls.account, tokens: controls.tokens, strict: strict),
                ],
                startedAt: 0)
        }

        func run(_ method: String, _ target: String, headers: HTTPHeaders = [:], body: String = "") -> RequestContext {
            var context = RequestContext(
                HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8)),
                requestID: "0123456789abcdef0123456789abcdef", startedAt: 0)
            pipeline.run(&context)
            return context
        }
    }

    static let authenticated: HTTPHeaders = [
        "Host": "127.0.0.1", "X-Auth-Token": "t", "workspace": "w1", "Content-Type": "application/json",
    ]
    static let createBody = #"{"data_source_vos":[{"dw_name":"c1","dw_type":"DWS","dw_config":{"password":"p"}}]}"#

    @Test func aCreateIsAnAnswerThatChangedStateAndItsBodyWasParsedOnce() throws {
        let harness = Harness()
        let context = harness.run("POST", Self.collection, headers: Self.authenticated, body: Self.createBody)
        guard case .answer(let answer) = context.outcome else { Issue.record("not an answer: \(context.outcome)"); return }
        #expect(answer.status == .ok)
        #expect(answer.changedState)
        #expect(context.outcome.errorCode == nil)
        // The service parsed the body; the journal will reuse that value instead of parsing again.
        #expect(context.request.body.parsedJSON != nil)
        #expect(context.route?.template.description == DataConnectionAPI.collectionPath)
        #expect(harness.controls.store.count == 1)
    }

    @Test func readsDoNotCountAsStateChanges() throws {
        let harness = Harness()
        let context = harness.run("GET", Self.collection, headers: Self.authenticated)
        #expect(context.outcome.status == .ok)
        #expect(!context.outcome.changedState)
        // GET with no body: nobody parsed anything.
        #expect(context.request.body.parsedJSON == nil)
    }

    @Test func anUnknownPathStopsAtRoutingWithTheGatewaysShape() throws {
        let harness = Harness()
        let context = harness.run("GET", "/v2/nothing", headers: Self.authenticated)
        #expect(context.outcome == .failure(.noSuchAPI))
        #expect(context.endpoint == nil)
        let response = try #require(context.outcome.response(requestID: context.requestID))
        #expect(response.status == .notFound)
        let body = try JSONReader.parse(response.body)
        #expect(body.object?.keys == ["error_msg", "error_code", "request_id"])
        #expect(body.object?["request_id"]?.string == context.requestID)
        #expect(response.headers["X-Request-Id"] == context.requestID)
    }

    @Test func aWrongMethodIsWordedApart() {
        let context = Harness().run("PATCH", Self.collection, headers: Self.authenticated)
        #expect(context.outcome == .failure(.noSuchMethod))
    }

    @Test func authenticationRunsBeforeTheServiceSoNothingIsStored() {
        let harness = Harness()
        var headers = Self.authenticated
        headers.remove("X-Auth-Token")
        let context = harness.run("POST", Self.collection, headers: headers, body: Self.createBody)
        #expect(context.outcome.errorCode == "APIGW.0301")
        #expect(context.outcome.status == .unauthorized)
        #expect(harness.controls.store.count == 0)
    }

    @Test func aMatchingFaultRuleAnswersInsteadOfTheServiceAndChangesNothing() {
        let harness = Harness()
        harness.controls.faults.add(FaultRule(method: "POST", path: "/v1/{p}/data-connections", status: 500))
        let context = harness.run("POST", Self.collection, headers: Self.authenticated, body: Self.createBody)
        #expect(context.outcome.errorCode == "DAYU.3531")
        #expect(!context.outcome.changedState)
        #expect(harness.controls.store.count == 0)
        // Used up: the next create reaches the service.
        #expect(harness.run("POST", Self.collection, headers: Self.authenticated, body: Self.createBody).outcome.changedState)
    }

    @Test func anInjectedCodeHasTheShapeOfItsRealAnswers() throws {
        let harness = Harness()
        var headers = Self.authenticated
        headers.add("X-Mock-Fault", "400 DAYU.1005")
        let context = harness.run("GET", Self.collection + "/abc", headers: headers)
        let response = try #require(context.outcome.response(requestID: context.requestID))
        let body = try JSONReader.parse(response.body)
        #expect(body.object?.keys == ["error_code", "error_msg", "errors"])
        #expect(body.object?["error_msg"]?.string == VendorCode.notFound.template)
    }

    @Test func latencyAloneKeepsTheRealAnswer() {
        var headers = Self.authenticated
        headers.add("X-Mock-Fault", "latency 250")
        let context = Harness().run("GET", Self.collection, headers: headers)
        #expect(context.latencyMilliseconds == 250)
        #expect(context.outcome.status == .ok)
    }

    @Test func aCloseFaultIsAnOutcomeWithoutAResponse() {
        var headers = Self.authenticated
        headers.add("X-Mock-Fault", "close")
        let context = Harness().run("GET", Self.collection, headers: headers)
        #expect(context.outcome == .close)
        #expect(context.outcome.response(requestID: "x") == nil)
        #expect(context.outcome.status == nil)
    }

    @Test func throttlingComesAfterAuthenticationAndBeforeFaults() {
        let harness = Harness(MockConfiguration(port: 0, rateLimit: 1))
        #expect(harness.run("GET", Self.collection, headers: Self.authenticated).outcome.status == .ok)
        var headers = Self.authenticated
        headers.add("X-Mock-Fault", "500 DAYU.3531")
        // The limit wins over the fault: SPEC §5's order.
        #expect(harness.run("GET", Self.collection, headers: headers).outcome.errorCode == "APIGW.0308")
    }

    @Test func controlCallsAreMarkedSoTheyAreNotJournaled() {
        let harness = Harness()
        let context = harness.run("GET", "/__mock/health")
        #expect(context.isControl)
        #expect(context.outcome.status == .ok)
        #expect(harness.run("POST", "/__mock/reset").outcome.changedState)
    }

    @Test func withoutAdminTheControlPathIsAnUnknownAPI() {
        let context = Harness(MockConfiguration(port: 0, adminEnabled: false)).run("GET", "/__mock/health")
        #expect(!context.isControl)
        #expect(context.outcome == .failure(.noSuchAPI))
    }

    @Test func theRecorderReadsTheCodeFromTheOutcome() throws {
        let harness = Harness()
        let accessLog = CollectedAccessLog()
        let recorder = RequestRecorder(journal: harness.controls.journal, clock: harness.controls.clock, accessLog: accessLog)
        recorder.record(harness.run("GET", Self.collection + "/missing", headers: Self.authenticated))
        recorder.record(harness.run("GET", "/__mock/health"))
        let entries = harness.controls.journal.entries().entries
        #expect(entries.count == 1)
        #expect(entries.first?.errorCode == "DAYU.1005")
        #expect(entries.first?.status == 400)
        // The access log has a line for the control call too, which the journal leaves out.
        let lines = accessLog.entries.withLock { $0 }
        #expect(lines.map(\.message) == ["GET \(Self.collection)/missing 400", "GET /__mock/health 200"])
        #expect(lines.map(\.errorCode) == ["DAYU.1005", nil])
        #expect(lines.first?.requestID == entries.first?.requestID)
    }

    /// What the recorder hands the access log, kept for a test to read.
    final class CollectedAccessLog: AccessLogSink {
        let entries = Locked<[AccessLogEntry]>([])
        func log(_ entry: AccessLogEntry) { entries.withLock { $0.append(entry) } }
    }

    // MARK: - SPEC §8: the login is open, and its tokens are the gateway's

    static let login = #"{"auth":{"identity":{"methods":["password"],"password":{"user":{"domain":{"name":"dataarts-mock"},"#
        + #""name":"alice","password":"p"}}},"scope":{"project":{"name":"cn-north-4"}}}}"#

    @Test func theLoginPassesStrictModeWithoutAuthenticationAndItsTokenThen() throws {
        let harness = Harness(MockConfiguration(
            port: 0, auth: AuthConfiguration(mode: .strict, users: [AuthConfiguration.User(name: "alice", password: "p")])))
        let login = harness.run(
            "POST", "/v3/auth/tokens", headers: ["Host": "127.0.0.1", "Content-Type": "application/json"], body: Self.login)
        guard case .answer(let answer) = login.outcome else { Issue.record("not an answer: \(login.outcome)"); return }
        #expect(answer.status == .created)
        let token = try #require(answer.headers["X-Subject-Token"])
        let project = Account.derivedProjectID(forRegion: "cn-north-4")
        let list = harness.run("GET", "/v1/\(project)/data-connections", headers: [
            "Host": "127.0.0.1", "X-Auth-Token": token, "workspace": "w1",
        ])
        #expect(list.outcome.status == .ok)
        #expect(list.request.principal.userName == "alice")
        let other = harness.run("GET", Self.collection, headers: ["Host": "127.0.0.1", "X-Auth-Token": token, "workspace": "w1"])
        #expect(other.outcome.errorCode == "APIGW.0302")
    }

    @Test func anExpiredIssuedTokenIsRefusedEvenInPermissiveMode() throws {
        let harness = Harness()
        harness.controls.clock.freeze(atMilliseconds: 0)
        let login = harness.run(
            "POST", "/v3/auth/tokens", headers: ["Host": "127.0.0.1", "Content-Type": "application/json"], body: Self.login)
        guard case .answer(let answer) = login.outcome else { Issue.record("not an answer: \(login.outcome)"); return }
        let token = try #require(answer.headers["X-Subject-Token"])
        harness.controls.clock.freeze(atMilliseconds: IssuedToken.lifetimeMilliseconds + 1)
        let project = Account.derivedProjectID(forRegion: "cn-north-4")
        let list = harness.run("GET", "/v1/\(project)/data-connections", headers: [
            "Host": "127.0.0.1", "X-Auth-Token": token, "workspace": "w1",
        ])
        guard case .failure(let error) = list.outcome else { Issue.record("not refused: \(list.outcome)"); return }
        #expect(error.message == "Incorrect IAM authentication information: token expires, expires_at: 1970-01-02T00:00:00.000000Z")
    }
}

@Suite struct FaultRuleBoundTests {
    @Test func beyondTheCapacityAFaultRuleIsRefusedWithAClearMessage() throws {
        let harness = RequestPipelineTests.Harness()
        let body = #"{"method":"DELETE","status":503,"times":0}"#
        for index in 0..<FaultRules.capacity {
            #expect(harness.run("POST", "/__mock/faults", headers: ["Content-Type": "application/json"], body: body).outcome.status == .created,
                    "rule \(index)")
        }
        let refused = harness.run("POST", "/__mock/faults", headers: ["Content-Type": "application/json"], body: body)
        #expect(refused.outcome.errorCode == "DAYU.4402")
        guard case .failure(let error) = refused.outcome else { Issue.record("not refused"); return }
        #expect(error.message.contains("at most 1000 fault rules"))
        #expect(harness.controls.faults.rules.count == FaultRules.capacity)
        // Removing one makes room again.
        #expect(harness.run("DELETE", "/__mock/faults/1").outcome.status == .noContent)
        #expect(harness.run("POST", "/__mock/faults", headers: ["Content-Type": "application/json"], body: body).outcome.status == .created)
    }
}
