import DataArtsServices
import Foundation
import DataArtsHTTP1
import DataArtsJSON

/// What the journal keeps of a request, secrets removed (SPEC §6): `X-Auth-Token` and the
/// `Signature=` part of `Authorization` become `******`, as does every secret key of the body.
enum Redaction {
    static func headers(_ headers: HTTPHeaders) -> [(name: String, value: String)] {
        headers.map { field in
            if field.name.equalsIgnoringASCIICase("Authorization") {
                return (field.name, redactSignature(field.value))
            }
            return (field.name, SecretMask.isSecret(field.name) ? SecretMask.mask : field.value)
        }
    }

    /// The JSON body with its secrets masked (parsed here only when the service did not parse
    /// it already), a string when it is not JSON, nil when there is none.
    static func body(_ body: inout RequestBody) -> JSONValue? {
        guard !body.isEmpty else { return nil }
        switch body.json() {
        case .success(let value): return SecretMask.masked(value)
        case .failure: return .string(String(decoding: body.bytes, as: UTF8.self))
        }
    }

    static func redactSignature(_ authorization: String) -> String {
        guard let range = authorization.range(of: "Signature=") else { return authorization }
        let rest = authorization[range.upperBound...]
        let end = rest.firstIndex(where: { $0 == "," || $0 == " " }) ?? rest.endIndex
        return String(authorization[..<range.upperBound]) + SecretMask.mask + String(rest[end...])
    }
}
