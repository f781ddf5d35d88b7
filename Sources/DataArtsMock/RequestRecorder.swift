import DataArtsHTTP1
import DataArtsServices

/// Writes what a request came to into the journal and the access log, from the context's
/// typed facts (its outcome, code, route) — never by reading the answer's bytes back.
struct RequestRecorder: Sendable {
    let journal: RequestJournal
    let clock: MockClock
    let accessLog: any AccessLogSink

    /// Records with the answer rendered from the outcome.
    func record(_ context: RequestContext) {
        record(context, response: context.outcome.response(requestID: context.requestID))
    }

    /// `response` is the answer as rendered from the outcome; nil for a close.
    func record(_ context: RequestContext, response: HTTPResponse?) {
        let elapsed = MockClock.monotonicMilliseconds() - context.startedAt
        // Control calls are not journaled (SPEC §6).
        if !context.isControl { journal(context, response: response, elapsed: elapsed) }
        logAccess(context, elapsed: elapsed)
    }

    private func journal(_ context: RequestContext, response: HTTPResponse?, elapsed: Double) {
        let request = context.request
        var requestBody = request.body
        let body = JournalBody(&requestBody)
        journal.record(JournalEntry(
            seq: 0, timeMilliseconds: clock.nowMilliseconds, method: request.method, path: String(request.path),
            query: request.query.map(String.init) ?? "", projectID: context.projectID, workspace: request.headers["workspace"],
            sentHeaders: request.headers, body: body.value, bodyTruncated: body.truncatedFrom,
            status: context.outcome.status?.code ?? 0, errorCode: context.outcome.errorCode, requestID: context.requestID,
            durationMilliseconds: elapsed, principal: request.principal.label,
            response: response.map { JournalResponse($0, outcome: context.outcome, requestID: context.requestID) }, bodyBytes: body.keptBytes))
    }

    private func logAccess(_ context: RequestContext, elapsed: Double) {
        let request = context.request
        accessLog.log(AccessLogEntry(
            method: request.method, path: request.path, status: context.outcome.status?.code,
            errorCode: context.outcome.errorCode, milliseconds: elapsed, requestID: context.requestID))
    }
}
