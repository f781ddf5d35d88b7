import DataArtsHTTP1
import DataArtsJSON

/// IAM's operations the seed's workflow and the SDKs' project discovery call (SPEC §8.2).
public enum IAMOperation: String, Sendable, CaseIterable {
    case createToken, validateToken, listProjects, listDomains

    /// The login itself takes no gateway authentication; the others do.
    public var requiresAuthentication: Bool { self != .createToken }
}

/// The mock's IAM: password logins that issue tokens the gateway then honours, token
/// validation, and the project and domain look-ups. Pure: request in, response out.
public struct IAMAPI: Service {
    public static let tokensPath = "/v3/auth/tokens"
    public static let projectsPath = "/v3/projects"
    public static let domainsPath = "/v3/auth/domains"
    /// Endpoints a token's catalog lists, all at the mock's own URL.
    static let catalogServices = ["dataarts", "cdm", "iam"]

    public let account: Account
    public let tokens: TokenRegistry
    /// Strict mode: only `--user` accounts may log in.
    public let strict: Bool

    /// Method, template and operation of every route (SPEC §8.2).
    public static let routes: [(method: String, template: String, operation: IAMOperation)] = [
        ("POST", tokensPath, .createToken),
        ("GET", tokensPath, .validateToken),
        ("GET", projectsPath, .listProjects),
        ("GET", domainsPath, .listDomains),
    ]

    public init(account: Account, tokens: TokenRegistry, strict: Bool) {
        self.account = account
        self.tokens = tokens
        self.strict = strict
    }

    public func register(in router: inout Router<Endpoint>) {
        for route in Self.routes {
            let operation = route.operation
            let access: Endpoint.Access = operation.requiresAuthentication ? .authenticated : .open
            router.add(route.method, route.template, Endpoint(access: access) { [self] (request) throws(APIError) in
                try perform(operation, &request)
            })
        }
    }

    /// Runs `operation`; a principal bound to a project sees that project for every region
    /// name (SPEC §8.2).
    public func perform(_ operation: IAMOperation, _ request: inout ServiceRequest) throws(APIError) -> ServiceAnswer {
        switch operation {
        case .createToken: try createToken(&request)
        case .validateToken: try validateToken(request)
        case .listProjects: try listProjects(request, boundProjectID: request.principal.projectID)
        case .listDomains: listDomains(request)
        }
    }

    // MARK: - Tokens

    private func createToken(_ request: inout ServiceRequest) throws(APIError) -> ServiceAnswer {
        let body: JSONValue
        switch request.jsonBody() {
        case .success(let value): body = value
        case .failure: throw .iamInvalidBody
        }
        let login = try PasswordLogin(body)
        guard login.hasWellFormedPasscode else { throw .iamWrongPassword }
        if strict {
            guard account.isNamed(login.userDomain), account.users[login.userName] == login.password else {
                throw .iamWrongPassword
            }
        }
        let scope: IssuedToken.Scope
        switch login.scope {
        case .projectName(let region):
            scope = .project(id: account.projectID(forRegion: region), region: region)
        case .projectID(let id):
            guard let region = account.region(ofProject: id) ?? (Self.isProjectIDShaped(id) ? id : nil) else {
                throw .iamInvalidBody
            }
            scope = .project(id: id, region: region)
        case .domain:
            scope = .domain
        }
        let token = tokens.issue(userName: login.userName, methods: login.methods, scope: scope)
        return tokenResponse(token, status: .created, request)
    }

    private func validateToken(_ request: ServiceRequest) throws(APIError) -> ServiceAnswer {
        guard let subject = request.headers["X-Subject-Token"], !subject.isEmpty else {
            throw .iamInvalidParameter("X-Subject-Token")
        }
        guard let token = tokens.validToken(subject) else { throw .iamTokenNotFound }
        return tokenResponse(token, status: .ok, request)
    }

    /// `X-Subject-Token` and `{"token":{…}}` in the doc example's key order (SPEC §8.2).
    private func tokenResponse(_ token: IssuedToken, status: HTTPStatus, _ request: ServiceRequest) -> ServiceAnswer {
        let base = request.baseURL
        let noCatalog = QueryString.pairs(request.query).contains { $0.key == "nocatalog" && !$0.value.isEmpty }
        let domain: JSONValue = ["name": .string(account.name), "id": .string(account.domainID)]
        var object: JSONObject = [
            "expires_at": .string(ISOTimestamp(milliseconds: token.expiresAt).iam),
            "methods": .array(token.methods.map(JSONValue.string)),
        ]
        if !noCatalog {
            let region: String? = if case .project(_, let region) = token.scope { region } else { nil }
            object["catalog"] = .array(Self.catalogServices.map { catalogEntry($0, region: region, base: base) })
        }
        object["domain"] = domain
        object["roles"] = [["name": "te_admin", "id": "0"]]
        object["issued_at"] = .string(ISOTimestamp(milliseconds: token.issuedAt).iam)
        object["user"] = [
            "name": .string(token.userName), "id": .string(account.userID(token.userName)),
            "password_expires_at": "", "domain": domain,
        ]
        if case .project(let id, let region) = token.scope {
            object["project"] = ["name": .string(region), "id": .string(id), "domain": domain]
        }
        return ServiceAnswer(
            status: status, body: .json(["token": .object(object)]), headers: ["X-Subject-Token": token.value])
    }

    private func catalogEntry(_ service: String, region: String?, base: String) -> JSONValue {
        let regionValue = region.map(JSONValue.string) ?? .null
        return [
            "type": .string(service),
            "id": .string(DerivedID.hex("service", service)),
            "name": .string(service),
            "endpoints": [[
                "url": .string(base),
                "region": regionValue,
                "region_id": regionValue,
                "interface": "public",
                "id": .string(DerivedID.hex("endpoint", "\(service)/\(region ?? "")")),
            ]],
        ]
    }

    static func isProjectIDShaped(_ id: String) -> Bool {
        id.utf8.count == 32 && id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    // MARK: - Projects and domains

    private func listProjects(_ request: ServiceRequest, boundProjectID: String?) throws(APIError) -> ServiceAnswer {
        let query = Dictionary(QueryString.pairs(request.query), uniquingKeysWith: { _, last in last })
        func flag(_ key: String) throws(APIError) -> Bool? {
            guard let text = query[key] else { return nil }
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: throw .iamInvalidParameter(key)
            }
        }
        func count(_ key: String) throws(APIError) -> Int? {
            guard let text = query[key] else { return nil }
            guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text), (1...5000).contains(value)
            else { throw .iamInvalidParameter(key) }
            return value
        }
        let enabled = try flag("enabled")
        let isDomain = try flag("is_domain")
        let page = try count("page")
        let perPage = try count("per_page")
        // IAM takes page and per_page only together [doc].
        if (page == nil) != (perPage == nil) { throw .iamInvalidParameter(page == nil ? "page" : "per_page") }

        var projects: [Account.Project]
        if let boundProjectID {
            // A caller bound to a project sees it under whatever region name it asks for.
            let region = query["name"] ?? account.region(ofProject: boundProjectID) ?? boundProjectID
            projects = [Account.Project(region: region, id: boundProjectID)]
        } else if let name = query["name"] {
            // Exactly one project per region: the SDK's discovery fails on zero or several.
            projects = [Account.Project(region: name, id: account.projectID(forRegion: name))]
        } else {
            projects = account.projects
        }
        let matchesDomain = query["domain_id"].map { $0 == account.domainID } ?? true
        let matchesParent = query["parent_id"].map { $0 == account.domainID } ?? true
        if !matchesDomain || !matchesParent || enabled == false || isDomain == true { projects = [] }
        if let page, let perPage {
            projects = Array(projects.dropFirst((page - 1) * perPage).prefix(perPage))
        }

        let base = request.baseURL
        return .json(.ok, [
            "links": ["self": .string(base + Self.projectsPath), "previous": nil, "next": nil],
            "projects": .array(projects.map { project in
                [
                    "is_domain": false,
                    "description": "",
                    "links": ["self": .string(base + Self.projectsPath + "/" + project.id)],
                    "enabled": true,
                    "id": .string(project.id),
                    "parent_id": .string(account.domainID),
                    "domain_id": .string(account.domainID),
                    "name": .string(project.region),
                ]
            }),
        ])
    }

    private func listDomains(_ request: ServiceRequest) -> ServiceAnswer {
        let base = request.baseURL
        return .json(.ok, [
            "domains": [[
                "enabled": true,
                "id": .string(account.domainID),
                "name": .string(account.name),
                "links": ["self": .string(base + "/v3/domains/" + account.domainID)],
                "description": "",
            ]],
            "links": ["self": .string(base + Self.domainsPath)],
        ])
    }
}
