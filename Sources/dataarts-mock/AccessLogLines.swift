import DataArtsHTTP1
import DataArtsMock
import Logging

/// The access log of the command line: byte for byte the line that `TextLogHandler` or
/// `JSONLogHandler` writes for `LoggerAccessLog`'s event, formatted straight into the log
/// writer's buffer. perf showed the swift-log event's metadata dictionary, its interpolated
/// values and their sort as most of the access log's cost (~9% of a show, issue 9). The parts
/// that never change are spelled once, as bytes: each `append` of a short String cost about as
/// much as the copy it made (the line's ~30 appends were 2.5% of a show).
struct AccessLogLines: AccessLogSink {
    let format: DataArtsMockCommand.LogFormat
    let label: String
    /// False when `--log-level` is above `info`, the access log's level.
    let enabled: Bool
    let writer: LogWriter
    /// What follows the time on every text line, up to the first value.
    private let textHead: [UInt8]

    init(format: DataArtsMockCommand.LogFormat, label: String, enabled: Bool, writer: LogWriter) {
        self.format = format
        self.label = label
        self.enabled = enabled
        self.writer = writer
        var head: [UInt8] = []
        TextLogLine.afterTime(&head, level: "info", label: label)
        TextLogLine.key(&head, "request.error_code")
        textHead = head
    }

    /// What swift-log writes as `[SOURCE]` for `LoggerAccessLog`: the module it logs from.
    static let source = "DataArtsMock"

    /// The text line's keys after the first, in swift-log's order (sorted), and its source.
    private static let idKey = keyBytes("request.id")
    private static let methodKey = keyBytes("request.method")
    private static let millisecondsKey = keyBytes("request.ms")
    private static let pathKey = keyBytes("request.path")
    private static let statusKey = keyBytes("request.status")
    private static let sourceBytes: [UInt8] = {
        var bytes: [UInt8] = []
        TextLogLine.source(&bytes, source)
        return bytes
    }()

    private static func keyBytes(_ key: String) -> [UInt8] {
        var bytes: [UInt8] = []
        TextLogLine.key(&bytes, key)
        return bytes
    }

    /// A loop's lines wait in its own lane until its turn ends (`LogWriter.beginTurn`).
    func turnBegan() {
        if enabled { writer.beginTurn() }
    }

    func turnEnded() {
        if enabled { writer.endTurn() }
    }

    func log(_ entry: AccessLogEntry) {
        guard enabled else { return }
        switch format {
        case .text:
            let time = LogTimestamp.now()
            writer.append { out in
                out.append(contentsOf: time.utf8)
                out.append(contentsOf: textHead)
                out.append(contentsOf: (entry.errorCode ?? "-").utf8)
                out.append(contentsOf: Self.idKey)
                out.append(contentsOf: entry.requestID.utf8)
                out.append(contentsOf: Self.methodKey)
                out.append(contentsOf: entry.method.utf8)
                out.append(contentsOf: Self.millisecondsKey)
                Self.appendMilliseconds(&out, entry.milliseconds)
                out.append(contentsOf: Self.pathKey)
                Self.append(&out, entry.path)
                out.append(contentsOf: Self.statusKey)
                Self.appendStatus(&out, entry.status)
                out.append(contentsOf: Self.sourceBytes)
                out.append(contentsOf: entry.method.utf8)
                out.append(UInt8(ascii: " "))
                Self.append(&out, entry.path)
                out.append(UInt8(ascii: " "))
                Self.appendStatus(&out, entry.status)
                TextLogLine.end(&out)
            }
        case .json:
            // Not the default: built from strings, the formatting shared with JSONLogHandler.
            let time = LogTimestamp.nowUTCMilliseconds()
            writer.append { out in
                JSONLogLine.begin(&out, time: time, level: "info", label: label, message: entry.message)
                JSONLogLine.field(&out, "request.error_code", entry.errorCode ?? "-")
                JSONLogLine.field(&out, "request.id", entry.requestID)
                JSONLogLine.field(&out, "request.method", entry.method)
                JSONLogLine.field(&out, "request.ms", "\(entry.roundedMilliseconds)")
                JSONLogLine.field(&out, "request.path", entry.path)
                JSONLogLine.field(&out, "request.status", entry.statusText)
                JSONLogLine.end(&out)
            }
        }
    }

    /// `entry.roundedMilliseconds` as `Double.description` prints it (`0.07`, `0.5`, `3.0`,
    /// `12.25`), without making a String: hundredths, trailing zeros dropped, one kept.
    static func appendMilliseconds(_ out: inout [UInt8], _ milliseconds: Double) {
        let rounded = (milliseconds * 100).rounded()
        // Beyond this Double's description switches to exponents (and no request takes so long).
        guard rounded >= 0, rounded < 1e15 else {
            out.append(contentsOf: "\(rounded / 100)".utf8)
            return
        }
        let hundredths = Int(rounded)
        out.appendDecimal(hundredths / 100)
        out.append(UInt8(ascii: "."))
        let fraction = hundredths % 100
        out.append(UInt8(ascii: "0") + UInt8(fraction / 10))
        if fraction % 10 != 0 { out.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
    }

    /// A substring's bytes in one copy: `append(contentsOf: path.utf8)` went element by
    /// element through the generic sequence path (perf: 2.5% of a show).
    private static func append(_ out: inout [UInt8], _ text: Substring) {
        if text.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
            out.append(contentsOf: text.utf8)
        }
    }

    private static func appendStatus(_ out: inout [UInt8], _ status: Int?) {
        guard let status else { return out.append(contentsOf: "closed".utf8) }
        out.appendDecimal(status)
    }
}
