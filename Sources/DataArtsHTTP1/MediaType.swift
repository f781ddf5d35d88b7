/// The media type of a `Content-Type` value (RFC 9110 §8.3.1): what stands before its
/// parameters, without the blanks around it, compared ASCII case-insensitively.
public enum MediaType {
    /// Whether `contentType` names JSON: `application/json` in any case, parameters allowed
    /// (`application/json;charset=UTF-8`, SPEC §2.1).
    public static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map { String($0).trimmingOWS } ?? ""
        return mediaType.equalsIgnoringASCIICase("application/json")
    }
}
