/// One JSON object a line, `{"time","level","label","message",…fields}`, appended as bytes:
/// the one place the JSON format is spelled, for `JSONLogHandler` and the access log's lines.
enum JSONLogLine {
    /// `{"time":…,"level":…,"label":…,"message":…`
    static func begin(_ out: inout [UInt8], time: String, level: String, label: String, message: some StringProtocol) {
        out.append(UInt8(ascii: "{"))
        field(&out, "time", time, first: true)
        field(&out, "level", level)
        field(&out, "label", label)
        field(&out, "message", message)
    }

    /// `,"KEY":"VALUE"`; fields come after the four of `begin`, sorted by key.
    static func field(_ out: inout [UInt8], _ key: String, _ value: some StringProtocol, first: Bool = false) {
        if !first { out.append(UInt8(ascii: ",")) }
        quoted(&out, key)
        out.append(UInt8(ascii: ":"))
        quoted(&out, value)
    }

    static func end(_ out: inout [UInt8]) {
        out.append(contentsOf: "}\n".utf8)
    }

    /// A JSON string. Only ASCII is escaped, so the UTF-8 of everything else is copied as it is.
    static func quoted(_ out: inout [UInt8], _ text: some StringProtocol) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case ..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
