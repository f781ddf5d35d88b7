import Logging

/// swift-log's `StreamLogHandler` line format (`TIME LEVEL LABEL: key=value … [SOURCE] MESSAGE`),
/// written through `LogWriter` so that logging never blocks or crashes a request.
struct TextLogHandler: LogHandler {
    let label: String
    let writer: LogWriter
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = event.metadata.map { metadata.merging($0) { $1 } } ?? metadata
        var line = LogTimestamp.now()
        line += " \(event.level) \(label):"
        for key in merged.keys.sorted() {
            line += " \(key)=\(merged[key].map { "\($0)" } ?? "")"
        }
        line += " [\(event.source)] \(event.message)\n"
        writer.append(line)
    }
}
