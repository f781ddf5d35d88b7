import DataArtsHTTP1
import DataArtsJSON

/// One request as the journal keeps it (SPEC §6): its body redacted when recorded, its headers
/// whenever they are read.
public struct JournalEntry: Sendable, Equatable {
    public var seq: Int
    public var timeMilliseconds: Int64
    public var method: String
    public var path: String
    /// The raw query string, `""` when there is none.
    public var query: String
    public var projectID: String?
    public var workspace: String?
    /// The request's headers, with credentials, cookies and secret-named headers masked.
    public var headers: [(name: String, value: String)] {
        get { Redaction.headers(sentHeaders) }
        set { sentHeaders = HTTPHeaders(newValue.map { HTTPHeaders.Field(name: $0.name, value: $0.value) }) }
    }
    /// The headers as they arrived: kept as the request's own value (no copy) and redacted when
    /// read, not for every request on the way through, which showed in perf; they never leave
    /// the journal unredacted.
    var sentHeaders: HTTPHeaders
    /// The parsed JSON body, a string when it does not parse, `nil` when there is none. Kept
    /// internal: the JSON module is not a product, so the public face is `bodyText`.
    var body: JSONValue?

    /// The body as `GET /__mock/requests` shows it, secrets masked: JSON text, or `nil` when
    /// the request had none.
    public var bodyText: String? {
        body.map { String(decoding: $0.serialized(), as: UTF8.self) }
    }
    /// The original size in bytes when the body was cut to its first 64 KiB (SPEC §6).
    public var bodyTruncated: Int?
    public var status: Int
    public var errorCode: String?
    public var requestID: String
    public var durationMilliseconds: Double
    /// Who the gateway let through, by name only (a user name or an access key, never a
    /// secret); nil when the request did not get past authentication.
    public var principal: String?
    /// What the client got; nil when the connection was closed without an answer.
    public var response: JournalResponse?
    /// Bytes of the request body kept.
    var bodyBytes = 0

    /// What the entry costs the journal's byte budget: the bodies and headers kept, plus a
    /// fixed allowance for the rest of the entry.
    var byteCost: Int {
        Self.fixedCost + (response?.byteCost ?? 0) + path.utf8.count + query.utf8.count
            + sentHeaders.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count } + bodyBytes
    }

    static let fixedCost = 256

    /// `byteCost` as the journal charged it when recording: given back as it was when the entry
    /// leaves, without walking its headers a second time (perf: 0.8% of a show).
    var chargedCost = 0

    public static func == (lhs: JournalEntry, rhs: JournalEntry) -> Bool {
        lhs.seq == rhs.seq && lhs.requestID == rhs.requestID
    }

    /// The control API's shape, keys in SPEC §6's order.
    var json: JSONValue {
        var headerObject = JSONObject()
        for header in headers { headerObject[header.name] = .string(header.value) }
        var object: JSONObject = [
            "seq": .number(JSONNumber(seq)),
            "time_ms": .number(JSONNumber(Int(timeMilliseconds))),
            "method": .string(method),
            "path": .string(path),
            "query": .string(query),
            "project_id": projectID.map(JSONValue.string) ?? .null,
            "workspace": workspace.map(JSONValue.string) ?? .null,
            "headers": .object(headerObject),
            "body": body ?? .null,
            "status": .number(JSONNumber(status)),
            "error_code": errorCode.map(JSONValue.string) ?? .null,
            "request_id": .string(requestID),
            "duration_ms": .number(JSONNumber((durationMilliseconds * 1000).rounded() / 1000)),
        ]
        // Added keys come after SPEC §6's, so that the existing ones keep their places.
        if let bodyTruncated { object["body_truncated"] = .number(JSONNumber(bodyTruncated)) }
        object["principal"] = principal.map(JSONValue.string) ?? .null
        object["response"] = response?.json ?? .null
        return .object(object)
    }
}
