import DataArtsServices
import Foundation
import DataArtsHTTP1
import DataArtsJSON
import DataArtsTestSupport

/// An API over a fresh store, called in process.
func makeAPI(maxPerWorkspace: Int = 200, allowedWorkspaces: Set<String>? = nil) -> DataConnectionAPI {
    DataConnectionAPI(
        store: DataConnectionStore(clock: MockClock(), ids: IdentifierGenerator(), maxPerWorkspace: maxPerWorkspace),
        allowedWorkspaces: allowedWorkspaces)
}

let project = "0123456789abcdef0123456789abcdef"
let workspace = "a1b2c3d4e5f60718293a4b5c6d7e8f90"

extension DataConnectionAPI {
    /// Routes and answers a request as the gateway would after authentication.
    func call(
        _ method: String, _ path: String, body: String? = nil, workspace: String? = workspace,
        contentType: String? = "application/json", user: String? = nil
    ) -> HTTPResponse {
        var headers: HTTPHeaders = ["Host": "127.0.0.1"]
        if let workspace { headers.add("workspace", workspace) }
        if let contentType { headers.add("Content-Type", contentType) }
        return answer(HTTPRequest(method: method, target: path, headers: headers, body: Array((body ?? "").utf8)), user: user)
    }

    /// A create whose body is raw bytes, for what a Swift string cannot hold.
    func callRaw(body: [UInt8]) -> HTTPResponse {
        let headers: HTTPHeaders = ["Host": "127.0.0.1", "workspace": workspace, "Content-Type": "application/json"]
        return answer(HTTPRequest(method: "POST", target: "/v1/\(project)/data-connections", headers: headers, body: body))
    }

    /// A request value in, the rendered answer out: routed by the service's own routes and
    /// rendered as the server renders it, without a socket.
    private func answer(_ request: HTTPRequest, user: String? = nil) -> HTTPResponse {
        var router = Router<Endpoint>()
        register(in: &router)
        guard case .found(let route, let parameters) = router.match(method: request.method, path: request.path) else {
            fatalError("no route for \(request.method) \(request.target)")
        }
        var serviceRequest = ServiceRequest(request, parameters: parameters, principal: Principal(userName: user))
        let outcome: Outcome
        do throws(APIError) {
            outcome = .answer(try route.value.perform(&serviceRequest))
        } catch {
            outcome = .failure(error)
        }
        return outcome.response(requestID: "") ?? HTTPResponse(status: .internalServerError)
    }

    func create(_ body: String, workspace: String = workspace) -> HTTPResponse {
        call("POST", "/v1/\(project)/data-connections", body: body, workspace: workspace)
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed by our own reader (key order kept).
    var json: JSONValue? { try? JSONReader.parse(body) }

    var errorCode: String? { json?["error_code"]?.string }
    var errorMessage: String? { json?["error_msg"]?.string }
}

/// `{"data_source_vos":[item]}` for one item given as JSON text.
func wrapped(_ items: String...) -> String {
    "{\"data_source_vos\":[\(items.joined(separator: ","))]}"
}

/// A valid item with one key replaced or added (`value` is JSON text) or removed (`nil`).
func item(_ key: String? = nil, _ value: String? = nil, name: String = "conn_1") -> String {
    var fields: [(String, String)] = [
        ("dw_name", "\"\(name)\""), ("dw_type", "\"DWS\""), ("dw_config", "{\"host\":\"10.0.0.1\"}"),
    ]
    if let key {
        fields.removeAll { $0.0 == key }
        if let value { fields.append((key, value)) }
    }
    return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
}

func fixture(_ name: String) throws -> String {
    try Fixtures.text(name)
}
