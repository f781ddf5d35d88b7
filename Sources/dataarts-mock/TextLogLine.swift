/// swift-log's `StreamLogHandler` line layout, `TIME LEVEL LABEL: key=value … [SOURCE] MESSAGE`,
/// appended as bytes: the one place the text format is spelled, for `TextLogHandler` and for
/// the access log's lines (`AccessLogLines`), which must read the same.
enum TextLogLine {
    /// `TIME LEVEL LABEL:`
    static func begin(_ out: inout [UInt8], time: String, level: String, label: String) {
        out.append(contentsOf: time.utf8)
        afterTime(&out, level: level, label: label)
    }

    /// ` LEVEL LABEL:`, what follows the time.
    static func afterTime(_ out: inout [UInt8], level: String, label: String) {
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: level.utf8)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: label.utf8)
        out.append(UInt8(ascii: ":"))
    }

    /// ` KEY=` then the value, written by the caller; keys come sorted, as swift-log sorts them.
    static func key(_ out: inout [UInt8], _ key: String) {
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: key.utf8)
        out.append(UInt8(ascii: "="))
    }

    /// ` [SOURCE] `, then the message, written by the caller.
    static func source(_ out: inout [UInt8], _ source: String) {
        out.append(contentsOf: " [".utf8)
        out.append(contentsOf: source.utf8)
        out.append(contentsOf: "] ".utf8)
    }

    static func end(_ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
    }
}
