public import DataArtsJSON

extension JSONObject {
    /// Reads `bytes`, which must hold one JSON object.
    ///
    /// - Throws: `JSONError` for bytes that are not JSON, `UnexpectedJSON` for another value.
    public init(parsing bytes: some Collection<UInt8>) throws {
        let value = try JSONReader.parse(bytes)
        guard let object = value.object else { throw UnexpectedJSON(description: "not an object: \(value)") }
        self = object
    }
}
