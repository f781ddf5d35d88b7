public import Logging

/// One request's line in the access log: what the recorder knows once the answer is decided.
public struct AccessLogEntry: Sendable {
    public let method: String
    /// The path without the query (the query may carry what the journal redacts).
    public let path: Substring
    /// The answered status; nil when the connection was closed without an answer.
    public let status: Int?
    /// The vendor's error code of a failed request (`DAYU.4402`…).
    public let errorCode: String?
    /// From the request reaching the pipeline to its answer being decided.
    public let milliseconds: Double
    public let requestID: String

    /// `status`, or `closed` for a connection closed without an answer.
    public var statusText: String { status.map { String($0) } ?? "closed" }

    /// The line's message: `GET /v1/p/data-connections 200`.
    public var message: String { "\(method) \(path) \(statusText)" }

    /// `milliseconds` rounded to hundredths as `Double` prints them (`0.5`, `12.25`, `3.0`).
    public var roundedMilliseconds: Double { (milliseconds * 100).rounded() / 100 }
}

/// Where the access log's lines go. The default writes each one through swift-log at `info`
/// (`LoggerAccessLog`); the command line passes one that formats the same line without
/// swift-log's metadata dictionary, which perf showed as most of the access log's cost.
public protocol AccessLogSink: Sendable {
    func log(_ entry: AccessLogEntry)

    /// An event loop's turn begins on this thread; its lines may wait for `turnEnded()`, which
    /// the loop calls before it sends any of the turn's answers (`HTTPResponder.turnBegan`).
    func turnBegan()
    func turnEnded()
}

extension AccessLogSink {
    public func turnBegan() {}
    public func turnEnded() {}
}

/// The access log as swift-log events: the message, and the entry as `request.*` metadata.
public struct LoggerAccessLog: AccessLogSink {
    public let logger: Logger

    public init(_ logger: Logger) {
        self.logger = logger
    }

    public func log(_ entry: AccessLogEntry) {
        logger.info("\(entry.message)", metadata: [
            "request.method": "\(entry.method)",
            "request.path": "\(entry.path)",
            "request.status": "\(entry.statusText)",
            "request.error_code": "\(entry.errorCode ?? "-")",
            "request.ms": "\(entry.roundedMilliseconds)",
            "request.id": "\(entry.requestID)",
        ])
    }
}
