import DataArtsJSON
import Foundation

extension OpenAPIDocument {
    /// The fixture's one `servers` entry, as fixtures/openapi.json spells it.
    static let defaultServer = #""url": "http://127.0.0.1:8080","#
    private static let text = String(decoding: bytes, as: UTF8.self)

    /// The document with `servers` naming `url`, the address the client used, so that a tool
    /// reading it (a generator, schemathesis, the docs page) talks to this mock and not to
    /// :8080. Only that one string changes; every other byte is the fixture's, which
    /// `scripts/contract.sh` checks. `nil` serves the fixture as it is.
    static func served(at url: String?) -> [UInt8] {
        guard let url, let range = text.range(of: defaultServer) else { return bytes }
        let replacement = "\"url\": " + JSONValue.string(url).jsonString + ","
        return Array(text.replacingCharacters(in: range, with: replacement).utf8)
    }
}
