import DataArtsJSON

/// A body as the journal keeps it (SPEC §6): parsed and redacted, or cut to its first
/// `maxBytes` when larger, so that one upload cannot hold the journal's memory.
struct JournalBody: Sendable {
    /// Bodies above this are kept as their first 64 KiB (SPEC §6).
    static let maxBytes = 64 * 1024

    /// The parsed JSON body, a string when it does not parse or was cut, nil when there is none.
    let value: JSONValue?
    /// The original size in bytes when the body was cut.
    let truncatedFrom: Int?
    /// What it costs the journal's byte budget: the bytes kept.
    let keptBytes: Int

    init(_ bytes: [UInt8]) {
        guard bytes.count > Self.maxBytes else {
            value = Redaction.body(bytes)
            truncatedFrom = nil
            keptBytes = bytes.count
            return
        }
        // A large JSON body is masked before it is cut, so that no secret survives in the
        // kept prefix; the cut text no longer parses and is kept as a string.
        let source: [UInt8]
        if let parsed = Redaction.body(bytes), parsed.string == nil {
            source = parsed.serialized()
        } else {
            source = bytes
        }
        var end = min(source.count, Self.maxBytes)
        // Never split a UTF-8 sequence: back off continuation bytes (RFC 3629 §3).
        while end > 0, end < source.count, source[end] & 0xC0 == 0x80 { end -= 1 }
        let kept = Array(source[..<end])
        value = .string(String(decoding: kept, as: UTF8.self))
        truncatedFrom = bytes.count
        keptBytes = kept.count
    }
}
