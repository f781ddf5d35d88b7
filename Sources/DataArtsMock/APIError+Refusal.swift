import DataArtsServices
import DataArtsHTTP1
import DataArtsTransport

extension APIError {
    /// APIGW.0201 and its variants: the transport refused the request before it was parsed.
    static func refusal(_ refusal: HTTPRefusal) -> APIError {
        switch refusal {
        case .malformed(let error):
            let message = switch error.status {
            case .contentTooLarge: "Request entity too large"
            case .uriTooLong: "Request URI too large"
            case .requestHeaderTooLarge: "Request headers too large"
            default: "API request error."
            }
            return .requestRefused(status: error.status, message: message)
        case .timeout:
            return .requestRefused(status: .requestTimeout, message: "Request timeout.")
        case .overloaded:
            return .requestRefused(status: .serviceUnavailable, message: "Too many connections.")
        }
    }
}
