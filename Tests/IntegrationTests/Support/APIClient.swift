import DataArtsJSON
import DataArtsMock

/// Calls the emulated API over sockets with the headers a token-authenticated client sends.
struct APIClient {
    let server: MockServer
    var project = "0123456789abcdef0123456789abcdef"
    var workspace = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
    var token = "test-token"

    var collection: String { server.url("/v1/\(project)/data-connections") }

    func headers(_ extra: [String: String] = [:]) -> [String: String] {
        ["X-Auth-Token": token, "workspace": workspace, "Content-Type": "application/json"]
            .merging(extra) { $1 }
    }

    func create(_ body: [UInt8], headers extra: [String: String] = [:]) throws -> CurlResponse {
        try Curl.request("POST", collection, headers: headers(extra), body: body)
    }

    func create(named name: String, type: String = "DWS") throws -> CurlResponse {
        try create(Array("{\"data_source_vos\":[{\"dw_name\":\"\(name)\",\"dw_type\":\"\(type)\",\"dw_config\":{}}]}".utf8))
    }

    func show(_ id: String) throws -> CurlResponse {
        try Curl.request("GET", "\(collection)/\(id)", headers: headers())
    }

    func list(_ query: String = "") throws -> CurlResponse {
        try Curl.request("GET", collection + (query.isEmpty ? "" : "?\(query)"), headers: headers())
    }

    func update(_ id: String, _ body: [UInt8]) throws -> CurlResponse {
        try Curl.request("PUT", "\(collection)/\(id)", headers: headers(), body: body)
    }

    func delete(_ id: String) throws -> CurlResponse {
        try Curl.request("DELETE", "\(collection)/\(id)", headers: headers())
    }

    /// The id of a successful create.
    static func id(of response: CurlResponse) throws -> String {
        guard response.status == 200, let id = try response.json()["data_connection_id"]?.string else {
            throw CurlError(message: "create failed: \(response.status) \(response.text)")
        }
        return id
    }
}
