import DataArtsHTTP1
import DataArtsServices

/// A fault to apply to one request: from a rule, or from its `X-Mock-Fault` header.
struct InjectedFault: Sendable, Equatable {
    enum Action: Sendable, Equatable {
        /// An error answer of the code's own shape (SPEC §6).
        case answer(APIError)
        case close
    }

    /// `nil`: the real answer, only delayed.
    var action: Action?
    var latencyMilliseconds: Int?

    init(rule: FaultRule) {
        latencyMilliseconds = rule.latencyMilliseconds
        if rule.close {
            action = .close
        } else if let status = rule.status {
            let code = rule.errorCode ?? VendorCode.implied(by: status).code
            action = .answer(.injected(
                status: HTTPStatus(status), code: code, message: rule.errorMessage ?? FaultRules.defaultMessage(for: code)))
        }
    }

    private init(action: Action?, latencyMilliseconds: Int?) {
        self.action = action
        self.latencyMilliseconds = latencyMilliseconds
    }

    /// `X-Mock-Fault: <status> <error_code>`, `close`, or `latency <ms>` (SPEC §6); nil without
    /// the header, DAYU.4402 for a value of another form.
    static func header(_ value: String?) throws(APIError) -> InjectedFault? {
        guard let value else { return nil }
        let parts = value.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch parts.count {
        case 1 where parts[0].lowercased() == "close":
            return InjectedFault(action: .close, latencyMilliseconds: nil)
        case 2 where parts[0].lowercased() == "latency":
            guard let milliseconds = Int(parts[1]), (0...600_000).contains(milliseconds) else { break }
            return InjectedFault(action: nil, latencyMilliseconds: milliseconds)
        case 1, 2:
            guard let status = Int(parts[0]), (200...599).contains(status) else { break }
            let code = parts.count == 2 ? parts[1] : VendorCode.implied(by: status).code
            return InjectedFault(
                action: .answer(.injected(status: HTTPStatus(status), code: code, message: FaultRules.defaultMessage(for: code))),
                latencyMilliseconds: nil)
        default:
            break
        }
        throw .badRequest("X-Mock-Fault header must be '<status> <error_code>', 'close' or 'latency <ms>', not '\(value)'")
    }
}
