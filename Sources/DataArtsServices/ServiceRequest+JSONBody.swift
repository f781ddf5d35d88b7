import DataArtsHTTP1
import DataArtsJSON

/// What the IAM, workspace and CDM services read of a request beside its route parameters.
extension ServiceRequest {
    /// Why a body could not be read as JSON, for the caller to word in its vendor's error.
    struct BodyProblem: Error {
        let message: String
    }

    /// The body as JSON after checking `Content-Type` (any `application/json`, parameters
    /// allowed, SPEC §2.1); parsed at most once, as every reader of `body` shares it.
    mutating func jsonBody() -> Result<JSONValue, BodyProblem> {
        let contentType = headers["Content-Type"] ?? ""
        guard MediaType.isJSON(contentType) else {
            return .failure(BodyProblem(message: contentType.isEmpty
                ? "Content-Type header is required and must be application/json"
                : "Content-Type header must be application/json, not \(contentType)"))
        }
        guard !body.isEmpty else { return .failure(BodyProblem(message: "request body is required")) }
        switch body.json() {
        case .success(let value): return .success(value)
        case .failure(let error): return .failure(BodyProblem(message: "request body is not valid JSON: \(error.description)"))
        }
    }

    /// `http://` + the request's `Host`: the URL the client reached the mock at, for IAM's
    /// catalog and links (one port serves every service, SPEC §8).
    var baseURL: String {
        "http://" + (headers["Host"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1")
    }
}
