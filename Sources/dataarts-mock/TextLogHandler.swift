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
        // rawValue, not interpolation: the same text, without `String(describing:)`'s lookups.
        line += " "
        line += event.level.rawValue
        line += " "
        line += label
        line += ":"
        // Sorted pairs in one pass, not sorted keys and a look-up each (perf: a show's access line).
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line += " "
            line += key
            line += "="
            line += value.description
        }
        line += " ["
        line += event.source
        line += "] "
        line += event.message.description
        line += "\n"
        writer.append(line)
    }
}
