import DataArtsJSON
import DataArtsServices

/// A body as the journal keeps it (SPEC §6): parsed and redacted, or cut to its first
/// `maxBytes` when larger, so that one upload cannot hold the journal's memory.
struct JournalBody: Sendable {
    /// Bodies above this are kept as their first 64 KiB (SPEC §6).
    static let maxBytes = 64 * 1024

    /// The parsed JSON body with secrets masked, the redacted text when it does not parse or
    /// was cut, nil when there is none.
    let value: JSONValue?
    /// The original size in bytes when the body was cut.
    let truncatedFrom: Int?
    /// What it costs the journal's byte budget: the bytes kept.
    let keptBytes: Int

    /// A request's body, parsed here only when the service did not parse it already.
    init(_ body: inout RequestBody) {
        guard !body.isEmpty else {
            self.init(bytes: [], json: nil)
            return
        }
        let json: JSONValue? = switch body.json() {
        case .success(let value): value
        case .failure: nil
        }
        self.init(bytes: body.bytes, json: json)
    }

    /// `bytes` as sent, and `json` their value when they are JSON (nil when they are not).
    init(bytes: [UInt8], json: JSONValue?) {
        guard !bytes.isEmpty else {
            value = nil
            truncatedFrom = nil
            keptBytes = 0
            return
        }
        let masked = json.map(SecretMask.masked)
        guard bytes.count > Self.maxBytes else {
            value = masked ?? .string(String(decoding: Redaction.redactText(bytes), as: UTF8.self))
            truncatedFrom = nil
            keptBytes = bytes.count
            return
        }
        // A large body is redacted before it is cut (JSON masked, other text by its
        // `key=value` pairs), so that no secret survives in the kept prefix; the cut text no
        // longer parses and is kept as a string.
        let source = masked?.serialized() ?? Redaction.redactText(bytes)
        var end = min(source.count, Self.maxBytes)
        // Never split a UTF-8 sequence: back off continuation bytes (RFC 3629 §3).
        while end > 0, end < source.count, source[end] & 0xC0 == 0x80 { end -= 1 }
        let kept = Array(source[..<end])
        value = .string(String(decoding: kept, as: UTF8.self))
        truncatedFrom = bytes.count
        keptBytes = kept.count
    }
}
