import DataArtsServices
import DataArtsHTTP1
import DataArtsJSON

/// A request as the gateway hands it to a service: Host set, JSON content type when a body
/// is given.
func serviceRequest(
    _ method: String, _ target: String, body: String? = nil, headers extra: [(String, String)] = []
) -> HTTPRequest {
    var headers: HTTPHeaders = ["Host": "127.0.0.1:8080"]
    if body != nil { headers.add("Content-Type", "application/json;charset=utf8") }
    for (name, value) in extra { headers.add(name, value) }
    return HTTPRequest(method: method, target: target, headers: headers, body: Array((body ?? "").utf8))
}

/// The IAM, workspace and CDM services over one fresh state, called in process.
struct Prerequisites {
    let clock = MockClock()
    let account: Account
    let tokens: TokenRegistry
    let store: DataConnectionStore
    let directory = WorkspaceDirectory()
    let iam: IAMAPI
    let workspaces: WorkspaceAPI
    let connections: DataConnectionAPI
    let cdm: CDMAPI

    init(
        strict: Bool = false, projects: [Account.Project] = [], users: [String: String] = [:],
        configuredWorkspaces: [String] = [], clusters: [CDMClusters.Spec] = [], seed: UInt64? = 1
    ) {
        clock.freeze(atMilliseconds: 1_767_225_600_000)  // 2026-01-01T00:00:00Z
        account = Account(projects: projects, users: users)
        tokens = TokenRegistry(clock: clock, seed: seed)
        let ids = IdentifierGenerator(seed: 2)
        store = DataConnectionStore(clock: clock, ids: ids)
        iam = IAMAPI(account: account, tokens: tokens, strict: strict)
        workspaces = WorkspaceAPI(
            account: account, directory: directory, store: store, configuredWorkspaces: configuredWorkspaces,
            strict: strict, clock: clock, ids: ids)
        let allowed: Set<String>? = strict && !configuredWorkspaces.isEmpty ? Set(configuredWorkspaces) : nil
        connections = DataConnectionAPI(
            store: store, allowedWorkspaces: allowed, directory: directory, clusters: CDMClusters(clusters))
        cdm = CDMAPI(clusters: CDMClusters(clusters), clock: clock)
    }

    func iam(
        _ method: String, _ target: String, body: String? = nil, headers: [(String, String)] = [],
        boundProjectID: String? = nil
    ) -> HTTPResponse {
        answer(iam, serviceRequest(method, target, body: body, headers: headers), Principal(projectID: boundProjectID))
    }

    func workspace(_ method: String, _ target: String, body: String? = nil, user: String? = nil) -> HTTPResponse {
        answer(workspaces, serviceRequest(method, target, body: body), Principal(userName: user))
    }

    func cdm(_ target: String) -> HTTPResponse {
        answer(cdm, serviceRequest("GET", target), Principal())
    }

    /// A data-connection call in `workspace`, as the gateway passes it on.
    func connection(_ method: String, _ target: String, body: String? = nil, workspace: String) -> HTTPResponse {
        connections.call(method, target, body: body, workspace: workspace)
    }

    var instance: DataArtsInstance { DataArtsInstance(projectID: project) }
}

/// A password login body; `scope` is the JSON of `auth.scope`.
func loginBody(
    user: String = "alice", password: String = "S3cret!", domain: String = "dataarts-mock",
    scope: String = #"{"project":{"name":"cn-north-4"}}"#, methods: String = #"["password"]"#, totp: String? = nil
) -> String {
    let totpPart = totp.map { #","totp":{"user":{"id":"u1","passcode":"\#($0)"}}"# } ?? ""
    return #"{"auth":{"identity":{"methods":\#(methods),"password":{"user":{"domain":{"name":"\#(domain)"},"#
        + #""name":"\#(user)","password":"\#(password)"}}\#(totpPart)},"scope":\#(scope)}}"#
}

/// A request value in, the rendered answer out, through `service`'s own routes and the
/// server's rendering, without a socket; 404 with no body when no route matches.
func answer(_ service: some Service, _ request: HTTPRequest, _ principal: Principal) -> HTTPResponse {
    var router = Router<Endpoint>()
    service.register(in: &router)
    guard case .found(let route, let parameters) = router.match(method: request.method, path: request.path) else {
        return HTTPResponse(status: .notFound)
    }
    var serviceRequest = ServiceRequest(request, parameters: parameters, principal: principal)
    let outcome: Outcome
    do throws(APIError) {
        outcome = .answer(try route.value.perform(&serviceRequest))
    } catch {
        outcome = .failure(error)
    }
    return outcome.response(requestID: "") ?? HTTPResponse(status: .internalServerError)
}
