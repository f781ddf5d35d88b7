import DataArtsHTTP1
public import DataArtsJSON

/// The answer a journaled request got, redacted by the same rule as the request (SPEC §6).
public struct JournalResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// The parsed JSON body, a string when it does not parse or was cut, nil when empty.
    public var body: JSONValue?
    /// The original size in bytes when the body was cut to its first 64 KiB.
    public var bodyTruncated: Int?
    /// Bytes this answer costs the journal's budget.
    let byteCost: Int

    init(_ response: HTTPResponse) {
        status = response.status.code
        headers = Redaction.headers(response.headers)
        let kept = JournalBody(response.body)
        body = kept.value
        bodyTruncated = kept.truncatedFrom
        byteCost = kept.keptBytes + headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
    }

    var json: JSONValue {
        var headerObject = JSONObject()
        for header in headers { headerObject[header.name] = .string(header.value) }
        var object: JSONObject = [
            "status": .number(JSONNumber(status)),
            "headers": .object(headerObject),
            "body": body ?? .null,
        ]
        if let bodyTruncated { object["body_truncated"] = .number(JSONNumber(bodyTruncated)) }
        return .object(object)
    }
}
