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
