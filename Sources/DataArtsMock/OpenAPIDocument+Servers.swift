import DataArtsJSON

extension OpenAPIDocument {
    /// The fixture's one `servers` entry, as fixtures/openapi.json spells it.
    static let defaultServer = #""url": "http://127.0.0.1:8080","#
    /// Where that entry sits in the fixture's bytes, searched once, on the first request for
    /// the document.
    private static let defaultServerRange = bytes.firstRange(of: defaultServer.utf8)

    /// The document with `servers` naming `url`, the address the client used, so that a tool
    /// reading it (a generator, schemathesis, the docs page) talks to this mock and not to
    /// :8080. Only that one string changes; every other byte is the fixture's, which
    /// `scripts/contract.sh` checks. `nil` serves the fixture as it is.
    static func served(at url: String?) -> [UInt8] {
        guard let url, let range = defaultServerRange else { return bytes }
        var document = bytes
        document.replaceSubrange(range, with: ("\"url\": " + JSONValue.string(url).jsonString + ",").utf8)
        return document
    }
}
