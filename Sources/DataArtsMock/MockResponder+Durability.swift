import DataArtsHTTP1
import DataArtsServices
import DataArtsTransport

extension MockResponder {
    /// The answer for a change the state file could not write (SPEC §7, issue 10 item 1):
    /// 500 DAYU.3531 instead of the success, the change undone, the file as it was.
    static func notDurable(_ outcome: Outcome, requestID: String) -> Outcome {
        var failed = outcome
        var response = APIError.internalError("the change could not be written to the state file").response
        response.headers.set("X-Request-Id", requestID)
        failed.reply = .response(response)
        failed.changedState = false
        return failed
    }
}
