import DataArtsJSON
import DataArtsServices
import Testing

@Suite struct SecretMaskTests {
    @Test(arguments: [
        "password", "dbPassword", "DB_PASSWORD", "passwd", "pwd", "clientSecret", "X-Auth-Token", "X-Subject-Token",
        "securityKey", "private_key", "privateKey", "credential", "credentials", "keytab", "sk", "SK", "user_sk", "USER_SK", "userSk",
        // Spellings that must not dodge the rule.
        "pass_word", "Pass-Word", "PASS.WORD", "db password", "pass word", "to-ken", "se_cret", "Private-Key", "key_tab",
    ])
    func secretNames(_ name: String) {
        #expect(SecretMask.isSecret(name), "\(name)")
    }

    @Test(arguments: ["task", "disk", "dw_name", "clusterName", "dbUserName", "host", "ask_", "risky", "SKU", "workspace"])
    func ordinaryNames(_ name: String) {
        #expect(!SecretMask.isSecret(name), "\(name)")
    }

    @Test func masksAtAnyDepthWhateverTheType() throws {
        let value = try JSONReader.parse(Array(#"{"a":{"Pass_Word":1,"list":[{"token":null}]},"host":"h"}"#.utf8))
        #expect(String(decoding: SecretMask.masked(value).serialized(), as: UTF8.self)
            == #"{"a":{"Pass_Word":"******","list":[{"token":"******"}]},"host":"h"}"#)
    }

    @Test func writingMaskedIsSerialisingTheMaskedValue() throws {
        let value = try JSONReader.parse(Array(#"{"a":{"pwd":[1,2],"list":[{"token":"t"},3,[{"sk":1}]]},"host":"h","e":{}}"#.utf8))
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        var writer = JSONWriter()
        SecretMask.write(object, into: &writer)
        #expect(writer.bytes == SecretMask.masked(value).serialized())
    }
}
