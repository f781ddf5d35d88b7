import DataArtsJSON

/// The body of `POST /v3/auth/tokens` (SPEC §8.2), read into a value: if one exists, the body
/// followed IAM's schema. Every shape problem is IAM.0011, as IAM answers it (one fixed text).
struct PasswordLogin {
    enum Scope {
        case projectID(String)
        case projectName(String)
        case domain
    }

    let methods: [String]
    let userName: String
    let password: String
    /// `user.domain.name` or `user.domain.id`: the account the user belongs to.
    let userDomain: String
    /// The MFA code when `methods` holds `totp`.
    let passcode: String?
    let scope: Scope

    init(_ body: JSONValue) throws(APIError) {
        guard let identity = body.object?["auth"]?.object?["identity"]?.object,
              let methodValues = identity["methods"]?.array
        else { throw .iamInvalidBody }
        let methods = methodValues.compactMap(\.string)
        guard methods.count == methodValues.count, methods.contains("password"),
              methods.allSatisfy({ $0 == "password" || $0 == "totp" })
        else { throw .iamInvalidBody }
        guard let user = identity["password"]?.object?["user"]?.object,
              let name = user["name"]?.string, !name.isEmpty,
              let password = user["password"]?.string,
              let domain = user["domain"]?.object,
              let domainName = Self.nameOrID(domain)
        else { throw .iamInvalidBody }

        var passcode: String?
        if methods.contains("totp") {
            guard let totpUser = identity["totp"]?.object?["user"]?.object,
                  totpUser["id"]?.string != nil, let code = totpUser["passcode"]?.string
            else { throw .iamInvalidBody }
            passcode = code
        }

        guard let scope = body.object?["auth"]?.object?["scope"]?.object else { throw .iamInvalidBody }
        let project = scope["project"]?.object
        let domainScope = scope["domain"]?.object
        switch (project, domainScope) {
        case (let project?, nil):
            if let id = project["id"]?.string, !id.isEmpty {
                self.scope = .projectID(id)
            } else if let region = project["name"]?.string, !region.isEmpty {
                self.scope = .projectName(region)
            } else {
                throw .iamInvalidBody
            }
        case (nil, let domainScope?):
            guard Self.nameOrID(domainScope) != nil else { throw .iamInvalidBody }
            self.scope = .domain
        default:
            // Neither, or both: IAM wants exactly one scope.
            throw .iamInvalidBody
        }

        self.methods = methods
        userName = name
        self.password = password
        userDomain = domainName
        self.passcode = passcode
    }

    /// `id` if present (IAM recommends it), else `name`; nil if neither is a non-empty string.
    private static func nameOrID(_ object: JSONObject) -> String? {
        if let id = object["id"]?.string, !id.isEmpty { return id }
        if let name = object["name"]?.string, !name.isEmpty { return name }
        return nil
    }

    /// Any six digits pass as a TOTP code [choice: the mock has no authenticator app].
    var hasWellFormedPasscode: Bool {
        guard let passcode else { return true }
        return passcode.utf8.count == 6 && passcode.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
