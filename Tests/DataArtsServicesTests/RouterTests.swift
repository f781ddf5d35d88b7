import DataArtsServices
import Testing

/// The router's matching and what a match binds, through `Router.match` alone.
@Suite struct RouterTests {
    private static let router: Router<String> = {
        var router = Router<String>()
        router.add("GET", "/v1/{project_id}/data-connections/{data_connection_id}", "show")
        router.add("POST", "/v1/{project_id}/data-connections/validation", "validate")
        router.add("GET", "/v1/{project_id}/data-connections", "list")
        return router
    }()

    private func bound(_ method: String, _ path: Substring) -> (value: String, parameters: RouteParameters)? {
        guard case .found(let route, let parameters) = Self.router.match(method: method, path: path) else { return nil }
        return (route.value, parameters)
    }

    @Test func aMatchBindsEachParameterByNameAndNothingElse() throws {
        let match = try #require(bound("GET", "/v1/p1/data-connections/c9"))
        #expect(match.value == "show")
        #expect(match.parameters["project_id"] == "p1")
        #expect(match.parameters["data_connection_id"] == "c9")
        #expect(match.parameters["id"] == nil)
        #expect(match.parameters.count == 2)
    }

    @Test func anEscapedSegmentIsDecodedAndStaysOneSegment() throws {
        let match = try #require(bound("GET", "/v1/p%31/data-connections/a%2Fb"))
        #expect(match.parameters["project_id"] == "p1")
        #expect(match.parameters["data_connection_id"] == "a/b")
        // Only the escaped segment is decoded: the literal after it still has to match.
        #expect(bound("GET", "/v1/p%31/data-connection%73")?.value == "list")
    }

    @Test func aLiteralWinsOverAParameterAndAWrongMethodIsToldApart() {
        #expect(bound("POST", "/v1/p/data-connections/validation")?.value == "validate")
        guard case .wrongMethod = Self.router.match(method: "DELETE", path: "/v1/p/data-connections") else {
            Issue.record("DELETE on a listed path is not a wrong method")
            return
        }
        guard case .unknownPath = Self.router.match(method: "GET", path: "/v1/p/data-connections/c/x") else {
            Issue.record("a path one segment too long matched")
            return
        }
    }

    @Test func parametersFromALiteralLookUpLikeBoundOnes() {
        let parameters: RouteParameters = ["project_id": "p", "cluster_id": "c"]
        #expect(parameters["cluster_id"] == "c")
        #expect(parameters["workspace_id"] == nil)
    }
}
