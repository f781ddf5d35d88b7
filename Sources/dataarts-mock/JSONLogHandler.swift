import Logging

/// One JSON object per line, through `LogWriter`: `{"time","level","label","message",…metadata}`.
struct JSONLogHandler: LogHandler {
    let label: String
    let writer: LogWriter
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { ($0.key, $0.value.description) }
        let time = LogTimestamp.nowUTCMilliseconds()
        writer.append { out in
            JSONLogLine.begin(&out, time: time, level: event.level.rawValue, label: label, message: event.message.description)
            for (key, value) in fields { JSONLogLine.field(&out, key, value) }
            JSONLogLine.end(&out)
        }
    }
}
