import DataArtsServices
import DataArtsJSON

extension FaultRule {
    /// A rule from the control API's JSON (SPEC §6), every problem reported at once.
    init(json: JSONValue) throws(APIError) {
        guard let object = json.object else { throw .badRequest("body must be a JSON object, not \(json.typeName)") }
        var violations = Violations()
        func string(_ key: String) -> String? { violations.string(object, key, at: "", maxLength: .max) }
        func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
            violations.integer(object, key, at: "", in: range, sayInteger: true)
        }
        self.init(
            method: string("method")?.uppercased(), path: string("path"), projectID: string("project"),
            workspace: string("workspace"), times: integer("times", in: 0...1_000_000) ?? 1,
            status: integer("status", in: 200...599), errorCode: string("error_code"), errorMessage: string("error_msg"),
            latencyMilliseconds: integer("latency_ms", in: 0...600_000),
            close: violations.boolean(object, "close", at: "") ?? false)
        if status == nil && !close && latencyMilliseconds == nil {
            violations.add("a fault needs an action: status, close or latency_ms")
        }
        if status != nil && close {
            violations.add("status and close cannot both be given")
        }
        if (errorCode != nil || errorMessage != nil) && status == nil {
            violations.add("error_code and error_msg need a status")
        }
        try violations.check()
    }
}
