import DataArtsHTTP1
import DataArtsJSON

/// Reads a request's JSON body after checking its `Content-Type` (any `application/json`,
/// parameters allowed, SPEC §2.1); the failure says what was wrong, for the caller to put in
/// its own vendor's error.
enum RequestBody {
    struct Problem: Error {
        let message: String
    }

    static func json(_ request: HTTPRequest) -> Result<JSONValue, Problem> {
        let contentType = request.headers["Content-Type"] ?? ""
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map { String($0).trimmingOWS } ?? ""
        guard mediaType.equalsIgnoringASCIICase("application/json") else {
            return .failure(Problem(message: contentType.isEmpty
                ? "Content-Type header is required and must be application/json"
                : "Content-Type header must be application/json, not \(contentType)"))
        }
        guard !request.body.isEmpty else { return .failure(Problem(message: "request body is required")) }
        do throws(JSONError) {
            return .success(try JSONReader.parse(request.body))
        } catch {
            return .failure(Problem(message: "request body is not valid JSON: \(error.description)"))
        }
    }

    /// `http://` + the request's `Host`: the URL the client reached the mock at, for IAM's
    /// catalog and links (the mock serves every service on one port, SPEC §8).
    static func baseURL(of request: HTTPRequest) -> String {
        "http://" + (request.headers["Host"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1")
    }
}
