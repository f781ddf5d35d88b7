import DataArtsJSON
import Testing

/// Objects keep their members in order; a key appears once, compared by its bytes.
struct JSONObjectTests {
    @Test func keepsTheOrderOfALiteral() {
        let object: JSONObject = ["z": 1, "a": 2, "m": 3]
        #expect(object.keys == ["z", "a", "m"])
        #expect(JSONValue.object(object).jsonString == #"{"z":1,"a":2,"m":3}"#)
    }

    @Test func replacesAValueInPlace() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = "two"
        #expect(object.members == [.init(key: "a", value: 1), .init(key: "b", value: "two"), .init(key: "c", value: 3)])
    }

    @Test func appendsANewKey() {
        var object: JSONObject = ["b": 1]
        object["a"] = true
        #expect(object.keys == ["b", "a"])
        #expect(object["a"] == true)
        #expect(object["missing"] == nil)
    }

    @Test func removesAKeyAndStillFindsTheOthers() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3, "d": 4]
        object["b"] = nil
        object["x"] = nil
        #expect(object.keys == ["a", "c", "d"])
        #expect(object["c"] == 3 && object["d"] == 4)
        object["d"] = 5
        object["b"] = 6
        #expect(JSONValue.object(object).jsonString == #"{"a":1,"c":3,"d":5,"b":6}"#)
    }

    @Test func givesTheLastValueOfARepeatedKeyTheFirstPlace() {
        let fromMembers = JSONObject([.init(key: "a", value: 1), .init(key: "b", value: 2), .init(key: "a", value: 3)])
        let fromPairs = JSONObject(["a": 1, "b": 2, "a": 3] as KeyValuePairs<String, JSONValue>)
        let fromLiteral: JSONObject = ["a": 1, "b": 2, "a": 3]
        for object in [fromMembers, fromPairs, fromLiteral] {
            #expect(object.members == [.init(key: "a", value: 3), .init(key: "b", value: 2)])
        }
    }

    @Test func readsRepeatedKeysLikePython() throws {
        let value = try JSONReader.parse(Array(#"{"a":1,"b":{"x":1,"x":2},"a":[3],"c":4,"b":null}"#.utf8))
        #expect(value.jsonString == #"{"a":[3],"b":null,"c":4}"#)
        let nested = try JSONReader.parse(Array(#"[{"x":1,"x":2},{"x":3}]"#.utf8))
        #expect(nested.jsonString == #"[{"x":2},{"x":3}]"#)
    }

    /// RFC 8259 §8.3 compares strings code unit by code unit; Swift's `==` would merge these.
    @Test func tellsCanonicallyEquivalentKeysApart() throws {
        let value = try JSONReader.parse(Array(#"{"\u00e9":1,"e\u0301":2}"#.utf8))
        let object = try #require(value.object)
        #expect(object.count == 2)
        #expect(object["\u{E9}"] == 1)
        #expect(object["e\u{301}"] == 2)
        #expect(value.jsonString == "{\"\u{E9}\":1,\"e\u{301}\":2}")
    }

    @Test func comparesMembersInOrder() {
        let ab: JSONObject = ["a": 1, "b": 2]
        let ba: JSONObject = ["b": 2, "a": 1]
        #expect(ab != ba)
        #expect(ab == JSONObject([.init(key: "a", value: 1), .init(key: "b", value: 2)]))
        #expect(JSONObject() == [:])
        #expect(JSONObject().isEmpty && !ab.isEmpty)
    }

    @Test func describesItselfAsCompactJSON() {
        let object: JSONObject = ["a": [1, nil]]
        #expect(object.description == #"{"a":[1,null]}"#)
    }

    @Test func findsKeysInALargeObject() throws {
        let text = "{" + (0..<10_000).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + "}"
        let object = try #require(try JSONReader.parse(Array(text.utf8)).object)
        #expect(object.count == 10_000)
        #expect(object["k9999"] == 9999)
        #expect(object.keys.first == "k0")
    }

    /// Past 16 keys lookups go through an index; it must follow removals and replacements.
    @Test func keepsLookupsRightInALargeObjectAsItChanges() {
        var object = JSONObject((0..<20).map { JSONObject.Member(key: "k\($0)", value: .number(JSONNumber($0))) })
        object["k3"] = nil
        object["k0"] = nil
        object["k5"] = "five"
        object["k3"] = 33
        #expect(object.count == 19)
        #expect(object.keys.prefix(4) == ["k1", "k2", "k4", "k5"])
        #expect(object.keys.last == "k3")
        #expect(object["k19"] == 19 && object["k5"] == "five" && object["k3"] == 33 && object["k0"] == nil)
        for (index, member) in object.members.enumerated() {
            #expect(object[member.key] == object.members[index].value)
        }
    }
}
