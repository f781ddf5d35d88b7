import DataArtsServices
import DataArtsHTTP1
import Testing

/// Every rule of the create body and headers, each answered DAYU.4402 naming what is wrong.
@Suite struct ValidationMatrixTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let body: String
        var workspace: String? = DataArtsServicesTests.workspace
        var contentType: String? = "application/json"
        /// Every one of these must appear in `error_msg`.
        let expected: [String]
        var testDescription: String { name }
    }

    static let long = String(repeating: "a", count: 101)

    static let cases: [Case] = [
        Case(name: "missing dw_name", body: wrapped(item("dw_name")), expected: ["data_source_vos[0].dw_name is required"]),
        Case(name: "null dw_name", body: wrapped(item("dw_name", "null")), expected: ["data_source_vos[0].dw_name is required"]),
        Case(name: "numeric dw_name", body: wrapped(item("dw_name", "12")), expected: ["data_source_vos[0].dw_name must be a string, not number"]),
        Case(name: "empty dw_name", body: wrapped(item("dw_name", "\"\"")), expected: ["data_source_vos[0].dw_name must be 1 to 100 characters long, not 0"]),
        Case(name: "101-character dw_name", body: wrapped(item("dw_name", "\"\(long)\"")), expected: ["data_source_vos[0].dw_name must be 1 to 100 characters long, not 101"]),
        Case(name: "dw_name with a space", body: wrapped(item("dw_name", "\"bad name\"")), expected: ["data_source_vos[0].dw_name may hold only letters, digits, _ and -"]),
        Case(name: "dw_name with a dot", body: wrapped(item("dw_name", "\"a.b\"")), expected: ["data_source_vos[0].dw_name may hold only"]),
        Case(name: "dw_name not ASCII", body: wrapped(item("dw_name", "\"连接\"")), expected: ["data_source_vos[0].dw_name may hold only"]),
        Case(name: "missing dw_type", body: wrapped(item("dw_type")), expected: ["data_source_vos[0].dw_type is required"]),
        Case(name: "boolean dw_type", body: wrapped(item("dw_type", "true")), expected: ["data_source_vos[0].dw_type must be a string, not boolean"]),
        Case(name: "65-character dw_type", body: wrapped(item("dw_type", "\"\(String(repeating: "T", count: 65))\"")), expected: ["data_source_vos[0].dw_type must be 1 to 64 characters long"]),
        Case(name: "missing dw_config", body: wrapped(item("dw_config")), expected: ["data_source_vos[0].dw_config is required"]),
        Case(name: "null dw_config", body: wrapped(item("dw_config", "null")), expected: ["data_source_vos[0].dw_config is required"]),
        Case(name: "string dw_config", body: wrapped(item("dw_config", "\"{}\"")), expected: ["data_source_vos[0].dw_config must be an object, not string"]),
        Case(name: "array dw_config", body: wrapped(item("dw_config", "[]")), expected: ["data_source_vos[0].dw_config must be an object, not array"]),
        Case(name: "env_type 2", body: wrapped(item("env_type", "2")), expected: ["data_source_vos[0].env_type must be 0 or 1, not 2"]),
        Case(name: "env_type -1", body: wrapped(item("env_type", "-1")), expected: ["data_source_vos[0].env_type must be 0 or 1, not -1"]),
        Case(name: "env_type \"0\"", body: wrapped(item("env_type", "\"0\"")), expected: ["data_source_vos[0].env_type must be an integer, not string"]),
        Case(name: "env_type 0.5", body: wrapped(item("env_type", "0.5")), expected: ["data_source_vos[0].env_type must be an integer, not 0.5"]),
        Case(name: "env_type 1.0", body: wrapped(item("env_type", "1.0")), expected: ["data_source_vos[0].env_type must be an integer, not 1.0"]),
        Case(name: "env_type 1e0", body: wrapped(item("env_type", "1e0")), expected: ["data_source_vos[0].env_type must be an integer, not 1e0"]),
        Case(name: "env_type true", body: wrapped(item("env_type", "true")), expected: ["data_source_vos[0].env_type must be an integer, not boolean"]),
        Case(name: "numeric agent_id", body: wrapped(item("agent_id", "7")), expected: ["data_source_vos[0].agent_id must be a string, not number"]),
        Case(name: "129-character agent_id", body: wrapped(item("agent_id", "\"\(String(repeating: "x", count: 129))\"")), expected: ["data_source_vos[0].agent_id must be 0 to 128 characters long, not 129"]),
        Case(name: "array agent_name", body: wrapped(item("agent_name", "[\"a\"]")), expected: ["data_source_vos[0].agent_name must be a string, not array"]),
        Case(name: "4097-character description", body: wrapped(item("description", "\"\(String(repeating: "d", count: 4097))\"")), expected: ["data_source_vos[0].description must be 0 to 4096 characters long, not 4097"]),
        Case(name: "object description", body: wrapped(item("description", "{}")), expected: ["data_source_vos[0].description must be a string, not object"]),
        Case(name: "numeric dw_category", body: wrapped(item("dw_category", "3")), expected: ["data_source_vos[0].dw_category must be a string, not number"]),
        Case(name: "supportService as a string", body: wrapped(item("supportService", "\"4\"")), expected: ["data_source_vos[0].supportService must be an integer, not string"]),
        Case(name: "supportService 128", body: wrapped(item("supportService", "128")), expected: ["data_source_vos[0].supportService must be from 0 to 127, not 128"]),
        Case(name: "numeric qualified_name", body: wrapped(item("qualified_name", "1")), expected: ["data_source_vos[0].qualified_name must be a string, not number"]),
        Case(name: "boolean dw_id", body: wrapped(item("dw_id", "false")), expected: ["data_source_vos[0].dw_id must be a string, not boolean"]),
        Case(name: "129-character create_user", body: wrapped(item("create_user", "\"\(String(repeating: "u", count: 129))\"")), expected: ["data_source_vos[0].create_user must be 0 to 128 characters long"]),
        Case(name: "string create_time", body: wrapped(item("create_time", "\"now\"")), expected: ["data_source_vos[0].create_time must be a number, not string"]),
        Case(name: "create_time 1e400", body: wrapped(item("create_time", "1e400")), expected: ["data_source_vos[0].create_time is too large a number"]),
        Case(name: "missing data_source_vos", body: "{}", expected: ["data_source_vos is required"]),
        Case(name: "empty data_source_vos", body: "{\"data_source_vos\":[]}", expected: ["data_source_vos must hold 1 to 50 items, not 0"]),
        Case(name: "51 items", body: "{\"data_source_vos\":[\((0..<51).map { item(name: "c\($0)") }.joined(separator: ","))]}", expected: ["data_source_vos must hold 1 to 50 items, not 51"]),
        Case(name: "object data_source_vos", body: "{\"data_source_vos\":{}}", expected: ["data_source_vos must be an array, not object"]),
        Case(name: "string item", body: "{\"data_source_vos\":[\"x\"]}", expected: ["data_source_vos[0] must be an object, not string"]),
        Case(name: "duplicate names in one request", body: wrapped(item(name: "same"), item(name: "same")), expected: ["data_source_vos[1].dw_name duplicates data_source_vos[0].dw_name (same)"]),
        Case(name: "second item invalid", body: wrapped(item(name: "ok"), item("dw_type", name: "two")), expected: ["data_source_vos[1].dw_type is required"]),
        Case(name: "mode 2", body: "{\"mode\":2,\"data_source_vos\":[\(item())]}", expected: ["mode must be 0 or 1, not 2"]),
        Case(name: "visible \"1\"", body: "{\"visible\":\"1\",\"data_source_vos\":[\(item())]}", expected: ["visible must be an integer, not string"]),
        Case(name: "every violation at once", body: wrapped(item("dw_name", "1"), item("env_type", "5", name: "b")), expected: ["data_source_vos[0].dw_name must be a string", "data_source_vos[1].env_type must be 0 or 1, not 5"]),
        Case(name: "top-level array", body: "[\(item())]", expected: ["body must be a JSON object, not array"]),
        Case(name: "top-level string", body: "\"x\"", expected: ["body must be a JSON object, not string"]),
        Case(name: "empty body", body: "", expected: ["request body is required"]),
        Case(name: "malformed JSON", body: "{\"data_source_vos\":[", expected: ["request body is not valid JSON", "at byte 20"]),
        Case(name: "trailing comma", body: "{\"data_source_vos\":[],}", expected: ["request body is not valid JSON"]),
        Case(name: "control character in a string", body: "{\"data_source_vos\":[{\"dw_name\":\"\u{1}\"}]}", expected: ["request body is not valid JSON"]),
        Case(name: "10,000-deep array", body: String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), expected: ["request body is not valid JSON", "nesting"]),
        Case(name: "text/plain content type", body: wrapped(item()), contentType: "text/plain", expected: ["Content-Type header must be application/json, not text/plain"]),
        Case(name: "missing content type", body: wrapped(item()), contentType: nil, expected: ["Content-Type header is required and must be application/json"]),
        Case(name: "missing workspace", body: wrapped(item()), workspace: nil, expected: ["workspace header is required"]),
        Case(name: "empty workspace", body: wrapped(item()), workspace: "", expected: ["workspace header is required"]),
        Case(name: "65-character workspace", body: wrapped(item()), workspace: String(repeating: "w", count: 65), expected: ["workspace header must be at most 64 characters long"]),
        Case(name: "missing workspace and a bad body", body: wrapped(item("dw_type")), workspace: nil, expected: ["workspace header is required", "data_source_vos[0].dw_type is required"]),
    ]

    @Test(arguments: cases)
    func isRefusedWithEveryViolationNamed(_ testCase: Case) throws {
        let api = makeAPI()
        let response = api.call(
            "POST", "/v1/\(project)/data-connections", body: testCase.body, workspace: testCase.workspace,
            contentType: testCase.contentType)
        #expect(response.status.code == 400)
        #expect(response.errorCode == "DAYU.4402")
        let message = try #require(response.errorMessage)
        #expect(message.hasPrefix("The operation failed, detail msg "))
        #expect(message.hasSuffix("."))
        for expected in testCase.expected {
            #expect(message.contains(expected), "\(message)")
        }
        #expect(api.store.count == 0)
    }

    @Test func invalidUTF8BytesAreRefusedWithTheirOffset() {
        let api = makeAPI()
        let body: [UInt8] = Array("{\"data_source_vos\":[{\"dw_name\":\"".utf8) + [0xC3, 0x28] + Array("\"}]}".utf8)
        let response = api.callRaw(body: body)
        #expect(response.errorCode == "DAYU.4402")
        #expect(response.errorMessage?.contains("UTF-8") == true)
    }
}
