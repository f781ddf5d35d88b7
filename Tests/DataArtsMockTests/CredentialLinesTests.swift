import DataArtsMock
import Testing

/// `--credentials-file` and `DATAARTS_MOCK_CREDENTIALS` lines (SPEC §7, issue 10 item 12).
@Suite struct CredentialLinesTests {
    @Test func everyKindIsReadAndCommentsAndBlankLinesAreSkipped() throws {
        var auth = AuthConfiguration(tokens: [AuthConfiguration.Token(token: "from-flag")])
        try auth.add(credentialLines: """
            # tokens for the CI job
            token t1
              token t2@p2:alice\r

            credential AK1:S#K:1@p3:bob
            user alice:pass:word
            """, from: "creds.txt")
        #expect(auth.tokens == [
            .init(token: "from-flag"), .init(token: "t1"), .init(token: "t2", projectID: "p2", userName: "alice"),
        ])
        #expect(auth.credentials == [.init(accessKey: "AK1", secretKey: "S#K:1", projectID: "p3", userName: "bob")])
        #expect(auth.users == [.init(name: "alice", password: "pass:word")])
    }

    @Test(arguments: [
        ("token t1\ntoken\n", 2, "`token` needs a value"),
        ("credential AKONLY-SECRET\n", 1, "`credential` needs an access key and a secret key"),
        ("# c\nuser nopassword-SECRET\n", 2, "`user` needs a name and a password"),
        ("tokn SECRET\n", 1, "unknown kind `tokn`"),
    ])
    func aBadLineNamesTheFileAndLineAndNotTheSecret(_ text: String, _ line: Int, _ problem: String) {
        var auth = AuthConfiguration()
        #expect {
            try auth.add(credentialLines: text, from: "creds.txt")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("creds.txt:\(line): ") && text.contains(problem) && !text.contains("SECRET")
        }
        // All or nothing: the good lines before the bad one are not added either.
        #expect(auth.tokens.isEmpty && auth.credentials.isEmpty && auth.users.isEmpty)
    }
}
