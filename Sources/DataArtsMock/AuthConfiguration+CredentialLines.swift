extension AuthConfiguration {
    /// Adds the secrets of a `--credentials-file` or of `DATAARTS_MOCK_CREDENTIALS` (SPEC §7),
    /// which keep them out of `/proc/PID/cmdline` (issue 10 item 12). One per line:
    ///
    ///     token TOKEN[@PROJECT[:USER]]
    ///     credential AK:SK[@PROJECT[:USER]]
    ///     user NAME:PASSWORD
    ///
    /// Blank lines and lines whose first non-blank character is `#` are ignored (a `#` later in
    /// a line is part of the secret). All lines are checked before any is added; an error
    /// names `source` and the line, never the secret on it.
    public mutating func add(credentialLines text: String, from source: String) throws(CredentialLinesError) {
        var tokens: [Token] = []
        var credentials: [Credential] = []
        var users: [User] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = rawLine.trimmingBlanks()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let kind = String(line.prefix { $0 != " " && $0 != "\t" })
            let value = String(line.dropFirst(kind.count)).trimmingBlanks()
            func fail(_ problem: String) -> CredentialLinesError {
                CredentialLinesError(source: source, line: index + 1, problem: problem)
            }
            switch kind {
            case "token":
                guard let token = Token(value) else { throw fail("`token` needs a value: token TOKEN[@PROJECT[:USER]]") }
                tokens.append(token)
            case "credential":
                guard let credential = Credential(value) else {
                    throw fail("`credential` needs an access key and a secret key: credential AK:SK[@PROJECT[:USER]]")
                }
                credentials.append(credential)
            case "user":
                guard let user = User(value) else { throw fail("`user` needs a name and a password: user NAME:PASSWORD") }
                users.append(user)
            default:
                throw fail("unknown kind `\(kind.prefix(20))`: a line starts with token, credential or user")
            }
        }
        self.tokens += tokens
        self.credentials += credentials
        self.users += users
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and carriage returns (a file saved on Windows).
    fileprivate func trimmingBlanks() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
