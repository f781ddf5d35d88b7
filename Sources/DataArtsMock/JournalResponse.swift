import DataArtsHTTP1
import DataArtsJSON
import DataArtsServices

/// The answer a journaled request got, redacted by the same rule as the request (SPEC §6).
public struct JournalResponse: Sendable {
    public var status: Int
    /// The answer's headers, redacted when read (see `JournalEntry.headers`).
    public var headers: [(name: String, value: String)] {
        get { Redaction.headers(sentHeaders) }
        set { sentHeaders = HTTPHeaders(newValue.map { HTTPHeaders.Field(name: $0.name, value: $0.value) }) }
    }
    var sentHeaders: HTTPHeaders
    /// The JSON body with secrets masked, a string when it is not JSON or was cut, nil when
    /// empty. Internal like `JournalEntry.body`: the public face is `bodyText`.
    var body: JSONValue? {
        guard let pendingJSON else { return keptBody }
        // Written as bytes by the service (no value to take): parsed when someone reads the
        // journal, not on the request path.
        do throws(JSONError) {
            return SecretMask.masked(try JSONReader.parse(pendingJSON))
        } catch {
            return .string(String(decoding: Redaction.redactText(pendingJSON), as: UTF8.self))
        }
    }
    private var keptBody: JSONValue?
    /// A JSON answer of at most 64 KiB that the service wrote as bytes, kept unparsed.
    private var pendingJSON: [UInt8]?
    /// The original size in bytes when the body was cut to its first 64 KiB.
    public var bodyTruncated: Int?
    /// Bytes this answer costs the journal's budget.
    let byteCost: Int

    /// The body as `GET /__mock/requests` shows it: JSON text, or nil when empty.
    public var bodyText: String? {
        body.map { String(decoding: $0.serialized(), as: UTF8.self) }
    }

    /// `response` as rendered from `outcome`; the JSON value is taken from the outcome, not
    /// parsed back from the bytes.
    init(_ response: HTTPResponse, outcome: Outcome, requestID: String) {
        status = response.status.code
        sentHeaders = response.headers
        var json: JSONValue?
        switch outcome {
        case .answer(let answer):
            switch answer.body {
            case .json(let value): json = value
            case .bytes(let bytes, let contentType):
                if contentType.hasPrefix("application/json"), bytes.count <= JournalBody.maxBytes { pendingJSON = bytes }
            case .empty: break
            }
        case .failure(let error): json = error.body(requestID: requestID)
        case .close: break
        }
        if let pendingJSON {
            keptBody = nil
            bodyTruncated = nil
            // The buffer's capacity, not its count: it is the service's own answer buffer, and
            // a grown array holds up to twice what it says (RSS outgrew the budget on lists).
            byteCost = pendingJSON.capacity + sentHeaders.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
            return
        }
        let kept = JournalBody(bytes: response.body, json: json)
        keptBody = kept.value
        bodyTruncated = kept.truncatedFrom
        byteCost = kept.keptBytes + sentHeaders.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
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
