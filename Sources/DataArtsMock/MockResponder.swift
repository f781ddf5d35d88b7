import DataArtsHTTP1
import DataArtsServices
import DataArtsTransport
import Dispatch
import Logging

/// The application behind the transport: it runs each request through the pipeline, holds the
/// answer for an injected latency and, when the answer acknowledges a change, until the state
/// file has it; then it records the request and hands the transport its bytes.
struct MockResponder: HTTPResponder {
    let pipeline: RequestPipeline
    let recorder: RequestRecorder
    let stateFile: StateFile?
    let requestIDs: IdentifierGenerator
    let logger: Logger

    func respond(to request: HTTPRequest, later reply: @escaping @Sendable (HTTPReply) -> Void) -> HTTPReply? {
        var context = RequestContext(request, requestID: requestIDs.next(), startedAt: MockClock.monotonicMilliseconds())
        let recordedBefore = stateFile?.recordedCount ?? 0
        pipeline.run(&context)
        let finished = context
        let waitsForDisk = finished.outcome.changedState && stateFile != nil
        guard finished.latencyMilliseconds > 0 || waitsForDisk else { return deliver(finished) }

        let durableThenReply: @Sendable () -> Void = {
            if waitsForDisk, let stateFile {
                stateFile.whenDurable(after: recordedBefore) { written in
                    reply(deliver(written ? finished : finished.notDurable))
                }
            } else {
                reply(deliver(finished))
            }
        }
        if finished.latencyMilliseconds > 0 {
            // A timer, not a sleeping thread: other requests go on meanwhile.
            DispatchQueue.global().asyncAfter(
                deadline: .now() + .milliseconds(finished.latencyMilliseconds), execute: durableThenReply)
        } else {
            durableThenReply()
        }
        return nil
    }

    func response(to refusal: HTTPRefusal) -> HTTPResponse {
        let requestID = requestIDs.next()
        let error = APIError.refusal(refusal)
        logger.info("refused", metadata: [
            "request.status": "\(error.status.code)", "request.id": "\(requestID)", "refusal": "\(refusal)",
        ])
        return Outcome.failure(error).response(requestID: requestID) ?? HTTPResponse(status: error.status)
    }

    func turnBegan() {
        recorder.accessLog.turnBegan()
    }

    func turnEnded() {
        recorder.accessLog.turnEnded()
    }

    /// Records the request, then renders its outcome: the one place an answer becomes HTTP.
    private func deliver(_ context: RequestContext) -> HTTPReply {
        let response = context.outcome.response(requestID: context.requestID)
        recorder.record(context, response: response)
        return response.map(HTTPReply.response) ?? .close
    }
}
