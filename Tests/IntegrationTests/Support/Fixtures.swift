import DataArtsTestSupport
import Foundation
import Testing

/// A file under the repository's `fixtures/`.
func fixture(_ name: String) throws -> [UInt8] {
    try Fixtures.bytes(name)
}

/// The keys of a JSON object in the order they appear in `bytes` (top level only).
func topLevelKeys(_ bytes: [UInt8]) throws -> [String] {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    let text = String(decoding: bytes, as: UTF8.self)
    return object.keys.sorted { lhs, rhs in
        (text.range(of: "\"\(lhs)\"")?.lowerBound ?? text.endIndex) < (text.range(of: "\"\(rhs)\"")?.lowerBound ?? text.endIndex)
    }
}

