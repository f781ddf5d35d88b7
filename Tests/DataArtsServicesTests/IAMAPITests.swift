import DataArtsServices
import DataArtsHTTP1
import DataArtsJSON
import DataArtsTestSupport
import Testing

/// SPEC §8.2: logins, validation, project and domain look-ups, in process.
@Suite struct IAMAPITests {
    @Test func aPasswordLoginAnswers201WithTheTokenHeaderAndTheDocsKeyOrder() throws {
        let iam = Prerequisites()
        let response = iam.iam("POST", "/v3/auth/tokens", body: loginBody())
        #expect(response.status == .created)
        let token = try #require(response.headers["X-Subject-Token"])
        #expect(token.count >= 64)
        let body = try #require(response.json?["token"]?.object)
        #expect(body.keys == ["expires_at", "methods", "catalog", "domain", "roles", "issued_at", "user", "project"])
        #expect(body["issued_at"]?.string == "2026-01-01T00:00:00.000000Z")
        #expect(body["expires_at"]?.string == "2026-01-02T00:00:00.000000Z")
        #expect(body["project"]?["id"]?.string == Account.derivedProjectID(forRegion: "cn-north-4"))
        #expect(body["user"]?["name"]?.string == "alice")
        let endpoints = body["catalog"]?.array?.compactMap { $0["endpoints"]?.array?.first?.object }
        #expect(endpoints?.map { $0["url"]?.string } == ["http://127.0.0.1:8080", "http://127.0.0.1:8080", "http://127.0.0.1:8080"])
        #expect(endpoints?.first?["region"]?.string == "cn-north-4")
        #expect(body["catalog"]?.array?.compactMap { $0["name"]?.string } == ["dataarts", "cdm", "iam"])
    }

    @Test func nocatalogDropsTheCatalogAndADomainScopeHasNoProject() throws {
        let iam = Prerequisites()
        let response = iam.iam(
            "POST", "/v3/auth/tokens?nocatalog=true", body: loginBody(scope: #"{"domain":{"name":"dataarts-mock"}}"#))
        let body = try #require(response.json?["token"]?.object)
        #expect(body.keys == ["expires_at", "methods", "domain", "roles", "issued_at", "user"])
        let value = try #require(response.headers["X-Subject-Token"])
        let token = try #require(iam.tokens.token(value))
        #expect(token.scope == .domain)
    }

    @Test func anEmptyNocatalogKeepsTheCatalog() throws {
        let iam = Prerequisites()
        let body = iam.iam("POST", "/v3/auth/tokens?nocatalog=", body: loginBody()).json?["token"]?.object
        #expect(body?["catalog"] != nil)
    }

    @Test func aDomainScopedCatalogHasNullRegions() throws {
        let iam = Prerequisites()
        let body = iam.iam("POST", "/v3/auth/tokens", body: loginBody(scope: #"{"domain":{"id":"x"}}"#)).json
        let endpoint = body?["token"]?["catalog"]?.array?.first?["endpoints"]?.array?.first?.object
        #expect(endpoint?["region"] == .null && endpoint?["region_id"] == .null)
    }

    @Test func strictModeTakesOnlyConfiguredUsersOfTheAccount() {
        let iam = Prerequisites(strict: true, users: ["alice": "S3cret!"])
        #expect(iam.iam("POST", "/v3/auth/tokens", body: loginBody()).status == .created)
        for body in [loginBody(password: "wrong"), loginBody(user: "bob"), loginBody(domain: "another")] {
            let response = iam.iam("POST", "/v3/auth/tokens", body: body)
            #expect(response.status == .unauthorized)
            #expect(response.text == #"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#)
        }
    }

    @Test func permissiveModeTakesAnyUserAndPassword() {
        let iam = Prerequisites(users: ["alice": "S3cret!"])
        #expect(iam.iam("POST", "/v3/auth/tokens", body: loginBody(user: "bob", password: "x", domain: "y")).status == .created)
    }

    @Test(arguments: [
        #"{"auth":{}}"#,
        "[]",
        "not json",
        loginBody(methods: #"["token"]"#),
        loginBody(methods: #"["totp"]"#),
        loginBody(methods: #"["password","totp"]"#),
        loginBody(scope: "{}"),
        loginBody(scope: #"{"project":{"name":"cn-north-4"},"domain":{"name":"d"}}"#),
        loginBody(scope: #"{"project":{}}"#),
        loginBody(scope: #"{"project":{"id":"not-a-project"}}"#),
        loginBody(user: ""),
    ])
    func aBodyOutsideTheSchemaIsIAM0011(_ body: String) {
        let response = Prerequisites().iam("POST", "/v3/auth/tokens", body: body)
        #expect(response.status == .badRequest)
        #expect(response.text == #"{"error_msg":"Request body is invalid.","error_code":"IAM.0011"}"#)
    }

    @Test func aLoginWithoutJSONContentTypeIsIAM0011() {
        let iam = Prerequisites()
        let request = HTTPRequest(
            method: "POST", target: "/v3/auth/tokens", headers: ["Host": "h", "Content-Type": "text/plain"],
            body: Array(loginBody().utf8))
        #expect(answer(iam.iam, request, Principal()).status == .badRequest)
    }

    @Test func anyTOTPOfSixDigitsPassesAndAnythingElseIs401() {
        let iam = Prerequisites()
        let methods = #"["password","totp"]"#
        #expect(iam.iam("POST", "/v3/auth/tokens", body: loginBody(methods: methods, totp: "123456")).status == .created)
        #expect(iam.iam("POST", "/v3/auth/tokens", body: loginBody(methods: methods, totp: "12345")).status == .unauthorized)
        #expect(iam.iam("POST", "/v3/auth/tokens", body: loginBody(methods: methods, totp: "12345a")).status == .unauthorized)
    }

    @Test func aProjectScopeByIDTakesAKnownOrWellFormedID() throws {
        let iam = Prerequisites(projects: [.init(region: "cn-north-4", id: "my-project")])
        let known = iam.iam("POST", "/v3/auth/tokens", body: loginBody(scope: #"{"project":{"id":"my-project"}}"#))
        #expect(known.json?["token"]?["project"]?["name"]?.string == "cn-north-4")
        let shaped = iam.iam("POST", "/v3/auth/tokens", body: loginBody(scope: #"{"project":{"id":"\#(project)"}}"#))
        #expect(shaped.status == .created)
    }

    @Test func validationEchoesTheTokenUntilItExpires() throws {
        let iam = Prerequisites()
        let token = try #require(iam.iam("POST", "/v3/auth/tokens", body: loginBody()).headers["X-Subject-Token"])
        let valid = iam.iam("GET", "/v3/auth/tokens", headers: [("X-Subject-Token", token)])
        #expect(valid.status == .ok)
        #expect(valid.headers["X-Subject-Token"] == token)
        #expect(valid.json?["token"]?["user"]?["name"]?.string == "alice")

        iam.clock.freeze(atMilliseconds: 1_767_225_600_000 + IssuedToken.lifetimeMilliseconds)
        #expect(iam.iam("GET", "/v3/auth/tokens", headers: [("X-Subject-Token", token)]).status == .ok)
        iam.clock.freeze(atMilliseconds: 1_767_225_600_000 + IssuedToken.lifetimeMilliseconds + 1)
        let expired = iam.iam("GET", "/v3/auth/tokens", headers: [("X-Subject-Token", token)])
        #expect(expired.status == .notFound)
        #expect(expired.text == #"{"error":{"code":404,"message":"The token does not exist or has expired.","title":"Not Found"}}"#)
    }

    @Test func validationWithoutASubjectTokenIsIAM0007() {
        let response = Prerequisites().iam("GET", "/v3/auth/tokens")
        #expect(response.text == #"{"error_msg":"Request parameter X-Subject-Token is invalid.","error_code":"IAM.0007"}"#)
    }

    @Test func projectsByNameAnswerExactlyOneProjectWithTheModelsKeys() throws {
        let iam = Prerequisites(projects: [.init(region: "cn-north-4", id: project)])
        let body = try #require(iam.iam("GET", "/v3/projects?name=cn-north-4").json?.object)
        #expect(body.keys == ["links", "projects"])
        let projects = try #require(body["projects"]?.array)
        #expect(projects.count == 1)
        let first = try #require(projects.first?.object)
        #expect(first.keys == ["is_domain", "description", "links", "enabled", "id", "parent_id", "domain_id", "name"])
        #expect(first["id"]?.string == project)
        #expect(first["parent_id"]?.string == iam.account.domainID)
        #expect(iam.iam("GET", "/v3/projects?name=ap-southeast-1").json?["projects"]?.array?.count == 1)
    }

    @Test func withoutANameEveryConfiguredAndUsedProjectIsListed() {
        let iam = Prerequisites(projects: [.init(region: "cn-north-4", id: project)])
        _ = iam.iam("GET", "/v3/projects?name=eu-west-101")
        let names = iam.iam("GET", "/v3/projects").json?["projects"]?.array?.compactMap { $0["name"]?.string }
        #expect(names == ["cn-north-4", "eu-west-101"])
    }

    @Test func aBoundCallerSeesItsProjectForEveryRegionName() {
        let iam = Prerequisites()
        let answer = iam.iam("GET", "/v3/projects?name=la-south-2", boundProjectID: project).json?["projects"]?.array
        #expect(answer?.first?["id"]?.string == project)
        #expect(answer?.first?["name"]?.string == "la-south-2")
    }

    @Test func projectFiltersAndPaging() {
        let iam = Prerequisites(projects: [.init(region: "a", id: "1"), .init(region: "b", id: "2"), .init(region: "c", id: "3")])
        func names(_ query: String) -> [String]? {
            iam.iam("GET", "/v3/projects?" + query).json?["projects"]?.array?.compactMap { $0["name"]?.string }
        }
        #expect(names("page=2&per_page=2") == ["c"])
        #expect(names("enabled=false") == [])
        #expect(names("domain_id=other") == [])
        #expect(names("domain_id=\(iam.account.domainID)&is_domain=false") == ["a", "b", "c"])
        for query in ["page=1", "per_page=1", "page=0&per_page=1", "page=1&per_page=5001", "enabled=maybe"] {
            #expect(iam.iam("GET", "/v3/projects?" + query).json?["error_code"]?.string == "IAM.0007", "\(query)")
        }
    }

    @Test func domainsListTheAccount() throws {
        let iam = Prerequisites()
        let body = try #require(iam.iam("GET", "/v3/auth/domains").json?.object)
        #expect(body.keys == ["domains", "links"])
        let domain = try #require(body["domains"]?.array?.first?.object)
        #expect(domain.keys == ["enabled", "id", "name", "links", "description"])
        #expect(domain["name"]?.string == "dataarts-mock" && domain["id"]?.string == iam.account.domainID)
    }

    @Test func onlyTheLoginNeedsNoAuthentication() {
        #expect(IAMOperation.allCases.filter { !$0.requiresAuthentication } == [.createToken])
        var router = Router<Endpoint>()
        Prerequisites().iam.register(in: &router)
        let open = router.routes.filter { $0.value.access == .open }.map { "\($0.method) \($0.template)" }
        #expect(open == ["POST /v3/auth/tokens"])
    }
}
