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
        let merged = metadata.isEmpty ? (event.metadata ?? [:]) : metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { ($0.key, $0.value.description) }
        let time = LogTimestamp.now()
        writer.append { out in
            TextLogLine.begin(&out, time: time, level: event.level.rawValue, label: label)
            for (key, value) in fields {
                TextLogLine.key(&out, key)
                out.append(contentsOf: value.utf8)
            }
            TextLogLine.source(&out, event.source)
            out.append(contentsOf: event.message.description.utf8)
            TextLogLine.end(&out)
        }
    }
}
