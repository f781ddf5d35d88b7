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
        // The access log calls this once a request: no merge when only the event has metadata.
        let merged = metadata.isEmpty ? (event.metadata ?? [:]) : metadata.merging(event.metadata ?? [:]) { $1 }
        var line = LogTimestamp.now()
        line.reserveCapacity(256)
        line += " \(event.level) \(label):"
        for key in merged.keys.sorted() {
            line += " "
            line += key
            line += "="
            if let value = merged[key] { line += value.description }
        }
        line += " [\(event.source)] \(event.message)\n"
        writer.append(line)
    }
}
