import DataArtsJSON
import Testing

/// Accessors, literals and equality of values.
struct JSONValueTests {
    /// The shape of a vendor error reply, built tersely; SPEC §3 fixes its key order.
    @Test func buildsVendorRepliesInLiteralOrder() {
        let message = "The operation failed, detail msg dw_name is required."
        let reply: JSONValue = ["error_code": "DAYU.4402", "error_msg": .string(message)]
        #expect(reply.jsonString == #"{"error_code":"DAYU.4402","error_msg":"The operation failed, detail msg dw_name is required."}"#)
        let success: JSONValue = ["is_success": true, "message": nil]
        #expect(success.jsonString == #"{"is_success":true,"message":null}"#)
        let list: JSONValue = ["count": 2, "items": [1, "two", false, nil, [:], []]]
        #expect(list.jsonString == #"{"count":2,"items":[1,"two",false,null,{},[]]}"#)
    }

    @Test func answersOnlyTheAccessorOfItsCase() throws {
        let value = try JSONReader.parse(Array(#"{"s":"x","n":1.5,"b":false,"a":[],"o":{},"z":null}"#.utf8))
        let object = try #require(value.object)
        #expect(object["s"]?.string == "x")
        #expect(object["n"]?.number?.text == "1.5")
        #expect(object["b"]?.bool == false)
        #expect(object["a"]?.array == [])
        #expect(object["o"]?.object == JSONObject())
        #expect(object["z"]?.isNull == true)
        #expect(object["s"]?.number == nil && object["n"]?.string == nil && object["b"]?.array == nil)
        #expect(object["a"]?.object == nil && object["o"]?.bool == nil && object["z"]?.string == nil)
        #expect(object["s"]?.isNull == false)
    }

    @Test(arguments: [
        ("null", "null"), ("true", "boolean"), ("0", "number"), ("1.5", "number"),
        (#""s""#, "string"), ("[]", "array"), ("{}", "object"),
    ])
    func namesItsTypeForErrorMessages(_ text: String, _ typeName: String) throws {
        #expect(try JSONReader.parse(Array(text.utf8)).typeName == typeName)
    }

    /// Equality follows the bytes: Swift's `String ==` would call these equal.
    @Test func comparesStringsByTheirBytes() {
        #expect(JSONValue.string("\u{E9}") != .string("e\u{301}"))
        #expect(JSONValue.string("\u{E9}") == "\u{E9}")
    }

    @Test func comparesAcrossCases() {
        #expect(JSONValue.null != false)
        #expect(JSONValue.number(JSONNumber(0)) != false)
        #expect(JSONValue.array([]) != .object([:]))
        #expect(JSONValue.string("1") != 1)
        #expect([1, [2, ["a": nil]]] as JSONValue == [1, [2, ["a": nil]]])
    }

    @Test func describesItselfAsCompactJSON() {
        let value: JSONValue = ["a": ["b/c", 1]]
        #expect(value.description == #"{"a":["b/c",1]}"#)
        #expect(value.jsonString == value.description)
    }
}
