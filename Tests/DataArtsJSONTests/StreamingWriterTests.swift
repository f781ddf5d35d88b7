import DataArtsJSON
import Testing

/// The streaming calls write what serialising the same value writes.
@Suite struct StreamingWriterTests {
    @Test func nestedContainersMatchTheSerialisedValue() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("count", 2)
        writer.key("items")
        writer.beginArray()
        writer.beginObject()
        writer.member("a", "x/y")
        writer.member("b", nil)
        writer.endObject()
        writer.value([1, [true]])
        writer.beginArray()
        writer.endArray()
        writer.beginObject()
        writer.endObject()
        writer.endArray()
        writer.member("last", ["k": "v"])
        writer.endObject()
        let value: JSONValue = [
            "count": 2, "items": [["a": "x/y", "b": nil], [1, [true]], [], [:]], "last": ["k": "v"],
        ]
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: value.serialized(), as: UTF8.self))
    }

    /// The typed member calls (no `JSONValue` built) write what the value-taking ones write.
    @Test(arguments: [0, 7, -42, 1_796_188_314_207, Int.max, Int.min])
    func typedMembersMatchTheValueMembers(_ number: Int) {
        let key = JSONKey("k")
        var typed = JSONWriter()
        typed.beginObject()
        typed.member(key, integer: number)
        typed.member(key, string: "a\"b\\c\u{1}é/")
        typed.member(key, optionalString: nil)
        typed.member(key, optionalString: "x")
        typed.endObject()
        var valued = JSONWriter()
        valued.beginObject()
        valued.member(key, .number(JSONNumber(number)))
        valued.member(key, .string("a\"b\\c\u{1}é/"))
        valued.member(key, .null)
        valued.member(key, .string("x"))
        valued.endObject()
        #expect(String(decoding: typed.bytes, as: UTF8.self) == String(decoding: valued.bytes, as: UTF8.self))
    }

    /// Pre-encoded values go in with the same commas as any other value.
    @Test func encodedValuesAreSeparatedLikeOthers() {
        var item = JSONWriter()
        item.write(["a": 1])
        var writer = JSONWriter()
        writer.beginArray()
        for _ in 0..<3 { item.bytes.withUnsafeBytes { writer.value(encoded: $0) } }
        writer.endArray()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"[{"a":1},{"a":1},{"a":1}]"#)
    }

    /// Members measured with `span(of:)` come back, rearranged, as an object of their own.
    @Test func spannedMembersMakeAnObjectInAnyOrder() {
        var source = JSONWriter()
        source.beginObject()
        let a = source.span { $0.member("a", "x,\"y") }
        source.member("skipped", [1, 2])
        let b = source.span { $0.member("b", ["n": nil]) }
        source.endObject()
        #expect(String(decoding: source.bytes[a], as: UTF8.self) == #""a":"x,\"y""#)
        var writer = JSONWriter()
        writer.beginArray()
        let ranges = [b, a].map { Int32($0.lowerBound)..<Int32($0.upperBound) }
        for _ in 0..<2 {
            ranges.withUnsafeBufferPointer { members in
                source.bytes.withUnsafeBytes { writer.object(members: members, in: $0) }
            }
        }
        ranges.prefix(0).withUnsafeBufferPointer { members in
            source.bytes.withUnsafeBytes { writer.object(members: members, in: $0) }
        }
        source.bytes.withUnsafeBytes { writer.object(members: [b, a], in: $0) }
        writer.endArray()
        #expect(String(decoding: writer.bytes, as: UTF8.self)
            == #"[{"b":{"n":null},"a":"x,\"y"},{"b":{"n":null},"a":"x,\"y"},{},{"b":{"n":null},"a":"x,\"y"}]"#)
    }

    @Test func aTopLevelArrayOfStreamedObjects() {
        var writer = JSONWriter()
        writer.beginArray()
        for index in 0..<3 {
            writer.beginObject()
            writer.member("i", .number(JSONNumber(index)))
            writer.endObject()
        }
        writer.endArray()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"[{"i":0},{"i":1},{"i":2}]"#)
    }
}
