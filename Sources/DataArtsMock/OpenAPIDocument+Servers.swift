import Foundation
import DataArtsJSON

extension OpenAPIDocument {
    /// The fixture's one `servers` entry, as `scripts/embed-openapi.sh` copies it.
    static let defaultServer = #""url": "http://127.0.0.1:8080","#

    /// The document with `servers` naming `url`, the address the client used, so that a tool
    /// reading it (a generator, schemathesis, the docs page) talks to this mock and not to
    /// :8080. Only that one string changes; every other byte is the fixture's, which
    /// `scripts/contract.sh` checks. `nil` serves the fixture as it is.
    static func served(at url: String?) -> [UInt8] {
        guard let url, let range = json.range(of: defaultServer) else { return Array(json.utf8) }
        let replacement = "\"url\": " + JSONValue.string(url).jsonString + ","
        return Array(json.replacingCharacters(in: range, with: replacement).utf8)
    }
}
