import DataArtsServices
import DataArtsJSON

extension FaultRule {
    /// A rule from the control API's JSON (SPEC §6), every problem reported at once.
    init(json: JSONValue) throws(APIError) {
        guard let object = json.object else { throw .badRequest("body must be a JSON object, not \(json.typeName)") }
        var violations: [String] = []
        func string(_ key: String) -> String? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let text = value.string else {
                violations.append("\(key) must be a string, not \(value.typeName)")
                return nil
            }
            return text
        }
        func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let number = value.number?.intValue, number.description == value.number?.text, range.contains(number) else {
                violations.append("\(key) must be an integer from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return number
        }
        let close: Bool
        switch object["close"] {
        case nil, .null?: close = false
        case .bool(let flag)?: close = flag
        case let other?:
            violations.append("close must be a boolean, not \(other.typeName)")
            close = false
        }
        self.init(
            method: string("method")?.uppercased(), path: string("path"), projectID: string("project"),
            workspace: string("workspace"), times: integer("times", in: 0...1_000_000) ?? 1,
            status: integer("status", in: 200...599), errorCode: string("error_code"), errorMessage: string("error_msg"),
            latencyMilliseconds: integer("latency_ms", in: 0...600_000), close: close)
        if status == nil && !close && latencyMilliseconds == nil {
            violations.append("a fault needs an action: status, close or latency_ms")
        }
        if status != nil && close {
            violations.append("status and close cannot both be given")
        }
        if (errorCode != nil || errorMessage != nil) && status == nil {
            violations.append("error_code and error_msg need a status")
        }
        if !violations.isEmpty { throw .badRequest(violations) }
    }
}
