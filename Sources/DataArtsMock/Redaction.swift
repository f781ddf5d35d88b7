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

    /// The parsed JSON body, a string when it does not parse, nil when there is none.
    static func body(_ bytes: [UInt8]) -> JSONValue? {
        guard !bytes.isEmpty else { return nil }
        guard let value = try? JSONReader.parse(bytes) else { return .string(String(decoding: bytes, as: UTF8.self)) }
        return SecretMask.masked(value)
    }

    static func redactSignature(_ authorization: String) -> String {
        guard let range = authorization.range(of: "Signature=") else { return authorization }
        let rest = authorization[range.upperBound...]
        let end = rest.firstIndex(where: { $0 == "," || $0 == " " }) ?? rest.endIndex
        return String(authorization[..<range.upperBound]) + SecretMask.mask + String(rest[end...])
    }
}
