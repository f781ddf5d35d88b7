import DataArtsJSON
import DataArtsTestSupport

/// A file under the repository's `fixtures/`.
func fixture(_ name: String) throws -> [UInt8] {
    try Fixtures.bytes(name)
}

/// The keys of a JSON object in the order they appear in `bytes` (top level only).
func topLevelKeys(_ bytes: [UInt8]) throws -> [String] {
    try JSONObject(parsing: bytes).keys
}
