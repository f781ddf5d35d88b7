public import DataArtsJSON

/// A request body parsed at most once: the first reader parses it, and every later one
/// (the service, the journal) gets the same value, or the same error with its reason.
public struct RequestBody: Sendable {
    public let bytes: [UInt8]
    private var parsed: Result<JSONValue, JSONError>?

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// The body as JSON, parsed on the first call.
    public mutating func json() -> Result<JSONValue, JSONError> {
        if let parsed { return parsed }
        let result: Result<JSONValue, JSONError>
        do throws(JSONError) {
            result = .success(try JSONReader.parse(bytes))
        } catch {
            result = .failure(error)
        }
        parsed = result
        return result
    }

    /// What an earlier `json()` found, without parsing; nil when nobody has asked yet.
    public var parsedJSON: Result<JSONValue, JSONError>? { parsed }
}
