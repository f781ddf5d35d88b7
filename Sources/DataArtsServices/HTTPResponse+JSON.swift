public import DataArtsHTTP1
public import DataArtsJSON

extension HTTPResponse {
    /// The vendor's content type for every JSON answer (SPEC §2).
    public static let jsonContentType = "application/json;charset=UTF-8"

    /// A reply whose body is `body`, written in its own key order.
    public static func json(_ status: HTTPStatus, _ body: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": jsonContentType], body: body.serialized())
    }
}
